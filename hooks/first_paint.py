"""MkDocs hook: every page paints from its first round trip. The styles its first screen needs go inline, the
stylesheets move to the end of <body>, and inline icons get a size (the plain Python is commonroom/first_paint.py).

Applies to every page Material renders, so pages other hooks add (a region's help-now page, say) get it too.
"""

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

from commonroom.first_paint import STYLESHEET_LINK, critical_css, paint_first

HREF = r"""\bhref=["']?([^"'\s>]+)"""


def on_config(config):
    config.extra["first_paint_cache"] = {}


def _stylesheets(html: str, page_dest: str, config) -> tuple[Path, ...] | None:
    """The files of the stylesheets <head> links to, in order; None if one is not a file of this site."""
    site = Path(config.site_dir)
    base = urlsplit(config.site_url or "").path or "/"
    found = []
    for link in STYLESHEET_LINK.findall(html[:html.find("</head>")]):
        href = re.search(HREF, link)
        if not href or urlsplit(href[1]).scheme or urlsplit(href[1]).netloc:
            return None
        path = urlsplit(href[1]).path
        if path.startswith("/"):
            relative = path[len(base):] if path.startswith(base) else path.lstrip("/")
            target = site / relative
        else:
            target = site / PurePosixPath(page_dest).parent / path
        if not target.resolve().is_file():
            return None
        found.append(target.resolve())
    return tuple(found)


def _paint_first(html: str, dest_uri: str, config) -> str:
    sheets = _stylesheets(html, dest_uri, config)
    if not sheets:
        return html
    cache = config.extra["first_paint_cache"]
    if sheets not in cache:
        cache[sheets] = critical_css([sheet.read_text(encoding="utf-8") for sheet in sheets])
    return paint_first(html, cache[sheets])


@event_priority(-50)  # after hooks that change the page's tags (scripts.py), before csp.py hashes the result
def on_post_page(output, page, config):
    return _paint_first(output, page.file.dest_uri, config)


@event_priority(-50)
def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return _paint_first(output_content, template_name, config)
