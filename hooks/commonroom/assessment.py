"""The leaders' self-assessment (data/assessment.yml): checks that the schema cannot make, and the sums the pages show.

Every statement must rest on a source the file lists and point at a page of this site that shows what good looks
like, so a leader who scores low always has somewhere to go. Those pages are checked the way pathway answers are:
a written page must exist under docs/ (with the section, if one is named), and a group format's page must be one
the data makes. The worked cost of protected time is worked out here, once, for the case for the board.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Mapping

from markdown.extensions.toc import slugify

from .yamlfile import YamlProblem, line_of, read_yaml

LABEL = "data/assessment.yml"

# The NHS Health and Wellbeing Framework's seven elements (names only; the statements are ours).
NHS_ELEMENTS = {
    "personal-health": "Improving personal health and wellbeing",
    "relationships": "Relationships",
    "fulfilment-at-work": "Fulfilment at work",
    "managers-and-leaders": "Managers and leaders",
    "environment": "Environment",
    "data-insights": "Data insights",
    "professional-wellbeing-support": "Professional wellbeing support",
}
# The National Academy of Medicine's six organisational domains (Sinsky and others, 2020).
NAM_DOMAINS = {
    "commitment": "Organisational commitment",
    "workforce-assessment": "Workforce assessment",
    "leadership": "Leadership",
    "policy": "Policy",
    "efficiency": "Efficiency of the work environment",
    "support": "Support",
}
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
GROUP_PAGE = re.compile(r"^groups/([a-z0-9-]+)\.md$")


def page_anchors(markdown_text: str) -> set[str]:
    """The ids MkDocs gives a page's headings (Python-Markdown's toc slugs, or an explicit {#id}), outside code."""
    anchors, fenced = set(), False
    for line in markdown_text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        match = None if fenced else HEADING.match(line)
        if match:
            explicit = EXPLICIT_ID.search(match.group(1))
            anchors.add(explicit.group(1) if explicit else slugify(re.sub(r"\{[^}]*\}\s*$", "", match.group(1)), "-"))
    return anchors


def page_problem(target: str, docs: Path, groups: Mapping[str, Any]) -> str | None:
    """Why a page reference cannot be followed, or None if it can."""
    page, _, anchor = target.partition("#")
    generated = GROUP_PAGE.match(page)
    if generated and generated.group(1) in groups and not (docs / page).is_file():
        return None if not anchor else f'"{target}": a group format\'s page cannot be linked to a section (expected {page})'
    if not (docs / page).is_file():
        return (f'"{target}" is not a page of this site (expected a Markdown file under docs/, such as '
                f"guides/for-leaders.md, or a group format's page such as groups/balint-groups.md)")
    if anchor and anchor not in page_anchors((docs / page).read_text(encoding="utf-8")):
        return f'"{target}": {page} has no section "#{anchor}" (expected the id of one of its headings)'
    return None


def assessment_problems(assessment: Mapping[str, Any], text: str, docs: Path | None,
                        groups: Mapping[str, Any]) -> list[str]:
    """Every reference in the assessment that leads nowhere, each with its line. Run once the schema is met."""
    try:
        _, node = read_yaml(text)
    except YamlProblem:
        node = None
    found: list[tuple[list[str | int], str]] = []
    sources = assessment["sources"]

    for source_id, source in sources.items():
        if not any(key in source for key in ("url", "page", "note")):
            found.append((["sources", source_id], f"sources.{source_id} has no url, page or note "
                          "(expected its web address, a page of this site, or a note saying why it has no link)"))
        if "url" in source and "verified_on" not in source:
            found.append((["sources", source_id], f"sources.{source_id}.verified_on is missing "
                          "(expected the date someone checked the source says what we cite it for)"))

    def check_sources(ids: list[str], path: list[str | int]) -> None:
        for index, source_id in enumerate(ids):
            if source_id not in sources:
                where = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
                found.append((path + [index], f'{where}[{index}] "{source_id}" is not a known source '
                              f"(expected one of the ids under sources: {', '.join(sorted(sources))})"))

    def check_page(target: str, path: list[str | int]) -> None:
        if docs is None:
            return
        problem = page_problem(target, docs, groups)
        if problem:
            where = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")
            found.append((path, f"{where} {problem}"))

    for key, source in sources.items():
        if "page" in source:
            check_page(source["page"], ["sources", key, "page"])
    seen_areas: dict[str, int] = {}
    seen_statements: dict[str, str] = {}
    elements: dict[str, str] = {}
    for a, area in enumerate(assessment["areas"]):
        base: list[str | int] = ["areas", a]
        if area["id"] in seen_areas:
            found.append((base + ["id"], f'areas[{a}].id "{area["id"]}" is used twice (expected each area id once)'))
        seen_areas[area["id"]] = a
        element = area.get("nhs_element")
        if element and element in elements:
            found.append((base + ["nhs_element"], f'areas[{a}].nhs_element "{element}" is already covered by area '
                          f'"{elements[element]}" (expected each NHS element in one area)'))
        elif element:
            elements[element] = area["id"]
        elif not area.get("beyond_the_framework"):
            found.append((base, f'areas[{a}] "{area["id"]}" has neither nhs_element nor beyond_the_framework '
                          "(expected the NHS element it covers, or a note on why it is added)"))
        for s, statement in enumerate(area["statements"]):
            path = base + ["statements", s]
            if statement["id"] in seen_statements:
                found.append((path + ["id"], f'areas[{a}].statements[{s}].id "{statement["id"]}" is used twice '
                              f'(also in area "{seen_statements[statement["id"]]}"; expected each statement id once)'))
            seen_statements[statement["id"]] = area["id"]
            check_sources(statement["sources"], path + ["sources"])
            check_page(statement["good_looks_like"], path + ["good_looks_like"])
        for i, action in enumerate(area["actions"]):
            check_page(action["page"], base + ["actions", i, "page"])
    missing = [name for key, name in NHS_ELEMENTS.items() if key not in elements]
    if missing:
        found.append((["areas"], f"areas do not cover every element of the NHS Health and Wellbeing Framework "
                      f"(missing: {', '.join(missing)})"))
    scale_ids = [point["id"] for point in assessment["scale"]]
    if len(set(scale_ids)) != len(scale_ids):
        found.append((["scale"], "scale uses the same id twice (expected each answer's id once)"))
    case = assessment["case"]
    for c, claim in enumerate(case["evidence"]):
        check_sources(claim["sources"], ["case", "evidence", c, "sources"])
    for m, measure in enumerate(case["measures"]):
        check_sources(measure["sources"], ["case", "measures", m, "sources"])
    check_sources(case["protected_time"]["sources"], ["case", "protected_time", "sources"])
    return [f"{LABEL}: line {line_of(node, path)}: {message}" for path, message in found]


def statement_count(assessment: Mapping[str, Any]) -> int:
    return sum(len(area["statements"]) for area in assessment["areas"])


def protected_time_cost(protected_time: Mapping[str, Any]) -> dict[str, float]:
    """Hours a year that one group on protected time takes, worked out from the example in the data.

    Members' time and facilitators' time (the session, the setting up and debriefing around it, and supervision)
    are counted separately, then as a share of one full-time post over the same number of weeks.
    """
    sessions = protected_time["sessions_per_year"]
    session_hours = protected_time["session_minutes"] / 60
    members = protected_time["members"] * session_hours * sessions
    per_facilitator = (session_hours + protected_time["facilitator_extra_minutes"] / 60) * sessions \
        + protected_time["supervision_hours_per_year"]
    facilitators = protected_time["facilitators"] * per_facilitator
    total = members + facilitators
    post = protected_time["working_hours_per_week"] * sessions
    return {
        "session_hours": session_hours,
        "member_hours": members,
        "per_member_hours": session_hours * sessions,
        "facilitator_hours": facilitators,
        "per_facilitator_hours": per_facilitator,
        "total_hours": total,
        "share_of_a_post": total / post,
        "post_hours": post,
    }


def hours(value: float) -> str:
    """A number of hours as the page prints it: whole numbers bare, others to one decimal place."""
    return f"{value:,.0f}" if abs(value - round(value)) < 0.05 else f"{value:,.1f}"
