"""The whole journey of a hospital's comms officer, in data files only: rename the hub, set the brand colour and
the intranet address, add a local group and a campaign, build, print the A4 poster, scan its QR code and land on
the right page, with the local group on it, under the intranet's sub-path."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import FIXTURES, build, copy_project, serve
from test_campaigns import decode, needs_zbarimg, pdf_pages

INTRANET = "https://intranet.northgate.example.org/wellbeing/"


@needs_zbarimg
def test_a_comms_officer_makes_it_theirs_and_a_scanned_poster_opens_the_local_group(tmp_path, browser):
    project = copy_project(tmp_path / "project")
    settings = project / "data" / "site.yml"
    text = settings.read_text(encoding="utf-8").replace("  name: Common Room\n", "  name: Northgate Staff Common Room\n", 1)
    settings.write_text(text + f'\nsite_url: {INTRANET}\ncolours:\n  primary: "#005eb8"\n', encoding="utf-8")
    shutil.copy(FIXTURES / "local-groups" / "ward-7-balint.yml", project / "data" / "local-groups")
    (project / "data" / "campaigns").mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "campaigns" / "balint.yml", project / "data" / "campaigns" / "balint.yml")

    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    server = serve(project / "site", "/wellbeing/")
    local = f"http://127.0.0.1:{server.server_port}/wellbeing/"
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    try:
        page.goto(local + "posters/balint/")
        assert len(pdf_pages(page.pdf(prefer_css_page_size=True))) == 1, "the A4 poster prints on one sheet"
        page.emulate_media(media="print")
        assert "Northgate Staff Common Room" in page.locator(".cr-poster").inner_text()
        page.locator(".cr-poster__qr img").screenshot(path=str(tmp_path / "qr.png"))
        [scanned] = decode(tmp_path / "qr.png")
        assert scanned == INTRANET + "go/balint/"

        page.emulate_media(media="null")
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(scanned.replace(INTRANET, local))  # what the phone opens, on the intranet
        page.wait_for_url(local + "groups/balint-groups/")
        assert "Ward 7 Balint group" in page.locator("#local-groups").locator("..").inner_text()
        assert page.locator(".md-header__topic").first.inner_text().strip() == "Northgate Staff Common Room"
        primary = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert re.sub(r"\s", "", primary) == "rgb(0,94,184)"
    finally:
        page.close()
        server.shutdown()
