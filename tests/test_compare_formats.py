"""Compare group formats: one table row per format in data/groups/, read as a table by screen readers, and
readable on a phone without scrolling sideways."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
import yaml

from commonroom.loading import load_dataset
from commonroom.render import Renderer
from conftest import ROOT

GROUPS = ROOT / "data" / "groups"
COLUMNS = ["Format", "Who it is for", "Membership", "Group size", "Session length", "How often", "Who leads it",
           "Training and accreditation"]


class Table(HTMLParser):
    """The comparison table's caption, column headings, and per row: its header link and its cells' labels."""

    def __init__(self):
        super().__init__()
        self.caption, self.columns, self.rows = "", [], []
        self._in, self._section = None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("thead", "tbody"):
            self._section = tag
        elif tag == "caption":
            self._in = "caption"
        elif tag == "th" and attrs.get("scope") == "col":
            self.columns.append("")
            self._in = "col"
        elif tag == "tr" and self._section == "tbody":
            self.rows.append({"href": None, "scope": None, "labels": []})
        elif tag == "th" and self._section == "tbody":
            self.rows[-1]["scope"] = attrs.get("scope")
        elif tag == "a" and self._section == "tbody" and self.rows[-1]["href"] is None:
            self.rows[-1]["href"] = attrs["href"]
        elif tag == "td":
            self.rows[-1]["labels"].append(attrs.get("data-label"))

    def handle_endtag(self, tag):
        if tag in ("caption", "th"):
            self._in = None

    def handle_data(self, data):
        if self._in == "caption":
            self.caption += data
        elif self._in == "col":
            self.columns[-1] += data


@pytest.fixture(scope="module")
def table(built_site) -> Table:
    html = (built_site / "groups" / "compare" / "index.html").read_text()
    parser = Table()
    parser.feed(html[html.index('<table class="cr-compare__table"'):html.index("</table>") + 8])
    return parser


def test_the_compare_page_has_one_row_per_format_each_linking_to_its_page(table):
    ids = sorted(p.stem for p in GROUPS.glob("*.yml"))
    assert len(table.rows) == len(ids)
    assert sorted(row["href"] for row in table.rows) == sorted(f"../{i}/" for i in ids)


def test_the_table_has_a_caption_column_and_row_headers_and_labels_every_cell(table):
    assert table.caption.strip()
    assert [c.strip() for c in table.columns] == COLUMNS
    for row in table.rows:
        assert row["scope"] == "row"
        assert row["labels"] == COLUMNS[1:], "each cell names its column, for the stacked phone layout"


def test_every_format_in_the_kit_has_short_versions_for_the_table():
    for path in GROUPS.glob("*.yml"):
        short = yaml.safe_load(path.read_text()).get("at_a_glance", {})
        assert set(short) == {"size", "length", "frequency", "facilitator", "accreditation"}, path.name


def test_a_format_without_short_versions_shows_its_long_wording(minimal_data):
    html = Renderer(load_dataset(minimal_data), ROOT / "overrides" / "commonroom", link=lambda uri: "/" + uri,
                    today=dt.date(2026, 6, 1)).compare_formats()
    assert re.search(r'data-label="Group size">6 to 10 people<', html)
    assert re.search(r'data-label="Membership">Closed<', html)


def test_the_compare_page_does_not_scroll_sideways_on_a_phone(phone, site_url):
    phone.goto(site_url + "groups/compare/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    first_cell = phone.locator(".cr-compare__table tbody td").first
    label = first_cell.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label == '"Who it is for"', "on a phone each cell shows its column name"
    assert phone.get_by_role("link", name="Balint groups", exact=True).is_visible()


@pytest.mark.parametrize("width", [768, 1024, 1280])
def test_the_compare_page_does_not_scroll_sideways_on_a_tablet_or_desktop(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + "groups/compare/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()
