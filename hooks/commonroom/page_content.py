"""What a built page says, read back from its HTML: the main content (for the search index) and its title.

The search index is built after the generator, from the HTML it wrote, so it does not depend on one generator's
events. The main content is what the page's Markdown became: the <article> less what the templates add around it
(the title heading Material adds when the content has none, the wallet-card link and the report-a-problem line).
"""

from __future__ import annotations

import html
import re

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
ADDED_TITLE = re.compile(r"\s*<h1>(.*?)</h1>", re.S)
FIRST_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
AFTER_CONTENT = ('<p class="cr-wallet-link">', '<p class="cr-report">')  # overrides/main.html, after the content


def main_content(page_html: str) -> str:
    found = ARTICLE.search(page_html)
    if not found:
        return ""
    content = found.group(1)
    for added in AFTER_CONTENT:
        end = content.rfind(added)
        if end != -1:
            content = content[:end]
    # Material adds <h1>title</h1> only when the content has no "<h1"; headings from Markdown carry an id.
    title = ADDED_TITLE.match(content)
    if title and "<h1" not in content[title.end():]:
        content = content[title.end():]
    return content


def first_heading(content: str) -> str | None:
    """The text of the content's first <h1>, as MkDocs takes a page's title from it."""
    found = FIRST_H1.search(content)
    if not found:
        return None
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def title_from_name(src_uri: str) -> str:
    """MkDocs' last resort: the file name, dashes as spaces, capitalised if all lower case."""
    stem = src_uri.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if stem in ("index", "README"):
        stem = src_uri.rsplit("/", 2)[-2] if "/" in src_uri else "Home"
    title = stem.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title
