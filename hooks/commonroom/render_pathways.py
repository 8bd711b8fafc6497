"""Pathways: the list of them and each step's page (pathways.py checks and numbers the steps)."""

from __future__ import annotations

from markupsafe import Markup

from . import vocabulary
from .coverage import region_pages
from .pathways import destination, page_heading, step_numbers, step_page
from .regions import help_now_page, help_now_title
from .render_help_now import HelpNowPages
from .render_roles import RolePages
from .roles import role_page_heading
from .safe_messaging import mentions_suicide


class PathwayPages(HelpNowPages, RolePages):
    """Pathway steps. A step may show the help-now numbers or lead to a role's page, so it builds on those parts."""

    def pathway_list(self) -> str:
        pathways = [{**p, "start_page": step_page(i, p["start"], p["start"])} for i, p in
                    sorted(self.data.pathways.items(), key=lambda kv: (kv[1].get("order", float("inf")), kv[1]["title"].lower()))]
        return self._render("pathway-list.html", pathways=pathways)

    def page_heading(self, src_uri: str) -> tuple[str, str]:
        """A page's title and description: a region's help-now page is made from data, the rest are in docs/."""
        for code in region_pages(self.data):
            if help_now_page(code) == src_uri:
                return help_now_title(code), "Emergency numbers and lines that answer day and night."
        return page_heading(self.data.docs, src_uri)

    def pathway_step(self, pathway_id: str, step_id: str) -> str:
        """One step's page: its question, one link per answer, and the help-now numbers first if it mentions a
        risk to life. An answer that ends the route names the service, group or guide it leads to."""
        pathway = self.data.pathways[pathway_id]
        start = pathway["start"]
        link = self.context["link"]
        step = pathway["steps"][step_id]
        answers = []
        for answer in step["answers"]:
            kind, target = destination(answer)
            item = {"kind": kind, "label": answer["label"], "note": answer.get("note")}
            if kind == "next":
                item["href"] = link(step_page(pathway_id, target, start))
            elif kind == "page":
                item["href"] = link(target)
                item["name"], item["summary"] = role_page_heading(target) or self.page_heading(target)
                role, _, leaf = target.removeprefix("services/for/").partition("/")
                if target.startswith("services/for/") and role in vocabulary.ROLES and leaf != "index.md":
                    item["summary"] = self.role_summary(role, leaf.removesuffix(".md").upper())
            else:
                record = (self.data.services if kind == "service" else self.data.groups)[target]
                item.update(href=link(f"{kind}s/{target}.md"), name=record["name"], summary=record["summary"])
            answers.append(item)
        try:
            index = link("pathways/index.md")
        except ValueError:  # a deployer may drop the list of pathways; the steps still work
            index = None
        # A step that answers for a region lead to (Australia, then "Which fits you best?") gives that region's
        # emergency number, so whichever way the person goes on, it is on a page they have seen.
        regions = [a["region"] for other in pathway["steps"].values() for a in other["answers"]
                   if a.get("next") == step_id and "region" in a]
        context = {
            "pathway": pathway, "step": step, "answers": answers, "number": step_numbers(pathway)[step_id],
            "region_numbers": None if step.get("help_now") else self.emergency_places(regions),
            "start": link(step_page(pathway_id, start, start)), "index": index,
            "help_now": Markup(self.help_now()) if step.get("help_now") else None,
        }
        html = self._render("pathway-step.html", **context)
        # A step without the help-now numbers may still name suicide in a note or an ending (a crisis line's name):
        # it then shows the home regions' routes after its answers.
        if not step.get("help_now") and mentions_suicide(html):
            html = self._render("pathway-step.html", **context, urgent=Markup(self.urgent_routes()))
        return html
