"""Search: finds what a clinician types, loads nothing until someone searches, and works offline and under a sub-path."""

from __future__ import annotations

import pytest

# What people type, and the page that must come in the first three results.
QUERIES = [
    ("burnout", "guides/why-peer-support/"),
    ("burned out", "guides/why-peer-support/"),
    ("stressed", "groups/reflective-practice-groups/"),
    ("stressed doctor", "services/bma-wellbeing-support/"),
    ("can't cope", "help-now/"),
    ("I cannot cope", "help-now/"),
    ("suicidal", "help-now/"),
    ("counselling", "services/bma-wellbeing-support/"),
    ("counseling", "services/bma-wellbeing-support/"),
    ("money worries", "services/rmbf/"),
    ("after a patient died", "groups/peer-support-after-adverse-events/"),
    ("nurse", "services/for/nurses/"),
    ("restorative supervision for nurses", "groups/restorative-clinical-supervision/"),
    # Every part of the workforce, in the words people type, finds the page of support made for it.
    ("midwife", "services/for/midwives/"),
    ("paramedic", "services/for/paramedics/"),
    ("ambulance", "services/for/paramedics/"),
    ("porter", "services/for/non-clinical-staff/"),
    ("laundry", "services/for/non-clinical-staff/"),
    ("student nurse", "services/for/students/"),
    ("HCA", "services/for/healthcare-assistants/"),
    ("support worker", "services/for/healthcare-assistants/"),
    ("AHP", "services/for/allied-health/"),
    ("physio", "services/for/allied-health/"),
    ("pharmacist", "services/for/pharmacists/"),
    ("dentist", "services/for/dentists/"),
    ("social care", "services/for/social-care-staff/"),
    ("South Africa", "services/sadag-healthcare-workers/"),
    ("doctor in Canada", "services/ama-pfsp-alberta/"),
    ("doctors in Australia", "services/drs4drs/"),
    ("alcohol", "services/practitioner-health/"),
    ("worried about a colleague", "guides/supporting-a-colleague/"),
    ("start a Balint group", "guides/starting-a-group/"),
    ("organization", "groups/schwartz-rounds/"),
    # The hard moments and the regulators (issue 10): what a worried nurse, doctor or leader types.
    ("will asking for help affect my registration", "guides/asking-for-help-and-registration/"),
    ("will my license be affected", "guides/asking-for-help-and-registration/"),
    ("licence", "guides/asking-for-help-and-registration/"),
    ("license", "guides/asking-for-help-and-registration/"),
    ("GMC", "guides/asking-for-help-and-registration/"),
    ("Ahpra", "guides/asking-for-help-and-registration/"),
    ("HPCSA", "guides/asking-for-help-and-registration/"),
    ("FSMB", "guides/asking-for-help-and-registration/"),
    ("fitness to practice", "guides/asking-for-help-and-registration/"),
    ("NMC referral", "guides/when-something-goes-wrong/"),
    ("complaint against me", "guides/when-something-goes-wrong/"),
    ("inquest", "guides/when-something-goes-wrong/"),
    ("being sued", "guides/when-something-goes-wrong/"),
    ("second victim", "guides/when-something-goes-wrong/"),
    ("adverse event", "guides/when-something-goes-wrong/"),
    ("colleague died by suicide", "guides/after-a-colleague-dies-by-suicide/"),
    ("colleague died", "guides/after-a-colleague-dies-by-suicide/"),
    ("postvention", "guides/after-a-colleague-dies-by-suicide/"),
    ("group facilitator distressed", "guides/running-a-group-safely/"),
    ("evaluate our group", "guides/evaluating-your-group/"),
    ("ProQOL", "guides/evaluating-your-group/"),
    ("rota", "guides/connected-teams/"),
]


def results(page) -> list[str]:
    page.wait_for_function("document.getElementById('cr-search-status').textContent.length > 0")
    return page.eval_on_selector_all("#cr-search-results a", "links => links.map(a => a.href)")


@pytest.fixture(scope="module")
def searching_phone(browser, site_url):
    """One phone (390 x 844, touch) on the search page for every query below, as someone who searches again and
    again: each query is typed into the box and sent with Enter. (A page load per query, each reading the search
    index afresh, cost half a second each, for sixty-five queries; opening the page from an address with ?q= is
    tested below.)"""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + "search/")
    yield page
    context.close()


@pytest.mark.parametrize("query, expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_a_clinicians_words_find_the_right_page_in_the_first_three(searching_phone, site_url, query, expected):
    searching_phone.fill("#cr-search-main", query)
    searching_phone.press("#cr-search-main", "Enter")
    # The status names the query it answers ("3 results for “burnout”."), so an earlier query's results never count.
    searching_phone.wait_for_function("query => document.getElementById('cr-search-status').textContent"
                                      ".includes('\u201c' + query + '\u201d')", arg=query)
    top_three = searching_phone.eval_on_selector_all("#cr-search-results a", "links => links.map(a => a.href)")[:3]
    assert site_url + expected in top_three, f"{query!r}: {top_three}"


def test_typing_shows_results_announces_the_count_and_keeps_the_query_in_the_url(phone, site_url):
    phone.goto(site_url + "search/")
    phone.fill("#cr-search-main", "money")
    phone.wait_for_function("document.getElementById('cr-search-status').textContent.includes('result')")
    assert phone.get_attribute("#cr-search-status", "role") == "status"
    assert "q=money" in phone.url
    assert phone.locator("#cr-search-results li").count() >= 1


def test_the_search_index_loads_only_when_someone_searches(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("", "help-now/", "services/", "search/"):
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "search-index" in url]
    page.focus("#cr-search-main")
    page.wait_for_load_state("networkidle")
    assert [url for url in requested if url.endswith("search/search-index.js")]
    context.close()


def test_the_home_page_search_box_takes_you_to_the_results(phone, site_url):
    phone.goto(site_url)
    phone.fill("#cr-search-home", "money worries")
    phone.press("#cr-search-home", "Enter")
    phone.wait_for_url("**/search/?q=money+worries")
    assert site_url + "services/rmbf/" in results(phone)[:3]


def test_search_works_under_a_sub_path(phone, subpath_url):
    phone.goto(subpath_url + "search/?q=counseling")
    found = results(phone)
    assert found and all(url.startswith(subpath_url) for url in found)
    phone.goto(found[0])
    assert phone.locator("h1").count() == 1


def test_search_works_from_files_on_disk(phone, built_site):
    phone.goto((built_site / "search" / "index.html").as_uri() + "?q=suicidal")
    found = results(phone)
    assert (built_site / "help-now").as_uri() + "/" in found[:3]


def test_search_page_says_what_to_do_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "search/")
    assert "services directory" in page.inner_text("main")
    context.close()


# The index as MkDocs' own page events saw each page before the build moved out of MkDocs (the hook that built it
# until then, kept here as the reference): each written page's title, front matter and converted Markdown, then
# the entries made from data. Run on the same prepared tree, so the two must agree entry by entry.
GENERATOR_EVENTS_INDEX = '''
import json, os
from pathlib import Path

from commonroom.made_pages import MARKER
from commonroom.prepared import ENVIRONMENT, Prepared
from commonroom.search import data_entries, page_entry

pages, site_files = [], {}


def on_files(files, config):
    site_files["files"] = files


def on_page_content(html, page, config, files):
    prepared = Prepared(Path(os.environ[ENVIRONMENT]))
    if MARKER.search(html):  # a page made from data: the HTML MkDocs' events used to put in place
        html = MARKER.sub(lambda _: prepared.made_html(page.file.src_uri).read_text(encoding="utf-8"), html)
    meta = page.meta
    if meta.get("commonroom") or meta.get("search", {}).get("exclude"):
        return html
    pages.append(page_entry(page.title or "", meta.get("description", ""), meta.get("keywords", []), html, page.url,
                            boost=meta.get("search", {}).get("boost")))
    return html


def on_post_build(config):
    prepared = Prepared(Path(os.environ[ENVIRONMENT]))
    url_of = lambda src_uri: site_files["files"].get_file_from_path(src_uri).url
    entries = pages + data_entries(prepared.dataset(), url_of)
    Path(os.environ["REFERENCE_INDEX"]).write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
'''


@pytest.mark.slow  # a second whole build, with the reference hook
def test_the_index_lists_every_page_as_the_generators_own_page_events_saw_it(built_site, tmp_path):
    import json
    import os
    import subprocess
    import sys

    from commonroom.prepared import ENVIRONMENT, Prepared
    from commonroom.project import dump_config, read_config

    prepared = Prepared(built_site.parent / ".commonroom" / "build")
    hook = tmp_path / "generator_events_index.py"
    hook.write_text(GENERATOR_EVENTS_INDEX, encoding="utf-8")
    config = read_config(prepared.config_file)
    config["hooks"] = [str(hook)]
    config_file = prepared.root / "reference-index.yml"  # beside the prepared tree, so its paths hold
    config_file.write_text(dump_config(config), encoding="utf-8")
    env = {**os.environ, ENVIRONMENT: str(prepared.root), "REFERENCE_INDEX": str(tmp_path / "reference.json"),
           "PYTHONPATH": str(built_site.parent / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config_file),
                             "--site-dir", str(tmp_path / "reference-site")], env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    reference = json.loads((tmp_path / "reference.json").read_text(encoding="utf-8"))
    script = (built_site / "search" / "search-index.js").read_text(encoding="utf-8")
    index = json.loads(script.removeprefix("window.commonroomSearch(").removesuffix(");\n"))["e"]
    # MkDocs reads the prepared tree's folders in order, where a page made from data used to come after the written
    # ones; finish keeps the old order. So: the same entries, compared one by one by address.
    by_address = {entry["u"]: entry for entry in index}
    assert len(by_address) == len(index) == len(reference)
    assert sorted(by_address) == sorted(entry["u"] for entry in reference)
    for expected in reference:
        assert by_address[expected["u"]] == expected, expected["u"]
