"""The Zensical canary: the same prepared site, built by Zensical (MkDocs' successor) and by MkDocs, says the same.

MkDocs 1.6 is the last MkDocs that runs Material and its plugins; Zensical reads the same mkdocs.yml and overrides/.
Every step but the generator is plain Python (prepare, finish), so the site should not depend on which one runs.
These tests build the default site with Zensical (pinned in requirements-test.txt) and compare it with the MkDocs
build, page by page: the same pages, the same main text, the same links. A change that only MkDocs can build
fails here first, while there is still time to choose.
"""

from __future__ import annotations

import importlib.util
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import build, copy_project

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("zensical") is None,
                       reason="zensical is not installed (pip install -r requirements-test.txt installs the canary)"),
]

# Known differences in a page's main text: page -> (why, the text MkDocs shows, the text Zensical shows there).
# Each must still occur, so an exception that is no longer needed is noticed and removed.
TEXT_EXCEPTIONS = {
    "make-it-yours/index.html": (
        "A fenced code block indented inside a list item (the go-live checklist's hub_contact example). MkDocs' "
        "fenced_code does not see a fence inside a list, so MkDocs shows it as inline code that starts with the "
        "word 'yaml'; Zensical adds pymdownx.superfences, which shows it as a code block.",
        "yaml hub_contact:", "hub_contact:",
    ),
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class MainContent(HTMLParser):
    """The text and the link targets of a page's main content (Material's <article class="md-content__inner">)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.hidden = 0
        self.text: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if not self.depth:
            if tag == "article" and "md-content__inner" in (attributes.get("class") or "").split():
                self.depth = 1
            return
        if tag not in VOID:
            self.depth += 1
        if tag in ("script", "style"):
            self.hidden += 1
        if tag == "a" and attributes.get("href") is not None:
            self.hrefs.append(attributes["href"])

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in VOID:
            self.depth -= 1
            if tag in ("script", "style"):
                self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden:
            self.text.append(data)


def site_address(href: str, page: str) -> str:
    """A link as the address it opens from `page` (a path in the site such as guides/index.html): site-absolute
    (/guides/evidence/), with index.html dropped; other sites' addresses, mailto: and tel: as they are."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return href
    here = "/" + posixpath.dirname(page)
    path = posixpath.normpath(posixpath.join(here, parts.path)) if parts.path else "/" + page
    if (parts.path.endswith("/") or parts.path in (".", "..")) and not path.endswith("/"):
        path += "/"
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def read_page(site: Path, page: str) -> tuple[str, list[str]]:
    """(main text, whitespace-normalised, without the site's own CSP; links as site addresses) of one page. The
    CSP is cut out because it lists hashes of each engine's own inline scripts (the deploy page shows it)."""
    parser = MainContent()
    parser.feed((site / page).read_text(encoding="utf-8"))
    text = " ".join("".join(parser.text).split())
    policy = " ".join((site / "deploy" / "csp.txt").read_text(encoding="utf-8").split())
    return text.replace(policy, "CSP"), [site_address(href, page) for href in parser.hrefs]


def pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    """The real project built with Zensical through the same three steps (prepare, generate, finish)."""
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    result = build(project, "--engine", "zensical")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_zensical_builds_every_page_mkdocs_builds(built_site, zensical_site):
    mkdocs, zensical = pages(built_site), pages(zensical_site)
    assert len(mkdocs) > 250, "the MkDocs build is missing most of its pages"
    assert sorted(set(mkdocs) - set(zensical)) == [], "pages Zensical did not build"
    assert sorted(set(zensical) - set(mkdocs)) == [], "pages only Zensical built"


def test_each_page_says_the_same_under_both_engines(built_site, zensical_site):
    differ = []
    for page in pages(built_site):
        mkdocs_text, _ = read_page(built_site, page)
        zensical_text, _ = read_page(zensical_site, page)
        if page in TEXT_EXCEPTIONS:
            _, under_mkdocs, under_zensical = TEXT_EXCEPTIONS[page]
            assert under_mkdocs in mkdocs_text, f"{page}: the known difference is gone; remove its exception"
            mkdocs_text = mkdocs_text.replace(under_mkdocs, under_zensical, 1)
        if mkdocs_text != zensical_text:
            start = next((i for i, (a, b) in enumerate(zip(mkdocs_text, zensical_text)) if a != b),
                         min(len(mkdocs_text), len(zensical_text)))
            differ.append(f"{page}: MkDocs ...{mkdocs_text[start - 60:start + 60]!r} / "
                          f"Zensical ...{zensical_text[start - 60:start + 60]!r}")
    assert differ == [], "\n".join(differ)


def test_each_page_links_to_the_same_addresses_under_both_engines(built_site, zensical_site):
    """Links in pages made from data are put in after the engine; links a macro writes into a written page are
    resolved by finish under Zensical (engines.macro_link); Markdown links are each engine's own work."""
    differ = []
    for page in pages(built_site):
        _, mkdocs_links = read_page(built_site, page)
        _, zensical_links = read_page(zensical_site, page)
        if mkdocs_links != zensical_links:
            only_mkdocs = [link for link in mkdocs_links if link not in zensical_links]
            only_zensical = [link for link in zensical_links if link not in mkdocs_links]
            differ.append(f"{page}: only MkDocs {only_mkdocs[:5]}, only Zensical {only_zensical[:5]}")
    assert differ == [], "\n".join(differ)
