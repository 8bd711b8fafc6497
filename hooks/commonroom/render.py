"""One Renderer for every page part made from data; each kind of page is rendered by its own module.

Prepare (for pages made from data) and the macros (hooks/macros.py) make a renderer with the page's own links and
call what they need: `contact_card`, `help_now`,
`pathway_step`... The shared Jinja environment and filters are in render_base.py.
"""

from __future__ import annotations

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

