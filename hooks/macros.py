"""Macros for Markdown pages (mkdocs-macros). A service's name and numbers always come from its data file:
`{{ contact_card("samaritans") }}` in a guide shows the current details, and an unknown id stops the build.

The data is what prepare checked and wrote to the prepared folder (commonroom/prepared.py), found through the
COMMONROOM_PREPARED environment variable or the `commonroom.prepared` setting of the generated configuration.
Both engines run it: mkdocs-macros-plugin under MkDocs, Zensical's own macros extension under Zensical."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from commonroom.macro_data import macro_links, page_source, prepared_data  # noqa: E402
from commonroom.prepared import ENVIRONMENT  # noqa: E402
from commonroom.render import Renderer  # noqa: E402


def define_env(env):
    """Called by mkdocs-macros-plugin once per build, and by Zensical's macros extension once per page."""
    root = os.environ.get(ENVIRONMENT) or env.variables.get("commonroom", {}).get("prepared")
    if not root:
        raise RuntimeError("Build this site with `python -m commonroom build`: the macros need the data it prepares.")

    def renderer():
        data, templates, files, engine = prepared_data(root)
        return Renderer(data, templates, macro_links(files, engine, page_source(env.page)))

    @env.macro
    def contact_card(service_id: str) -> str:
        """A service's name, who it is for, and its tap-to-call and text links."""
        return renderer().contact_card(service_id)

    @env.macro
    def service_directory() -> str:
        """Every active service, grouped by the need it meets."""
        return renderer().directory()

    @env.macro
    def help_now_routes() -> str:
        """Emergency numbers and crisis services for the hub's regions, then for other countries."""
        return renderer().help_now()

    shown: dict[str, int] = {}  # how many times each page has shown the urgent routes in this build

    @env.macro
    def urgent_routes() -> str:
        """The help-now routes of the hub's own regions, for beside any mention of suicide (safe messaging). Each use
        on a page gets its own id, so a page may show it more than once."""
        page = page_source(env.page)
        shown[page] = shown.get(page, 0) + 1
        return renderer().urgent_routes("" if shown[page] == 1 else str(shown[page]))

    @env.macro
    def group_formats() -> str:
        """Every group format with its size and length."""
        return renderer().group_list()

    @env.macro
    def compare_formats() -> str:
        """Every group format in one table: who it is for, membership, size, length, frequency, leader, accreditation."""
        return renderer().compare_formats()

    @env.macro
    def local_groups() -> str:
        """Every local group (data/local-groups/) by region and organisation, each linking to its format."""
        return renderer().local_groups()

    @env.macro
    def pathway_list() -> str:
        """Every referral pathway (data/pathways/), each linking to its first question."""
        return renderer().pathway_list()

    @env.macro
    def role_links() -> str:
        """Each role (nurses, porters, paramedics ...), linking to the services made for it, country by country."""
        return renderer().role_links()

    @env.macro
    def hub_contact() -> str:
        """Who looks after this hub, from data/site.yml, with their email or web page if given."""
        return renderer().hub_contact()

    @env.macro
    def search_box(place: str = "page") -> str:
        """A search form; `place` keeps its id unique when a page has more than one."""
        return renderer().search_box(place)

    @env.macro
    def search_results() -> str:
        """The results list of the search page, with the script that fills it."""
        return renderer().search_results()

    @env.macro
    def self_assessment() -> str:
        """The leaders' check from data/assessment.yml: a printable form, scored on the device when scripts run."""
        return renderer().self_assessment()

    @env.macro
    def case_for_the_board() -> str:
        """The one-page case for the board, drawn from the same data/assessment.yml as the check."""
        return renderer().case_for_the_board()
