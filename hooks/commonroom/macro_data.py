"""What the macros of written pages read: the checked data and the site's files from the prepared folder.

Kept here rather than in hooks/macros.py because Zensical runs that file again for every page it renders (it loads
it by path, engines.macros_module): a cache in this module, imported once, survives that, so the data is read once
per build under either engine."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable

from .engines import macro_link
from .model import Dataset
from .prepared import Prepared
from .site_urls import SiteFiles


def stamp(root: str) -> int:
    """Changes when prepare writes the folder again (a preview), so the next page reads the new data."""
    return max((Path(root) / name).stat().st_mtime_ns for name in ("manifest.json", "dataset.pickle"))


@lru_cache(maxsize=4)
def _read(root: str, stamp: int) -> tuple[Dataset, Path, SiteFiles, str]:
    prepared = Prepared(Path(root))
    manifest = prepared.manifest()
    files = SiteFiles((p.relative_to(prepared.docs).as_posix() for p in prepared.docs.rglob("*") if p.is_file()),
                      manifest.use_directory_urls)
    return prepared.dataset(), Path(manifest.templates), files, manifest.engine


def prepared_data(root: str) -> tuple[Dataset, Path, SiteFiles, str]:
    """(data, templates folder, site files, engine) of the prepared folder at `root`, read once per build."""
    return _read(root, stamp(root))


def macro_links(files: SiteFiles, engine: str, page: str) -> Callable[[str], str]:
    """The link from written page `page` to any file of the site, as a macro writes it into the page's raw HTML
    (engines.macro_link: under Zensical, a marker finish resolves). An unknown file is an error, as in
    SiteFiles.link_from."""
    here = files.urls[page]

    def link(src_uri: str) -> str:
        target = files.urls.get(src_uri)
        if target is None:
            raise ValueError(f"{page} links to {src_uri}, which does not exist")
        return macro_link(engine, target, here)

    return link


def page_source(page) -> str:
    """The page's path in the docs tree: MkDocs gives it as page.file.src_uri, Zensical as page.path."""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else str(page.path).replace("\\", "/")
