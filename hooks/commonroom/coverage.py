"""Every region the site offers has an emergency number and a 24-hour crisis line, or the build stops.

A region is offered in three places: the site's own `regions` (data/site.yml), a pathway answer that depends on
where someone works (`region:` on the answer), and the regions of every service the site lists. Someone who picks
Australia, or opens a service for Alberta, must be one tap from Australia's or Canada's emergency number and a line
that answers at any hour, so an offered region without both is a data error, not a gap found later.

A site that lists only its own regions (`show_other_regions: false`) does not offer other regions at all: pathway
answers for them are dropped, with any step only they led to.
"""

from __future__ import annotations

from typing import Any, Iterator

from .listing import is_listed, listed_services
from .model import Dataset
from .pathways import step_numbers
from .regions import REGION_NAMES, help_now_page, region_name, serves, serves_any
from .sources import is_tappable

CRISIS_NEEDS = ("crisis", "talk-now")


def help_now_service_ids(data: Dataset) -> list[str]:
    """The services the help-now page may show, in order: help_now_services from data/site.yml, or else every
    24-hour crisis service; either way only those the site lists (open, not hidden, in its regions if it asks)."""
    chosen = data.site.get("help_now_services") or [
        i for i, s in sorted(data.services.items()) if "crisis" in s["needs"] and s["is_24_7"]
    ]
    return [i for i in chosen if i in data.services and is_listed(data, i)]


def emergency_numbers_for(site: dict[str, Any], region: str) -> list[dict[str, Any]]:
    """The emergency numbers that work everywhere in `region` (GB's 999 works in GB-SCT)."""
    return [e for e in site.get("emergency_numbers", []) if serves(e["region"], region)]


def emergency_places(site: dict[str, Any], regions: list[str]) -> list[tuple[str, list[dict[str, Any]]]]:
    """The emergency numbers for `regions`, grouped by the region each number is for (GB for GB-ENG), so a page can
    say "999 in the United Kingdom, or 112 or 999 in Ireland"."""
    places: dict[str, list[dict[str, Any]]] = {}
    for code in regions:
        for number in emergency_numbers_for(site, code):
            if number["id"] not in {n["id"] for n in places.setdefault(number["region"], [])}:
                places[number["region"]].append(number)
    return [(region, numbers) for region, numbers in places.items() if numbers]


def is_crisis_line(service: dict[str, Any]) -> bool:
    return "crisis" in service["needs"]


def around_the_clock(data: Dataset, region: str) -> list[str]:
    """Help-now services that answer at any hour, help with a crisis or talk now, and serve all of `region`."""
    return [
        i for i in help_now_service_ids(data)
        if data.services[i]["is_24_7"] and set(CRISIS_NEEDS) & set(data.services[i]["needs"])
        and any(serves(r, region) for r in data.services[i]["regions"])
    ]


def other_lines(data: Dataset, region: str) -> list[str]:
    """Help-now services for `region` that are not open at all hours (Breathing Space): shown with their hours."""
    return [i for i in help_now_service_ids(data) if not data.services[i]["is_24_7"]
            and any(serves(r, region) for r in data.services[i]["regions"])]


def part_lines(data: Dataset, region: str) -> list[tuple[str, list[str]]]:
    """Help-now lines for only a part of `region`, by part (Quebec's own lines for Canada): someone in Quebec who
    opens Canada's page finds them there, under the part's name, not only on Quebec's own page."""
    parts: dict[str, list[str]] = {}
    for service_id in help_now_service_ids(data):
        regions = data.services[service_id]["regions"]
        if any(serves(r, region) for r in regions):
            continue  # already among the region's own lines
        for code in regions:
            if code.startswith(region + "-") and service_id not in parts.get(code, []):
                parts.setdefault(code, []).append(service_id)
    return sorted(parts.items(), key=lambda item: region_name(item[0]))


def is_served(data: Dataset, region: str) -> bool:
    return bool(emergency_numbers_for(data.site, region)) and bool(around_the_clock(data, region))


def region_answers(pathway: dict[str, Any]) -> Iterator[tuple[str, int, dict[str, Any]]]:
    for step_id, step in pathway["steps"].items():
        for index, answer in enumerate(step["answers"]):
            if "region" in answer:
                yield step_id, index, answer


def offered_regions(data: Dataset) -> dict[str, list[str]]:
    """Each region the site offers, with every place that offers it (file and field), in the order found."""
    offered: dict[str, list[str]] = {}
    for index, code in enumerate(data.site.get("regions", [])):
        offered.setdefault(code, []).append(f"data/site.yml: regions[{index}]")
    for pathway_id, pathway in data.pathways.items():
        for step_id, index, answer in region_answers(pathway):
            offered.setdefault(answer["region"], []).append(
                f'{data.source_of("pathways", pathway_id)}: steps.{step_id}.answers[{index}] "{answer["label"]}"')
    for service_id, service in listed_services(data).items():
        for index, code in enumerate(service["regions"]):
            offered.setdefault(code, []).append(f"{data.source_of('services', service_id)}: regions[{index}]")
    return offered


def region_problems(data: Dataset) -> list[str]:
    """One line per place that offers a region without an emergency number or a 24-hour crisis line."""
    problems = []
    explicit = bool(data.site.get("help_now_services"))
    for code, places in offered_regions(data).items():
        missing = []
        country = code.split("-")[0]
        numbers = emergency_numbers_for(data.site, code)
        if not numbers:
            where = f"{code} or {country}" if country != code else code
            missing.append(f"no emergency number (add one with region {where} to emergency_numbers in data/site.yml)")
        elif not any(is_tappable(number) for number in numbers):
            ids = ", ".join(number["id"] for number in numbers)
            missing.append(f"only emergency numbers whose source is secondary ({ids} in data/site.yml), which are "
                           "shown as text, not tap links (confirm one on a government's or the emergency service's "
                           "own page, then set its source_url and source_kind)")
        lines = around_the_clock(data, code)
        if not lines:
            listed = " and list its id in help_now_services in data/site.yml" if explicit else ""
            missing.append("no 24-hour crisis line (add a service in data/services/ with is_24_7: true, needs "
                           f"crisis or talk-now, and regions including {code}{' or ' + country if country != code else ''}"
                           f"{listed})")
        elif not any(is_tappable(data.services[i]) for i in lines):
            files = ", ".join(data.source_of("services", i) for i in lines)
            missing.append(f"only 24-hour crisis lines whose source is secondary ({files}), which are shown as text, "
                           "not tap links (confirm one on the provider's or a government's page, then set its "
                           "source_url and source_kind)")
        for place in places if missing else []:
            problems.append(f'{place}: {code} ({region_name(code)}) is offered, but it has {" and ".join(missing)}. '
                            "Someone there must be one tap from both.")
    return problems


def offered_pathway(pathway: dict[str, Any], home: list[str], label: str) -> tuple[dict[str, Any], list[str]]:
    """The pathway as a site that serves only `home` shows it: answers for other regions dropped, and any step
    that only they led to. A step left with no answers is a problem (someone would reach a dead end)."""
    steps = {}
    problems = []
    for step_id, step in pathway["steps"].items():
        answers = [a for a in step["answers"] if "region" not in a or serves_any([a["region"]], home)]
        if not answers:
            problems.append(f"{label}: steps.{step_id} has no answers left for this site's regions "
                            f"({', '.join(home)}): every answer is for another region, and show_other_regions is "
                            "false in data/site.yml (expected at least one answer without region:, or for one of "
                            "the site's regions)")
        steps[step_id] = {**step, "answers": answers}
    trimmed = {**pathway, "steps": steps}
    reachable = step_numbers(trimmed)
    trimmed["steps"] = {i: s for i, s in steps.items() if i in reachable}
    return trimmed, problems


def offered_pathways(data: Dataset) -> tuple[dict[str, dict[str, Any]], list[str]]:
    if data.site.get("show_other_regions", True):
        return data.pathways, []
    pathways, problems = {}, []
    for pathway_id, pathway in data.pathways.items():
        pathways[pathway_id], found = offered_pathway(pathway, data.site["regions"],
                                                      data.source_of("pathways", pathway_id))
        problems += found
    return pathways, problems


def region_pages(data: Dataset) -> list[str]:
    """The regions with a help-now page of their own (/help-now/au/), for posters and pathway answers to link to.

    Every served country has one; a part of a country has one if it has a route of its own (Scotland's Breathing
    Space) or is one of the site's regions, so Alberta does not repeat Canada's page."""
    home = data.site.get("regions", [])
    own_route = {e["region"] for e in data.site.get("emergency_numbers", [])}
    own_route |= {r for i in help_now_service_ids(data) for r in data.services[i]["regions"]}
    return [code for code in REGION_NAMES
            if ("-" not in code or code in own_route or code in home) and is_served(data, code)]


def region_page_paths(data: Dataset) -> set[str]:
    return {help_now_page(code) for code in region_pages(data)}

