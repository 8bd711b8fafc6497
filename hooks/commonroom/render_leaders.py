"""The leaders' pages: the self-assessment and the case for the board (assessment.py checks data/assessment.yml)."""

from __future__ import annotations

from typing import Any

from .assessment import NAM_DOMAINS, NHS_ELEMENTS, protected_time_cost, statement_count
from markupsafe import Markup

from .pathways import RISK_TO_LIFE
from .render_help_now import HelpNowPages


class LeaderPages(HelpNowPages):
    """What a leader reads to judge and argue for support: each claim with its sources. An area of the check that
    mentions a risk to life shows the home regions' routes, so it builds on the help-now part."""

    def _assessment(self) -> dict[str, Any]:
        if self.data.assessment is None:
            raise ValueError("data/assessment.yml is missing (expected the leaders' check; copy it from the Common Room kit)")
        return self.data.assessment

    def _page_href(self, target: str) -> str:
        page, _, anchor = target.partition("#")
        return self.context["link"](page) + (f"#{anchor}" if anchor else "")

    def _source_links(self, ids: list[str]) -> list[dict[str, Any]]:
        sources = self._assessment()["sources"]
        return [{"id": i, **sources[i], "href": sources[i].get("url") or (self._page_href(sources[i]["page"]) if "page" in sources[i] else None)}
                for i in ids]

    def self_assessment(self) -> str:
        """The leaders' check: every area's statements on the answer scale, each with its source and a link to what
        good looks like, and the actions the plan offers if the area is weak."""
        a = self._assessment()
        areas = [{**area,
                  "nhs_element_name": NHS_ELEMENTS.get(area.get("nhs_element", "")),
                  "nam_names": [NAM_DOMAINS[d] for d in area["nam_domains"]],
                  "statements": [{**s, "good_href": self._page_href(s["good_looks_like"]),
                                  "source_links": self._source_links(s["sources"])} for s in area["statements"]],
                  "actions": [{**act, "href": self._page_href(act["page"])} for act in area["actions"]],
                  # Safe messaging: an area that mentions suicide or a risk to life shows the way to urgent help.
                  "mentions_risk": any(RISK_TO_LIFE.search(text) for text in
                                       [s["text"] for s in area["statements"]] + [act["text"] for act in area["actions"]])}
                 for area in a["areas"]]
        for area in areas:
            area["urgent"] = Markup(self.urgent_routes(f"area-{area['id']}")) if area["mentions_risk"] else None
        return self._render("self-assessment.html", a=a, areas=areas, count=statement_count(a),
                            sources=self._source_links(list(a["sources"])))

    def case_for_the_board(self) -> str:
        """The one-page case: claims with their limits, the hours one group on protected time costs, and what to track."""
        a = self._assessment()
        case = a["case"]
        with_links = {
            "evidence": [{**c, "source_links": self._source_links(c["sources"])} for c in case["evidence"]],
            "measures": [{**m, "source_links": self._source_links(m["sources"])} for m in case["measures"]],
            "protected_time": {**case["protected_time"], "source_links": self._source_links(case["protected_time"]["sources"])},
        }
        return self._render("case-for-the-board.html", case=with_links, cost=protected_time_cost(case["protected_time"]),
                            recheck=a.get("recheck_after_months", 3))
