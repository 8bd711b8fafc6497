"""Printing: help-now, a service page and a group page print as their numbers with labels and hours, without the
site's navigation, and no card is split across two sheets; the wallet card prints bank-card-sized cards of the
help-now numbers on one sheet. Printed to PDF by Chromium and read back with poppler's pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT

PRINTED = {"help-now/": 5, "services/samaritans/": 3, "groups/balint-groups/": 4, "help-now/card/": 1}  # most sheets
NAVIGATION = ["Need help now? Urgent and crisis numbers", "Skip to content", "Made with", "Make it yours",
              "Find your way", "Print a wallet card"]
MM = 96 / 25.4  # CSS pixels per millimetre

CARDS = """() => [...document.querySelectorAll('.cr-card, .cr-emergency, .cr-wallet__card, .cr-contacts__item, .cr-facts > div, .cr-not-emergency')].map(card => {
  const lines = card.innerText.split('\\n').map(l => l.trim()).filter(Boolean);
  const box = card.getBoundingClientRect();
  return {first: lines[0], last: lines[lines.length - 1], width: box.width, height: box.height,
          wallet: card.classList.contains('cr-wallet__card')};
})"""


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def printed(browser, site_url, tmp_path_factory):
    """Each page printed to A4 PDF: its sheets' text, and its cards as laid out for print."""
    if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip("needs poppler-utils (pdftotext, pdfinfo); .ci/run installs it")
    folder = tmp_path_factory.mktemp("print")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    result = {}
    for path in PRINTED:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        page.emulate_media(media="print")
        pdf = folder / (path.strip("/").replace("/", "-") + ".pdf")
        page.pdf(path=str(pdf), format="A4")
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        count = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
        sheets = [words(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                                       capture_output=True, text=True, check=True).stdout) for n in range(1, count + 1)]
        cards = page.evaluate(CARDS)
        result[path] = {"sheets": sheets, "text": " ".join(sheets), "cards": cards, "pdf": pdf}
    context.close()
    return result


def site_data() -> dict:
    return yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))


def service(service_id: str) -> dict:
    return yaml.safe_load((ROOT / "data" / "services" / f"{service_id}.yml").read_text(encoding="utf-8"))


def home_routes() -> tuple[list[dict], list[str]]:
    """The emergency numbers and help-now services the site shows for its own regions, by the site's own rule
    (hooks/commonroom/coverage.py): other regions are one tap away, on pages of their own."""
    from commonroom.coverage import around_the_clock, emergency_numbers_for, other_lines
    from commonroom.loading import load_dataset
    data = load_dataset(ROOT / "data", docs=ROOT / "docs")
    numbers, services = [], []
    for region in data.site["regions"]:
        numbers += [e for e in emergency_numbers_for(data.site, region) if e not in numbers]
        services += [i for i in around_the_clock(data, region) + other_lines(data, region) if i not in services]
    return numbers, services


def assert_prints_home_routes(text: str, with_hours: bool) -> None:
    """Every home-region emergency number with its label, and every help-now phone number (with its hours)."""
    numbers, services = home_routes()
    assert numbers and services
    for emergency in numbers:
        assert f"Call {emergency['number']}" in text and words(emergency["label"]) in text
    for service_id in services:
        for contact in service(service_id)["contacts"]:
            if contact["kind"] == "phone":
                assert f"Call {contact['value']}" in text
            if with_hours and contact.get("hours"):
                assert words(contact["hours"]) in text


def test_help_now_prints_every_number_with_its_label_and_hours(printed):
    text = printed["help-now/"]["text"]
    assert_prints_home_routes(text, with_hours=True)
    for emergency in site_data()["emergency_numbers"]:  # every other region: its number, a tap from its own page
        assert f"call {emergency['number']}" in text.lower()


def test_service_and_group_pages_print_their_contacts_and_facts(printed):
    text = printed["services/samaritans/"]["text"]
    for contact in service("samaritans")["contacts"]:
        if contact["kind"] == "phone":
            assert f"Call {contact['value']}" in text and words(contact["hours"]) in text
    group = printed["groups/balint-groups/"]["text"]
    assert "Group size" in group and "How often" in group and "Last checked" in group


@pytest.mark.parametrize("path", PRINTED)
def test_printed_pages_leave_out_the_navigation_and_fit_their_sheets(printed, path):
    text = printed[path]["text"]
    shown = [item for item in NAVIGATION if item in text]
    assert not shown, f"/{path} prints the site's navigation: {shown}"
    assert 1 <= len(printed[path]["sheets"]) <= PRINTED[path]
    assert all(sheet.strip() for sheet in printed[path]["sheets"]), f"/{path} prints a blank sheet"


@pytest.mark.parametrize("path", PRINTED)
def test_no_card_is_split_across_two_sheets(printed, path):
    sheets = printed[path]["sheets"]
    cards = printed[path]["cards"]
    assert cards
    split = [card["first"] for card in cards
             if not any(words(card["first"]) in sheet and words(card["last"]) in sheet for sheet in sheets)]
    assert not split, f"/{path}: cards split across sheets: {split}"


def test_wallet_cards_are_bank_card_sized_and_hold_every_home_number(printed):
    cards = [c for c in printed["help-now/card/"]["cards"] if c["wallet"]]
    assert cards
    for card in cards:
        assert abs(card["width"] - 85.6 * MM) < 2, card
        assert card["height"] <= 54 * MM + 1, f"a card is taller than 54 mm: {card}"
    assert_prints_home_routes(printed["help-now/card/"]["text"], with_hours=False)


def test_help_now_links_to_the_wallet_card(built_site):
    html = (built_site / "help-now" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="card/">Print a wallet card of these numbers</a>', html)


def test_a_region_with_more_numbers_than_fit_continues_on_a_second_card():
    from commonroom.render_base import dial
    from commonroom.wallet_card import LINES_PER_CARD, wallet_cards

    emergency = [{"number": str(100 + i), "label": f"Line {i}"} for i in range(LINES_PER_CARD + 2)]
    crisis = {"name": "A helpline", "contacts": [{"kind": "phone", "value": "0800 111", "hours": "24 hours"},
                                                 {"kind": "web", "value": "https://example.org"}]}
    cards = wallet_cards([{"region": "GB-ENG", "emergency": emergency, "services": [crisis]}], dial)
    assert [c["part"] for c in cards] == ["1 of 2", "2 of 2"]
    lines = [line for card in cards for line in card["lines"]]
    assert len(lines) == LINES_PER_CARD + 3, "every number once, the web address left off"
    assert lines[-1] == {"action": "Call", "number": "0800 111", "href": "tel:0800111", "name": "A helpline",
                         "details": ["24 hours"]}
