"""Help now paints from the first round trip: its numbers show before Material's stylesheet arrives, and with no
stylesheet or script at all a phone shows a tap-to-call number on its first screen."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from commonroom.first_paint import critical_css, paint_first, size_icons

sys.path.insert(0, str(Path(__file__).parent / "benchmarks"))
from render_blocking import FIRST_ROUND_TRIP, render_blocking, render_blocking_bytes  # noqa: E402

QR_LANDING_BUDGET = 20_000  # service and group pages, where QR codes on posters land


def help_now_pages(site: Path) -> list[Path]:
    """/help-now/ and every page under it (each region's help-now page, the wallet card)."""
    return sorted((site / "help-now").rglob("index.html"))


def test_help_now_paints_from_one_round_trip(built_site):
    pages = help_now_pages(built_site)
    assert pages
    over = {str(p.relative_to(built_site)): render_blocking(built_site, p) for p in pages
            if render_blocking_bytes(built_site, p) > FIRST_ROUND_TRIP}
    assert not over, f"help-now pages over {FIRST_ROUND_TRIP:,} B render-blocking: {over}"


@pytest.mark.parametrize("folder", ["services", "groups"])
def test_service_and_group_pages_paint_from_20_kb(built_site, folder):
    pages = [p for p in (built_site / folder).glob("*/index.html")]
    assert pages
    heaviest = max(pages, key=lambda p: render_blocking_bytes(built_site, p))
    assert render_blocking_bytes(built_site, heaviest) <= QR_LANDING_BUDGET, render_blocking(built_site, heaviest)


def test_no_page_waits_for_a_stylesheet(built_site):
    waiting = [str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
               if len(render_blocking(built_site, p)) > 1]
    assert not waiting, waiting[:10]


def test_first_screen_styles_are_a_subset_of_the_stylesheets():
    main = ('@charset "UTF-8";:root{--md-a:#fff;--md-unused:url("data:image/svg+xml;charset=utf-8,<svg/>");'
            "--md-b:var(--md-a)}.md-header{color:var(--md-b)}.md-search{color:red}"
            "@media screen and (min-width:60em){.md-header,.md-tabs{height:2rem}}@media print{.md-header{display:none}}"
            ".md-typeset table{border:0}.md-typeset h1{margin:0}")
    css = critical_css([main, ".cr-card{margin:1em}"])
    assert ".md-header{color:var(--md-b)}" in css and ".cr-card{margin:1em}" in css
    assert "--md-b:var(--md-a)" in css and "--md-a:#fff" in css, "variables the kept rules use, and theirs"
    assert "md-unused" not in css and "md-search" not in css and "md-tabs" not in css
    assert "@media screen and (min-width:60em){.md-header{height:2rem}}" in css
    assert "print" not in css and "table" not in css and ".md-typeset h1{margin:0}" in css


def test_stylesheets_move_after_the_content_and_icons_get_a_size():
    html = ('<html><head><title>t</title>\n  <link rel="stylesheet" href="a.css">\n<link rel="stylesheet" href="b.css">'
            '\n</head><body><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"></svg><p>Call 999</p></body></html>')
    out = paint_first(html, ".x{color:red}")
    head, body = out.split("</head>")
    assert "<style>.x{color:red}</style>" in head and "<link" not in head
    assert body.index("Call 999") < body.index('href="a.css"') < body.index('href="b.css"')
    assert '<svg width="24" height="24"' in out
    assert size_icons('<svg width="10" viewBox="0 0 24 24">') == '<svg width="10" viewBox="0 0 24 24">'


def test_a_number_is_on_the_first_phone_screen_with_css_and_js_failing(browser, built_site, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.route("**/*", lambda route: route.abort() if route.request.resource_type in ("stylesheet", "script")
                  else route.continue_())
    page = context.new_page()
    found = {}
    for path in help_now_pages(built_site):
        url = site_url + str(path.relative_to(built_site)).removesuffix("index.html")
        for strip_inline in (False, True):  # a proxy may strip the inline styles too
            page.goto(url)
            if strip_inline:
                page.evaluate("document.querySelectorAll('style').forEach(s => s.remove())")
            found[(url, strip_inline)] = page.evaluate(
                """() => { const a = document.querySelector('.md-content a[href^="tel:"]');
                           return a ? a.getBoundingClientRect().bottom : null }""")
    context.close()
    late = {key: bottom for key, bottom in found.items() if bottom is None or bottom > 844}
    assert not late, f"first tap-to-call link below the first 390x844 screen (px): {late}"


def test_the_full_stylesheets_still_apply_once_they_arrive(phone, site_url):
    phone.goto(site_url + "help-now/")
    phone.wait_for_load_state("load")
    looks = phone.evaluate("""() => ({
        sheets: [...document.styleSheets].map(s => s.href || 'inline').join(' '),
        footer: getComputedStyle(document.querySelector('.md-footer')).backgroundColor,
        drawer: document.querySelector('.md-sidebar--primary').getBoundingClientRect().right })""")
    assert "main." in looks["sheets"] and "commonroom.css" in looks["sheets"]
    assert looks["footer"] not in ("rgba(0, 0, 0, 0)", "transparent"), "Material's footer styles apply"
    assert looks["drawer"] <= 0, "the navigation drawer is closed, off the screen"
