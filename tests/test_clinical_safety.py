"""The hazard log (docs/clinical-safety.md) is only as good as its controls: each must name a test that exists, or
say why none can. And a closed service, one of its hazards, says so instead of looking open."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest
import yaml

from commonroom.coverage import emergency_numbers_for, region_pages
from commonroom.loading import load_dataset
from commonroom.sources import copy_date, is_tappable, source_words
from conftest import FIXTURES, ROOT, build, copy_project, minimal_data_in

LOG = ROOT / "docs" / "clinical-safety.md"
TEST_REFERENCE = re.compile(r"`(tests/[a-z_]+\.py)::(test_[a-z0-9_]+)`")
HAZARDS = ["wrong number", "stale", "closed service", "misread", "help now cannot be found", "offline",
           "privacy", "unsafe messaging"]


def defined_tests(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def control_rows(text: str) -> list[tuple[str, str]]:
    """(control, proof) for every row of every controls table."""
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 2 and cells[0] not in ("Control", "---") and not set(cells[0]) <= {"-"}:
            rows.append((cells[0], cells[1]))
    return rows


def test_every_control_in_the_hazard_log_names_a_test_that_exists_or_a_reason():
    text = LOG.read_text(encoding="utf-8")
    rows = control_rows(text)
    assert len(rows) >= 30
    for control, proof in rows:
        assert TEST_REFERENCE.fullmatch(proof) or proof.startswith("No automated test: "), f"{control!r} has no proof: {proof!r}"
    missing = [f"{file}::{name}" for file, name in TEST_REFERENCE.findall(text)
               if not (ROOT / file).is_file() or name not in defined_tests(ROOT / file)]
    assert not missing, f"the hazard log names tests that do not exist: {missing}"


def test_the_hazard_log_covers_each_hazard_with_causes_controls_residual_risk_and_actions():
    text = LOG.read_text(encoding="utf-8")
    sections = re.split(r"^## H\d+\. ", text, flags=re.MULTILINE)[1:]
    headings = " ".join(section.splitlines()[0].lower() for section in sections)
    assert all(hazard in headings for hazard in HAZARDS), headings
    for section in sections:
        for part in ("**Harm**", "**Causes**", "**Controls in this kit**", "**Residual risk**", "**What your organisation must do**"):
            assert part in section, f"{section.splitlines()[0]}: {part} is missing"
    assert "does not claim" in text  # describes the standards' spirit; claims no compliance


def test_the_hazard_log_is_in_the_navigation_under_about_this_site():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")  # has !ENV tags, so read as text
    about = config.split("\n  - About this site:\n", 1)[1].split("\n\n", 1)[0]
    assert "\n      - Hazard log (clinical safety): clinical-safety.md" in about


RUMOUR_NOTE = "a news report that lists helplines"  # the only source of the Rumour Line's numbers


@pytest.fixture(scope="module")
def closed_and_secondary_site(tmp_path_factory) -> Path:
    """One build of the minimal data with a service that has closed (and is still on the help-now list), a service
    whose numbers only a secondary source gives, and an emergency number only a secondary source gives: the two
    tests below read it."""
    root = tmp_path_factory.mktemp("closed-and-secondary")
    data = minimal_data_in(root)
    test_line = yaml.safe_load((FIXTURES / "minimal" / "services" / "test-line.yml").read_text())
    closed = {**test_line, "name": "Closed Line", "status": "inactive", "summary": "A line that has closed, kept for old posters."}
    (data / "services" / "closed-line.yml").write_text(yaml.safe_dump(closed, sort_keys=False))
    rumour = {**test_line, "name": "Rumour Line", "needs": ["counselling"], "is_24_7": False, "source_kind": "secondary",
              "source_note": RUMOUR_NOTE, "contacts": [{"kind": "phone", "value": "0800 000 111"}, {"kind": "text", "value": "60111"}]}
    (data / "services" / "rumour-line.yml").write_text(yaml.safe_dump(rumour, sort_keys=False))
    site = yaml.safe_load((data / "site.yml").read_text())
    site["help_now_services"] = ["test-line", "closed-line"]
    site["emergency_numbers"].append({**site["emergency_numbers"][0], "id": "gb-112", "number": "112",
                                      "source_kind": "secondary", "source_note": "a local newspaper's list"})
    (data / "site.yml").write_text(yaml.safe_dump(site, sort_keys=False))
    project = copy_project(root / "project", data=data)
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_a_closed_service_says_so_on_its_page_and_leaves_the_directory_and_help_now(closed_and_secondary_site):
    page = (closed_and_secondary_site / "services" / "closed-line" / "index.html").read_text()
    assert "This service has closed" in page and "no longer reach the service" in page
    assert "tel:" not in page.split('id="contact"')[1].split('id="what-they-offer"')[0], "its old numbers are not shown"
    for listing in ("services/index.html", "help-now/index.html"):
        html = (closed_and_secondary_site / listing).read_text()
        assert 'data-id="test-line"' in html and 'data-id="closed-line"' not in html, listing


# --- whose page a number rests on -----------------------------------------------------------------------------

def region_section(html: str, code: str) -> str:
    found = re.search(rf'<section class="cr-region" aria-labelledby="help-{code.lower()}">(.*?)</section>', html, re.S)
    assert found, f"no section for {code}"
    return found.group(1)


def test_every_regions_help_now_page_shows_each_of_its_emergency_numbers(built_site):
    """Police and ambulance numbers included (South Africa's 10111 and 10177): a tap link where an official page gives
    the number, and text with where it was found where only a secondary copy does."""
    data = load_dataset(ROOT / "data", docs=ROOT / "docs")
    for code in region_pages(data):
        routes = region_section((built_site / "help-now" / code.lower() / "index.html").read_text(encoding="utf-8"), code)
        numbers = emergency_numbers_for(data.site, code)
        assert numbers, code
        for number in numbers:
            digits = re.sub(r"\D", "", number["number"])
            if is_tappable(number):
                assert f'href="tel:{digits}"' in routes, (code, number["id"])
            else:
                assert f'href="tel:{digits}"' not in routes, (code, number["id"], "a secondary copy is not a tap link")
                assert f'<strong class="cr-emergency__text">Call {number["number"]}</strong>' in routes, (code, number["id"])
                assert number["source_note"] in html.unescape(routes), (code, number["id"])
    south_africa = region_section((built_site / "help-now" / "za" / "index.html").read_text(encoding="utf-8"), "ZA")
    assert 'href="tel:10111"' in south_africa and "Police" in south_africa


def test_a_number_whose_only_source_is_secondary_is_text_with_its_source_never_a_tap_link(closed_and_secondary_site):
    page = (closed_and_secondary_site / "services" / "rumour-line" / "index.html").read_text()
    contact = page.split('id="contact"')[1].split('id="what-they-offer"')[0]
    assert "tel:0800000111" not in contact and "sms:60111" not in contact and "0800 000 111" in contact
    assert f"We found these numbers only in {RUMOUR_NOTE}" in contact and "not tap links" in contact
    assert "of a secondary source, not an official website (example.org): " + RUMOUR_NOTE in re.sub(r"<[^>]+>", "", page)
    for listing in ("help-now/index.html", "help-now/card/index.html", "services/test-line/index.html"):
        html_text = (closed_and_secondary_site / listing).read_text()
        assert 'href="tel:999"' in html_text and 'href="tel:112"' not in html_text, listing
    help_now = (closed_and_secondary_site / "help-now" / "index.html").read_text()
    assert '<strong class="cr-emergency__text">Call 112</strong>' in help_now and "a local newspaper&#39;s list" in help_now


def test_each_service_page_names_whose_page_its_source_is_and_the_date_its_stored_copy_shows(built_site):
    for path in sorted((ROOT / "data" / "services").glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        page = html.unescape((built_site / "services" / path.stem / "index.html").read_text(encoding="utf-8"))
        provenance = re.sub(r"<[^>]+>", "", page[page.index('id="about-this-information"'):])
        assert source_words(record, "the service's own website") in provenance, path.stem
        assert record.get("source_note", "") in provenance, path.stem
        assert copy_date(record["checked_how"]) is None or f"dated {copy_date(record['checked_how'])}" in provenance, path.stem
        assert "own information" not in provenance, path.stem


def test_no_built_page_makes_a_tap_link_of_a_number_whose_only_source_is_secondary(built_site):
    """Help-now, banners, the wallet card and the routes beside every mention of suicide alike."""
    data = load_dataset(ROOT / "data", docs=ROOT / "docs")
    records = list(data.site["emergency_numbers"]) + list(data.services.values())

    def digits(record) -> set[str]:
        values = [record["number"]] if "number" in record else [c["value"] for c in record["contacts"] if c["kind"] in ("phone", "text")]
        return {re.sub(r"\D", "", value) for value in values}

    official = set().union(*(digits(r) for r in records if is_tappable(r)))
    secondary = set().union(*(digits(r) for r in records if not is_tappable(r))) - official
    assert secondary, "the kit has a number found only in a secondary copy (South Africa's 10177)"
    for page in built_site.rglob("*.html"):
        links = set(re.findall(r'href="(?:tel|sms):\+?([0-9]+)', page.read_text(encoding="utf-8")))
        assert not links & secondary, f"{page.relative_to(built_site)} taps {links & secondary}"
