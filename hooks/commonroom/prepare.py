"""Step one of three: load and check the data, and write everything the generator needs into a prepared folder.

The docs tree is assembled from docs/ (never written into), with every page made from data, the data files (HSDS
JSON, calendars, QR codes, the directory's data script, the brand colours) and the configuration for the chosen
engine. Bad data stops here, before any generator runs, with every problem listed. Plain Python: no generator is
imported, so the same step serves MkDocs today and another generator tomorrow.
"""

from __future__ import annotations

import logging

import json
import os
import posixpath
import time
from pathlib import Path
from typing import Any, Iterator

from .branding import brand_css, site_settings
from .calendar import calendar_path, group_address, group_calendar_file
from .campaign_pages import campaign_kit
from .campaigns import public_site_url, qr_images
from .directory import DATA_FILE, Directory, compact_directory
from .engines import generated_config
from .hsds import api_description, hsds_export
from .loading import DataError, load_dataset
from .made_pages import front_matter, page_meta, render_page, stub
from .prepared import Manifest, Prepared
from .qr_cache import kept, qr_cache_folder
from .project import Project, dump_config
from .render import Renderer
from .review import report_reviews
from .kit import running_release
from .release_setting import release_mismatch
from .scratch import ScratchTree
from .search import data_entries
from .site_folder import hidden_page, hidden_page_problems, outside_nav, overlay_docs, without_pages
from .site_urls import SiteFiles, is_page

STYLESHEET = "stylesheets/commonroom.css"  # the site's one stylesheet: brand colours join it, so no extra request
BRAND_SHEET = "stylesheets/brand.css"  # for a site that has dropped the kit's stylesheet
HSDS_FOLDER = "open-data/hsds"
STAMP = ".prepared"
COMPACT = {"ensure_ascii": False, "separators": (",", ":")}


def written_files(docs: Path) -> Iterator[str]:
    """The files of docs/ in the order MkDocs reads them (index first in each folder, then by name, then each
    subfolder), leaving out what MkDocs leaves out by default (hidden files, a top-level templates/ folder)."""
    def walk(folder: Path, prefix: str) -> Iterator[str]:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
        files = sorted((p for p in entries if p.is_file()), key=lambda p: (p.stem not in ("index", "README"), p.name))
        for path in files:
            if not path.name.startswith("."):
                yield prefix + path.name
        for path in entries:
            if path.is_dir() and not path.name.startswith(".") and path.name != "__pycache__" \
                    and not (prefix == "" and path.name == "templates"):
                yield from walk(path, prefix + path.name + "/")
    yield from walk(docs, "")


def nav_titles(nav: Any) -> dict[str, str]:
    """The title mkdocs.yml's nav gives each page ("Home: index.md"), which is the title search shows."""
    titles: dict[str, str] = {}
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    titles[value] = title
                else:
                    titles.update(nav_titles(value))
    return titles


def not_in_nav(made: list[str], written: set[str]) -> list[str]:
    """Patterns (gitignore style, as mkdocs.yml's not_in_nav) naming the pages made from data, one per folder
    rather than one per page: thousands of patterns would be matched against every file."""
    folders: dict[str, None] = {}
    for src_uri in made:
        folders.setdefault(posixpath.dirname(src_uri), None)
    patterns = []
    for folder in folders:
        prefix = f"/{folder}/" if folder else "/"
        patterns.append(f"{prefix}*.md")
        patterns += [f"!/{p}" for p in sorted(written) if is_page(p) and posixpath.dirname(p) == folder]
    return patterns


def touch_pages(docs: Path, pages: list[str]) -> None:
    """Mark pages as edited (their modification time), for a preview that rebuilds only edited pages."""
    for src_uri in pages:
        path = docs / src_uri
        if path.exists():
            os.utime(path)


def prepare(root: Path, *, engine: str = "mkdocs", purpose: str = "build", offline: bool = False,
            strict: bool = True, dev_addr: str | None = None, rebuild_all: bool = False,
            site: Path | None = None) -> Prepared:
    """Check the data and write the prepared folder for `purpose` (build, offline, serve). Raises DataError (bad
    data), review.Overdue (a strict build with facts overdue for a check) or ValueError (a page links to nothing).

    For the preview, which rebuilds only the pages whose file changed: `rebuild_all` marks every page as changed
    (a template, the navigation or a written page changed); otherwise, if the data changed, the written pages
    that show data through macros are marked.

    With `site` (an organisation's folder), its data is laid over the kit's and its docs/ over the kit's docs/;
    everything is written under its own folder, so sites built from one kit never share a scratch tree."""
    project = Project.at(root, site)
    prepared = Prepared(project.prepared(purpose))
    origin = overlay_docs(project.kit_docs, project.site / "docs", project.docs) if project.site else {}
    data = load_dataset(project.data, docs=project.docs, organisation=project.site)
    hidden = set(data.site.get("hide_pages", []))
    settings_label = f"{project.site.name}/data/site.yml" if project.site else "data/site.yml"
    problems = hidden_page_problems(data.site.get("hide_pages", []),
                                    {p for p in written_files(project.kit_docs) if p.endswith(".md")}, settings_label)
    if problems:
        raise DataError(problems)
    report_reviews(data, strict)
    mismatch = release_mismatch(data.kit_release, running_release(), settings_label)
    if mismatch:
        logging.getLogger("commonroom.release").warning(mismatch)
    settings = site_settings(data.site)
    site_url = public_site_url(settings.get("site_url") or project.config.get("site_url"),
                               dev_addr or project.config.get("dev_addr", "127.0.0.1:8000"))
    use_directory_urls = False if offline else project.config.get("use_directory_urls", True)
    # The docs tree is written last, in one go (the generator's preview watches it); the bodies of the pages made
    # from data go straight to made/, which finish reads.
    docs, made_tree = ScratchTree(prepared.docs, hold=True), ScratchTree(prepared.root / "made")

    written = list(written_files(project.docs))
    for src_uri in written:
        docs.write(src_uri, hidden_page(src_uri) if src_uri in hidden else (project.docs / src_uri).read_bytes())
    files = SiteFiles(written, use_directory_urls)
    extra_css = []
    css = brand_css(data.site.get("colours", {}))
    if css and STYLESHEET in files:
        docs.write(STYLESHEET, (project.docs / STYLESHEET).read_text(encoding="utf-8") + css)
    elif css:
        docs.write(BRAND_SHEET, css)
        files.add(BRAND_SHEET)
        extra_css.append(BRAND_SHEET)

    def add_file(src_uri: str, content: str | bytes) -> None:
        docs.write(src_uri, content)
        files.add(src_uri)

    directory = Directory(data)
    metas = page_meta(data, directory)
    for src_uri in metas:
        files.add(src_uri)
    service_url = "{id}/" if use_directory_urls else "{id}.html"  # relative to /services/
    # A script, not JSON: it loads from a zip opened from disk too, where fetch() is refused.
    add_file(DATA_FILE, f"window.commonroomDirectory={json.dumps(compact_directory(data, service_url), **COMPACT)};\n")
    add_file(f"{HSDS_FOLDER}/services.json", json.dumps(hsds_export(data), **COMPACT))
    add_file(f"{HSDS_FOLDER}/index.json", json.dumps(api_description(data.site), **COMPACT))
    for group_id, group in data.local_groups.items():
        format_page = f"groups/{group['format']}.md"
        page_url = group_address(site_url, files.urls[format_page], group_id) if format_page in files else None
        add_file(calendar_path(group_id), group_calendar_file(group_id, group, data.groups[group["format"]]["name"], page_url))

    kit_meta: dict[str, dict[str, Any]] = {}

    def markdown_of(src_uri: str) -> str:
        meta = metas.get(src_uri)
        return front_matter(meta) if meta is not None else (project.docs / src_uri).read_text(encoding="utf-8")

    def add_page(src_uri: str, meta: dict[str, Any]) -> None:
        kit_meta[src_uri] = meta
        files.add(src_uri)

    render_kit = campaign_kit(data, site_url, files, markdown_of, project.templates, add_file, add_page,
                              kept(qr_images, qr_cache_folder(project.work)))

    for src_uri, meta in metas.items():
        html = render_page(Renderer(data, project.templates, files.link_from(src_uri)), directory, meta["commonroom"])
        docs.write(src_uri, stub(meta, html))
        made_tree.write(src_uri + ".html", html)
    for src_uri, html in render_kit().items():
        docs.write(src_uri, stub(kit_meta[src_uri], html))
        made_tree.write(src_uri + ".html", html)

    nav = without_pages(project.config.get("nav"), hidden) if hidden else project.config.get("nav")
    titles = nav_titles(nav)
    made = list(metas) + list(kit_meta)
    pages = [{"src": p, "made": False, "nav_title": titles.get(p)} for p in written if is_page(p)]
    pages += [{"src": p, "made": True, "nav_title": titles.get(p),
               "search": "commonroom" not in meta and not meta.get("search", {}).get("exclude")}
              for p, meta in {**metas, **kit_meta}.items()]
    # Pages the organisation hides or adds are in no navigation (the kit's navigation is not theirs to edit).
    omitted = outside_nav(sorted(hidden | {p for p, how in origin.items() if how == "own" and is_page(p)}))
    config = generated_config(
        {**project.config, "nav": nav} if nav is not None else project.config, engine, docs_dir=prepared.docs, overrides=project.overrides, hooks_dir=project.hooks,
        prepared=prepared.root, settings=settings, extra_css=extra_css, not_in_nav=not_in_nav(made, set(written)) + omitted,
        offline=offline, serve=purpose == "serve", site=data.site,
    )
    settings_file = ScratchTree(prepared.root)
    settings_file.write("mkdocs.yml", dump_config(config))
    changed = prepared.write_dataset(data) | prepared.write_manifest(Manifest(
        engine=engine, use_directory_urls=use_directory_urls, site_url=site_url, templates=str(project.templates),
        pages=pages, search_data=data_entries(data, lambda src_uri: files.urls[src_uri]),
    ))
    docs.written.add(STAMP)
    if purpose == "serve":
        written_pages = [p for p in written if is_page(p)]
        if rebuild_all:
            touch_pages(prepared.docs, written_pages + made)
        elif changed or made_tree.changed:
            touch_pages(prepared.docs, [p for p in written_pages if "{{" in (project.docs / p).read_text(encoding="utf-8")])
    docs.flush()
    docs.remove_unwritten()
    made_tree.remove_unwritten()
    # If something changed outside the docs tree only (the search index's data, say): a hidden file in the docs
    # tree (no generator publishes it) tells a preview watching the tree to rebuild all the same.
    if not docs.changed and (changed or made_tree.changed or settings_file.changed):
        docs.write(STAMP, f"{time.time_ns()}\n")
        docs.flush()
    return prepared
