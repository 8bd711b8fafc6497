"""Every page passes axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on a touch phone and on a desktop, in light
and dark colours, and no page fetches anything from another origin.

Every page is loaded once, in one browser context: a light touch phone, which is a real touch phone to Chromium
(is_mobile, has_touch), since some rules only show there (a code block that scrolls sideways must take focus). Each
per-page check runs on that one load: axe, then the list of requests that left the site.

The other three contexts (dark touch phone, light and dark desktop) check a sample: every written page (each is its
own content) and, of the pages the data makes, the first in sorted order of each kind. A kind is the first part of
the page's address, its depth, and the set of the kit's components (`cr-` classes) in its article, so a service page
with an exceptions list, a region's help-now page and the wallet card are kinds of their own. Hundreds of data-made
pages share a handful of templates: the sample covers every template and every written page at a fraction of the
time (about 50 pages of 280).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

# Skipped, saying why, where the browser tools are not installed (a hospital PC running `commonroom test --site`).
Axe = pytest.importorskip("axe_playwright_python.sync_playwright",
                          reason="axe and Playwright are not installed here (requirements-test.txt)").Axe

from conftest import ROOT, html_pages, site_folder

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}

DEVICES = {
    "touch-phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}


def page_paths(site: Path) -> list[str]:
    return [str(p.relative_to(site)).removesuffix("index.html") for p in html_pages(site)]


def written_paths() -> set[str]:
    """The address of every page written in docs/ (index.md is its folder's page): the kit's, and those of the
    organisation whose site is checked, if one is."""
    paths = set()
    organisation = site_folder()
    for docs in [ROOT / "docs"] + ([organisation / "docs"] if organisation is not None else []):
        for source in docs.rglob("*.md"):
            parts = source.relative_to(docs).with_suffix("").parts
            parts = parts[:-1] if parts[-1] == "index" else parts
            paths.add("".join(f"{part}/" for part in parts))
    return paths


def kind_of(site: Path, path: str) -> tuple[str, int, tuple[str, ...]]:
    """A data-made page's kind: the first part of its address, how deep it is, and its article's components."""
    html = (site / (path + "index.html" if path.endswith("/") or not path else path)).read_text(encoding="utf-8")
    article = html[html.find("<article"):html.find("</article>")]
    return path.split("/")[0], path.count("/"), tuple(sorted(set(re.findall(r'class="(cr-[a-z0-9-]+)', article))))


def sample_of_each_kind(site: Path) -> list[str]:
    """Every written page, plus the first page (in sorted order) of each kind of data-made page: deterministic."""
    written = written_paths()
    sample, kinds = [], set()
    for path in page_paths(site):
        if path in written:
            sample.append(path)
        elif (kind := kind_of(site, path)) not in kinds:
            kinds.add(kind)
            sample.append(path)
    return sample


def axe_failures(page, url: str, axe: Axe) -> str | None:
    result = axe.run(page, options=WCAG_AA)
    return f"{url}:\n{result.generate_report()}" if result.violations_count else None


# The pages in two halves (every other page, so each half has its share of heavy ones), each a group of its own
# that `make test` may give to its own process: the longest checks of the suite then run side by side.
HALVES = [pytest.param(half, id=f"half-{half + 1}", marks=pytest.mark.xdist_group(f"every-page-{half + 1}"))
          for half in (0, 1)]
_visits: dict[int, dict[str, list[str]]] = {}


def every_page_on_a_touch_phone(browser, built_site: Path, site_url: str, half: int) -> dict[str, list[str]]:
    """Each page of one half of the site loaded once on a light touch phone, with axe's failures and every request
    that left the site. Kept for the test process, so the tests that read it share one visit. (Not a module fixture
    with params: under pytest-xdist such a fixture was set up again for each test, doubling the longest check.)"""
    if half in _visits:
        return _visits[half]
    context = browser.new_context(**DEVICES["touch-phone"], color_scheme="light")
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda request: None if request.url.startswith((site_url, "data:")) else outside.append(request.url))
    axe, failures, paths = Axe(), [], page_paths(built_site)[half::2]
    try:
        for path in paths:
            page.goto(site_url + path)
            if failure := axe_failures(page, "/" + path, axe):
                failures.append(failure)
            # After axe's run, which outlasts most pages' quiet half second, so this rarely waits.
            page.wait_for_load_state("networkidle")
    finally:
        context.close()
    _visits[half] = {"paths": paths, "axe": failures, "outside": outside}
    return _visits[half]


@pytest.mark.any_site
@pytest.mark.parametrize("half", HALVES)
def test_every_page_passes_axe(browser, built_site, site_url, half):
    """On a light touch phone; the other contexts check a sample of every kind of page (below)."""
    visit = every_page_on_a_touch_phone(browser, built_site, site_url, half)
    assert len(visit["paths"]) > 10
    assert not visit["axe"], "\n".join(visit["axe"])[:6000]


@pytest.mark.any_site
@pytest.mark.parametrize("half", HALVES)
def test_no_request_leaves_the_site(browser, built_site, site_url, half):
    """Privacy: nothing is fetched from another origin on any page (no fonts, CDNs or analytics)."""
    outside = every_page_on_a_touch_phone(browser, built_site, site_url, half)["outside"]
    assert not outside, sorted(set(outside))[:10]


def test_the_sample_holds_every_written_page_and_every_kind_of_data_made_page(built_site):
    sample = sample_of_each_kind(built_site)
    assert written_paths() <= set(sample)
    for template_of_its_own in ("404.html", "help-now/card/", "posters/", "services/for/", "services/samaritans/"):
        assert template_of_its_own in sample
    assert len(sample) < len(page_paths(built_site)) / 2, "a sample, not the whole site"


@pytest.mark.any_site
@pytest.mark.parametrize("device, scheme", [("touch-phone", "dark"), ("desktop", "light"), ("desktop", "dark")],
                         ids=["dark-touch-phone", "light-desktop", "dark-desktop"])
def test_every_kind_of_page_passes_axe(browser, built_site, site_url, device, scheme):
    context = browser.new_context(**DEVICES[device], color_scheme=scheme)
    page = context.new_page()
    axe, failures = Axe(), []
    try:
        for path in sample_of_each_kind(built_site):
            page.goto(site_url + path)
            if failure := axe_failures(page, "/" + path, axe):
                failures.append(failure)
    finally:
        context.close()
    assert not failures, "\n".join(failures)[:6000]


# The routes block beside a mention of suicide (urgent-routes.html) in each kind of page that shows it: a guide, a
# service page, a pathway step and the leaders' check (where it appears once per area that mentions a risk).
URGENT_ROUTES_PAGES = ["guides/after-a-colleague-dies-by-suicide/", "services/samaritans/",
                       "pathways/need-help-now/where/", "for-leaders/check/"]


@pytest.mark.parametrize("device", DEVICES)
def test_pages_with_the_urgent_routes_block_pass_axe(browser, site_url, device):
    context = browser.new_context(**DEVICES[device])
    page = context.new_page()
    axe = Axe()
    failures = []
    for path in URGENT_ROUTES_PAGES:
        page.goto(site_url + path)
        assert page.locator('[data-testid="urgent-routes"]').count(), f"/{path} has no routes block"
        result = axe.run(page, options=WCAG_AA)
        if result.violations_count:
            failures.append(f"/{path}:\n{result.generate_report()}")
    context.close()
    assert not failures, "\n".join(failures)[:6000]
