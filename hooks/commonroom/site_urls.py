"""Where each file of the site ends up and how one page links to another, by the rules MkDocs 1.6 applies.

Prepare writes every page made from data with its links already worked out, so it must know the address of every
page before any generator runs: `services/samaritans.md` is served at `services/samaritans/` (or
`services/samaritans.html` in the copy that opens from disk), and a link from one page to another is relative, so
the site works under any sub-path. The rules are MkDocs' own (mkdocs.structure.files), copied rather than imported
so the steps run without the generator.
"""

from __future__ import annotations

import posixpath
from typing import Callable, Iterable
from urllib.parse import quote

MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def is_page(src_uri: str) -> bool:
    return src_uri.lower().endswith(MARKDOWN)


def dest_uri(src_uri: str, use_directory_urls: bool) -> str:
    """The file written for `src_uri`: foo.md → foo/index.html (or foo.html), index.md and README.md → index.html."""
    if not is_page(src_uri):
        return src_uri
    parent, filename = posixpath.split(src_uri)
    stem = posixpath.splitext(filename)[0]
    stem = "index" if stem == "README" else stem
    if not use_directory_urls or stem == "index":
        return posixpath.join(parent, stem + ".html")
    return posixpath.join(parent, stem, "index.html")


def file_url(src_uri: str, use_directory_urls: bool) -> str:
    """The address of a file inside the site, as MkDocs' File.url gives it (./ for the home page)."""
    url = dest_uri(src_uri, use_directory_urls)
    dirname, filename = posixpath.split(url)
    if use_directory_urls and filename == "index.html":
        url = (dirname or ".") + "/"
    return quote(url)


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """A page's address as MkDocs' Page.url gives it: the home page is '' rather than './'."""
    url = file_url(src_uri, use_directory_urls)
    return "" if url in (".", "./") else url


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path.lstrip("/"))[1:]
    return path.split("/") if path else []


def relative_url(url: str, other: str) -> str:
    """`url` relative to the page at `other` (mkdocs.utils.get_relative_url)."""
    dirname, _, basename = other.rpartition("/")
    if "." in basename:
        other = dirname
    other_parts, dest_parts = _parts(other), _parts(url)
    common = 0
    for a, b in zip(other_parts, dest_parts):
        if a != b:
            break
        common += 1
    relurl = "/".join([".."] * (len(other_parts) - common) + dest_parts[common:]) or "."
    return relurl + "/" if url.endswith("/") else relurl


class SiteFiles:
    """Every file of the site (as paths in the docs tree), to resolve links between them."""

    def __init__(self, src_uris: Iterable[str], use_directory_urls: bool):
        self.use_directory_urls = use_directory_urls
        self.urls = {src_uri: file_url(src_uri, use_directory_urls) for src_uri in src_uris}

    def add(self, src_uri: str) -> None:
        self.urls[src_uri] = file_url(src_uri, self.use_directory_urls)

    def __contains__(self, src_uri: str) -> bool:
        return src_uri in self.urls

    def link_from(self, page: str) -> Callable[[str], str]:
        """A function giving the relative link from `page` to any file of the site; an unknown file is an error,
        as a broken link in a page made from data is a bug, not a warning."""
        here = self.urls[page]

        def link(src_uri: str) -> str:
            target = self.urls.get(src_uri)
            if target is None:
                raise ValueError(f"{page} links to {src_uri}, which does not exist")
            return relative_url(target, here)

        return link
