"""The real site builds strictly, every data record gets its page, data text is escaped, and bad data stops the
build before anything is written. (An overdue review does not: tests/test_review_cadence.py.)"""

from __future__ import annotations

import datetime as dt
import re
import os
import subprocess
import sys
from html.parser import HTMLParser
from markupsafe import escape
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build, copy_project, html_pages, linkchecker, serve

DATA = ROOT / "data"


def ids(folder: str) -> set[str]:
    return {p.stem for p in (DATA / folder).glob("*.yml")}


@pytest.mark.any_site
def test_the_real_site_builds_strictly(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "help-now" / "index.html").is_file()


def test_every_service_and_group_file_has_its_page(built_site):
    assert ids("services"), "the kit ships default services"
    assert ids("groups"), "the kit ships group formats"
    for folder in ("services", "groups"):
        for record_id in ids(folder):
            page = built_site / folder / record_id / "index.html"
            assert page.is_file(), f"no page for data/{folder}/{record_id}.yml"
            name = yaml.safe_load((DATA / folder / f"{record_id}.yml").read_text())["name"]
            assert f"<h1>{escape(name)}</h1>" in page.read_text()


def test_generated_service_pages_stay_out_of_the_navigation(built_site):
    home = (built_site / "index.html").read_text()
    some_service = sorted(ids("services"))[0]
    assert f'href="services/{some_service}/"' not in home


@pytest.mark.any_site
def test_every_page_links_to_help_now(built_site):
    for page in html_pages(built_site):
        html = page.read_text()
        # 404.html is served at any depth, so Material gives it root-relative links (under the site's own path, such
        # as /wellbeing/help-now/). A region's own help-now page (help-now/au/) and the wallet card (help-now/card/)
        # reach the main one as "../".
        under_help_now = page.parent.parent.name == "help-now"
        assert re.search(r'href="((/[^"/]+)*/|(\.\./)*)help-now/"|href="\./"', html) or (under_help_now and 'href="../"' in html), page
        assert "Need help now?" in html, page


@pytest.mark.any_site
def test_no_script_holds_up_the_first_paint(built_site):
    """Every external script is deferred (Material's bundle included), so a page paints before any script runs."""
    for page in html_pages(built_site):
        for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page.read_text(encoding="utf-8")):
            assert re.search(r"\s(defer|async)\b", tag), f"{page.relative_to(built_site)}: {tag}"


@pytest.mark.any_site
def test_help_now_needs_no_script_to_show_its_numbers(built_site):
    html = (built_site / "help-now" / "index.html").read_text(encoding="utf-8")
    main = html[html.index("<article"):html.index("</article>")]
    assert re.search(r'href="tel:', main) and "<script" not in main


@pytest.mark.any_site
def test_every_tel_link_is_dialable(built_site):
    tels, undialable = set(), []
    for page in html_pages(built_site):
        for tel in set(re.findall(r'href="(tel:[^"]*)"', page.read_text())):
            tels.add(tel)
            if not re.fullmatch(r"tel:\+?[0-9]{3,15}", tel):
                undialable.append(f"{page.relative_to(built_site).as_posix()}: {tel}")
    assert tels, "the site has tap-to-call links"
    assert not undialable, sorted(undialable)[:10]


class ScriptInMarkup(HTMLParser):
    """Script that reaches a page through its markup rather than its script files: an on...= handler attribute or
    a javascript: address. Neither the kit nor Material writes one, so any found came from unescaped text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            address = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.startswith("on") or (name in ("href", "src", "action", "formaction") and address.startswith("javascript:")):
                self.found.append(f"<{tag} {name}={value!r}>")


@pytest.mark.any_site
def test_no_page_runs_script_from_an_event_handler_or_a_javascript_link(built_site):
    """Escaping, checked on the finished site: text from any data file or page that slipped through unescaped
    would show here (the data itself is tested in test_text_from_data_is_escaped_on_every_page)."""
    found = []
    for page in html_pages(built_site):
        parser = ScriptInMarkup()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(built_site)}: {markup}" for markup in parser.found]
    assert not found, found[:10]


def test_each_service_page_shows_when_it_was_last_checked_by_whom_how_and_its_source(built_site):
    for record_id in ids("services"):
        record = yaml.safe_load((DATA / "services" / f"{record_id}.yml").read_text())
        html = (built_site / "services" / record_id / "index.html").read_text()
        day = dt.date.fromisoformat(record["verified_on"])
        assert f"<strong>Checked on {day.day} {day:%B %Y}</strong> by {escape(record['checked_by'])} against " in html
        assert f'href="{escape(record["source_url"])}"' in html


def test_help_now_lists_the_home_regions_emergency_numbers_first(built_site):
    from commonroom.loading import load_dataset

    site = load_dataset(DATA).site  # the settings with the kit's emergency numbers, from data/emergency-numbers/
    html = (built_site / "help-now" / "index.html").read_text()
    first_region = site["regions"][0]
    first_number = next(e["number"] for e in site["emergency_numbers"] if first_region.startswith(e["region"]))
    tel_links = re.findall(r'href="tel:([0-9+]+)"', html)
    assert tel_links[0] == re.sub(r"\D", "", first_number)


@pytest.mark.slow
@pytest.mark.any_site
def test_linkchecker_finds_no_broken_link_or_asset_even_under_a_sub_path(built_site, tmp_path):
    """Over HTTP, served under /wellbeing/ as on an intranet, which also proves every link at the root of a host:
    no link or stylesheet climbs out of the sub-path (the intranet build, with site_url set: tests/test_deploy.py)."""
    result = linkchecker(built_site, tmp_path)
    if result is None:
        pytest.skip("LinkChecker is not installed here (requirements-test.txt); `python -m commonroom check` checks "
                    "every link inside the site without it")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


@pytest.mark.slow
def test_text_from_data_is_escaped_on_every_page(tmp_path, minimal_data):
    service = minimal_data / "services" / "test-line.yml"
    record = yaml.safe_load(service.read_text())
    record["name"] = "Line <script>alert('name')</script>"
    record["description"] = "Talk to us. <script>alert('xss')</script> <img src=x onerror=alert(1)> [click](javascript:alert(2))"
    record["contacts"][0]["hours"] = "<b>always</b>"
    service.write_text(yaml.safe_dump(record))
    project = copy_project(tmp_path / "project", data=minimal_data)
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    for page in html_pages(project / "site"):
        html = page.read_text()
        assert "<script>alert(" not in html, page
        assert "<img src=x" not in html, page
        assert "<b>always</b>" not in html, page
        assert 'href="javascript:' not in html, page
    service_page = (project / "site" / "services" / "test-line" / "index.html").read_text()
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in service_page
    assert "<title>Line &lt;script&gt;" in service_page


def test_a_malformed_service_file_stops_the_build_with_a_message_and_writes_nothing(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data" / "services" / "new-line.yml").write_text(
        "name: New line\nsummary: A new line\ncontacts:\n  - kind: phone\n    value: call us\n"
    )
    result = build(project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "The site was not built" in output
    assert 'data/services/new-line.yml: line 5: contacts[0].value "call us" is not valid' in output
    assert "data/services/new-line.yml: line 1: audiences is missing" in output
    assert not (project / "site").exists()


def test_a_macro_naming_an_unknown_service_stops_the_build(tmp_path, minimal_data):
    project = copy_project(tmp_path / "project", data=minimal_data)
    (project / "docs" / "help-now.md").write_text((project / "docs" / "help-now.md").read_text() + '\n{{ contact_card("samaritens") }}\n')
    result = build(project)
    assert result.returncode != 0
    assert '"samaritens" is not a known service' in result.stdout + result.stderr


def test_mkdocs_build_run_straight_on_the_project_stops_naming_the_real_command_and_writes_nothing(tmp_path):
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
                            cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode != 0
    assert "python -m commonroom build" in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()


def test_pages_made_from_data_reach_the_generator_with_no_links_it_could_rebase(built_site):
    """A generator may rewrite relative links in a page's raw HTML as if relative to its .md file (Zensical does;
    MkDocs does not). The pages made from data reach it as front matter and a marker only; finish puts their HTML,
    with links relative to the page's own address, in place afterwards, so every generator gives the same links."""
    from commonroom.prepared import Prepared

    prepared = Prepared(built_site.parent / ".commonroom" / "build")
    made = [page["src"] for page in prepared.manifest().pages if page["made"]]
    assert len(made) > 200
    for src_uri in made:
        body = (prepared.docs / src_uri).read_text(encoding="utf-8").split("\n---\n", 1)[1]
        assert "href=" not in body and "src=" not in body, src_uri
    service = (built_site / "services" / "samaritans" / "index.html").read_text(encoding="utf-8")
    assert "commonroom:made" not in service and 'href="../../help-now/"' in service
