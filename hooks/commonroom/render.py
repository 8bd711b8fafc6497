"""One Renderer for every page part made from data; each kind of page is rendered by its own module.

Pages and macros ask `renderer_for_page` for a renderer and call what they need: `contact_card`, `help_now`,
`pathway_step`... The shared Jinja environment and filters are in render_base.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .model import Dataset
from .render_directory import DirectoryPages
from .render_groups import GroupPages
from .render_help_now import HelpNowPages
from .render_leaders import LeaderPages
from .render_pathways import PathwayPages
from .render_roles import RolePages
from .render_search import SearchPages
from .render_services import ServicePages


class Renderer(PathwayPages, ServicePages, LeaderPages, HelpNowPages, RolePages, GroupPages, DirectoryPages, SearchPages):
    """Every kind of page in one object, built as `Renderer(data, templates, link, today=None)`."""


def renderer_for_page(data: Dataset, templates: Path, page_file: Any, files: Any) -> Renderer:
    """A renderer whose links are resolved from `page_file` through MkDocs' file list, as Markdown links are."""

    def link(src_uri: str) -> str:
        target = files.get_file_from_path(src_uri)
        if target is None:
            raise ValueError(f"{page_file.src_uri} links to {src_uri}, which does not exist")
        return target.url_relative_to(page_file)

    return Renderer(data, templates, link)
