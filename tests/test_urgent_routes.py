"""Safe messaging: every page that mentions suicide shows, on the page, the help-now routes of the site's own regions
(data/site.yml `regions`): each region's emergency numbers and the lines that answer day and night, as help-now
gives them. Written pages ask for them with {{ urgent_routes() }}; pages made from data get them by themselves.

A page is scanned in its main content (the article), as a reader sees it: words, not web addresses. A service's
card is left out of the scan: a card that names a suicide crisis line is itself a route to help, so a list of
services does not need the block for it (the words around the cards are still scanned). Any other page without
the block is named in EXEMPT with its reason.
"""

from __future__ import annotations

import html as html_text
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from commonroom.coverage import around_the_clock, emergency_numbers_for
from commonroom.loading import load_dataset
from commonroom.sources import is_tappable
from conftest import ROOT, build, copy_project, html_pages

SITE = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
BLOCK = 'data-testid="urgent-routes"'
# A pathway step about a risk to life shows the whole help-now routes before its question, the home regions' too.
HELP_NOW_BOX = 'class="cr-pathway__help"'

EXEMPT = {
    "help-now/": "the help-now page is the routes themselves, for every home region and every other country",
    "help-now/card/": "the wallet card is the home regions' routes, to print",
    "clinical-safety/": "the hazard log, for the clinical safety officer: it names suicide as a hazard, links help now in "
                        "the same sentence, and shows macro syntax, so macros are off on it",
    "make-it-yours/": "the settings guide for the organisation's web editor: it names this rule when it explains "
                      "regions, and shows macro syntax, so macros are off on it",
}
# Each region's own help-now page (/help-now/au/) is that region's routes in full: it is for someone who is there.
REGION_PAGE = re.compile(r"^help-now/[a-z-]+/$")


class MainText(HTMLParser):
    """The words of a page's article, without service cards and without the routes block."""

    LEFT_OUT = ("cr-card", "cr-urgent")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the article
        self.skipping = 0  # depth inside a left-out element
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article" and "md-content__inner" in classes:
            self.depth = 1
            return
        if not self.depth or tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            return
        self.depth += 1
        if self.skipping:
            self.skipping += 1
        elif any(c in classes for c in self.LEFT_OUT):
            self.skipping = 1

    def handle_endtag(self, tag):
        if not self.depth or tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            return
        self.depth -= 1
        if self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.words.append(data)


def main_text(page: str) -> str:
    parser = MainText()
    parser.feed(page)
    return " ".join(parser.words)


def address(site: Path, page: Path) -> str:
    return page.relative_to(site).as_posix().removesuffix("index.html")


def block_of(page: str) -> str:
    found = re.search(rf'<section class="cr-urgent" {BLOCK}.*?</section>', page, re.S)
    assert found, "no routes block"
    return found.group(0)


def test_the_scan_reads_words_and_leaves_out_cards_and_web_addresses():
    page = ('<article class="md-content__inner md-typeset"><p>Grief <a href="https://x.org/suicide-loss">after a loss</a>'
            '</p><div class="cr-card"><h3>Suicide Crisis Helpline</h3><div><p>24 hours</p></div></div><p>Shift</p></article>'
            "<footer>suicide</footer>")
    assert main_text(page).split() == ["Grief", "after", "a", "loss", "Shift"]
    assert "suicide" in main_text(page.replace("Shift", "Thoughts of suicide"))


def test_every_page_that_mentions_suicide_shows_the_home_regions_routes(built_site):
    missing, scanned = [], 0
    for path in html_pages(built_site):
        where = address(built_site, path)
        page = path.read_text(encoding="utf-8")
        if not re.search("suicid", main_text(page), re.I):
            continue
        scanned += 1
        if where in EXEMPT or REGION_PAGE.match(where):
            continue
        if BLOCK not in page and HELP_NOW_BOX not in page:
            missing.append(where)
    assert scanned > 10, "the scan found almost no page that mentions suicide: is it reading the article?"
    assert not missing, f"pages that mention suicide without the home regions' routes: {missing}"


@pytest.mark.parametrize("where", ["guides/after-a-colleague-dies-by-suicide/", "services/988-lifeline/",
                                   "pathways/need-help-now/where/", "for-leaders/check/"])
def test_the_block_gives_each_home_regions_emergency_numbers_and_24_hour_lines_as_tap_links(built_site, where):
    block = block_of((built_site / where / "index.html").read_text(encoding="utf-8"))
    data = load_dataset(ROOT / "data")
    for code in SITE["regions"]:
        numbers = [re.sub(r"\D", "", e["number"]) for e in emergency_numbers_for(SITE, code) if is_tappable(e)]
        assert numbers and all(f'href="tel:{n}"' in block for n in numbers), (code, numbers)
        for e in emergency_numbers_for(SITE, code):  # a number only a secondary copy gives is there, as text
            assert is_tappable(e) or f"Call {e['number']}: " in block and e["source_note"] in html_text.unescape(block), e["id"]
        for service_id in around_the_clock(data, code):
            assert data.services[service_id]["name"] in html_text.unescape(block), (code, service_id)
    assert re.search(r'href="(tel|sms):[0-9]+', block)
    assert "help-now/" in block


def test_the_postvention_guide_shows_every_home_region_not_a_fixed_list_of_cards(built_site):
    page = (built_site / "guides" / "after-a-colleague-dies-by-suicide" / "index.html").read_text(encoding="utf-8")
    text = html_text.unescape(block_of(page))
    assert "In the United States" in text and "In England" in text and "In South Africa" in text
    assert 'class="cr-card"' not in page.split("Where to get help", 1)[1], "crisis cards are still listed by hand"


# The same pages on a site with other regions: the block follows data/site.yml, not a list written in the guides.

TWICE = "after-a-colleague-dies-by-suicide.md"

@pytest.fixture(scope="module")
def australian_site(tmp_path_factory) -> Path:
    """The project for Australia alone, with one guide showing the block twice (the one extra build here)."""
    project = copy_project(tmp_path_factory.mktemp("australia") / "project")
    site_file = project / "data" / "site.yml"
    site_file.write_text(re.sub(r"(?m)^regions:\n(  - .*\n)+", "regions:\n  - AU\n", site_file.read_text(encoding="utf-8")),
                         encoding="utf-8")
    guide = project / "docs" / "guides" / TWICE
    guide.write_text(guide.read_text(encoding="utf-8") + "\n{{ urgent_routes() }}\n", encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.mark.parametrize("where", ["guides/after-a-colleague-dies-by-suicide/", "services/samaritans/"])
def test_on_a_site_for_australia_the_block_gives_australias_routes_and_no_others(australian_site, where):
    block = html_text.unescape(block_of((australian_site / where / "index.html").read_text(encoding="utf-8")))
    assert "In Australia" in block and 'href="tel:000"' in block and 'href="tel:131114"' in block
    assert "go to the emergency department at the nearest hospital" in block
    for other in ('href="tel:999"', 'href="tel:911"', 'href="tel:116123"', "In England", "In the United States"):
        assert other not in block, other


def test_a_page_that_shows_the_block_twice_gives_each_its_own_id(australian_site):
    page = (australian_site / "guides" / TWICE.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
    assert page.count(BLOCK) == 2
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
