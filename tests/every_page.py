"""One visit of every page of the built site, shared by the checks that need every page in a browser.

Every page is loaded once, in one browser context: a light touch phone, which is a real touch phone to Chromium
(is_mobile, has_touch), since some rules only show there (a code block that scrolls sideways must take focus). On
that one load, served with the Content-Security-Policy the build publishes, run axe (tests/test_accessibility.py),
the list of requests that left the site (the same file), the list of console errors and policy violations
(tests/test_deploy.py), where the "Need help now?" link is on the first screen (tests/test_browser_phone.py) and,
with the window narrowed to 320 x 256 CSS pixels (1280 x 1024 at 400% zoom) in forced
colours, the check that nothing is cut off (tests/test_every_reader.py). Other contexts check a sample of each template
(`sample_of_each_kind`).

The pages are split in two halves, each a group of tests of its own ("@every-page-1", see conftest.process_group)
that `make test` may give to its own process: the longest checks of the suite then run side by side.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, WCAG_AA, html_pages, serve, site_folder

ZOOM_400 = {"viewport": {"width": 320, "height": 256}, "forced_colors": "active"}  # 1280 x 1024 at 400%

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


# What an article can show that has colours or a layout of its own: the kit's components (`cr-` classes), each kind of
# admonition (note, warning, ...), and the Markdown elements the theme styles.
STYLED_ELEMENTS = ("table", "pre", "code", "details", "blockquote", "dl", "img", "kbd", "ol")


def template_of(path: str, written: set[str]) -> tuple[str, int] | str:
    """The template a page is made with: the one for written pages (each of them fills it with its own Markdown), or,
    for a page the data makes, the first part of its address and how deep it is (services/x/ and services/for/x/
    are made by different code)."""
    return "written" if path in written else (path.split("/")[0], path.count("/"))


def features_of(site: Path, path: str) -> set[str]:
    """What the page's article shows (STYLED_ELEMENTS and the rest): the things a colour scheme or a screen size could
    make fail."""
    html = (site / (path + "index.html" if path.endswith("/") or not path else path)).read_text(encoding="utf-8")
    article = html[html.find("<article"):html.find("</article>")]
    found = set(re.findall(r'class="(cr-[a-z0-9-]+)', article))
    found |= {f"admonition {kind}" for kind in re.findall(r'class="admonition ([a-z]+)', article)}
    return found | {f"<{tag}>" for tag in STYLED_ELEMENTS if f"<{tag}" in article}


def sample_of_each_kind(site: Path) -> list[str]:
    """A sample that holds every template and, for each template, everything its pages show at least once: for
    each template, the page that shows most of what no sampled page has shown yet (the first in sorted order on a
    tie), until nothing is left. Deterministic, and about a tenth of the site."""
    written = written_paths()
    by_template: dict[tuple[str, int] | str, list[str]] = {}
    for path in page_paths(site):
        by_template.setdefault(template_of(path, written), []).append(path)
    sample = []
    for paths in by_template.values():
        shows = {path: features_of(site, path) for path in paths}
        left = set().union(*shows.values())
        chosen = [paths[0]] if not left else []
        while left:
            best = max(paths, key=lambda path: (len(shows[path] & left), -paths.index(path)))
            chosen.append(best)
            left -= shows[best]
        sample += chosen
    return sample


def with_axe(context):
    """The browser context with axe-core added to each page it opens, as the page starts: the 500 KB script is sent
    to the browser once, not with every page (about a tenth of a second a page)."""
    from axe_playwright_python.base import AXE_SCRIPT

    context.add_init_script(AXE_SCRIPT)
    return context


def axe_failures(page, url: str) -> str | None:
    """axe's report of the page's failures (conftest.WCAG_AA), or None; the page's context is `with_axe`."""
    from axe_playwright_python.base import AxeResults

    # A link's colour eases in over 125 ms (Material's transition) once the stylesheets arrive after the first
    # paint; axe, now ready the moment the page has loaded, could read it half-way and report a contrast no reader
    # sees. Every running transition ends first (one that never ends is not waited for).
    page.evaluate("Promise.allSettled(document.getAnimations()"
                  ".filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity).map(a => a.finished))")
    result = AxeResults(page.evaluate("options => axe.run(options)", WCAG_AA))
    return f"{url}:\n{result.generate_report()}" if result.violations_count else None


# The pages in two halves: every other page, so each half has its share of heavy ones.
HALVES = [pytest.param(half, id=f"half-{half + 1}@every-page-{half + 1}") for half in (0, 1)]
_visits: dict[int, dict[str, list[str]]] = {}


# What is wrong with the page's "Need help now?" link on the phone's first screen, as the page opens (None if nothing):
# there is one, it shows, it ends within the first screen, and it is at least 24 px high to tap.
HELP_LINK_PROBLEM = """() => {
  const links = [...document.querySelectorAll('a')].filter(a => a.textContent.includes('Need help now'));
  if (links.length !== 1) return `${links.length} links say "Need help now"`;
  const box = links[0].getBoundingClientRect();
  if (!box.width || !box.height || getComputedStyle(links[0]).visibility === 'hidden') return 'it does not show';
  if (box.bottom > innerHeight) return `it ends at ${Math.round(box.bottom)} px, below the first screen`;
  return box.height < 24 ? `a tap target ${box.height} px high` : null;
}"""


# Turns each violation of the Content-Security-Policy into a console error, which the visit records.
REPORT_POLICY_VIOLATIONS = """document.addEventListener("securitypolicyviolation", function (e) {
    console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline code") + " " + e.sample);
});"""


def policy_of(site: Path) -> str:
    """The Content-Security-Policy a build publishes for its web server (deploy/csp.txt)."""
    return (site / "deploy" / "csp.txt").read_text(encoding="utf-8").strip()


def every_page_on_a_touch_phone(browser, built_site: Path, half: int) -> dict:
    """Each page of one half of the site loaded once on a light touch phone, served with the policy the build
    publishes, as docs/deploy.md tells IT to serve it: axe's failures, every request that left the site, every
    console error, script error and policy violation, what is wrong with the "Need help now?" link on the first
    screen, and what is cut off at 400% zoom in forced colours. Kept for
    the test process, so the tests that read it share one visit. (Not a module fixture with params: under
    pytest-xdist such a fixture was set up again for each test, doubling the longest check.)"""
    if half in _visits:
        return _visits[half]
    server = serve(built_site, headers={"Content-Security-Policy": policy_of(built_site)}, not_found="404.html")
    site_url = f"http://127.0.0.1:{server.server_port}/"
    context = with_axe(browser.new_context(**DEVICES["touch-phone"], color_scheme="light"))
    context.add_init_script(REPORT_POLICY_VIOLATIONS)
    page = context.new_page()
    outside: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: None if request.url.startswith((site_url, "data:")) else outside.append(request.url))
    page.on("console", lambda message: problems.append(f"{page.url}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    failures, cut_off, help_link, paths = [], {}, {}, page_paths(built_site)[half::2]
    sample = set(sample_of_each_kind(built_site))
    try:
        for path in paths:
            page.set_viewport_size(DEVICES["touch-phone"]["viewport"])
            page.emulate_media(forced_colors="none")
            page.goto(site_url + path)  # waits for "load": every inline and deferred script has run by then
            if problem := page.evaluate(HELP_LINK_PROBLEM):
                help_link[path] = problem
            if failure := axe_failures(page, "/" + path):
                failures.append(failure)
            # A request made after "load" is recorded while axe runs (a third of a second or more). On a sample of
            # each template (their scripts are the same on every page of the template) the visit also waits for
            # half a second with no request, so a script that fetches later is caught too; waiting on every page
            # cost a minute of the suite for nothing more (the kit's pages fetch only their icon after "load").
            if path in sample:
                page.wait_for_load_state("networkidle")
            page.set_viewport_size(ZOOM_400["viewport"])
            page.emulate_media(forced_colors=ZOOM_400["forced_colors"])
            if found := page.evaluate(CUT_OFF):
                cut_off[path] = found
    finally:
        context.close()
        server.shutdown()
    _visits[half] = {"paths": paths, "axe": failures, "outside": outside, "problems": problems, "cut_off": cut_off,
                     "help_link": help_link}
    return _visits[half]
