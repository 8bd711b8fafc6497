"""MkDocs hook: build the lazy search index (services and groups from data, written pages from their HTML)."""

from pathlib import Path

from commonroom.search import data_entries, index_script, page_entry

INDEX = "search/search-index.js"


def on_config(config):
    config.extra["search_pages"] = []


def on_page_content(html, page, config, files):
    if page.meta.get("commonroom") or page.meta.get("search", {}).get("exclude"):
        return html  # pages made from data are indexed from the data itself
    meta = page.meta
    config.extra["search_pages"].append(page_entry(
        page.title or "", meta.get("description", ""), meta.get("keywords", []), html, page.url,
        boost=meta.get("search", {}).get("boost"),
    ))
    return html


def on_post_build(config):
    def url_of(src_uri):
        return config.extra["search_files"].get_file_from_path(src_uri).url

    entries = config.extra["search_pages"] + data_entries(config.extra["commonroom"], url_of)
    target = Path(config.site_dir) / INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(index_script(entries), encoding="utf-8")


def on_files(files, config):
    config.extra["search_files"] = files
    return files
