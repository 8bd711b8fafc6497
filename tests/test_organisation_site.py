"""A hospital's site from its own folder over the kit (python -m commonroom build|check|new-site --site DIR): what
docs/make-it-yours.md describes, done in the organisation's folder, builds; two organisations build from one kit at
once, each to its own site/; the sub-path and offline builds work; hidden and replaced kit pages keep an address
that leads somewhere useful; `check` needs no browser and names what is wrong.

Whole-site builds are few and shared (module fixtures, marked slow in conftest.py): two organisations at once, one
offline build, one check, and one preview. The rest is data in, files out."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, serve
from commonroom.new_site import new_site
from commonroom.prepared import Prepared
from commonroom.project import Project
from commonroom.recording import record_check
from commonroom.serve import snapshot
from commonroom.site_check import check_site, page_problems, region_problems
from commonroom.site_folder import hidden_page_problems, without_pages

TEAM = "Northfield Wellbeing Team"
SITE_URL = "https://intranet.northfield.example/wellbeing/"

SETTINGS = f"""\
organisation:
  name: Northfield Hospital Staff Wellbeing
  checker: {TEAM}
site_url: {SITE_URL}
regions: [GB-ENG]
colours:
  primary: "#6a1b4d"
hub_contact:
  name: {TEAM}
  email: wellbeing@northfield.example
hide_services: [rmbf]
hide_pages: [guides/connected-teams.md]
help_now:
  add: [northfield-staff-line]
"""

OWN_SERVICE = f"""\
name: Northfield Staff Support Line
summary: A line for Northfield staff, answered at any hour by the hospital's psychology team.
description: Call at any hour to talk with someone from the staff psychology team.
audiences: [anyone]
needs: [crisis, talk-now]
regions: [GB-ENG]
contacts:
  - kind: phone
    value: 0113 496 0123
    label: Staff support line
    hours: 24 hours, every day
  - kind: extension
    value: "4567"
    external: 0113 496 0123
    label: From a ward phone
is_24_7: true
confidentiality: What you say stays with the team, unless you agree otherwise or someone is at serious risk.
not_for_emergencies: true
eligibility_description: Anyone who works at Northfield Hospital.
application_process: Call directly.
fees_description: Free.
source_url: https://intranet.northfield.example/wellbeing/staff-line/
verified_on: "{dt.date.today().isoformat()}"
review_due: "{(dt.date.today() + dt.timedelta(days=90)).isoformat()}"
checked_by: {TEAM}
checked_how: live page
"""

LOCAL_GROUP = f"""\
format: balint-groups
name: Ward 9 Balint group
organisation: Northfield Hospital
location:
  room: Ward 9 seminar room
  building: Main Block, Northfield Hospital
regions: [GB-ENG]
schedule:
  frequency: weekly
  day: tuesday
  start_time: "13:00"
  duration_minutes: 60
  time_zone: Europe/London
  starts_on: "2027-01-05"
membership: closed
audiences: [doctors, nurses]
how_to_join: Email the facilitator to ask for a place.
facilitator:
  name: Dr Sam Example
  contact:
    kind: email
    value: balint-ward9@northfield.example
protected_time: true
verified_on: "{dt.date.today().isoformat()}"
review_by: "{(dt.date.today() + dt.timedelta(days=180)).isoformat()}"
"""

CAMPAIGN = """\
headline: Join the Ward 9 Balint group
text: Once a month, a small group of clinicians talks through a case that stayed with them.
target: groups/balint-groups.md
short_path: ward9-balint
"""

PRIVACY = """\
# Privacy at Northfield

Northfield's information governance team looks after this hub. [Meet the team](our-team.md).
"""

OUR_TEAM = """\
# Our wellbeing team

![The team at the staff room door](images/team.svg)

We run the staff support line and the Balint groups.
"""

TEAM_IMAGE = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def hospital(folder: Path) -> Path:
    """What docs/make-it-yours.md describes, in the organisation's own folder: the kit is not touched."""
    new_site(folder, ROOT)
    write(folder / "data" / "site.yml", SETTINGS)
    write(folder / "data" / "services" / "northfield-staff-line.yml", OWN_SERVICE)
    write(folder / "data" / "local-groups" / "ward-9-balint.yml", LOCAL_GROUP)
    write(folder / "data" / "campaigns" / "ward9-balint.yml", CAMPAIGN)
    write(folder / "docs" / "privacy.md", PRIVACY)
    write(folder / "docs" / "our-team.md", OUR_TEAM)
    write(folder / "docs" / "images" / "team.svg", TEAM_IMAGE)
    record_check(ROOT / "data", folder, "services/samaritans", TEAM, "live page", dt.date.today())
    return folder


def command(name: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "commonroom", name, *extra]


def run(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(command(*args), cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory) -> tuple[Path, Path]:
    """Northfield (customised) and Southbank (new-site's starter with only a name), built from one kit at once."""
    base = tmp_path_factory.mktemp("organisations")
    northfield = hospital(base / "northfield")
    southbank = base / "southbank"
    new_site(southbank, ROOT)
    with open(southbank / "data" / "site.yml", "a", encoding="utf-8") as settings:
        settings.write("organisation:\n  name: Southbank Clinic Wellbeing\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    builds = [subprocess.Popen(command("build", "--site", str(site)), cwd=ROOT, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for site in (northfield, southbank)]
    for process in builds:
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, output[-4000:]
    return northfield, southbank


@pytest.fixture(scope="module")
def northfield(two_sites) -> Path:
    return two_sites[0]


def page(site_folder: Path, path: str) -> str:
    return (site_folder / "site" / path).read_text(encoding="utf-8")


def test_two_organisations_build_from_one_kit_at_once_each_to_its_own_site(two_sites):
    northfield, southbank = two_sites
    assert "Northfield Hospital Staff Wellbeing" in page(northfield, "index.html")
    assert "Southbank Clinic Wellbeing" in page(southbank, "index.html")
    assert "Northfield" not in page(southbank, "index.html")
    assert "Southbank" not in page(northfield, "index.html")
    assert not (ROOT / "data" / "services" / "northfield-staff-line.yml").exists(), "the kit's files are never edited"


def test_an_organisations_own_service_group_campaign_and_colours_reach_its_site(northfield):
    assert "Northfield Staff Support Line" in page(northfield, "services/northfield-staff-line/index.html")
    assert "northfield-staff-line" in page(northfield, "help-now/index.html"), "help_now.add puts its line on help-now"
    assert "Ward 9 Balint group" in page(northfield, "groups/balint-groups/index.html")
    assert (northfield / "site" / "go" / "ward9-balint" / "index.html").is_file()
    css = "".join(p.read_text(encoding="utf-8") for p in (northfield / "site" / "stylesheets").glob("*.css"))
    assert "#6a1b4d" in css.lower()


def test_an_extension_shows_as_words_never_as_a_call_link(northfield):
    html = page(northfield, "services/northfield-staff-line/index.html")
    assert "4567" in html and 'href="tel:4567"' not in html


def test_a_page_at_a_kit_pages_path_replaces_it_and_new_pages_and_images_join(northfield):
    assert "Privacy at Northfield" in page(northfield, "privacy/index.html")
    assert "Our wellbeing team" in page(northfield, "our-team/index.html")
    assert (northfield / "site" / "images" / "team.svg").is_file()
    assert "Privacy at Northfield" not in (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")


def test_a_hidden_kit_page_keeps_its_address_pointing_to_help_now_and_home(northfield):
    html = page(northfield, "guides/connected-teams/index.html")
    assert "This page is not on this site" in html
    main = html[html.index("<article"):html.index("</article>")]
    assert re.search(r'href="\.\./\.\./help-now/"', main) and re.search(r'href="\.\./\.\./"', main)
    assert "Connected teams" not in page(northfield, "index.html"), "a hidden page leaves the navigation"
    assert "connected-teams" not in page(northfield, "search/search-index.js")


def test_a_hidden_kit_service_keeps_its_page_with_the_way_to_help(northfield):
    html = page(northfield, "services/rmbf/index.html")
    assert re.search(r'href="(\.\./)+help-now/"', html)
    assert re.search(r'href="\.\./"[^>]*>See all support services', html)
    assert 'href="rmbf/"' not in page(northfield, "services/index.html")


def test_a_kit_service_page_shows_the_organisations_check_and_where_it_corrects_it(northfield):
    html = page(northfield, "services/samaritans/index.html")
    assert f"by {TEAM}" in html
    assert "northfield/data/overrides.yml" in html, "a correction goes in the organisation's file, not the kit's"
    own = page(northfield, "services/northfield-staff-line/index.html")
    assert "northfield/data/services/northfield-staff-line.yml</code>, so a correction there corrects every page" in own


def test_the_sub_path_build_keeps_every_link_inside_the_site(northfield):
    prepared = Prepared(Project.at(ROOT, northfield).prepared("build"))
    assert prepared.manifest().site_url == SITE_URL
    assert check_site(northfield / "site", prepared.dataset(), SITE_URL) == []
    server = serve(northfield / "site", prefix="/wellbeing/")
    try:
        base = f"http://127.0.0.1:{server.server_port}/wellbeing/"
        for path in ("", "help-now/", "our-team/", "guides/connected-teams/", "go/ward9-balint/"):
            with urllib.request.urlopen(base + path, timeout=10) as response:
                assert response.status == 200, path
    finally:
        server.shutdown()


def test_an_organisations_offline_build_opens_from_disk(northfield, tmp_path):
    result = run("build", "--site", str(northfield), "--offline", "--site-dir", str(tmp_path / "offline"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    home = (tmp_path / "offline" / "index.html").read_text(encoding="utf-8")
    assert 'href="help-now.html"' in home and "Northfield Hospital Staff Wellbeing" in home
    assert "This page is not on this site" in (tmp_path / "offline" / "guides" / "connected-teams.html").read_text()
    prepared = Prepared(Project.at(ROOT, northfield).prepared("offline"))
    assert check_site(tmp_path / "offline", prepared.dataset(), prepared.manifest().site_url) == []


def test_check_names_each_broken_promise_in_a_built_site(northfield, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(northfield / "site", site)
    team = site / "our-team" / "index.html"
    html = team.read_text(encoding="utf-8")
    html = html.replace("</article>", '<a href="../nowhere/">Lost</a><a href="tel:call-us">Call</a></article>', 1)
    html = html.replace("</head>", '<script src="https://cdn.example.com/tracker.js" defer></script></head>', 1)
    html = re.sub(r'href="[^"]*help-now/"', 'href="#"', html)
    team.write_text(html, encoding="utf-8")
    prepared = Prepared(Project.at(ROOT, northfield).prepared("build"))
    problems = check_site(site, prepared.dataset(), SITE_URL)
    assert "our-team/index.html: the link '../nowhere/' leads to no page of the site" in problems
    assert any(p.startswith("our-team/index.html: the phone link 'tel:call-us' does not dial") for p in problems)
    assert any("fetches 'https://cdn.example.com/tracker.js' from another site" in p for p in problems)
    assert "our-team/index.html: no link to the help-now page (every page must be one tap from help)" in problems
    assert len(problems) == 4, problems


@pytest.mark.slow  # runs the command line, which stops in prepare
def test_check_stops_on_bad_data_naming_the_file_and_exits_non_zero(tmp_path):
    folder = tmp_path / "badhub"
    new_site(folder, ROOT)
    write(folder / "data" / "services" / "samaritans.yml", OWN_SERVICE)
    result = run("check", "--site", str(folder))
    assert result.returncode == 1
    assert "badhub/data/services/samaritans.yml: a kit service has this id" in result.stdout + result.stderr
    assert "The check failed" in result.stdout


def test_hide_pages_names_a_typo_and_refuses_the_home_and_help_now_pages():
    kit_pages = {"index.md", "help-now.md", "guides/connected-teams.md"}
    problems = hidden_page_problems(["guides/conected-teams.md", "help-now.md"], kit_pages, "hub/data/site.yml")
    assert problems[0].startswith('hub/data/site.yml: hide_pages[0] "guides/conected-teams.md" is not a page of the kit')
    assert problems[1].startswith('hub/data/site.yml: hide_pages[1] "help-now.md" cannot be hidden')
    assert hidden_page_problems(["guides/connected-teams.md"], kit_pages, "hub/data/site.yml") == []


def test_a_hidden_page_leaves_the_navigation_and_an_emptied_section_goes_too():
    nav = [{"Home": "index.md"}, {"Guides": ["guides/index.md", {"Connected": "guides/connected-teams.md"}]},
           {"Only": ["only.md"]}]
    assert without_pages(nav, {"guides/connected-teams.md", "only.md"}) == [{"Home": "index.md"},
                                                                          {"Guides": ["guides/index.md"]}]


def test_new_site_writes_schema_lines_and_never_overwrites_a_folder(tmp_path):
    written = new_site(tmp_path / "hub", ROOT)
    for name in ("site.yml", "checks.yml", "overrides.yml"):
        first = (tmp_path / "hub" / "data" / name).read_text(encoding="utf-8").splitlines()[0]
        schema = first.split("$schema=")[1]
        assert first.startswith("# yaml-language-server: $schema=")
        target = Path(schema.removeprefix("file://")) if schema.startswith("file:") else (tmp_path / "hub" / "data" / schema)
        assert target.resolve().is_file(), first
    assert {p.name for p in written} >= {"site.yml", "checks.yml", "overrides.yml", "README.md"}
    for folder in ("services", "local-groups", "campaigns", "emergency-numbers"):
        assert (tmp_path / "hub" / "data" / folder / "README.md").is_file()
    with pytest.raises(Exception, match="already holds files"):
        new_site(tmp_path / "hub", ROOT)


def test_the_preview_of_an_organisations_site_watches_its_folder_but_not_its_built_site(tmp_path):
    folder = tmp_path / "hub"
    write(folder / "data" / "site.yml", "{}\n")
    write(folder / "site" / "index.html", "built")
    seen = snapshot([folder], (folder / "site",))
    assert str(folder / "data" / "site.yml") in seen
    assert not any("/site/" in path for path in seen)


@pytest.mark.slow
def test_the_preview_of_an_organisations_site_shows_a_saved_page_and_setting_within_seconds(tmp_path):
    """serve --site watches the organisation's folder as well as the kit's: a new page and a changed name show."""
    from test_preview import CHANGE_SECONDS, START_SECONDS, fetch, free_port, stop, wait_for

    folder = tmp_path / "hub"
    new_site(folder, ROOT)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    with open(tmp_path / "serve.log", "w") as log:
        server = subprocess.Popen(command("serve", "--site", str(folder), "--dev-addr", f"127.0.0.1:{port}"),
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            assert wait_for(lambda: fetch(base) is not None, START_SECONDS, server) is not None, \
                (tmp_path / "serve.log").read_text()[-3000:]
            write(folder / "docs" / "our-team.md", OUR_TEAM)
            assert wait_for(lambda: "Our wellbeing team" in (fetch(base + "our-team/") or ""),
                            CHANGE_SECONDS * 2, server) is not None, (tmp_path / "serve.log").read_text()[-3000:]
            with open(folder / "data" / "site.yml", "a", encoding="utf-8") as settings:
                settings.write("organisation:\n  name: Riverside Staff Wellbeing\n")
            assert wait_for(lambda: "Riverside Staff Wellbeing" in (fetch(base) or ""),
                            CHANGE_SECONDS * 2, server) is not None, (tmp_path / "serve.log").read_text()[-3000:]
        finally:
            stop(server)


def test_check_names_a_region_whose_help_now_pages_lack_its_emergency_number(northfield):
    data = Prepared(Project.at(ROOT, northfield).prepared("build")).dataset()
    _, numbers = page_problems(northfield / "site", "/wellbeing/", "intranet.northfield.example")
    assert region_problems(data, numbers) == []
    problems = region_problems(data, {page: found - {"999"} for page, found in numbers.items()})
    assert "GB-ENG: no emergency number on the help-now pages (expected one of 999)" in problems
    assert all(p.startswith("GB") and "no emergency number" in p for p in problems), problems
