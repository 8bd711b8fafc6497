"""A zip opened from disk: `make offline` writes one folder with index.html at its top, and a phone opening it from
file:// reaches "Need help now?", searches and follows results, with nothing fetched from any web address."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import ROOT, copy_project, html_pages

FOLDER = "common-room"
# 404.html is only ever sent by a web server, which a copy on disk does not have.
SERVER_ONLY = {"404.html"}


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory) -> Path:
    """`make offline` run in a scratch copy of the project, with this test run's Python and nothing installed."""
    project = copy_project(tmp_path_factory.mktemp("offline") / "project")
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, project / name)
    result = subprocess.run(
        ["make", "offline", f"PY={sys.executable}", "-o", ".venv/.site-deps"],
        cwd=project, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert not (project / ".offline-build").exists(), "the scratch folder is cleaned up"
    return project / "site-offline.zip"


@pytest.fixture(scope="module")
def unzipped(offline_zip, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(target)
    return target / FOLDER


def test_make_offline_writes_one_folder_with_the_home_page_at_its_top(offline_zip):
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
    assert all(name.startswith(FOLDER + "/") for name in names), sorted({n.split("/")[0] for n in names})
    assert f"{FOLDER}/index.html" in names
    assert f"{FOLDER}/help-now.html" in names, "pages are files, not folders, so links work from disk"
    assert f"{FOLDER}/search/search-index.js" in names


def test_every_link_in_the_copy_opens_a_file_on_disk(unzipped):
    """From disk a link to a folder shows a file listing, not a page, so every link must name a file."""
    broken = []
    for page in html_pages(unzipped):
        if page.name in SERVER_ONLY:
            continue
        for target in re.findall(r'\s(?:href|src|action|data-root)="([^"]*)"', page.read_text(encoding="utf-8")):
            if not target or target.startswith("#") or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                continue  # a place on the same page, or another kind of address (tel:, https:, data:)
            path = (page.parent / unquote(urlsplit(target).path)).resolve()
            if not path.is_file():
                broken.append(f"{page.relative_to(unzipped)}: {target}")
    assert not broken, broken[:20]


def test_no_page_in_the_copy_loads_anything_from_a_web_address(unzipped):
    """Scripts, stylesheets and images only from the folder itself (Material's offline plugin adds a script from
    unpkg.com, which the build leaves out: hooks/commonroom/offline.py)."""
    loads = re.compile(r'<(?:script|img|iframe)\b[^>]*\ssrc="(?:https?:)?//|<link\b(?![^>]*rel="(?:canonical|alternate)")[^>]*\shref="(?:https?:)?//')
    for page in html_pages(unzipped):
        found = loads.search(page.read_text(encoding="utf-8"))
        assert not found, f"{page.relative_to(unzipped)}: {found.group(0)}"


def test_a_phone_opening_the_copy_from_disk_reaches_help_now_and_search(phone, unzipped):
    requested: list[str] = []
    phone.on("request", lambda request: requested.append(request.url))
    home = (unzipped / "index.html").as_uri()

    phone.goto(home)
    phone.get_by_role("link", name=re.compile("Need help now")).tap()
    phone.wait_for_url((unzipped / "help-now.html").as_uri())
    expect(phone.locator('a[href^="tel:"]').first).to_be_visible()

    phone.goto(home)
    phone.fill("#cr-search-home", "counseling")
    phone.press("#cr-search-home", "Enter")
    phone.wait_for_url(re.compile(r"/search\.html\?q=counseling$"))
    phone.wait_for_function("document.getElementById('cr-search-status').textContent.includes('result')")
    first = phone.locator("#cr-search-results a").first
    href = first.get_attribute("href")
    assert href.startswith(unzipped.as_uri() + "/") and href.endswith(".html"), href
    first.tap()
    phone.wait_for_url(href)
    expect(phone.locator("h1")).to_be_visible()

    web = [url for url in requested if url.startswith(("http:", "https:"))]
    assert not web, web
