"""Referral pathways: no route strands anyone (no dead end, loop, unreachable step or unknown destination), every
route ends at a real service, group or guide within three answers, every guide is the ending of some route, and a
person on a phone with JavaScript off can tap through every route and back again, seeing the help-now numbers
wherever a step mentions a risk to life."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from commonroom.loading import DataError, load_dataset
from commonroom.pages import generated_pages
from commonroom.pathways import step_page, walk
from commonroom.render import Renderer
from conftest import ROOT, read_yaml
from route_walk import tap_every_route, url_path

ROUTE = "data/pathways/test-route.yml"
PATHWAYS = {p.stem: read_yaml(p) for p in sorted((ROOT / "data" / "pathways").glob("*.yml"))}


def change_route(data: Path, change) -> None:
    path = data / "pathways" / "test-route.yml"
    record = yaml.safe_load(path.read_text())
    change(record["steps"])
    path.write_text(yaml.safe_dump(record, sort_keys=False))


def problems(data: Path, docs: Path | None = None) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data, docs=docs)
    return caught.value.problems


def only_problem(data: Path, docs: Path | None = None) -> str:
    found = problems(data, docs)
    assert len(found) == 1, found
    return found[0]


# Rejections: each names the file, the field and what was expected.

def test_an_answer_that_leads_nowhere_is_rejected_as_a_dead_end(minimal_data):
    change_route(minimal_data, lambda steps: steps["second"]["answers"].append({"label": "Something else"}))
    message = only_problem(minimal_data)
    assert message.startswith(f'{ROUTE}: steps.second.answers[2] "Something else" leads nowhere, a dead end')
    assert "(expected one of: next: a step, service: a service, group: a group format, or page: a guide page)" in message


def test_a_route_that_loops_back_is_rejected_as_a_cycle(minimal_data):
    def loop(steps):
        steps["second"]["answers"].append({"label": "Tell me more", "next": "third"})
        steps["third"] = {"question": "Would it help to hear more?", "answers": [{"label": "Go back", "next": "second"}]}

    change_route(minimal_data, loop)
    assert only_problem(minimal_data) == (
        f"{ROUTE}: steps second → third → second form a cycle (expected every route to end at a service, group or page)"
    )


def test_a_step_that_answers_itself_is_a_cycle(minimal_data):
    change_route(minimal_data, lambda steps: steps["second"]["answers"].append({"label": "Again", "next": "second"}))
    assert "steps second → second form a cycle" in only_problem(minimal_data)


def test_a_step_nobody_can_reach_is_rejected(minimal_data):
    change_route(minimal_data, lambda steps: steps.update(
        orphan={"question": "Who is this for?", "answers": [{"label": "Me", "service": "test-line"}]}))
    message = only_problem(minimal_data)
    assert message.startswith(f'{ROUTE}: step "orphan" cannot be reached from start "first"')
    assert "(expected every step to be the next: of an answer on the way from the start" in message


@pytest.mark.parametrize("key, value, word, known", [
    ("service", "samaritens", "service", "test-line"),
    ("group", "balint", "group", "test-circle"),
    ("next", "asked", "step", "first, second"),
])
def test_an_answer_naming_an_unknown_service_group_or_step_lists_the_known_ones(minimal_data, key, value, word, known):
    change_route(minimal_data, lambda steps: steps["second"]["answers"].append({"label": "Broken", key: value}))
    message = only_problem(minimal_data)
    assert message.startswith(f'{ROUTE}: steps.second.answers[2].{key} "{value}" is not a known {word} (expected one of: ')
    assert known in message.split("(expected one of: ")[1]


def test_an_answer_naming_a_page_that_is_not_in_docs_is_rejected(minimal_data, tmp_path):
    docs = tmp_path / "docs"
    (docs / "guides").mkdir(parents=True)
    (docs / "help-now.md").write_text("# Help now\n")
    (docs / "guides" / "evidence.md").write_text("# Evidence\n")
    change_route(minimal_data, lambda steps: steps["second"]["answers"].extend([
        {"label": "Read the evidence", "page": "guides/evidence.md"},
        {"label": "Read the guide", "page": "guides/suporting-a-colleague.md"},
    ]))
    assert only_problem(minimal_data, docs) == (
        f'{ROUTE}: steps.second.answers[3].page "guides/suporting-a-colleague.md" is not a page in docs/ '
        "(expected the path of a Markdown file under docs/, such as guides/supporting-a-colleague.md)"
    )


def test_a_page_answer_pointing_at_a_generated_service_page_says_to_use_service(minimal_data, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "help-now.md").write_text("# Help now\n")
    change_route(minimal_data, lambda steps: steps["second"]["answers"].append({"label": "Call", "page": "services/test-line.md"}))
    message = only_problem(minimal_data, docs)
    assert message.startswith(f'{ROUTE}: steps.second.answers[2].page "services/test-line.md" is made from data')
    assert "(expected service: test-line instead)" in message


def test_a_step_that_mentions_suicide_without_the_help_now_numbers_is_rejected(minimal_data):
    change_route(minimal_data, lambda steps: steps["second"].update(question="Are you having thoughts of suicide?"))
    assert only_problem(minimal_data) == (
        f'{ROUTE}: steps.second mentions a risk to life ("suicide") but does not show the help-now numbers '
        "(expected help_now: true on this step)"
    )


def test_an_answer_ending_at_a_closed_service_is_rejected(minimal_data):
    service = minimal_data / "services" / "test-line.yml"
    service.write_text(service.read_text() + "status: inactive\n")
    message = only_problem(minimal_data)
    assert message.startswith(f'{ROUTE}: steps.second.answers[0].service "test-line" is marked inactive')
    assert "(expected a service that is open now" in message


def test_only_the_start_step_may_be_called_index(minimal_data):
    def rename(steps):
        steps["index"] = steps.pop("second")
        steps["first"]["answers"][1]["next"] = "index"

    change_route(minimal_data, rename)
    assert only_problem(minimal_data).startswith(f'{ROUTE}: steps.index: only the start step can be called "index"')


def test_every_problem_in_a_pathway_is_reported_at_once(minimal_data):
    def break_everything(steps):
        steps["second"]["answers"].append({"label": "Loop", "next": "first"})
        steps["orphan"] = {"question": "Who is this for?", "answers": [{"label": "Nowhere"}]}

    change_route(minimal_data, break_everything)
    found = problems(minimal_data)
    assert len(found) == 3, found
    assert any("leads nowhere" in m for m in found)
    assert any("steps first → second → first form a cycle" in m for m in found)
    assert any('step "orphan" cannot be reached' in m for m in found)


def test_text_from_a_pathway_is_escaped_on_its_pages(minimal_data):
    def inject(steps):
        steps["second"]["question"] = "Would <script>alert('q')</script> help?"
        steps["second"]["answers"][0].update(label="<b>Talk</b>", note="<img src=x onerror=alert(1)>")

    change_route(minimal_data, inject)
    data = load_dataset(minimal_data)
    html = Renderer(data, ROOT / "overrides" / "commonroom", link=lambda uri: "/" + uri).pathway_step("test-route", "second")
    assert "<script>alert(" not in html and "<b>Talk</b>" not in html and "<img src=x" not in html
    assert "Would &lt;script&gt;alert(&#39;q&#39;)&lt;/script&gt; help?" in html
    assert "&lt;script&gt;" in generated_pages(data)["pathways/test-route/second.md"]


# The pathways the kit ships.

def test_the_kit_ships_the_five_pathways_from_the_brief():
    assert set(PATHWAYS) == {"need-help-now", "struggling", "worried-about-a-colleague", "join-or-start-a-group",
                             "leader-supporting-my-team"}


def test_the_real_pathways_pass_every_check_against_the_real_pages():
    data = load_dataset(ROOT / "data", docs=ROOT / "docs")
    assert set(data.pathways) == set(PATHWAYS)


@pytest.mark.parametrize("pathway_id", sorted(PATHWAYS))
def test_every_ending_is_reached_in_three_answers_or_fewer(pathway_id):
    routes = list(walk(PATHWAYS[pathway_id]))
    assert routes
    for taps, ending in routes:
        assert len(taps) <= 3, f"{pathway_id}: {' → '.join(s for s, _ in taps)} reaches {ending} in {len(taps)} answers"


def test_a_doctor_in_england_who_is_struggling_reaches_practitioner_health_in_three_answers():
    endings = {tuple(PATHWAYS["struggling"]["steps"][s]["answers"][i]["label"] for s, i in taps): ending
               for taps, ending in walk(PATHWAYS["struggling"])}
    route = ("No, but things are hard", "England", "I'm a doctor or dentist and want confidential treatment")
    assert endings[route] == ("service", "practitioner-health")


# Every guide is at the end of some route. A reader who does not know what to search for finds their way by
# answering questions; a guide no answer reaches is only found by browsing. So every guide, not a chosen few, must
# be an ending (the list of guides, guides/index.md, is not a guide), and a new guide fails here until a pathway
# leads to it.
GUIDES = sorted(f"guides/{p.name}" for p in (ROOT / "docs" / "guides").glob("*.md") if p.name != "index.md")
# The hard moments: each is reachable from the pathway of the person struggling, of the worried colleague and of
# the leader, whichever of the three they start from.
HARD_MOMENT_GUIDES = {
    "a colleague has died": "guides/after-a-colleague-dies-by-suicide.md",
    "a complaint, inquest or investigation": "guides/when-something-goes-wrong.md",
    "worried about registration": "guides/asking-for-help-and-registration.md",
}
HARD_MOMENT_PATHWAYS = ("struggling", "worried-about-a-colleague", "leader-supporting-my-team")


def pages_reached(pathway: dict) -> set[str]:
    """The written pages a pathway's routes end at, following each route from the start (walk)."""
    return {target for _, (kind, target) in walk(pathway) if kind == "page"}


def test_every_guide_is_reached_by_at_least_one_pathway_ending():
    data = load_dataset(ROOT / "data", docs=ROOT / "docs")  # the loader's checks pass too: no dead ends
    reached = set().union(*(pages_reached(p) for p in data.pathways.values()))
    assert len(GUIDES) > 10
    assert not [g for g in GUIDES if g not in reached], "guides no pathway ending reaches"


@pytest.mark.parametrize("pathway_id", HARD_MOMENT_PATHWAYS)
@pytest.mark.parametrize("moment", HARD_MOMENT_GUIDES)
def test_each_hard_moment_guide_is_reached_from_the_struggling_worried_and_leader_pathways(pathway_id, moment):
    data = load_dataset(ROOT / "data", docs=ROOT / "docs")
    assert HARD_MOMENT_GUIDES[moment] in pages_reached(data.pathways[pathway_id]), f"{pathway_id}: {moment}"


def test_a_step_that_leads_to_the_guide_after_a_death_by_suicide_shows_the_help_now_numbers():
    """Safe messaging: the step offering the postvention guide names suicide, so the help-now numbers come first."""
    for pathway_id in HARD_MOMENT_PATHWAYS:
        steps = PATHWAYS[pathway_id]["steps"]
        offering = [s for s in steps.values()
                    if any(a.get("page") == HARD_MOMENT_GUIDES["a colleague has died"] for a in s["answers"])]
        assert offering and all(s.get("help_now") for s in offering), pathway_id


def test_each_pathway_start_is_in_the_search_index(built_site):
    script = (built_site / "search" / "search-index.js").read_text()
    entries = json.loads(script.removeprefix("window.commonroomSearch(").rstrip().removesuffix(");"))["e"]
    pathways = {e["u"]: e for e in entries if e.get("y") == "pathway"}
    for pathway_id, pathway in PATHWAYS.items():
        entry = pathways[f"pathways/{pathway_id}/"]
        assert entry["t"] == pathway["title"]
        assert pathway["steps"][pathway["start"]]["question"] in entry["k"]


def test_step_pages_stay_out_of_the_navigation_and_the_list_of_pathways_links_each_start(built_site):
    home = (built_site / "index.html").read_text()
    assert "pathways/need-help-now/where/" not in home
    listing = (built_site / "pathways" / "index.html").read_text()
    for pathway_id, pathway in PATHWAYS.items():
        assert f'href="{pathway_id}/"' in listing, pathway_id
        for step_id in pathway["steps"]:
            page = built_site / url_path(step_page(pathway_id, step_id, pathway["start"])) / "index.html"
            assert page.is_file(), f"no page for {pathway_id} step {step_id}"


# A phone with JavaScript off taps through every route.

@pytest.mark.parametrize("pathway_id", [pytest.param(p, id=f"{p}@routes") for p in sorted(PATHWAYS)])
def test_every_route_can_be_tapped_to_its_ending_and_back_without_javascript(browser, site_url, pathway_id):
    """Every answer of every step tapped on a phone with JavaScript off, to the next step (its question, its place
    in the trail, "Start again", the help-now numbers before the question where the step has them) or to the
    route's ending (the right page and heading), and back each time; then "Start again" from the last step.
    The walk and its checks are in tests/route_walk.py, which tests/test_regions.py reads too."""
    walked = tap_every_route(browser, site_url, pathway_id)
    assert len(walked.steps) == len(PATHWAYS[pathway_id]["steps"]), "a step no route reached"
