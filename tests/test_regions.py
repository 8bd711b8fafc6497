"""Regions: every region the site offers (its own regions, a pathway answer, a listed service's regions) has an
emergency number and a 24-hour crisis line, or the build stops; each of the ten default regions works alone; a person
who answers a region in any pathway always reaches that region's emergency number; a crisis line's page never sends
people back to a page that lists the same line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from commonroom.coverage import emergency_numbers_for, region_pages
from commonroom.loading import DataError, load_dataset
from commonroom.regions import REGION_NAMES, covers, emergency_department, serves
from commonroom.render import Renderer
from commonroom.sources import is_tappable
from conftest import ROOT, read_yaml
from route_walk import tap_every_route

SITE = load_dataset(ROOT / "data").site  # with the kit's emergency numbers and help-now picks, from their own files
PATHWAYS = {p.stem: read_yaml(p) for p in sorted((ROOT / "data" / "pathways").glob("*.yml"))}
SERVICES = {p.stem: read_yaml(p) for p in (ROOT / "data" / "services").glob("*.yml")}
TEN_REGIONS = ["GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR", "IE", "US", "CA", "AU", "NZ", "ZA"]


def edit(data: Path, name: str, change) -> None:
    path = data / name
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")


def add_service(data: Path, service_id: str, **fields) -> None:
    """A copy of the minimal data's 24-hour crisis line (test-line) with other fields."""
    record = yaml.safe_load((data / "services" / "test-line.yml").read_text(encoding="utf-8"))
    record.update(name=f"Line {service_id}", **fields)
    (data / "services" / f"{service_id}.yml").write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    return caught.value.problems


NO_NUMBER = "no emergency number (add one with region {} to emergency_numbers in data/site.yml)"
NO_LINE = "no 24-hour crisis line (add a service in data/services/ with is_24_7: true, needs crisis or talk-now, and regions including {}"


# How regions nest

def test_a_country_wide_number_serves_each_part_but_a_line_for_one_part_serves_no_other():
    assert serves("GB", "GB-SCT") and serves("GB", "GB") and serves("CA", "CA-AB")
    assert not serves("GB-SCT", "GB-ENG") and not serves("GB-SCT", "GB") and not serves("US", "GB")
    assert covers("GB-SCT", "GB"), "the directory still shows Scotland's services to a UK-wide site"


def test_go_to_a_and_e_is_worded_as_each_region_says_it():
    assert emergency_department("GB-SCT") == emergency_department("IE") == "A&E"
    assert emergency_department("AU") == emergency_department("US") == "the emergency department"


# The loader stops a region offered without routes, wherever it is offered

def test_a_site_region_without_routes_stops_the_build_naming_the_region_and_what_is_missing(minimal_data):
    edit(minimal_data, "site.yml", lambda site: site.update(regions=["GB-ENG", "AU"]))
    assert problems(minimal_data) == [
        f"data/site.yml: regions[1]: AU (Australia) is offered, but it has {NO_NUMBER.format('AU')} and "
        f"{NO_LINE.format('AU')} and list its id in help_now_services in data/site.yml). Someone there must be one tap from both."]


def test_a_region_whose_only_emergency_numbers_come_from_a_secondary_copy_stops_the_build_naming_them(minimal_data):
    edit(minimal_data, "site.yml", lambda site: site["emergency_numbers"][0].update(
        source_kind="secondary", source_note="a news report that lists emergency numbers"))
    found = problems(minimal_data)
    assert found and found[0] == (
        "data/site.yml: regions[0]: GB-ENG (England) is offered, but it has only emergency numbers whose source is "
        "secondary (gb-999 in data/site.yml), which are shown as text, not tap links (confirm one on a government's or "
        "the emergency service's own page, then set its source_url and source_kind). Someone there must be one tap from both.")


def test_a_region_whose_only_24_hour_line_comes_from_a_secondary_copy_stops_the_build_naming_its_file(minimal_data):
    edit(minimal_data, "services/test-line.yml", lambda line: line.update(
        source_kind="secondary", source_note="a charity's list of helplines"))
    found = problems(minimal_data)
    assert found and found[0] == (
        "data/site.yml: regions[0]: GB-ENG (England) is offered, but it has only 24-hour crisis lines whose source is "
        "secondary (data/services/test-line.yml), which are shown as text, not tap links (confirm one on the provider's "
        "or a government's page, then set its source_url and source_kind). Someone there must be one tap from both.")


def test_a_pathway_answer_for_a_region_without_routes_stops_the_build(minimal_data):
    edit(minimal_data, "pathways/test-route.yml", lambda route: route["steps"]["second"]["answers"][0].update(region="NZ"))
    found = problems(minimal_data)
    assert len(found) == 1, found
    assert found[0].startswith('data/pathways/test-route.yml: steps.second.answers[0] "Talk to someone": NZ (New Zealand) '
                               f"is offered, but it has {NO_NUMBER.format('NZ')} and {NO_LINE.format('NZ')}")


def test_a_listed_service_for_a_region_without_routes_stops_the_build(minimal_data):
    add_service(minimal_data, "canada-line", regions=["CA-AB"], needs=["counselling"], is_24_7=False)
    found = problems(minimal_data)
    assert found == [f"data/services/canada-line.yml: regions[0]: CA-AB (Alberta) is offered, but it has "
                     f"{NO_NUMBER.format('CA-AB or CA')} and {NO_LINE.format('CA-AB or CA')} and list its id in "
                     "help_now_services in data/site.yml). Someone there must be one tap from both."]


def test_only_what_is_missing_is_named(minimal_data):
    """The UK's 999 serves Scotland, so a Scotland-only service needs only a line that serves Scotland."""
    add_service(minimal_data, "scotland-clinic", regions=["GB-SCT"], needs=["counselling"], is_24_7=False)
    edit(minimal_data, "services/test-line.yml", lambda line: line.update(regions=["GB-ENG"]))
    found = problems(minimal_data)
    assert found == [f"data/services/scotland-clinic.yml: regions[0]: GB-SCT (Scotland) is offered, but it has "
                     f"{NO_LINE.format('GB-SCT or GB')} and list its id in help_now_services in data/site.yml). "
                     "Someone there must be one tap from both."]


def test_a_line_for_one_nation_does_not_serve_another(minimal_data):
    edit(minimal_data, "services/test-line.yml", lambda line: line.update(regions=["GB-SCT"]))
    found = problems(minimal_data)
    assert found[0].startswith("data/site.yml: regions[0]: GB-ENG (England) is offered, but it has no 24-hour crisis line")
    assert all("no emergency number" not in p for p in found), "999 for GB serves England and Scotland"


def test_a_line_that_is_not_open_at_all_hours_is_not_a_24_hour_route(minimal_data):
    edit(minimal_data, "services/test-line.yml", lambda line: line.update(is_24_7=False))
    assert problems(minimal_data)[0].startswith("data/site.yml: regions[0]: GB-ENG (England) is offered, but it has "
                                                "no 24-hour crisis line")


def test_a_hidden_line_does_not_count(minimal_data):
    edit(minimal_data, "site.yml", lambda site: site.update(hide_services=["test-line"]))
    assert any(p.startswith("data/site.yml: regions[0]: GB-ENG (England) is offered, but it has no 24-hour crisis line")
               for p in problems(minimal_data))


def test_a_site_that_lists_only_its_own_regions_drops_answers_for_other_regions(minimal_data):
    def offer_new_zealand(route):
        route["steps"]["second"]["answers"].append({"label": "New Zealand", "next": "nz", "region": "NZ"})
        route["steps"]["nz"] = {"question": "Which fits you best?", "answers": [{"label": "Talk", "service": "test-line"}]}
    edit(minimal_data, "pathways/test-route.yml", offer_new_zealand)
    assert problems(minimal_data)[0].startswith('data/pathways/test-route.yml: steps.second.answers[2] "New Zealand": NZ')
    edit(minimal_data, "site.yml", lambda site: site.update(show_other_regions=False))
    steps = load_dataset(minimal_data).pathways["test-route"]["steps"]
    assert [a["label"] for a in steps["second"]["answers"]] == ["Talk to someone", "Join a group"]
    assert "nz" not in steps, "a step only the dropped answer led to is not offered either"


def test_a_step_left_with_no_answers_for_the_sites_regions_stops_the_build(minimal_data):
    edit(minimal_data, "pathways/test-route.yml",
         lambda route: [a.update(region="NZ") for a in route["steps"]["second"]["answers"]])
    edit(minimal_data, "site.yml", lambda site: site.update(show_other_regions=False))
    assert problems(minimal_data) == [
        "data/pathways/test-route.yml: steps.second has no answers left for this site's regions (GB-ENG): every answer "
        "is for another region, and show_other_regions is false in data/site.yml (expected at least one answer "
        "without region:, or for one of the site's regions)"]


def test_an_answer_pointing_at_a_region_page_the_site_does_not_have_says_why(minimal_data, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "help-now.md").write_text("# Help now\n")
    (minimal_data / "assessment.yml").unlink()  # its links point at the kit's pages, which this docs folder lacks
    def to_australia(route):
        answer = route["steps"]["second"]["answers"][0]
        del answer["service"]
        answer["page"] = "help-now/au.md"
    edit(minimal_data, "pathways/test-route.yml", to_australia)
    with pytest.raises(DataError) as caught:
        load_dataset(minimal_data, docs=docs)
    assert caught.value.problems == [
        'data/pathways/test-route.yml: steps.second.answers[0].page "help-now/au.md" is not a help-now page on this site '
        "(each region with an emergency number and a 24-hour crisis line has one, such as help-now/gb-eng.md; add "
        "region: to the answer to see what is missing)"]
    edit(minimal_data, "pathways/test-route.yml",
         lambda route: route["steps"]["second"]["answers"][0].update(page="help-now/gb-eng.md"))
    assert load_dataset(minimal_data, docs=docs).pathways["test-route"]


def test_the_kit_serves_the_ten_regions_and_each_has_its_own_page():
    data = load_dataset(ROOT / "data", docs=ROOT / "docs")
    pages = region_pages(data)
    for code in TEN_REGIONS:
        assert code in pages, code
    assert "CA-AB" not in pages, "Alberta has no route of its own: Canada's page serves it"
    assert set(pages) <= set(REGION_NAMES)


# Each of the ten regions alone: data in, pages out (the loader's checks and the help-now templates, as a build
# runs them, without building ten sites)

def section(html: str, code: str) -> str:
    found = re.search(rf'<section class="cr-region" aria-labelledby="help-{code.lower()}">(.*?)</section>', html, re.S)
    assert found, f"no section for {code}"
    return found.group(1)


def test_a_countrys_help_now_page_lists_the_lines_for_only_one_of_its_parts_under_that_parts_name(built_site):
    """Someone in Quebec who opens Canada's page finds Quebec's own lines there, not only on Quebec's page."""
    html = (built_site / "help-now" / "ca" / "index.html").read_text(encoding="utf-8")
    routes = section(html, "CA")
    part = routes[routes.index("<strong>Only in Québec</strong>"):]
    for service_id in ("quebec-suicide-prevention-line", "info-social-811-quebec"):
        assert f'data-id="{service_id}"' in part, service_id
    assert 'href="tel:18662773553"' in part and 'href="tel:811"' in part
    assert 'data-id="988-canada"' in routes[:routes.index("Only in Québec")], "the country's own lines come first"


@pytest.mark.parametrize("code", TEN_REGIONS)
def test_a_site_for_one_region_shows_its_emergency_number_where_to_go_and_a_24_hour_line_as_tap_links(tmp_path, code):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    site_file = data / "site.yml"
    site_file.write_text(re.sub(r"(?m)^regions:\n(  - .*\n)+", f"regions:\n  - {code}\n", site_file.read_text(encoding="utf-8")),
                         encoding="utf-8")
    pages = Renderer(load_dataset(data, docs=ROOT / "docs"), ROOT / "overrides" / "commonroom", link=lambda uri: "/" + uri)
    for page, html in (("help-now", pages.help_now()), (f"help-now/{code.lower()}", pages.region_help_now(code))):
        routes = section(html, code)
        emergency = [e["number"] for e in emergency_numbers_for(SITE, code) if is_tappable(e)]  # the rest are text
        assert emergency and all(f'href="tel:{re.sub(r"[^0-9]", "", n)}"' in routes for n in emergency), (page, emergency)
        assert f"Or go to {emergency_department(code)} at the nearest hospital." in routes.replace("&amp;", "&")
        assert "<strong>If you cannot keep yourself safe</strong>" in routes
        cards = [card for card in routes.split('<div class="cr-card"')[1:] if "data-always-open" in card.split(">", 1)[0]]
        assert any(re.search(r'href="(tel|sms):[0-9+]+', card) for card in cards), f"{page}: no 24-hour line to tap"


# Crisis lines' banners

def crisis_line_ids() -> list[str]:
    return sorted(i for i, s in SERVICES.items() if "crisis" in s["needs"] and s.get("not_for_emergencies"))


@pytest.mark.parametrize("service_id", crisis_line_ids())
def test_a_crisis_lines_banner_gives_the_emergency_number_and_never_links_to_a_page_that_lists_it(built_site, service_id):
    html = (built_site / "services" / service_id / "index.html").read_text(encoding="utf-8")
    banner = re.search(r'<p class="cr-not-emergency">(.*?)</p>', html, re.S).group(1)
    assert "If you are in immediate danger, call" in banner
    numbers = {re.sub(r"\D", "", e["number"]) for code in SERVICES[service_id]["regions"]
               for e in emergency_numbers_for(SITE, code) if is_tappable(e)}
    assert numbers and numbers <= set(re.findall(r'href="tel:([0-9]+)"', banner)), banner
    secondary = {re.sub(r"\D", "", e["number"]) for code in SERVICES[service_id]["regions"]
                 for e in emergency_numbers_for(SITE, code) if not is_tappable(e)}
    assert not secondary & set(re.findall(r'href="tel:([0-9]+)"', banner)), "a number only a secondary copy gives"
    for href in re.findall(r'href="([^"]+)"', banner):
        assert href.startswith("tel:"), f"{service_id}: the banner links to {href}"


def test_other_services_keep_the_help_now_link_beside_the_emergency_number(built_site):
    html = (built_site / "services" / "drs4drs" / "index.html").read_text(encoding="utf-8")
    banner = re.search(r'<p class="cr-not-emergency">(.*?)</p>', html, re.S).group(1)
    assert "This is not an emergency service." in banner and 'href="tel:000"' in banner and "help-now/" in banner


# A phone answers every region in every pathway

def region_answer_routes():
    for pathway_id, pathway in sorted(PATHWAYS.items()):
        for step_id, step in pathway["steps"].items():
            for index, answer in enumerate(step["answers"]):
                if "region" in answer:
                    yield pathway_id, step_id, index


@pytest.mark.parametrize("pathway_id", [pytest.param(p, id=f"{p}@routes")
                                        for p in sorted({pathway_id for pathway_id, _, _ in region_answer_routes()})])
def test_every_region_answer_always_reaches_that_regions_emergency_number(browser, site_url, pathway_id):
    """Each region's answer, then every answer after it, to every ending, as tapped on a phone with JavaScript off
    (tests/route_walk.py, the walk tests/test_pathways.py checks): each route passes a page with a visible
    tap-to-call link for that region's emergency number."""
    walked = tap_every_route(browser, site_url, pathway_id)
    pathway = PATHWAYS[pathway_id]
    checked = []

    def follow(visit, numbers: set[str], seen: bool, label: str) -> None:
        seen = seen or bool(visit.numbers & numbers)
        if not visit.answers:
            assert seen, f"{pathway_id}: {label} ends at {visit.url} without the emergency number {numbers}"
            checked.append(label)
        for index, after in enumerate(visit.answers):
            follow(after, numbers, seen, f"{label} › {index}")

    for step_owner, step_id, index in region_answer_routes():
        if step_owner != pathway_id:
            continue
        answer = pathway["steps"][step_id]["answers"][index]
        numbers = {re.sub(r"\D", "", e["number"]) for e in emergency_numbers_for(SITE, answer["region"])}
        follow(walked.steps[step_id].answers[index], numbers, False, answer["label"])
    assert checked
