"""Every page, help-now included, and every service card offers "Report a wrong number or a problem": an email to
the hub contact (or its form) with the page's title, address and service id filled in, nothing about the reader,
and no script needed. If the organisation has given neither an email nor a form, the pages name the team and the
build says so."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml

from conftest import build, copy_project, html_pages

LABEL = "Report a wrong number or a problem with this page"


def report_links(html: str, label: str = LABEL) -> list[str]:
    return [unescape(href) for href in re.findall(r'<a href="([^"]+)">' + re.escape(label) + "</a>", html)]


@pytest.fixture(scope="module")
def email_site(tmp_path_factory):
    """The project built with the minimal data, whose hub contact has an email address."""
    from conftest import FIXTURES, ROOT
    import shutil
    root = tmp_path_factory.mktemp("report")
    data = root / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    shutil.copytree(ROOT / "data" / "schema", data / "schema")
    shutil.copytree(ROOT / "data" / "groups", data / "groups", dirs_exist_ok=True)
    project = copy_project(root / "project", data=data)
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_every_page_has_an_email_link_to_report_a_problem_with_the_page_filled_in(email_site):
    # 404.html is left out: Material's page replaces the content block, and its address is not the one that failed.
    pages = [p for p in html_pages(email_site) if "<main" in p.read_text() and p.name != "404.html"]
    assert len(pages) > 20
    for page in pages:
        [href] = report_links(page.read_text()) or [None]
        assert href and href.startswith("mailto:wellbeing@example.org?"), page
        fields = parse_qs(urlsplit(href).query)
        assert fields["subject"][0].startswith("Problem on the wellbeing hub: "), page
        assert "Address: /" in fields["body"][0], page


def test_a_service_pages_report_names_the_service_and_its_address(email_site):
    html = (email_site / "services" / "test-line" / "index.html").read_text()
    [href] = report_links(html)
    fields = parse_qs(urlsplit(href).query)
    assert fields["subject"] == ["Problem on the wellbeing hub: Test Line"]
    assert fields["body"][0].startswith("Page: Test Line\r\nAddress: /services/test-line/\r\nService id: test-line\r\n")


def test_the_report_carries_nothing_about_the_reader(email_site):
    html = (email_site / "help-now" / "index.html").read_text()
    [href] = report_links(html)
    body = parse_qs(urlsplit(href).query)["body"][0]
    assert [line.split(":")[0] for line in body.splitlines() if ":" in line] == ["Page", "Address", "What is wrong (for example a number, opening hours or a broken link)"]


def test_every_service_card_has_its_own_report_link(email_site):
    html = (email_site / "help-now" / "index.html").read_text()
    [href] = report_links(html, "Report a wrong number or a problem with this service")
    assert "Service%20id%3A%20test-line" in href or "Service id: test-line" in unquote(href)


@pytest.mark.slow
def test_a_form_address_replaces_the_email_with_the_page_address_added(tmp_path, minimal_data):
    site = yaml.safe_load((minimal_data / "site.yml").read_text())
    site["hub_contact"] = {"name": "Staff Wellbeing Team", "report_url": "https://forms.example.org/hub-problem"}
    (minimal_data / "site.yml").write_text(yaml.safe_dump(site, sort_keys=False))
    project = copy_project(tmp_path / "project", data=minimal_data)
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "hub_contact has no email or report_url" not in result.stderr
    [href] = report_links((project / "site" / "services" / "test-line" / "index.html").read_text())
    assert href == "https://forms.example.org/hub-problem?page=/services/test-line/&service=test-line"


@pytest.mark.slow
def test_without_an_email_or_form_the_pages_name_the_team_and_the_build_says_so(tmp_path, minimal_data):
    site = yaml.safe_load((minimal_data / "site.yml").read_text())
    site["hub_contact"] = {"name": "Staff Wellbeing Team <b>"}
    (minimal_data / "site.yml").write_text(yaml.safe_dump(site, sort_keys=False))
    project = copy_project(tmp_path / "project", data=minimal_data)
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr  # a notice, not a warning: strict still builds
    assert "INFO" in result.stderr and "hub_contact has no email or report_url" in result.stderr
    html = (project / "site" / "help-now" / "index.html").read_text()
    assert f"{LABEL}: tell the Staff Wellbeing Team &lt;b&gt;." in html  # text from data is escaped
