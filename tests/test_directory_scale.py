"""A directory of any size: with hundreds or tens of thousands of services, no page is heavy or holds more than a
page of cards, every service is within three taps of /services/ without JavaScript, and the filters still narrow
the whole directory, keep the choice in the URL and say how many services match."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from commonroom import directory as directory_module
from commonroom.directory import PAGE_SIZE, Directory, listing_page
from commonroom.loading import load_dataset
from commonroom.regions import serves_any
from conftest import build, serve

sys.path.insert(0, str(Path(__file__).parent / "benchmarks"))
from scale import CARDS_LIMIT, PAGE_LIMIT_GZ, gz, make_project, pages_within  # noqa: E402

SYNTHETIC = 400  # enough for /services/ to stop listing every card and for needs to have several pages


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("large") / "project", SYNTHETIC)
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="module")
def large_url(large_site):
    server = serve(large_site / "site")
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def listed(project: Path) -> dict[str, dict]:
    records = {p.stem: yaml.safe_load(p.read_text()) for p in (project / "data" / "services").glob("*.yml")}
    return {i: r for i, r in records.items() if r.get("status", "active") == "active"}


def test_no_page_of_a_large_directory_is_heavy_or_long(large_site):
    site = large_site / "site"
    heavy = {str(p.relative_to(site)): gz(p.read_bytes()) for p in site.rglob("*.html") if gz(p.read_bytes()) > PAGE_LIMIT_GZ}
    long = {str(p.relative_to(site)): n for p in site.rglob("*.html")
            if (n := p.read_text(encoding="utf-8").count('class="cr-card"')) > CARDS_LIMIT}
    assert not heavy and not long, (heavy, long)
    directory = (site / "services" / "index.html").read_text(encoding="utf-8")
    assert 'class="cr-card"' not in directory, "a large directory links to pages of results instead"


def test_every_service_is_three_taps_from_the_directory_without_javascript(large_site):
    site = large_site / "site"
    reached = pages_within(site, site / "services" / "index.html", 3)
    services = {(site / "services" / i / "index.html").resolve() for i in listed(large_site)}
    assert not services - reached


def test_pages_of_results_number_every_page(large_site):
    site = large_site / "site"
    first = (site / "services" / "in" / "gb" / "index.html").read_text(encoding="utf-8")
    pages = re.findall(r'<nav class="cr-pager".*?</nav>', first, re.S)[0]
    count = sum(1 for s in listed(large_site).values() if serves_any(s["regions"], ["GB"]))
    assert count > PAGE_SIZE
    assert len(re.findall(r"<li>", pages)) == -(-count // PAGE_SIZE)
    assert 'aria-current="page"' in pages


def test_filters_narrow_the_whole_large_directory(phone, large_site, large_url):
    services = listed(large_site)
    expected = sum(1 for s in services.values() if "counselling" in s["needs"] and serves_any(s["regions"], ["GB-SCT"]))
    phone.goto(large_url + "services/")
    phone.get_by_label("What do you need?").select_option("counselling")
    phone.get_by_label("Where are you?").select_option("GB-SCT")
    expect(phone.get_by_role("status")).to_have_text(f"{expected} services match.")
    assert re.search(r"\?need=counselling&region=GB-SCT$", phone.url)
    shown = phone.locator("#cr-filter-results .cr-card")
    assert shown.count() == min(expected, 50)
    shown.first.get_by_role("link").first.tap()
    expect(phone.locator("h1")).to_be_visible()
    assert "/services/" in phone.url

    phone.goto(large_url + "services/?need=crisis&open=24h")  # a shared link opens already filtered
    crisis = sum(1 for s in services.values() if "crisis" in s["needs"] and s["is_24_7"])
    expect(phone.get_by_role("status")).to_have_text(f"{crisis} services match.")


def test_pages_follow_the_needs_in_the_vocabulary(monkeypatch):
    root = Path(__file__).resolve().parent.parent
    data = load_dataset(root / "data", docs=root / "docs")
    monkeypatch.setitem(directory_module.vocabulary.NEEDS, "sleep", ("Sleep", "Help with sleep."))
    pages = Directory(data).pages()
    assert listing_page("need", "sleep", 1) in pages and "services/need/counselling.md" in pages
    assert listing_page("region", "GB-ENG", 1) == "services/in/gb-eng.md"
