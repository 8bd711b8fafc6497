"""One walk through every route of a pathway on a phone with JavaScript off, shared by the checks that need it.

The walk taps every answer of every step, to the next step or to the route's ending, and goes back each time,
checking each step and ending as it goes (tests/test_pathways.py). On each page a tap opens it also notes which
tap-to-call numbers are visible, so the check that every route after a region's answer passes that region's
emergency number (tests/test_regions.py) reads the same walk instead of tapping every route again.

Both checks are tests of the group "routes" (a parameter id ending in "@routes", see conftest.process_group), so
`make test` runs them in one process and the walk is made once per pathway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from commonroom.pathways import step_numbers, step_page, walk
from conftest import ROOT, read_yaml

PATHWAYS = {p.stem: read_yaml(p) for p in sorted((ROOT / "data" / "pathways").glob("*.yml"))}
SERVICES = {p.stem: read_yaml(p) for p in (ROOT / "data" / "services").glob("*.yml")}
GROUPS = {p.stem: read_yaml(p) for p in (ROOT / "data" / "groups").glob("*.yml")}

# What the walk checks on a page, read in one call (one round trip to the browser instead of a dozen): the heading,
# the trail, "Start again", the help box and its first number, each answer's words and height, and the numbers of
# the page's tap-to-call links whose first link is visible (as Playwright's is_visible: a box with a size, and not
# visibility: hidden).
READ_PAGE = """() => {
  const visible = el => {
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const heading = document.querySelector('h1');
  const trail = document.querySelector('.cr-pathway__trail');
  const again = [...document.querySelectorAll('a')].find(a => a.innerText.trim() === 'Start again');
  const help = document.querySelector('.cr-pathway__help');
  const call = help && help.querySelector('a[href^="tel:"]');
  const first = new Map();
  for (const link of document.querySelectorAll('a[href^="tel:"]')) {
    const number = link.getAttribute('href').slice(4);
    if (!first.has(number)) first.set(number, link);
  }
  return {
    url: location.href,
    heading: heading && heading.innerText, headingVisible: visible(heading),
    headingTop: heading && heading.getBoundingClientRect().top,
    trail: trail && trail.innerText,
    startAgain: again ? again.getAttribute('href') : null,
    help: !!help, callVisible: visible(call), callTop: call && call.getBoundingClientRect().top,
    answers: [...document.querySelectorAll('a.cr-pathway__answer')]
      .map(a => ({words: a.innerText, height: a.getBoundingClientRect().height})),
    numbers: [...first].filter(([, link]) => visible(link)).map(([number]) => number),
  };
}"""


# The answer's place on the screen, once the page has scrolled it into view, and whether what a finger there would
# touch is the answer (nothing covers it), as Playwright's tap checks before it taps.
PLACE_ANSWER = """index => {
  const answer = document.querySelectorAll('a.cr-pathway__answer')[index];
  answer.scrollIntoView({block: 'center'});
  const box = answer.getBoundingClientRect(), x = box.left + box.width / 2, y = box.top + box.height / 2;
  return {x, y, uncovered: answer.contains(document.elementFromPoint(x, y))};
}"""


@dataclass
class Visit:
    """A page a tap opened: its address, the numbers it shows as visible tap-to-call links, and, for a step, the
    page each of its answers opened, in order."""
    url: str
    numbers: set[str]
    answers: list[Visit] = field(default_factory=list)


@dataclass
class Walk:
    start: Visit
    steps: dict[str, Visit]  # each step's page, by step id


_walks: dict[str, Walk] = {}


def url_path(src_uri: str) -> str:
    """Where MkDocs (use_directory_urls: true) serves a page: guides/evidence.md is at guides/evidence/."""
    return re.sub(r"(^|/)index\.md$", r"\1", src_uri).removesuffix(".md") + ("/" if not src_uri.endswith("index.md") else "")


def expected_ending(kind: str, target: str) -> tuple[str, str | None]:
    """The address an ending should open, and the heading it should show (None for a written page)."""
    if kind == "service":
        return f"services/{target}/", SERVICES[target]["name"]
    if kind == "group":
        return f"groups/{target}/", GROUPS[target]["name"]
    return url_path(target), None


def tap_every_route(browser, site_url: str, pathway_id: str) -> Walk:
    """Tap through every route of the pathway and back, checking each step and ending (the assertions stop the walk
    at the first broken one). Kept for the test process, so the second check to ask reads the first one's walk."""
    if pathway_id in _walks:
        return _walks[pathway_id]
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    pathway = PATHWAYS[pathway_id]
    numbers = step_numbers(pathway)
    start_url = site_url + f"pathways/{pathway_id}/"
    reached, steps = set(), {}

    def check_step(step_id: str) -> Visit:
        step = pathway["steps"][step_id]
        url = site_url + url_path(step_page(pathway_id, step_id, pathway["start"]))
        seen = page.evaluate(READ_PAGE)
        assert seen["url"] == url
        visit = steps.setdefault(step_id, Visit(url, set(seen["numbers"])))
        assert seen["heading"] == step["question"]
        assert f"Step {numbers[step_id]}" in seen["trail"]
        assert seen["startAgain"] is not None, f"{url}: no Start again"
        if step.get("help_now"):
            assert seen["callVisible"], f"{url}: no number to call"
            assert seen["callTop"] < seen["headingTop"], f"{url}: the numbers come after the question"
        else:
            assert not seen["help"]
        assert len(seen["answers"]) == len(step["answers"])
        visit.answers = []
        for index, answer in enumerate(step["answers"]):
            assert answer["label"] in seen["answers"][index]["words"]
            assert seen["answers"][index]["height"] >= 44, f"{url}: answer {index} is too small to tap"
            place = page.evaluate(PLACE_ANSWER, index)
            assert place["uncovered"], f"{url}: something covers answer {index}"
            with page.expect_navigation() as navigation:
                page.touchscreen.tap(place["x"], place["y"])
            assert navigation.value.status == 200, page.url
            if "next" in answer:
                visit.answers.append(check_step(answer["next"]))
            else:
                (kind, target), = [(k, answer[k]) for k in ("service", "group", "page") if k in answer]
                address, name = expected_ending(kind, target)
                ending = page.evaluate(READ_PAGE)
                assert ending["url"] == site_url + address, f"{url}: {answer['label']!r} opened {ending['url']}"
                if name is not None:
                    assert ending["heading"] == name
                assert ending["headingVisible"], f"{ending['url']}: no visible heading"
                assert not ending["answers"], f"{ending['url']}: an ending with answers"
                visit.answers.append(Visit(ending["url"], set(ending["numbers"])))
                reached.add((kind, target))
            page.go_back()
            assert page.url == url, "the back button returns to the step before"
            assert page.evaluate("() => document.querySelector('h1').innerText") == step["question"]
        return visit

    try:
        page.goto(start_url)
        start = check_step(pathway["start"])
        assert reached == {ending for _, ending in walk(pathway)}

        page.goto(site_url + url_path(step_page(pathway_id, max(numbers, key=numbers.get), pathway["start"])))
        page.get_by_role("link", name="Start again").tap()
        page.wait_for_url(start_url)
    finally:
        context.close()
    _walks[pathway_id] = Walk(start, steps)
    return _walks[pathway_id]
