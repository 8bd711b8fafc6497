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
from markupsafe import Markup, escape

from . import vocabulary
from .directory import DATA_FILE, Directory, listing_page
from .listing import is_listed, listed_local_groups
from .loading import Dataset
from .pathways import destination, page_heading, step_numbers, step_page
from .regions import in_region, region_name, serves_any
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
        dial=dial, long_date=long_date, paragraphs=paragraphs, region_name=region_name, in_region=in_region, domain=domain,
    )
    env.globals["vocab"] = vocabulary
    return env


class Renderer:
    def __init__(self, data: Dataset, templates: Path, link: Callable[[str], str], today: dt.date | None = None):
        self.data = data
        self.today = today or dt.date.today()  # local groups past their ends_on are no longer listed
        self.env = template_environment(str(templates))
        self.context = {"link": link, "site": data.site, "data": data}

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
        return self._render("service-page.html", s=self.service(service_id), source=self.data.source_of("services", service_id))

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
            "audiences": [a for a in vocabulary.AUDIENCES if a in used("audiences")],
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

    def wallet_card(self) -> str:
        """Cards the size of a bank card with the home regions' help-now numbers (wallet_card.py)."""
        return self._render("wallet-card.html", cards=wallet_cards(self.help_now_routes()["sections"], dial))

    def help_now_routes(self) -> dict[str, list]:
        """What the help-now page shows (posters show the same, for the home regions): per home region its
        emergency numbers and crisis services, then those for other countries."""
        site = self.data.site
        home = site["regions"]
        chosen = site.get("help_now_services") or [
            i for i, s in sorted(self.data.services.items()) if "crisis" in s["needs"] and s["is_24_7"]
        ]
        crisis = [self.service(i) for i in chosen if is_listed(self.data, i)]
        sections = [
            {
                "region": region,
                "emergency": [e for e in site["emergency_numbers"] if serves_any([e["region"]], [region])],
                "services": [s for s in crisis if serves_any(s["regions"], [region])],
            }
            for region in home
        ]
        elsewhere = [e for e in site["emergency_numbers"] if not serves_any([e["region"]], home)]
        other_services = [s for s in crisis if not serves_any(s["regions"], home)]
        return {"sections": sections, "elsewhere": elsewhere, "other_services": other_services}

    def campaign_page(self, template: str, **context: Any) -> str:
        """A poster, the list of posters, or a short address's forwarding page (campaigns.py works out their content)."""
        return self._render(template, **context)

    def pathway_list(self) -> str:
        pathways = [{**p, "start_page": step_page(i, p["start"], p["start"])} for i, p in
                    sorted(self.data.pathways.items(), key=lambda kv: (kv[1].get("order", float("inf")), kv[1]["title"].lower()))]
        return self._render("pathway-list.html", pathways=pathways)

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
                item["name"], item["summary"] = page_heading(self.data.docs, target)
            else:
                record = (self.data.services if kind == "service" else self.data.groups)[target]
                item.update(href=link(f"{kind}s/{target}.md"), name=record["name"], summary=record["summary"])
            answers.append(item)
        try:
            index = link("pathways/index.md")
        except ValueError:  # a deployer may drop the list of pathways; the steps still work
            index = None
        return self._render(
            "pathway-step.html", pathway=pathway, step=step, answers=answers, number=step_numbers(pathway)[step_id],
            start=link(step_page(pathway_id, start, start)), index=index,
            help_now=Markup(self.help_now()) if step.get("help_now") else None,
        )


def renderer_for_page(data: Dataset, templates: Path, page_file: Any, files: Any) -> Renderer:
    """A renderer whose links are resolved from `page_file` through MkDocs' file list, as Markdown links are."""

    def link(src_uri: str) -> str:
        target = files.get_file_from_path(src_uri)
        if target is None:
            raise ValueError(f"{page_file.src_uri} links to {src_uri}, which does not exist")
        return target.url_relative_to(page_file)

    return Renderer(data, templates, link)
