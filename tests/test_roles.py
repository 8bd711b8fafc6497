"""Support for every role: a nurse, midwife, paramedic, pharmacist, healthcare assistant, student or porter in any
default region reaches a service made for them, or a plain "there is none here" and where to go instead, in three
taps from the home page without JavaScript; and a closed service is never shown as open."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from playwright.sync_api import expect

from commonroom import vocabulary
from commonroom.loading import DataError, load_dataset
from commonroom.regions import covers, the_region
from commonroom.roles import DEFAULT_REGIONS, role_label, role_support
from conftest import ROOT

DATA = load_dataset(ROOT / "data", docs=ROOT / "docs")
PAIRS = [(region, role) for region in DEFAULT_REGIONS for role in vocabulary.ROLES]
INACTIVE = sorted(i for i, s in DATA.services.items() if s.get("status") == "inactive")


class Links(HTMLParser):
    """Every link on a page, with its text, and the page's visible text."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._href: str | None = None
        self._words: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._words = dict(attrs).get("href"), []

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._words).split())))
            self._href = None

    def handle_data(self, data):
        self.text.append(data)
        if self._href is not None:
            self._words.append(data)


def read(site: Path, url: str) -> Links:
    path = site / urlparse(url).path.lstrip("/")
    page = Links()
    page.feed((path / "index.html" if path.is_dir() or not path.suffix else path).read_text(encoding="utf-8"))
    return page


def tap(site: Path, here: str, page: Links, text: str) -> str:
    """The address a link with this text leads to, as a visitor would tap it."""
    found = [href for href, words in page.links if words == text]
    assert found, f"{here}: no link {text!r} (links: {[w for _, w in page.links][:40]})"
    return urljoin(here, found[0])


def service_of(url: str) -> str | None:
    match = re.fullmatch(r"/services/([a-z0-9-]+)/", urlparse(url).path)
    return match.group(1) if match else None


@pytest.mark.parametrize("region, role", PAIRS, ids=[f"{r}-{o}" for r, o in PAIRS])
def test_every_role_in_every_default_region_reaches_its_services_or_a_plain_answer_in_three_taps(built_site, region, role):
    people, where = vocabulary.ROLES[role], the_region(region)
    home = "http://site/"
    role_url = tap(built_site, home, read(built_site, home), role_label(role))
    role_page = read(built_site, role_url)  # tap 1
    expected = role_support(DATA, role, region)
    label = f"{'How to contact them' if expected.made_for else 'Where to get help'} in {where}"
    region_url = tap(built_site, role_url, role_page, label)
    region_page = read(built_site, region_url)  # tap 2
    text = " ".join("".join(region_page.text).split())
    shown = {service_of(urljoin(region_url, href)) for href, _ in region_page.links} - {None}
    if expected.made_for:
        assert f"Made for {people}" in text
        for service_id in expected.made_for:  # tap 3: the service's own page, or its number on the card
            assert service_id in shown
            record = DATA.services[service_id]
            assert set(vocabulary.audiences_serving(role)) - {"all-staff", "anyone"} & set(record["audiences"])
            assert any(covers(r, region) for r in record["regions"])
    else:
        assert f"No service just for {people} in {where}" in text
        assert "help-now/" in " ".join(href for href, _ in region_page.links)
        assert set(expected.all_staff + expected.general) <= shown, "the best general routes are shown"
    assert not shown & set(INACTIVE)


def test_the_core_roles_have_a_service_made_for_them_in_the_uk_and_australia():
    """The issue's promise, checked on the data: nurses, midwives and paramedics in the UK, nurses and midwives in
    Australia and porters in South Africa each have at least one service made for them."""
    for role, region in [("nurses", "GB-ENG"), ("midwives", "GB-SCT"), ("paramedics", "GB-ENG"), ("nurses", "AU"),
                         ("midwives", "AU"), ("non-clinical-staff", "ZA"), ("healthcare-assistants", "GB-WLS"),
                         ("nursing-students", "GB-ENG"),
                         ("pharmacists", "IE"), ("doctors", "CA")]:
        assert role_support(DATA, role, region).made_for, f"{role} in {region}"


def test_a_nurse_taps_from_the_home_page_to_a_number_in_three_taps_without_javascript(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    page.get_by_role("link", name="Midwives", exact=True).tap()
    page.get_by_role("link", name="How to contact them in Australia").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Support for midwives in Australia")
    call = page.get_by_role("link", name="Call 1800 001 060")
    expect(call).to_have_attribute("href", "tel:1800001060")
    context.close()


def test_a_porter_is_told_plainly_where_there_is_no_service_for_them_and_finds_one_in_south_africa(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url)
    page.get_by_role("link", name=re.compile(r"^Porters, cleaners")).tap()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("non-clinical staff$"))
    page.get_by_role("link", name="Where to get help in Wales").tap()
    expect(page.locator(".cr-role__none")).to_contain_text("No service just for non-clinical staff in Wales")
    expect(page.get_by_role("heading", name="For all health and care staff")).to_be_visible()
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()  # Samaritans, as a line for anyone
    page.go_back()
    page.get_by_role("link", name="How to contact them in South Africa").tap()
    expect(page.get_by_role("link", name="Call 0800 21 21 21")).to_have_attribute("href", "tel:0800212121")
    context.close()


def test_the_struggling_pathway_offers_every_role_its_own_answer_in_every_region_it_asks_about():
    steps = DATA.pathways["struggling"]["steps"]
    nations = {"england": "gb-eng", "scotland": "gb-sct", "wales": "gb-wls", "northern-ireland": "gb-nir",
               "united-states": "us", "canada": "ca", "australia": "au", "ireland": "ie", "new-zealand": "nz"}
    for step_id, code in nations.items():
        pages = {a.get("page", "") for a in steps[step_id]["answers"]}
        assert all(p.endswith(f"/{code}.md") for p in pages if p.startswith("services/for/")), f"{step_id}: another region's page"
        for role in vocabulary.ROLES:
            if role in ("doctors", "families"):
                continue  # doctors have their own answers in each step; families are not asked their role here
            assert any(p.startswith(f"services/for/{role}/") for p in pages), f"{step_id}: no answer for {role}"
    general = {i for i, s in DATA.services.items() if "anyone" in s["audiences"]}
    sent_to_a_general_line = [a["label"] for p in DATA.pathways.values() for s in p["steps"].values()
                              for a in s["answers"] if re.search(r"^I'm an? |another role", a["label"]) and a.get("service") in general]
    assert not sent_to_a_general_line, "a role is never sent straight to a line for anyone"


# Closed services


@pytest.mark.parametrize("service_id", INACTIVE)
def test_a_closed_service_is_never_shown_as_open(built_site, service_id):
    name = DATA.services[service_id]["name"]
    directory = (built_site / "services" / "index.html").read_text(encoding="utf-8")
    assert f'data-id="{service_id}"' not in directory, "not in the directory, so not in its filters"
    index = (built_site / "search" / "search-index.js").read_text(encoding="utf-8")
    assert f"services/{service_id}/" not in index, "not in search"
    export = json.loads((built_site / "open-data" / "hsds" / "services.json").read_text(encoding="utf-8"))
    assert name not in {s["name"] for s in export["contents"]}, "not in the open data export"
    for page in (built_site / "services" / "for").rglob("index.html"):
        assert f"services/{service_id}/" not in page.read_text(encoding="utf-8"), f"not on {page}"
    own = (built_site / "services" / service_id / "index.html").read_text(encoding="utf-8")
    assert "This service has closed" in own
    assert "tel:" not in own.split('id="contact"')[1].split('id="what-they-offer"')[0]
    assert "sms:" not in own
    assert not [a for p in DATA.pathways.values() for s in p["steps"].values() for a in s["answers"]
                if a.get("service") == service_id]


def test_the_known_closures_are_marked_closed():
    assert {"nurse-lifeline", "wellness-together-canada"} <= set(INACTIVE)


# The vocabulary


def test_the_audience_vocabulary_is_the_schemas_and_names_the_whole_workforce():
    schema = json.loads((ROOT / "data" / "schema" / "service.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["audiences"]["items"]["enum"] == list(vocabulary.AUDIENCES)
    for role in ("doctors", "dentists", "nurses", "midwives", "allied-health", "paramedics", "pharmacists",
                 "healthcare-assistants", "non-clinical-staff", "social-care-staff", "families", "nursing-students",
                 "medical-students", "midwifery-students"):
        assert role in vocabulary.AUDIENCES
    assert set(vocabulary.ROLES) <= set(vocabulary.AUDIENCES)
    assert set(vocabulary.AUDIENCE_KEYWORDS) <= set(vocabulary.AUDIENCES)


def test_the_directory_filter_offers_every_role_with_the_shared_rule_of_who_a_service_serves(built_site):
    directory = (built_site / "services" / "index.html").read_text(encoding="utf-8")
    for role in vocabulary.ROLES:
        fits = " ".join(vocabulary.audiences_serving(role))
        assert f'<option value="{role}" data-fits="{fits}">' in directory


def test_a_porter_is_served_by_services_for_all_staff_and_a_student_nurse_by_those_for_students():
    assert "all-staff" in vocabulary.audiences_serving("non-clinical-staff")
    assert "students" in vocabulary.audiences_serving("nursing-students")
    assert "all-staff" not in vocabulary.audiences_serving("families")
    assert "nursing-students" in vocabulary.audiences_serving("students")


def test_a_service_called_for_is_rejected_because_the_role_pages_live_there(minimal_data):
    source = next((minimal_data / "services").glob("*.yml"))
    (minimal_data / "services" / "for.yml").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_dataset(minimal_data)
    assert error.value.problems == [
        'data/services/for.yml: the id "for" is taken by the pages of support for each role, /services/for/ '
        "(rename the file, such as for-staff.yml)"
    ]


def test_a_pathway_answer_may_lead_to_a_role_page_but_not_to_one_that_does_not_exist(minimal_data):
    pathway = next((minimal_data / "pathways").glob("*.yml"))
    record = yaml.safe_load(pathway.read_text(encoding="utf-8"))
    step = record["steps"][record["start"]]
    step["answers"].append({"label": "I'm a nurse", "page": "services/for/nurses/gb-eng.md"})
    pathway.write_text(yaml.safe_dump(record), encoding="utf-8")
    load_dataset(minimal_data, docs=ROOT / "docs")
    step["answers"].append({"label": "I'm a plumber", "page": "services/for/plumbers/gb-eng.md"})
    pathway.write_text(yaml.safe_dump(record), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_dataset(minimal_data, docs=ROOT / "docs")
    assert 'page "services/for/plumbers/gb-eng.md" is not a page in docs/' in str(error.value)


def test_a_region_page_stays_small_however_many_services_the_directory_holds(minimal_data):
    """A national directory may hold thousands of local services for all staff: a role's region page shows at
    most a few dozen cards, then one link to the rest in the directory, filtered to the role and region."""
    from commonroom.render import Renderer
    from commonroom.roles import MAX_CARDS

    source = (minimal_data / "services" / "test-line.yml").read_text(encoding="utf-8")
    for number in range(MAX_CARDS["all_staff"] + 30):
        (minimal_data / "services" / f"local-line-{number}.yml").write_text(
            source.replace("name: Test Line", f"name: Local line {number}").replace("[doctors, nurses]", "[all-staff]"),
            encoding="utf-8")
    data = load_dataset(minimal_data)
    page = Renderer(data, ROOT / "overrides" / "commonroom", link=lambda src: "/" + src).role_page("nurses", "GB-ENG")
    assert page.count('class="cr-card"') == 1 + MAX_CARDS["all_staff"]  # Test Line, made for nurses, then the rest
    assert "There are 30 more." in page
    assert 'href="/services/index.md?for=nurses&amp;region=GB-ENG"' in page


def test_groups_and_local_groups_use_the_same_audience_words_as_services():
    for name in ("group.schema.json", "local-group.schema.json"):
        schema = json.loads((ROOT / "data" / "schema" / name).read_text(encoding="utf-8"))
        assert schema["properties"]["audiences"]["items"]["enum"] == list(vocabulary.AUDIENCES), name
