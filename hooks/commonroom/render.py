"""Turn checked data into HTML through the Jinja templates in overrides/commonroom/.

Autoescaping is on, so every piece of text from data is escaped. Links to other pages go through a
`link` function given by the caller, which knows where the current page sits (MkDocs resolves them
from its file list, so a sub-path or `use_directory_urls: false` both work).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from . import vocabulary
from .assessment import NAM_DOMAINS, NHS_ELEMENTS, hours, protected_time_cost, statement_count
from .checking import checked_against
from .coverage import around_the_clock, emergency_numbers_for, emergency_places, is_crisis_line, other_lines, region_pages
from .directory import DATA_FILE, Directory, listing_page
from .listing import listed_local_groups
from .loading import Dataset
from .pathways import RISK_TO_LIFE, destination, page_heading, step_numbers, step_page
from .regions import emergency_department, help_now_page, help_now_title, in_region, region_name, serves_any, the_region
from .review import is_overdue
from .roles import (MAX_CARDS, PREVIEW, index_page, region_page, role_page, role_page_heading, role_regions, role_support,
                    role_label, role_title)
from .schedule import describe_schedule
from .wallet_card import wallet_cards


def dial(number: str) -> str:
    """The digits of a number as a tel: or sms: link needs them (keeps a leading +)."""
    return ("+" if number.strip().startswith("+") else "") + re.sub(r"\D", "", number)


def long_date(value: str) -> str:
    day = dt.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def paragraphs(text: str) -> Markup:
    """Plain text to escaped HTML paragraphs: a blank line starts a new paragraph."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return Markup("\n").join(Markup("<p>{}</p>").format(" ".join(p.split())) for p in parts)


def domain(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).split("/", 1)[0]


@lru_cache(maxsize=None)
def template_environment(templates: str) -> Environment:
    """One Jinja environment per templates folder, so each template compiles once per build, not once per page.
    auto_reload (on by default) still picks up edited templates under `mkdocs serve`."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        audience_names=lambda codes: ", ".join(vocabulary.AUDIENCES[c] for c in codes),
        checked_against=checked_against, dial=dial, long_date=long_date, paragraphs=paragraphs, region_name=region_name, in_region=in_region, domain=domain,
        hours=hours, overdue=is_overdue,
        help_now_title=help_now_title,
        the_region=the_region,
    )
    env.globals.update(vocab=vocabulary, emergency_places=emergency_places)
    return env


class Renderer:
    def __init__(self, data: Dataset, templates: Path, link: Callable[[str], str], today: dt.date | None = None):
        self.data = data
        self.today = today or dt.date.today()  # local groups past their ends_on are no longer listed
        self.env = template_environment(str(templates))
        self.context = {"link": link, "site": data.site, "data": data, "today": self.today}  # today: is a check overdue?

    def _render(self, template: str, **context: Any) -> str:
        # No blank lines: Python-Markdown would end the raw HTML block at the first one.
        html = self.env.get_template(template).render(**self.context, **context)
        return "\n".join(line for line in html.splitlines() if line.strip())

    def service(self, service_id: str) -> dict[str, Any]:
        if service_id not in self.data.services:
            known = ", ".join(sorted(self.data.services))
            raise KeyError(f'"{service_id}" is not a known service (expected one of: {known})')
        return {"id": service_id, "status": "active", **self.data.services[service_id]}

    def service_page(self, service_id: str) -> str:
        service = self.service(service_id)
        return self._render("service-page.html", s=service, source=self.data.source_of("services", service_id),
                            banner=self.emergency_banner(service))

    def group_page(self, group_id: str) -> str:
        return self._render("group-page.html", g={"id": group_id, **self.data.groups[group_id]},
                            local=self.current_local_groups(group_id))

    def contact_card(self, service_id: str) -> str:
        return self._render("contact-card.html", s=self.service(service_id))

    def directory(self) -> str:
        """/services/: every service under each need it meets, or, for a large directory, each need and region with
        a link to its pages of results (directory.py). The filters cover the whole directory either way."""
        directory = Directory(self.data)
        active = directory.services  # open, and not hidden by data/site.yml
        complete = directory.shows_every_card
        by_need = {need: [self.service(i) for i in ids] if complete else ids
                   for need, ids in directory.members["need"].items()}
        # Every need keeps its section (and anchor), so links to it from guides never break.
        used = lambda field: {value for s in active.values() for value in s[field]}  # noqa: E731
        filters = {
            # Every role a visitor may be, once any service names it (a porter is served by all-staff services too).
            "audiences": [a for a in vocabulary.AUDIENCES if a in used("audiences") or a in vocabulary.ROLES],
            "regions": list(directory.members["region"]),
            "contacts": [k for k in vocabulary.CONTACT_KINDS if k in {c["kind"] for s in active.values() for c in s["contacts"]}],
        }
        return self._render("directory.html", by_need=by_need, filters=filters, complete=complete,
                            regions=directory.members["region"], listing_page=listing_page, data_file=DATA_FILE)

    def listing_page(self, directory: Directory, kind: str, key: str, number: int) -> str:
        """One page of results for a need or a region (directory.py)."""
        listing = directory.listing(kind, key, number)
        return self._render("directory-listing.html", listing=listing,
                            services=[self.service(i) for i in listing["ids"]])

    def search_box(self, place: str) -> str:
        return self._render("search-box.html", place=place)

    def search_results(self) -> str:
        return self._render("search-results.html")

    def hub_contact(self) -> str:
        return self._render("hub-contact.html")

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

    def help_now(self) -> str:
        return self._render("help-now.html", **self.help_now_routes())

    def help_now_section(self, region: str) -> dict[str, Any]:
        """One region's routes: its emergency numbers, where to go in person, the lines that answer at any hour,
        and other help-now lines with their hours."""
        return {
            "region": region,
            "emergency": emergency_numbers_for(self.data.site, region),
            "department": emergency_department(region),
            "services": [self.service(i) for i in around_the_clock(self.data, region)],
            "other_services": [self.service(i) for i in other_lines(self.data, region)],
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
        checked = [e for index, e in enumerate(shown) if e not in shown[:index]]
        return {"sections": sections, "elsewhere": elsewhere, "checked": checked}

    def region_help_now(self, region: str) -> str:
        """A region's own help-now page (/help-now/au/): the address a poster in that region can print."""
        return self._render("help-now-region.html", section=self.help_now_section(region))

    def emergency_places(self, regions: list[str]) -> list[tuple[str, list[dict[str, Any]]]]:
        """The emergency numbers for `regions`, grouped by the region each number is for (GB for GB-ENG)."""
        return emergency_places(self.data.site, regions)

    def emergency_banner(self, service: dict[str, Any]) -> dict[str, Any]:
        """What a service page says about emergencies: for a crisis line, the emergency numbers of its regions (never
        a link back to a page that lists the line); for any other service, those numbers and the help-now page."""
        return {"crisis_line": is_crisis_line(service), "places": self.emergency_places(service["regions"])}

    def campaign_page(self, template: str, **context: Any) -> str:
        """A poster, the list of posters, or a short address's forwarding page (campaigns.py works out their content)."""
        return self._render(template, **context)

    def role_links(self) -> str:
        """The list of roles, each linking to its page: the home page's "Support for your role"."""
        link = self.context["link"]
        roles = [{"code": r, "name": role_label(r), "href": link(role_page(r))} for r in vocabulary.ROLES]
        return self._render("role-links.html", roles=roles)

    def role_summary(self, role: str, region: str) -> str:
        """One line saying what a role's region page holds, for pathway answers that lead there."""
        found = role_support(self.data, role, region)
        people, where = vocabulary.ROLES[role], the_region(region)
        if found.made_for:
            count = len(found.made_for)
            return f"{count} service{'s' if count != 1 else ''} made for {people} in {where}."
        return f"No service just for {people} in {where}: where to go instead."

    def role_page(self, role: str | None, region: str | None) -> str:
        """The list of roles (no role), a role's page (no region: each region in brief), or a role's page for one
        region (its services in full, or the plain answer that there is none and the best general route)."""
        link = self.context["link"]
        if role is None:
            return self._render("role-index.html", roles=[
                {"name": role_label(r), "href": link(role_page(r))} for r in vocabulary.ROLES])
        people = vocabulary.ROLES[role]
        if region is None:
            sections = []
            for code in role_regions(self.data.site):
                found = role_support(self.data, role, code)
                sections.append({"region": code, "href": link(region_page(role, code)), "found": found,
                                 "preview": [self.service(i) for i in found.made_for[:PREVIEW]]})
            return self._render("role-page.html", role=role, role_label=role_label(role), people=people, sections=sections,
                                title=role_page_heading(role_page(role))[0], index=link(index_page()))
        found = role_support(self.data, role, region)
        lists = {key: [self.service(i) for i in getattr(found, key)[:limit]] for key, limit in MAX_CARDS.items()}
        more = {key: max(len(getattr(found, key)) - limit, 0) for key, limit in MAX_CARDS.items()}
        # Past MAX_CARDS, the rest are one tap away in the directory, filtered to this role and region.
        directory = link("services/index.md") + f"?for={role}&region={region}"
        return self._render("role-region.html", role=role, people=people, role_name=role_title(role), region=region, found=found, lists=lists,
                            more=more, directory=directory, title=role_page_heading(region_page(role, region))[0], up=link(role_page(role)))

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
        return self._render(
            "pathway-step.html", pathway=pathway, step=step, answers=answers, number=step_numbers(pathway)[step_id],
            region_numbers=None if step.get("help_now") else self.emergency_places(regions),
            start=link(step_page(pathway_id, start, start)), index=index,
            help_now=Markup(self.help_now()) if step.get("help_now") else None,
        )

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


def renderer_for_page(data: Dataset, templates: Path, page_file: Any, files: Any) -> Renderer:
    """A renderer whose links are resolved from `page_file` through MkDocs' file list, as Markdown links are."""

    def link(src_uri: str) -> str:
        target = files.get_file_from_path(src_uri)
        if target is None:
            raise ValueError(f"{page_file.src_uri} links to {src_uri}, which does not exist")
        return target.url_relative_to(page_file)

    return Renderer(data, templates, link)
