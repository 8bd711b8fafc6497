"""Every page passes axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on a touch phone and on a desktop, in light
and dark colours. The phone is a real touch phone to Chromium (is_mobile, has_touch): some rules (a code block that
scrolls sideways must take focus) only show there."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import html_pages

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}


def page_paths(site) -> list[str]:
    return [str(p.relative_to(site)).removesuffix("index.html") for p in html_pages(site)]


DEVICES = {
    "touch-phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(browser, built_site, site_url, device, scheme):
    context = browser.new_context(**DEVICES[device], color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    failures = []
    paths = page_paths(built_site)
    for path in paths:
        page.goto(site_url + path)
        result = axe.run(page, options=WCAG_AA)
        if result.violations_count:
            failures.append(f"/{path}:\n{result.generate_report()}")
    context.close()
    assert len(paths) > 20
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
