"""Step three of three: the built HTML in, the finished site out. Plain Python, run after any generator.

For each page, in this order: the body of a page made from data goes in place of its marker (made_pages.py);
offline fixes (offline.py); the styles the first screen needs go inline (first_paint.py); Material's script is
deferred (defer.py); code blocks take keyboard focus (code_blocks.py); written pages join the search index
(search.py). Last, when every page is final, the Content-Security-Policy is worked out from the inline scripts
and styles the site has (csp.py), written to deploy/csp.txt and shown where a page asks for it.
"""

from __future__ import annotations

import time
from html import escape
from pathlib import Path
from typing import Any

import yaml

from .code_blocks import focusable_code_blocks
from .csp import content_security_policy, inline_hashes
from .defer import defer_bundle
from .engines import resolve_marked_links
from .first_paint import FirstPaint
from .frontmatter import FRONT
from .made_pages import MARKER
from .offline import drop_outside_scripts
from .page_content import first_heading, main_content, title_from_name
from .prepared import Manifest, Prepared
from .search import index_script, page_entry
from .site_urls import dest_uri, file_url, page_url

INDEX = "search/search-index.js"
POLICY_FILE = "deploy/csp.txt"
PLACEHOLDER = "CSP-OF-THIS-BUILD"
THEME_PAGES = ("404.html",)  # pages the theme renders from a template alone: first paint and defer only


def put_made(html: str, body: str) -> str:
    """A page made from data: its HTML in place of the marker the generator passed through."""
    return MARKER.sub(lambda _: body, html, count=1)


def read_meta(markdown: str) -> dict[str, Any]:
    front = FRONT.match(markdown)
    return (yaml.safe_load(front.group(1)) or {}) if front else {}


def search_entry(page: dict[str, Any], meta: dict[str, Any], content: str, use_directory_urls: bool) -> dict[str, Any]:
    """A page's entry: its title as the generator shows it (the nav's, the front matter's, else its first
    heading), its description and keywords, and the start of its main content."""
    title = page["nav_title"] or meta.get("title") or first_heading(content) or title_from_name(page["src"])
    return page_entry(title, meta.get("description", ""), meta.get("keywords", []), content,
                      page_url(page["src"], use_directory_urls), boost=meta.get("search", {}).get("boost"))


_HASHES: dict[Path, tuple[int, set[str], set[str]]] = {}  # a page's inline hashes, while its file is unchanged
_FINISHED: dict[Path, float] = {}  # when the preview last finished each site folder


def hashes_of(path: Path, html: str | None = None, remember: bool = False) -> tuple[set[str], set[str]]:
    """The inline script and style hashes of the page at `path` (remembered while the file is unchanged, for the
    preview, which finishes the same folder again and again)."""
    if not remember:
        return inline_hashes(html if html is not None else path.read_text(encoding="utf-8"))
    stamp = path.stat().st_mtime_ns
    known = _HASHES.get(path)
    if known is None or known[0] != stamp:
        known = (stamp, *inline_hashes(html if html is not None else path.read_text(encoding="utf-8")))
        _HASHES[path] = known
    return known[1], known[2]


def finish(site: Path, prepared: Prepared, site_url: str | None = None, since: float | None = None) -> None:
    """Finish the site the generator wrote to `site` from the tree in `prepared`. With `since` (the preview, which
    rebuilds only the pages that changed), pages whose file is older than that are already finished."""
    site = Path(site)
    manifest: Manifest = prepared.manifest()
    first_paint = FirstPaint(site, site_url if site_url is not None else manifest.site_url)
    scripts: set[str] = set()
    styles: set[str] = set()
    showing_policy: list[Path] = []
    entries: list[dict[str, Any]] = []
    seen: set[Path] = set()

    def fresh(path: Path) -> bool:
        return since is None or path.stat().st_mtime > since

    def done(path: Path, html: str | None) -> None:
        if html is not None:
            path.write_text(html, encoding="utf-8")
            if PLACEHOLDER in html:
                showing_policy.append(path)
        seen.add(path)
        page_scripts, page_styles = hashes_of(path, html, remember=since is not None)
        scripts.update(page_scripts)
        styles.update(page_styles)

    for page in manifest.pages:
        dest = dest_uri(page["src"], manifest.use_directory_urls)
        path = site / dest
        if not path.is_file():
            continue  # an engine that leaves a page out: the comparison of engines reports it
        made = prepared.made_html(page["src"]).read_text(encoding="utf-8") if page["made"] else None
        html = None
        if fresh(path):
            html = path.read_text(encoding="utf-8")
            if made is not None:
                html = put_made(html, made)
            else:
                html = resolve_marked_links(html, file_url(page["src"], manifest.use_directory_urls))  # Zensical's
            html = focusable_code_blocks(defer_bundle(first_paint(drop_outside_scripts(html), dest)))
        meta = None if page["made"] else read_meta((prepared.docs / page["src"]).read_text(encoding="utf-8"))
        if page["search"] if page["made"] else not meta.get("search", {}).get("exclude"):
            if meta is None:
                meta = read_meta((prepared.docs / page["src"]).read_text(encoding="utf-8"))
            content = made if made is not None else main_content(html or path.read_text(encoding="utf-8"))
            entries.append(search_entry(page, meta, content, manifest.use_directory_urls))
        done(path, html)
    for name in THEME_PAGES:
        path = site / name
        if path.is_file():
            html = path.read_text(encoding="utf-8") if fresh(path) else None
            done(path, html and defer_bundle(first_paint(drop_outside_scripts(html), name)))

    index = site / INDEX
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(index_script(entries + manifest.search_data), encoding="utf-8")

    for path in site.rglob("*.html"):  # the site's other HTML (a short address's page, say) counts too
        if path not in seen:
            done(path, None)
    policy = content_security_policy(scripts, styles)
    target = site / POLICY_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(policy + "\n", encoding="utf-8")
    for path in showing_policy:  # the placeholder is text, never inside an inline script, so the hashes still hold
        path.write_text(path.read_text(encoding="utf-8").replace(PLACEHOLDER, escape(policy)), encoding="utf-8")


def finish_preview(site: Path, prepared: Prepared, site_url: str | None) -> None:
    """Finish after a rebuild of the preview, which rewrote only the pages that changed."""
    site = Path(site)
    finish(site, prepared, site_url, since=_FINISHED.get(site))
    _FINISHED[site] = time.time()
