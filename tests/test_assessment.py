"""The leaders' self-assessment: data that cannot cite nothing or link nowhere, a form that prints on A4 without
JavaScript, a plan whose links all work, nothing sent off the device, a saved result that comes back to compare,
and a calendar reminder three months ahead."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import shutil
from pathlib import Path

import icalendar
import pytest
import yaml
from playwright.sync_api import expect

from commonroom.assessment import protected_time_cost, statement_count
from commonroom.loading import DataError, load_dataset
from conftest import ROOT, serve
from every_page import axe_failures, with_axe

ASSESSMENT = ROOT / "data" / "assessment.yml"
DATA = yaml.safe_load(ASSESSMENT.read_text(encoding="utf-8"))
AREAS = {area["id"]: area["name"] for area in DATA["areas"]}
A4_PRINTABLE_WIDTH = round((210 - 2 * 12) / 25.4 * 96)  # check.css: @page margin 12 mm each side, in CSS pixels


# ---- the data ----

def data_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the project's data with one edit to data/assessment.yml."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = ASSESSMENT.read_text(encoding="utf-8")
    assert old in text, f"the test's edit no longer matches data/assessment.yml: {old!r}"
    (data / "assessment.yml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return data


def problems_after(tmp_path: Path, old: str, new: str) -> str:
    with pytest.raises(DataError) as caught:
        load_dataset(data_with(tmp_path, old, new), docs=ROOT / "docs")
    return str(caught.value)


FIRST_STATEMENT = """        text: Staff can get confidential mental health support quickly, without asking their manager first.
        sources: [nhs-hwb-framework, carrieri-2020]
        good_looks_like: services/index.md"""


def test_the_project_assessment_loads_with_25_to_40_statements_over_nine_areas():
    data = load_dataset(ROOT / "data", docs=ROOT / "docs")
    assert 25 <= statement_count(data.assessment) <= 40
    assert len(data.assessment["areas"]) == 9
    named = {area.get("nhs_element") for area in data.assessment["areas"]} - {None}
    assert len(named) == 7, "the seven NHS elements, each once"
    assert {"help-without-fear", "groups-for-everyone"} <= set(AREAS)


def test_a_statement_without_a_source_stops_the_build(tmp_path):
    message = problems_after(tmp_path, FIRST_STATEMENT, FIRST_STATEMENT.replace("        sources: [nhs-hwb-framework, carrieri-2020]\n", ""))
    assert re.search(r"data/assessment\.yml: line \d+: areas\[0\]\.statements\[0\]\.sources is missing", message), message


def test_a_statement_without_a_link_to_what_good_looks_like_stops_the_build(tmp_path):
    message = problems_after(tmp_path, FIRST_STATEMENT, FIRST_STATEMENT.replace("\n        good_looks_like: services/index.md", ""))
    assert re.search(r"data/assessment\.yml: line \d+: areas\[0\]\.statements\[0\]\.good_looks_like is missing", message), message


def test_a_link_to_a_page_that_does_not_exist_stops_the_build(tmp_path):
    message = problems_after(tmp_path, "good_looks_like: services/index.md", "good_looks_like: guides/no-such-guide.md")
    assert re.search(r'data/assessment\.yml: line 1\d\d: areas\[0\]\.statements\[0\]\.good_looks_like '
                     r'"guides/no-such-guide\.md" is not a page of this site', message), message


def test_a_link_to_a_section_that_does_not_exist_stops_the_build(tmp_path):
    message = problems_after(tmp_path, "good_looks_like: guides/for-leaders.md#7-fix-the-work-too",
                             "good_looks_like: guides/for-leaders.md#8-no-such-section")
    assert 'guides/for-leaders.md has no section "#8-no-such-section"' in message, message


def test_a_link_to_a_group_format_that_does_not_exist_stops_the_build(tmp_path):
    message = problems_after(tmp_path, "good_looks_like: groups/drop-in-common-rooms.md", "good_looks_like: groups/knitting-circles.md")
    assert '"groups/knitting-circles.md" is not a page of this site' in message, message


def test_a_source_the_file_does_not_list_stops_the_build(tmp_path):
    message = problems_after(tmp_path, "sources: [nhs-hwb-framework, carrieri-2020]", "sources: [nhs-hwb-framework, carrieri-2021]")
    assert re.search(r'line \d+: areas\[0\]\.statements\[0\]\.sources\[1\] "carrieri-2021" is not a known source', message), message


def test_an_unsafe_or_misspelt_field_stops_the_build(tmp_path):
    message = problems_after(tmp_path, "    url: https://doi.org/10.1186/s12916-020-01532-x",
                             "    url: javascript:alert(1)\n    tags: [review]")
    assert "sources.carrieri-2020.url" in message and "unsafe kind of link" in message, message
    assert '"tags" is not a field allowed' in message, message


REJECTIONS = {
    "a source with no address, page or note": (
        "    url: https://canopi.nhs.wales/suicide-postvention-the-plan-that-every-workplace-needs\n", "",
        r"line \d+: sources\.canopi-postvention has no url, page or note"),
    "a web source nobody has checked": (
        "    url: https://canopi.nhs.wales/suicide-postvention-the-plan-that-every-workplace-needs\n    verified_on: \"2026-11-29\"\n",
        "    url: https://canopi.nhs.wales/suicide-postvention-the-plan-that-every-workplace-needs\n",
        r"sources\.canopi-postvention\.verified_on is missing"),
    "a statement id used twice": (
        "      - id: breaks-on-every-shift", "      - id: confidential-help-fast",
        r'line \d+: areas\[0\]\.statements\[1\]\.id "confidential-help-fast" is used twice'),
    "an area id used twice": ("  - id: connected-teams", "  - id: health-and-wellbeing", r'areas\[1\]\.id "health-and-wellbeing" is used twice'),
    "an NHS element in two areas": (
        "    nhs_element: relationships", "    nhs_element: personal-health",
        r'line \d+: areas\[1\]\.nhs_element "personal-health" is already covered by area "health-and-wellbeing"'),
    "a section of a group format's page": (
        "good_looks_like: groups/drop-in-common-rooms.md", "good_looks_like: groups/drop-in-common-rooms.md#how-to-join",
        r"a group format's page cannot be linked to a section"),
    "an answer id used twice": ("{id: started, label: Started", "{id: not-yet, label: Started", r"scale uses the same id twice"),
}


@pytest.mark.parametrize("old, new, expected", REJECTIONS.values(), ids=REJECTIONS.keys())
def test_each_broken_reference_stops_the_build_with_its_line(tmp_path, old, new, expected):
    message = problems_after(tmp_path, old, new)
    assert re.search(r"data/assessment\.yml: line \d+: .*" + expected.removeprefix(r"line \d+: "), message), message


def test_an_added_area_must_say_why_it_is_not_in_the_framework(tmp_path):
    area = next(a for a in DATA["areas"] if a["id"] == "groups-for-everyone")
    message = problems_after(tmp_path, f"    beyond_the_framework: {area['beyond_the_framework']}\n", "")
    assert 'areas[8] "groups-for-everyone" has neither nhs_element nor beyond_the_framework' in message, message


def test_every_nhs_element_must_be_covered(tmp_path):
    message = problems_after(tmp_path, "    nhs_element: environment\n", "")
    assert "missing: Environment" in message, message


def test_areas_that_mention_suicide_show_the_way_to_help_now(built_site):
    html = (built_site / "for-leaders" / "check" / "index.html").read_text(encoding="utf-8")
    areas = [a.split("</section>")[0] for a in html.split('<section class="cr-check__area"')[1:]]
    assert len(areas) == len(AREAS)
    mentioning = [a for a in areas if re.search(r"suicid", a, re.I)]
    assert mentioning, "the help-seeking area asks about a plan for after a death by suicide"
    for area in mentioning:
        assert 'href="../../help-now/"' in area


def test_the_case_works_out_the_hours_one_group_costs(built_site):
    cost = protected_time_cost(DATA["case"]["protected_time"])
    pt = DATA["case"]["protected_time"]
    members = pt["members"] * pt["session_minutes"] / 60 * pt["sessions_per_year"]
    assert cost["member_hours"] == members
    assert cost["total_hours"] == members + pt["facilitators"] * (
        (pt["session_minutes"] + pt["facilitator_extra_minutes"]) / 60 * pt["sessions_per_year"] + pt["supervision_hours_per_year"])
    html = (built_site / "for-leaders" / "case" / "index.html").read_text(encoding="utf-8")
    assert f"<td>{cost['total_hours']:,.0f}</td>" in html
    for source in DATA["case"]["evidence"][0]["sources"]:
        assert DATA["sources"][source]["short"] in html, "claims cite the same sources as the check"


# ---- the pages in a browser ----

def answer(page, choices: dict[str, str], default: str) -> None:
    """Choose `default` for every statement, or the answer given for its area."""
    for area in DATA["areas"]:
        for statement in area["statements"]:
            label = next(p["label"] for p in DATA["scale"] if p["id"] == choices.get(area["id"], default))
            page.locator(f'fieldset[data-statement="{statement["id"]}"]').get_by_label(label, exact=True).check()


def answer_by_script(page, choices: dict[str, str], default: str) -> None:
    """The same answers as `answer`, set by one script (a click on each radio button, which fires the events a tap
    does): for the tests about the results, not about answering, which `answer` taps through one by one."""
    chosen = {statement["id"]: choices.get(area["id"], default)
              for area in DATA["areas"] for statement in area["statements"]}
    page.evaluate("""chosen => { for (const [name, value] of Object.entries(chosen))
        document.querySelector(`input[name="${name}"][value="${value}"]`).click(); }""", chosen)


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


# The check is 34 statements and its list of sources: about five sheets of A4 and the sources on a sixth.
@pytest.mark.parametrize("path, most_pages", [("for-leaders/check/", 6), ("for-leaders/case/", 1)])
def test_without_javascript_the_pages_print_on_a4_with_nothing_cut_off(browser, site_url, path, most_pages):
    context = browser.new_context(java_script_enabled=False, viewport={"width": A4_PRINTABLE_WIDTH, "height": 1000})
    page = context.new_page()
    page.goto(site_url + path)
    page.emulate_media(media="print")
    assert page.locator("#cr-check-tools").count() == 0 or not page.locator("#cr-check-tools").is_visible()
    overflowing = page.evaluate("""(width) => [...document.querySelectorAll('main *')]
        .filter(e => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length)
        .map(e => e.tagName + '.' + e.className)""", A4_PRINTABLE_WIDTH)
    assert not overflowing, overflowing[:5]
    if path.endswith("check/"):
        expect(page.locator("fieldset.cr-check__statement")).to_have_count(statement_count(DATA))
        expect(page.locator("fieldset.cr-check__statement input[type=radio]").first).to_be_visible()
    pages = pdf_pages(page.pdf(format="A4"))
    context.close()
    assert 1 <= pages <= most_pages


def test_answering_every_statement_gives_a_plan_whose_links_all_work(phone, site_url):
    phone.goto(site_url + "for-leaders/check/")
    answer(phone, {"groups-for-everyone": "not-yet", "help-without-fear": "started", "places-to-rest": "dont-know"}, "in-place")
    phone.get_by_role("button", name="See my results and plan").tap()
    results = phone.locator("#cr-check-results")
    expect(results).to_be_visible()
    weakest = results.locator("#cr-results-weakest li").all_inner_texts()
    # Lowest score first; areas with the same score stay in the form's order ("Don't know" scores as "Not yet").
    assert [w.split(":")[0] for w in weakest] == [AREAS["places-to-rest"], AREAS["groups-for-everyone"], AREAS["help-without-fear"]]
    links = phone.locator("#cr-results-plan a").evaluate_all("links => links.map(a => a.href)")
    assert len(links) >= 3
    plan = phone.locator("#cr-results-plan section", has_text="suicide")
    expect(plan.get_by_role("link", name="Help now")).to_be_visible()
    for href in links:
        phone.goto("about:blank")  # so a link to another section of the same page still loads the page
        response = phone.goto(href)
        assert response.status == 200, href
        if "#" in href:
            expect(phone.locator(f'[id="{href.split("#", 1)[1]}"]')).to_have_count(1)
    # "Start a group" opens the guide at the letter asking for protected time.
    letter = next(h for h in links if "starting-a-group" in h)
    phone.goto(letter)
    expect(phone.locator("#a-template-request-to-your-manager-for-protected-time")).to_be_visible()
    expect(phone.locator("pre").last).to_contain_text("Protected, paid time")


def kept(page) -> dict[str, str]:
    """What the page keeps in this browser that mentions an answer (Material keeps its own settings there too)."""
    stored = page.evaluate("Object.fromEntries(Object.entries(localStorage))")
    return {key: value for key, value in stored.items() if key.startswith("commonroom") or "open-to-every-role" in value}


def save_remind_and_load_again(page, folder) -> None:
    """Save the result as a file, download the three-month reminder, and load the saved file back in."""
    with page.expect_download() as saved:
        page.get_by_role("button", name="Save a copy to compare next time").tap()
    saved.value.save_as(folder / "result.json")
    with page.expect_download():
        page.get_by_role("button", name=re.compile("Add a reminder")).tap()
    page.set_input_files("#cr-check-load", folder / "result.json")


def test_nothing_leaves_the_device_and_nothing_is_kept_unless_asked(browser, site_url, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, accept_downloads=True)
    requests: list[str] = []
    context.route("**/*", lambda route: (requests.append(route.request.method + " " + route.request.url), route.continue_())[1])
    page = context.new_page()
    page.goto(site_url + "for-leaders/check/")
    page.wait_for_load_state("networkidle")
    loaded = list(requests)
    assert all(r.startswith("GET " + site_url) for r in loaded), [r for r in loaded if not r.startswith("GET " + site_url)]

    answer_by_script(page, {}, "partly")
    assert kept(page) == {}, "nothing kept before the leader asks"
    page.get_by_role("button", name="See my results and plan").tap()
    save_remind_and_load_again(page, tmp_path)
    expect(page.locator("#cr-check-status")).to_contain_text("Loaded your result")
    page.get_by_label("Keep my answers on this device").check()
    assert "commonroom-check" in page.evaluate("Object.keys(localStorage)")
    page.wait_for_timeout(300)
    # Chromium fetches the site's own icon when it gets round to it, sometimes after the load: that carries nothing
    # the leader typed, so it is left out; any other request after the load fails the test.
    later = [r for r in requests[len(loaded):] if not r.endswith("/assets/images/favicon.png")]
    assert not later, f"requests after the page loaded: {later}"

    page.reload()
    expect(page.locator('fieldset[data-statement="open-to-every-role"] input[value="partly"]')).to_be_checked()
    page.get_by_role("button", name="Clear my answers").tap()
    assert kept(page) == {}
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)
    page.reload()
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)
    context.close()


def test_a_saved_result_loads_next_time_and_shows_what_changed(browser, site_url, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, accept_downloads=True)
    page = context.new_page()
    page.goto(site_url + "for-leaders/check/")
    answer_by_script(page, {}, "not-yet")
    page.get_by_role("button", name="See my results and plan").tap()
    with page.expect_download() as saved:
        page.get_by_role("button", name="Save a copy to compare next time").tap()
    assert re.fullmatch(r"wellbeing-check-\d{4}-\d{2}-\d{2}\.json", saved.value.suggested_filename)
    saved.value.save_as(tmp_path / "earlier.json")
    earlier = json.loads((tmp_path / "earlier.json").read_text())
    assert earlier["format"] == "commonroom-check" and earlier["answers"]["open-to-every-role"] == "not-yet"

    page.reload()  # three months later: a fresh page, nothing kept
    answer_by_script(page, {"groups-for-everyone": "in-place", "connected-teams": "partly"}, "not-yet")
    page.set_input_files("#cr-check-load", tmp_path / "earlier.json")
    page.get_by_role("button", name="See my results and plan").tap()
    changes = page.locator("#cr-results-changes")
    expect(changes).to_contain_text("What changed since")
    expect(changes).to_contain_text(f"{AREAS['groups-for-everyone']}: up 100 points")
    expect(changes).to_contain_text(f"{AREAS['connected-teams']}: up 67 points")
    expect(changes).not_to_contain_text(AREAS["fulfilment"])
    row = page.locator("#cr-results-scores tr", has_text=AREAS["groups-for-everyone"])
    expect(row.locator("td").last).to_have_text("0%")

    page.set_input_files("#cr-check-load", {"name": "other.json", "mimeType": "application/json", "buffer": b'{"hello": 1}'})
    expect(page.locator("#cr-check-status")).to_contain_text("not a saved result from this check")
    context.close()


def test_the_whole_check_works_under_a_sub_path_and_the_published_policy(browser, built_site, tmp_path):
    """Hospital IT serve the site under a sub-path with the Content-Security-Policy the build publishes: the script
    is a file, not inline code, so scoring, saving, loading and the reminder all run with no violation."""
    policy = (built_site / "deploy" / "csp.txt").read_text(encoding="utf-8").strip()
    server = serve(built_site, "/wellbeing/", headers={"Content-Security-Policy": policy})
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, accept_downloads=True)
    context.add_init_script("""document.addEventListener("securitypolicyviolation", function (e) {
        console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline code"));
    });""")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/wellbeing/for-leaders/check/")
        answer_by_script(page, {"leaders-back-support": "not-yet"}, "partly")
        page.get_by_label("Keep my answers on this device").check()
        page.get_by_role("button", name="See my results and plan").tap()
        expect(page.locator("#cr-results-weakest li").first).to_contain_text(AREAS["leaders-back-support"])
        save_remind_and_load_again(page, tmp_path)
        expect(page.locator("#cr-results-changes")).to_contain_text("No area changed")
    finally:
        context.close()
        server.shutdown()
    assert not problems, problems


def three_months_from(day: dt.date) -> dt.date:
    month = day.month + 2
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def test_the_reminder_is_a_valid_calendar_event_three_months_ahead(phone, site_url, tmp_path):
    phone.goto(site_url + "for-leaders/check/")
    answer_by_script(phone, {}, "started")
    phone.get_by_role("button", name="See my results and plan").tap()
    with phone.expect_download() as made:
        phone.get_by_role("button", name=re.compile("Add a reminder")).tap()
    made.value.save_as(tmp_path / "reminder.ics")
    today = dt.date.fromisoformat(phone.evaluate("new Date().toLocaleDateString('sv')"))
    ics = (tmp_path / "reminder.ics").read_bytes()
    assert all(len(line) <= 75 for line in ics.split(b"\r\n")), "long lines are folded (RFC 5545)"
    event = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert event.decoded("dtstart") == three_months_from(today)
    assert "wellbeing check" in str(event["summary"])
    assert str(event["url"]).endswith("/for-leaders/check/")


def test_three_months_from_keeps_the_last_day_of_a_short_month():
    assert three_months_from(dt.date(2026, 11, 30)) == dt.date(2027, 2, 28)
    assert three_months_from(dt.date(2026, 11, 29)) == dt.date(2027, 2, 28)
    assert three_months_from(dt.date(2026, 12, 1)) == dt.date(2027, 3, 1)


NEW_PAGES = ("for-leaders/check/", "for-leaders/case/", "guides/running-the-check-with-staff/", "guides/help-seeking-without-fear/")


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_results_and_plan_pass_axe(browser, site_url, width, height, scheme):
    """The results and plan appear only once a leader answers, so no visit of a page as it loads sees them: here
    they are shown and checked on a phone and a desktop, light and dark. (The pages as they load are checked with
    every other page: tests/test_accessibility.py.)"""
    context = with_axe(browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 500,
                                           has_touch=width < 500, color_scheme=scheme))
    page = context.new_page()
    page.goto(site_url + "for-leaders/check/")
    answer_by_script(page, {"trusted-support": "dont-know"}, "started")
    page.get_by_role("button", name="See my results and plan").click()
    expect(page.locator("#cr-check-results")).to_be_visible()
    failure = axe_failures(page, "/for-leaders/check/ with its results")
    context.close()
    assert failure is None, failure[:4000]


def test_the_new_pages_fit_a_phone_without_sideways_scrolling(phone, site_url):
    for path in NEW_PAGES:
        phone.goto(site_url + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, path
    phone.goto(site_url + "for-leaders/check/")
    answer_by_script(phone, {}, "partly")
    phone.get_by_role("button", name="See my results and plan").tap()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    small = phone.locator(".cr-check__answer").evaluate_all("labels => labels.filter(l => l.getBoundingClientRect().height < 44).length")
    assert small == 0, "every answer is a 44px tap target"


def test_the_check_is_in_the_navigation_near_the_leaders_guide(built_site):
    html = (built_site / "guides" / "for-leaders" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav'):]
    assert nav.index("For leaders and managers") < nav.index("Check your organisation")
