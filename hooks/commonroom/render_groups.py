"""Group formats (each format's page, the list, the comparison table) and the local groups that run them."""

from __future__ import annotations

from typing import Any

from .listing import listed_local_groups
from .regions import region_name, serves_any
from .render_base import BaseRenderer
from .schedule import describe_schedule


class GroupPages(BaseRenderer):
    """Peer-support group formats and current local groups."""

    def group_page(self, group_id: str) -> str:
        return self._render("group-page.html", g={"id": group_id, **self.data.groups[group_id]},
                            local=self.current_local_groups(group_id))

    def group_list(self) -> str:
        groups = [{"id": i, **g} for i, g in sorted(self.data.groups.items(), key=lambda kv: kv[1]["name"].lower())]
        return self._render("group-list.html", groups=groups)

    def compare_formats(self) -> str:
        """One table row per group format, with the short at_a_glance wording where a format gives it."""
        groups = [{"id": i, **g} for i, g in sorted(self.data.groups.items(), key=lambda kv: kv[1]["name"].lower())]
        return self._render("compare-formats.html", groups=groups)

    def current_local_groups(self, format_id: str | None = None) -> list[dict[str, Any]]:
        """Local groups that have not ended (of one format, if given), by organisation then name."""
        chosen = [
            {"id": i, **g, "when": describe_schedule(g["schedule"], self.today), "format_name": self.data.groups[g["format"]]["name"]}
            for i, g in listed_local_groups(self.data, self.today).items()
            if format_id is None or g["format"] == format_id
        ]
        return sorted(chosen, key=lambda g: (g["organisation"].lower(), g["name"].lower()))

    def local_groups(self) -> str:
        """Every current local group, under its first region (the hub's own regions first), then its organisation."""
        by_region: dict[str, dict[str, list]] = {}
        for group in self.current_local_groups():
            by_region.setdefault(group["regions"][0], {}).setdefault(group["organisation"], []).append(group)
        home = self.data.site.get("regions", [])
        order = sorted(by_region, key=lambda code: (not serves_any([code], home), region_name(code)))
        return self._render("local-groups.html", regions=[(code, by_region[code]) for code in order])
