"""Every page passes axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on a touch phone and on a desktop, in light
and dark colours, and no page fetches anything from another origin.

Every page is loaded once, in one browser context: a light touch phone, which is a real touch phone to Chromium
(is_mobile, has_touch), since some rules only show there (a code block that scrolls sideways must take focus). Each
per-page check runs on that one load (tests/every_page.py): axe, then the list of requests that left the site.

The other three contexts (dark touch phone, light and dark desktop) check a sample of each template
(every_page.sample_of_each_kind): for each template, the fewest pages that between them show everything the pages
of that template show (each of the kit's components, each kind of admonition, tables, code blocks and the other
Markdown elements the theme styles). The 31 written pages share one template and fill it with their own Markdown;
hundreds of data-made pages share a handful more. The sample holds every template and every component of each at
a tenth of the time (about 25 pages of 290): the colours and sizes that differ between contexts belong to those.
"""

from __future__ import annotations

import pytest

# Skipped, saying why, where the browser tools are not installed (a hospital PC running `commonroom test --site`).
Axe = pytest.importorskip("axe_playwright_python.sync_playwright",
                          reason="axe and Playwright are not installed here (requirements-test.txt)").Axe

from conftest import WCAG_AA
from every_page import (DEVICES, HALVES, axe_failures, every_page_on_a_touch_phone, features_of, page_paths,
                        sample_of_each_kind, template_of, with_axe, written_paths)


@pytest.mark.any_site
@pytest.mark.parametrize("half", HALVES)
def test_every_page_passes_axe(browser, built_site, half):
    """On a light touch phone; the other contexts check a sample of every kind of page (below)."""
    visit = every_page_on_a_touch_phone(browser, built_site, half)
    assert len(visit["paths"]) > 10
    assert not visit["axe"], "\n".join(visit["axe"])[:6000]


@pytest.mark.any_site
@pytest.mark.parametrize("half", HALVES)
def test_no_request_leaves_the_site(browser, built_site, half):
    """Privacy: nothing is fetched from another origin on any page (no fonts, CDNs or analytics)."""
    outside = every_page_on_a_touch_phone(browser, built_site, half)["outside"]
    assert not outside, sorted(set(outside))[:10]


def test_the_sample_holds_every_template_and_everything_each_template_shows(built_site):
    sample = sample_of_each_kind(built_site)
    written, every_page = written_paths(), page_paths(built_site)
    assert {template_of(path, written) for path in sample} == {template_of(path, written) for path in every_page}
    for path in every_page:
        template = template_of(path, written)
        shown_in_the_sample = set().union(*(features_of(built_site, p) for p in sample if template_of(p, written) == template))
        assert features_of(built_site, path) <= shown_in_the_sample, path
    assert {"404.html", "posters/", "help-now/card/", "help-now/", "services/"} <= set(sample)
    assert {"cr-urgent", "admonition warning", "<table>", "<pre>"} <= set().union(*(features_of(built_site, p) for p in sample))
    assert len(sample) < len(every_page) / 5, "a sample, not the whole site"


@pytest.mark.any_site
@pytest.mark.parametrize("device, scheme", [("touch-phone", "dark"), ("desktop", "light"), ("desktop", "dark")],
                         ids=["dark-touch-phone", "light-desktop", "dark-desktop"])
def test_every_kind_of_page_passes_axe(browser, built_site, site_url, device, scheme):
    context = with_axe(browser.new_context(**DEVICES[device], color_scheme=scheme))
    page = context.new_page()
    failures = []
    try:
        for path in sample_of_each_kind(built_site):
            page.goto(site_url + path)
            if failure := axe_failures(page, "/" + path):
                failures.append(failure)
    finally:
        context.close()
    assert not failures, "\n".join(failures)[:6000]


# The routes block beside a mention of suicide (urgent-routes.html) in each kind of page that shows it: a guide, a
# service page, a pathway step and the leaders' check (where it appears once per area that mentions a risk). Each of
# these pages passes axe on the light touch phone with every other page (above); the other three contexts check, for
# each of their templates, a sampled page that shows the block.
URGENT_ROUTES_PAGES = ["guides/after-a-colleague-dies-by-suicide/", "services/samaritans/",
                       "pathways/need-help-now/where/", "for-leaders/check/"]


def test_every_kind_of_page_with_the_urgent_routes_block_has_it_in_each_context_axe_checks(built_site):
    sample, written = sample_of_each_kind(built_site), written_paths()
    for path in URGENT_ROUTES_PAGES:
        assert "cr-urgent" in features_of(built_site, path), f"/{path} has no routes block"
        template = template_of(path, written)
        assert any("cr-urgent" in features_of(built_site, other) for other in sample
                   if template_of(other, written) == template), f"no sampled page like /{path} shows the routes block"


def test_axe_with_the_suites_options_still_finds_a_failure_and_names_its_element(browser):
    """Every axe run in the suite uses conftest.WCAG_AA, which asks axe for its failures only, and the runs over many
    pages add axe as each page starts (every_page.with_axe): a page with an image without a text alternative and
    grey text on white below 4.5:1 must still fail both ways, naming both elements."""
    page_html = ('<html lang="en"><title>t</title><main><h1>t</h1><img src="data:," id="no-alt">'
                 '<p id="faint" style="color:#aaa;background:#fff">Faint words</p></main></html>')
    for added_as_the_page_starts in (False, True):
        context = browser.new_context()
        if added_as_the_page_starts:
            with_axe(context)
        page = context.new_page()
        page.route("http://page.test/", lambda route: route.fulfill(body=page_html, content_type="text/html"))
        page.goto("http://page.test/")
        report = (page.evaluate("options => axe.run(options)", WCAG_AA) if added_as_the_page_starts
                  else Axe().run(page, options=WCAG_AA).response)
        context.close()
        failed = {v["id"]: [n["target"] for n in v["nodes"]] for v in report["violations"]}
        assert failed.get("image-alt") == [["#no-alt"]] and failed.get("color-contrast") == [["#faint"]], failed
