"""Referral pathways: check that every route ends somewhere real, and work out where each step's page lives.

A pathway is a small graph: steps are nodes, an answer with `next` is an edge, and an answer with a
`service`, `group` or `page` is an ending. A person tapping through it on a phone must never reach a step
with no way on, go round in a circle, or land on a page that does not exist, so the loader rejects all three.
"""

from __future__ import annotations

import re
from collections import deque
from pathlib import Path
from typing import Any, Iterator, Mapping

from .frontmatter import title_and_description

DESTINATIONS = ("next", "service", "group", "page")
ENDINGS = ("service", "group", "page")
START_PAGE = "index"

# Words that mean a step talks about a risk to life. Such a step must show the help-now numbers first
# (safe messaging: help routes next to any mention of suicide or danger).
RISK_TO_LIFE = re.compile(
    r"\b(suicid\w*|danger\w*|self-harm\w*|kill\w*)"
    r"|\blives? (is |are )?at risk"
    r"|(\bnot|\bcannot|n't) (be |feel |feeling |keep \w+ )?safe\b"
    r"|\bend(ing)? (my|your|their|his|her|a) (own )?life\b",
    re.IGNORECASE,
)


def step_page(pathway_id: str, step_id: str, start: str) -> str:
    """The page (as if in docs/) for one step: the start step is the pathway's own address."""
    return f"pathways/{pathway_id}/{START_PAGE if step_id == start else step_id}.md"


def destination(answer: Mapping[str, Any]) -> tuple[str, str] | None:
    """(kind, target) of the one place an answer leads, such as ("service", "samaritans")."""
    for key in DESTINATIONS:
        if key in answer:
            return key, answer[key]
    return None


def next_steps(step: Mapping[str, Any]) -> list[str]:
    return [a["next"] for a in step.get("answers", []) if "next" in a]


def step_numbers(pathway: Mapping[str, Any]) -> dict[str, int]:
    """How many questions it takes to reach each step by the shortest route (the start is step 1)."""
    steps = pathway.get("steps", {})
    start = pathway.get("start")
    if start not in steps:
        return {}
    numbers = {start: 1}
    queue = deque([start])
    while queue:
        step_id = queue.popleft()
        for target in next_steps(steps[step_id]):
            if target in steps and target not in numbers:
                numbers[target] = numbers[step_id] + 1
                queue.append(target)
    return numbers


def cycles(steps: Mapping[str, Mapping[str, Any]]) -> list[list[str]]:
    """Every distinct loop of `next` links, each as the steps in order with the first repeated at the end."""
    found: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    done: set[str] = set()

    def visit(step_id: str, route: list[str]) -> None:
        for target in next_steps(steps[step_id]):
            if target not in steps:
                continue
            if target in route:
                loop = route[route.index(target):]
                turn = loop.index(min(loop))
                key = tuple(loop[turn:] + loop[:turn])
                if key not in seen:
                    seen.add(key)
                    found.append(loop + [target])
            elif target not in done:
                visit(target, route + [target])
        done.add(step_id)

    for step_id in steps:
        if step_id not in done:
            visit(step_id, [step_id])
    return found


def docs_pages(docs: Path) -> set[str]:
    """Every Markdown page under docs/, as the paths an answer's `page:` uses (guides/evidence.md)."""
    pages = (p.relative_to(docs) for p in docs.rglob("*.md"))  # hidden below docs, wherever docs itself is
    return {p.as_posix() for p in pages if not any(part.startswith(".") for part in p.parts)}


def page_heading(docs: Path | None, src_uri: str) -> tuple[str, str]:
    """A written page's title and one-line description, from its front matter or its first heading.

    Read from the file rather than from MkDocs, so an ending can name a guide that has not been built yet.
    """
    if docs is None or not (docs / src_uri).is_file():
        return title_and_description("", src_uri)
    return title_and_description((docs / src_uri).read_text(encoding="utf-8"), src_uri)


def _risk_words(step: Mapping[str, Any]) -> str | None:
    texts = [step.get("question", ""), step.get("text", "")] + [a.get("label", "") for a in step.get("answers", [])]
    match = next((m for m in map(RISK_TO_LIFE.search, texts) if m), None)
    return match.group(0) if match else None


def pathway_problems(pathway: Mapping[str, Any], label: str, services: Mapping[str, Any], groups: Mapping[str, Any],
                     pages: set[str] | None) -> list[str]:
    """Every way a pathway could strand someone: a dead end, a loop, a step nobody reaches, or an answer that
    points at a service, group, step or page that does not exist. `pages` is None when docs/ is not known."""
    problems: list[str] = []
    steps = pathway.get("steps", {})
    start = pathway.get("start")
    if start not in steps:
        problems.append(f'{label}: start "{start}" is not one of the steps (expected one of: {", ".join(steps)})')
    known = {"next": steps, "service": services, "group": groups}
    for step_id, step in steps.items():
        where = f"{label}: steps.{step_id}"
        if step_id == START_PAGE and step_id != start:
            problems.append(f'{where}: only the start step can be called "{START_PAGE}" (its page is the pathway\'s '
                            f"own address; expected another step id, such as {START_PAGE}-2)")
        risk = _risk_words(step)
        if risk and not step.get("help_now"):
            problems.append(f'{where} mentions a risk to life ("{risk}") but does not show the help-now numbers '
                            "(expected help_now: true on this step)")
        for index, answer in enumerate(step.get("answers", [])):
            field = f"{where}.answers[{index}]"
            given = [key for key in DESTINATIONS if key in answer]
            if not given:
                problems.append(f'{field} "{answer.get("label", "")}" leads nowhere, a dead end (expected one of: '
                                f"next: a step, service: a service, group: a group format, or page: a guide page)")
            elif len(given) > 1:
                problems.append(f"{field} has {len(given)} destinations "
                                f"(expected exactly one of: {', '.join(DESTINATIONS)})")
            for key, targets in known.items():
                if key in answer and answer[key] not in targets:
                    word = "step" if key == "next" else key
                    problems.append(f'{field}.{key} "{answer[key]}" is not a known {word} '
                                    f"(expected one of: {', '.join(sorted(targets))})")
            if "service" in answer and services.get(answer["service"], {}).get("status") == "inactive":
                problems.append(f'{field}.service "{answer["service"]}" is marked inactive '
                                "(expected a service that is open now; point the answer at one of its alternatives)")
            if "page" in answer and pages is not None and answer["page"] not in pages:
                problems.append(f"{field}.page {_page_problem(answer['page'], services, groups)}")
    for loop in cycles(steps):
        problems.append(f"{label}: steps {' → '.join(loop)} form a cycle "
                        "(expected every route to end at a service, group or page)")
    reachable = step_numbers(pathway)
    if reachable:
        for step_id in steps:
            if step_id not in reachable:
                problems.append(f'{label}: step "{step_id}" cannot be reached from start "{start}" '
                                f"(expected every step to be the next: of an answer on the way from the start; "
                                "link to it or remove it)")
    return problems


def _page_problem(page: str, services: Mapping[str, Any], groups: Mapping[str, Any]) -> str:
    generated = re.fullmatch(r"(services|groups)/([a-z0-9-]+)\.md", page)
    if generated and generated.group(2) in (services if generated.group(1) == "services" else groups):
        key = "service" if generated.group(1) == "services" else "group"
        return f'"{page}" is made from data, not a page in docs/ (expected {key}: {generated.group(2)} instead)'
    if re.fullmatch(r"help-now/[a-z-]+\.md", page):
        return (f'"{page}" is not a help-now page on this site (each region with an emergency number and a 24-hour '
                "crisis line has one, such as help-now/gb-eng.md; add region: to the answer to see what is missing)")
    return f'"{page}" is not a page in docs/ (expected the path of a Markdown file under docs/, such as guides/supporting-a-colleague.md)'


def walk(pathway: Mapping[str, Any]) -> Iterator[tuple[list[tuple[str, int]], tuple[str, str]]]:
    """Every route from the start to an ending: the (step, answer index) taps, then the ending (kind, target)."""
    steps = pathway["steps"]

    def routes(step_id: str, taps: list[tuple[str, int]]):
        for index, answer in enumerate(steps[step_id]["answers"]):
            kind, target = destination(answer)
            if kind == "next":
                yield from routes(target, taps + [(step_id, index)])
            else:
                yield taps + [(step_id, index)], (kind, target)

    yield from routes(pathway["start"], [])
