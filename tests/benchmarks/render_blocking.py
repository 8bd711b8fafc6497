"""Render-blocking bytes: what a phone must download (gzip) before it can paint a page.

That is the HTML plus every stylesheet and synchronous script in <head> (a stylesheet at the end of <body>, a
deferred or async script and a print stylesheet do not hold up the first paint). A server's first round trip
carries about 14,600 bytes (ten TCP segments): a page within that paints after one round trip.

Usage (from the project root, after a build):
    .venv/bin/python tests/benchmarks/render_blocking.py [SITE_FOLDER]     (default: site/)
"""

from __future__ import annotations

import gzip
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

FIRST_ROUND_TRIP = 14_600
# One page of each kind, as a path in the built site; a page type whose page is missing is skipped.
PAGE_TYPES = {
    "Help now": "help-now/index.html",
    "Home": "index.html",
    "Directory": "services/index.html",
    "Directory, page of results": "services/need/crisis/index.html",
    "Service page": "services/samaritans/index.html",
    "Group page": "groups/balint-groups/index.html",
    "Pathway step": "pathways/need-help-now/index.html",
    "Guide": "guides/supporting-a-colleague/index.html",
    "Search": "search/index.html",
    "Wallet card": "help-now/card/index.html",
}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class BlockingResources(HTMLParser):
    """The stylesheets and synchronous scripts in <head>, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.in_head = True
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "body":
            self.in_head = False
        if not self.in_head:
            return
        if tag == "link" and "stylesheet" in (a.get("rel") or "").lower().split() and a.get("href"):
            if (a.get("media") or "all").strip().lower() not in ("print", "not all"):
                self.urls.append(a["href"])
        elif tag == "script" and a.get("src") and "defer" not in a and "async" not in a and a.get("type") != "module":
            self.urls.append(a["src"])

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self.in_head = False


def render_blocking(site: Path, page: Path) -> list[tuple[str, int]]:
    """(file, gzip bytes) for the page and each resource its first paint waits for."""
    html = page.read_bytes()
    parser = BlockingResources()
    parser.feed(html.decode("utf-8"))
    parts = [(str(page.relative_to(site)), gz(html))]
    for url in dict.fromkeys(parser.urls):
        path = urlsplit(url).path
        if urlsplit(url).scheme or urlsplit(url).netloc:
            raise ValueError(f"{page} waits for {url} from another site")
        asset = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
        parts.append((str(asset.resolve().relative_to(site.resolve())), gz(asset.resolve().read_bytes())))
    return parts


def render_blocking_bytes(site: Path, page: Path) -> int:
    return sum(size for _, size in render_blocking(site, page))


def report(site: Path) -> list[tuple[str, str, int, int]]:
    """(page type, path, files, bytes) for each page type the site has."""
    rows = []
    for kind, path in PAGE_TYPES.items():
        page = site / path
        if page.is_file():
            parts = render_blocking(site, page)
            rows.append((kind, "/" + path.removesuffix("index.html"), len(parts), sum(size for _, size in parts)))
    return rows


def main() -> int:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    print("| Page | Path | Files | Render-blocking bytes (gzip) |\n|---|---|---:|---:|")
    for kind, path, files, size in report(site):
        print(f"| {kind} | `{path}` | {files} | {size:,} B{' ' if size <= FIRST_ROUND_TRIP else ' (over one round trip)'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
