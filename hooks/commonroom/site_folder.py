"""An organisation's pages over the kit's: the docs tree of a site built with `--site DIR`.

The organisation's folder has the kit's shape, so its docs/ works as the kit's does (Material's custom_dir, Hugo
themes and Jekyll remote themes work the same way): a page at a kit page's path replaces it; images and new pages
join. The kit's files are never edited, so every kit update arrives.

A kit page the organisation hides (`hide_pages` in its settings) keeps its address: a printed QR poster or an old
bookmark that leads there finds a short page pointing to help-now and the home page, never a dead end.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import Any, Iterator

from .scratch import ScratchTree

HELP_NOW = "help-now.md"
HOME = "index.md"
KEPT = (HOME, HELP_NOW)  # pages every site keeps: every page links to help-now, and the home page is the way in


def source_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """Every file under `folder` as (its /-separated path, the file), leaving out hidden files and Python caches."""
    for parent, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        rel_folder = Path(parent).relative_to(folder).as_posix()
        for name in sorted(files):
            if not name.startswith("."):
                yield (name if rel_folder == "." else f"{rel_folder}/{name}"), Path(parent) / name


def overlay_docs(kit_docs: Path, site_docs: Path, target: Path) -> dict[str, str]:
    """Write the kit's docs/ with the organisation's docs/ over it into `target`, rewriting only changed files.
    Returns how each page came to be there: "kit", "replaced" (the organisation's, at a kit page's path) or "own"."""
    chosen = {rel: path for rel, path in source_files(kit_docs)}
    origin = dict.fromkeys(chosen, "kit")
    if site_docs.is_dir():
        for rel, path in source_files(site_docs):
            origin[rel] = "replaced" if rel in chosen else "own"
            chosen[rel] = path
    tree = ScratchTree(target)
    for rel, path in chosen.items():
        tree.write(rel, path.read_bytes())
    tree.remove_unwritten()
    return origin


def hidden_page_problems(hide_pages: list[str], kit_pages: set[str], label: str) -> list[str]:
    """A hidden page that is not a kit page (most likely a typo, which would leave the page showing), or one every
    site must keep."""
    problems = []
    for index, page in enumerate(hide_pages):
        if page in KEPT:
            problems.append(f'{label}: hide_pages[{index}] "{page}" cannot be hidden: every site keeps its home page '
                            "and the help-now page (replace it with your own page at the same path instead)")
        elif page not in kit_pages:
            problems.append(f'{label}: hide_pages[{index}] "{page}" is not a page of the kit (expected the path of a '
                            "page under the kit's docs/, such as guides/connected-teams.md)")
    return problems


def hidden_page(src_uri: str) -> str:
    """The short page left at a hidden page's address: the way to help now, then the way home."""
    folder = posixpath.dirname(src_uri) or "."
    help_now, home = posixpath.relpath(HELP_NOW, folder), posixpath.relpath(HOME, folder)
    return ("---\n"
            "title: This page is not on this site\n"
            "search:\n  exclude: true\n"
            "---\n\n"
            "# This page is not on this site\n\n"
            "The page you followed is not part of this hub any more.\n\n"
            f"- If you need to talk to someone now, [see who to call, at any hour]({help_now}).\n"
            f"- To find support, groups and guides, [go to the home page]({home}).\n")


def without_pages(nav: Any, hidden: set[str]) -> Any:
    """The navigation with the hidden pages left out (and any section they leave empty)."""
    if isinstance(nav, list):
        kept = [without_pages(item, hidden) for item in nav]
        return [item for item in kept if item not in (None, [], {})]
    if isinstance(nav, dict):
        kept = {title: without_pages(value, hidden) for title, value in nav.items()}
        kept = {title: value for title, value in kept.items() if value not in (None, [], {})}
        return kept or None
    return None if nav in hidden else nav


def outside_nav(pages: list[str]) -> list[str]:
    """not_in_nav patterns for pages the organisation hides or adds: its navigation is the kit's, so a page of its
    own is reached from a page that links to it (its own home page, say)."""
    return [f"/{page}" for page in pages]
