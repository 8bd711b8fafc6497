"""The help-now page, each region's own help-now page and the wallet card: emergency numbers and lines that answer."""

from __future__ import annotations

from typing import Any

from .coverage import around_the_clock, emergency_numbers_for, emergency_places, other_lines, part_lines, region_pages
from .regions import emergency_department, help_now_page, region_name, serves_any
from .render_base import BaseRenderer, dial
from .wallet_card import wallet_cards


class HelpNowPages(BaseRenderer):
    """Routes to urgent help, by region."""

    def help_now(self) -> str:
        return self._render("help-now.html", **self.help_now_routes())

    def help_now_section(self, region: str) -> dict[str, Any]:
        """One region's routes: its emergency numbers, where to go in person, the lines that answer at any hour,
        other help-now lines with their hours, and the lines for only one part of it (Quebec's, on Canada's page)."""
        return {
            "region": region,
            "emergency": emergency_numbers_for(self.data.site, region),
            "department": emergency_department(region),
            "services": [self.service(i) for i in around_the_clock(self.data, region)],
            "other_services": [self.service(i) for i in other_lines(self.data, region)],
            "parts": [(part, [self.service(i) for i in ids]) for part, ids in part_lines(self.data, region)],
        }

    def wallet_card(self) -> str:
        """Cards the size of a bank card with the home regions' help-now numbers (wallet_card.py)."""
        return self._render("wallet-card.html", cards=wallet_cards(self.help_now_routes()["sections"], dial))

    def help_now_routes(self) -> dict[str, list]:
        """What the help-now page shows (posters show the same, for the home regions): a section per home region,
        then one link per other region's own page, with its emergency number."""
        home = self.data.site["regions"]
        sections = [self.help_now_section(region) for region in home]
        link = self.context["link"]
        elsewhere = [
            {"region": code, "href": link(help_now_page(code)), "emergency": emergency_numbers_for(self.data.site, code)}
            for code in sorted(region_pages(self.data), key=region_name) if not serves_any([code], home)
        ]
        shown = [e for part in sections for e in part["emergency"]]  # other regions' pages say when theirs were checked
        checked = list({e["id"]: e for e in shown}.values())  # each number once, by its id, in the order first shown
        return {"sections": sections, "elsewhere": elsewhere, "checked": checked}

    def urgent_routes(self, place: str = "") -> str:
        """The home regions' routes in brief, for a page that mentions suicide: each region's emergency numbers,
        where to go in person and its 24-hour lines, as the help-now page gives them (the same sections), and a
        link to the rest. `place` keeps the block's id unique when a page shows it more than once."""
        sections = [self.help_now_section(region) for region in self.data.site["regions"]]
        return self._render("urgent-routes.html", sections=sections, place=place)

    def region_help_now(self, region: str) -> str:
        """A region's own help-now page (/help-now/au/): the address a poster in that region can print."""
        return self._render("help-now-region.html", section=self.help_now_section(region))

    def emergency_places(self, regions: list[str]) -> list[tuple[str, list[dict[str, Any]]]]:
        """The emergency numbers for `regions`, grouped by the region each number is for (GB for GB-ENG)."""
        return emergency_places(self.data.site, regions)
