"""Campaign kit: every QR code scans (with a real decoder) to the right address under the intranet's sub-path,
every short address opens its page on a static server and from disk, every poster prints on exactly one A4 or A3
sheet with the headline, the help-now numbers and the printed address, and a campaign that could not work stops
the build with a message naming the file, the field and what was expected."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from commonroom.campaigns import Campaign, absolute_url, qr_images, qr_stem, relative_url, short_link_files
from commonroom.loading import load_dataset
from commonroom.qr_cache import kept
from commonroom.regions import serves
from conftest import FIXTURES, ROOT, build, copy_project, serve
from every_page import axe_failures, with_axe

SITE_URL = "https://intranet.example.org/wellbeing/"  # the public address, under a sub-path as on an intranet
SCHEMA = json.loads((ROOT / "data" / "schema" / "campaign.schema.json").read_text())["properties"]


def longest_allowed(field: str, words: str) -> str:
    """As many of `words` as the schema allows in `field`: a poster must fit its longest allowed text."""
    return (words * 10)[:SCHEMA[field]["maxLength"]].strip()


CAMPAIGNS = {p.stem: yaml.safe_load(p.read_text()) for p in sorted((FIXTURES / "campaigns").glob("*.yml"))}
CAMPAIGNS["longest-allowed"] = {
    "headline": longest_allowed("headline", "Struggling at work? Talk to someone who understands. "),
    "text": longest_allowed("text", "Doctors, nurses, students and all staff can talk to someone in confidence. "),
    "target": "help-now.md",
}
CAMPAIGNS["winter-2025"] = {  # a finished campaign: its posters may still be up
    "headline": "Look out for each other this winter",
    "text": "Notice a colleague who seems not themselves? Ask twice, and listen.",
    "target": "guides/supporting-a-colleague.md",
    "status": "inactive",
}
MADE_UP = ("longest-allowed", "winter-2025")  # written by with_campaigns; the others are files in the fixtures
SHORT = {campaign_id: record.get("short_path", campaign_id) for campaign_id, record in CAMPAIGNS.items()}
PAPER_POINTS = {"A4": (595.3, 841.9), "A3": (841.9, 1190.6)}
ZBARIMG = shutil.which("zbarimg")
needs_zbarimg = pytest.mark.skipif(ZBARIMG is None, reason="zbarimg not found: apt-get install zbar-tools")


def with_campaigns(project: Path, site_url: str | None = SITE_URL, settings: str = "data/site.yml") -> Path:
    """Add the example campaigns (tests/fixtures/campaigns/ and MADE_UP) and, if given, the site's public address,
    in data/site.yml as a comms officer would, or in mkdocs.yml as hospital IT might."""
    shutil.copytree(FIXTURES / "campaigns", project / "data" / "campaigns", dirs_exist_ok=True)
    for campaign_id in MADE_UP:
        (project / "data" / "campaigns" / f"{campaign_id}.yml").write_text(yaml.safe_dump(CAMPAIGNS[campaign_id]))
    if site_url:
        with (project / settings).open("a") as config:
            config.write(f"\nsite_url: {site_url}\n")
    return project


@pytest.fixture(scope="session")
def campaign_site(tmp_path_factory) -> Path:
    project = with_campaigns(copy_project(tmp_path_factory.mktemp("campaigns") / "project"))
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def campaign_url(campaign_site) -> str:
    """The site with campaigns, served under /wellbeing/ as on the intranet."""
    server = serve(campaign_site, "/wellbeing/")
    yield f"http://127.0.0.1:{server.server_port}/wellbeing/"
    server.shutdown()


def decode(image: Path) -> list[str]:
    """Every QR code zbar finds in an image file."""
    result = subprocess.run([ZBARIMG, "--raw", "--quiet", "-Sdisable", "-Sqrcode.enable", str(image)],
                            capture_output=True, text=True, timeout=60)
    return result.stdout.splitlines()


def decode_each(images: list[Path]) -> dict[Path, list[str]]:
    """Every QR code zbar finds in each image file, read by one zbarimg for them all (its XML report names each
    file), rather than one zbarimg each."""
    import xml.etree.ElementTree as ElementTree

    result = subprocess.run([ZBARIMG, "--nodbus", "--xml", "--quiet", "-Sdisable", "-Sqrcode.enable", *map(str, images)],
                            capture_output=True, text=True, timeout=300)
    zbar = "{http://zbar.sourceforge.net/2008/barcode}"
    found = {Path(source.get("href")): [data.text or "" for data in source.iter(zbar + "data")]
             for source in ElementTree.fromstring(result.stdout).iter(zbar + "source")}
    assert set(found) == set(images), result.stderr[-2000:]
    return found


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Width and height (points) of each page of a PDF. Each page is one /Type /Page object (not /Pages)."""
    pages = re.findall(rb"/Type\s*/Page\b", pdf)
    boxes = [tuple(float(n) for n in box.split()[2:]) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf)]
    assert len(boxes) >= len(pages)
    return boxes[:len(pages)]


def expected_address(png: Path, site: Path) -> str:
    """The address a QR code file should hold: qr/<path>.png is the code of <path>/, qr/index.png of the home page."""
    stem = png.relative_to(site / "qr").with_suffix("").as_posix()
    return SITE_URL if stem == "index" else f"{SITE_URL}{stem}/"


# ---- the parts, without MkDocs ----

def test_a_page_address_goes_under_the_sites_sub_path():
    assert absolute_url(SITE_URL, "./") == SITE_URL
    assert absolute_url(SITE_URL, "groups/balint-groups/") == SITE_URL + "groups/balint-groups/"
    assert absolute_url(SITE_URL, "help-now.html") == SITE_URL + "help-now.html"


def test_a_short_address_links_to_its_page_relatively_so_any_sub_path_works():
    assert relative_url("groups/balint-groups/", "go/balint/") == "../../groups/balint-groups/"
    assert relative_url("groups/balint-groups.html", "go/balint/index.html") == "../../groups/balint-groups.html"
    assert relative_url("groups/balint-groups.html", "go/balint.html") == "../groups/balint-groups.html"
    assert relative_url("./", "go/balint/") == "../../"
    assert relative_url("index.html", "go/balint.html") == "../index.html"


def test_without_directory_urls_a_short_address_also_has_a_page_html_file():
    campaign = Campaign("balint", "Join", "Some text here", "groups/balint-groups.md", "balint", True, "data/campaigns/balint.yml")
    assert short_link_files(campaign, True) == {"go/balint/index.html": "go/balint/"}
    assert short_link_files(campaign, False) == {"go/balint/index.html": "go/balint/index.html", "go/balint.html": "go/balint.html"}
    assert qr_stem("go/balint/") == "qr/go/balint" and qr_stem("./") == "qr/index" and qr_stem("help-now.html") == "qr/help-now"


def test_a_qr_code_never_holds_the_preview_address():
    from commonroom.campaigns import public_site_url

    assert public_site_url("http://127.0.0.1:8000/", "127.0.0.1:8000") is None
    assert public_site_url(SITE_URL, "127.0.0.1:8000") == SITE_URL


@needs_zbarimg
def test_a_qr_code_png_decodes_to_the_exact_address(tmp_path):
    address = SITE_URL + "go/balint/"
    _, png = qr_images(address)
    (tmp_path / "code.png").write_bytes(png)
    assert decode(tmp_path / "code.png") == [address]


def test_a_kept_qr_code_is_the_one_drawn_and_a_new_address_or_drawing_draws_anew(tmp_path):
    drawn = []

    def draw(address):
        drawn.append(address)
        return qr_images(address)

    def draw_differently(address):
        drawn.append(f"differently {address}")
        return qr_images(address)

    first, other = SITE_URL + "go/balint/", SITE_URL + "help-now/"
    images = kept(draw, tmp_path)
    assert images(first) == images(first) == qr_images(first)
    assert kept(draw, tmp_path)(first) == qr_images(first), "read back by the next build"
    images(other)
    kept(draw_differently, tmp_path)(first)
    assert drawn == [first, other, f"differently {first}"]
    assert not list(tmp_path.glob("*.part")) and len(list(tmp_path.glob("*.png"))) == 3


# ---- the built site ----

@needs_zbarimg
def test_every_png_qr_code_scans_to_its_page_under_the_sub_path(campaign_site):
    codes = sorted((campaign_site / "qr").rglob("*.png"))
    assert len(codes) > 20, "a QR code for every written page, group format and pathway, and each campaign"
    decoded = decode_each(codes)
    for png in codes:
        address = expected_address(png, campaign_site)
        assert decoded[png] == [address], png.relative_to(campaign_site)
        page = campaign_site / address.removeprefix(SITE_URL) / "index.html"
        assert page.is_file(), f"{png.relative_to(campaign_site)} opens {address}, which is not a page of the site"


@needs_zbarimg
def test_each_campaign_qr_code_holds_its_short_address(campaign_site):
    for campaign_id, short in SHORT.items():
        assert decode(campaign_site / "qr" / "go" / f"{short}.png") == [f"{SITE_URL}go/{short}/"], campaign_id


@needs_zbarimg
def test_every_svg_qr_code_scans_as_a_browser_draws_it(browser, campaign_site, campaign_url, tmp_path):
    """The SVG files (what posters and most print shops use), drawn by Chromium and read back by zbar: 25 at a
    time as images in a grid on one page, as a print shop's layout would hold them, each photographed on its own
    (zbar misses some codes in a picture that holds many)."""
    codes = sorted((campaign_site / "qr").rglob("*.svg"))
    assert len(codes) == len(list((campaign_site / "qr").rglob("*.png")))
    side, across = 264, 5
    page = browser.new_page(viewport={"width": side * across, "height": side * across})
    page.goto(campaign_url)  # the page's origin is the site's, so the images load as they would on the site
    shots = {}
    for first in range(0, len(codes), across * across):
        batch = codes[first:first + across * across]
        page.set_content(f'<body style="margin:0;background:#fff;display:grid;grid-template-columns:repeat({across},{side}px)">'
                         + "".join(f'<img src="{campaign_url}{svg.relative_to(campaign_site).as_posix()}" alt="" '
                                   f'width="{side}" height="{side}" style="display:block">' for svg in batch) + "</body>")
        page.evaluate("Promise.all([...document.images].map(image => image.decode()))")  # each drawn, or an error
        for place, svg in enumerate(batch):
            shots[svg] = tmp_path / f"svg-{first + place}.png"
            clip = {"x": place % across * side, "y": place // across * side, "width": side, "height": side}
            page.screenshot(path=str(shots[svg]), clip=clip)
    page.close()
    decoded = decode_each(list(shots.values()))
    for svg, shot in shots.items():
        assert decoded[shot] == [expected_address(svg.with_suffix(".png"), campaign_site)], svg.relative_to(campaign_site)


def test_service_pages_and_later_pathway_steps_get_no_code_of_their_own(campaign_site):
    """The directory can hold thousands of services: a code each would add minutes to the build."""
    assert not (campaign_site / "qr" / "services" / "samaritans.png").exists()
    assert (campaign_site / "qr" / "help-now.png").exists() and (campaign_site / "qr" / "groups" / "balint-groups.svg").exists()
    starts = {p.stem for p in (campaign_site / "qr" / "pathways").glob("*.png")}
    assert starts == {p.stem for p in (ROOT / "data" / "pathways").glob("*.yml")}
    assert not list((campaign_site / "qr" / "pathways").glob("*/*.png"))


def test_a_short_address_is_a_static_page_with_no_script(campaign_site):
    for campaign_id, short in SHORT.items():
        html = (campaign_site / "go" / short / "index.html").read_text()
        assert '<meta http-equiv="refresh" content="0; url=../../' in html
        assert f'<link rel="canonical" href="{SITE_URL}' in html
        assert "<script" not in html
        assert 'href="../../help-now/"' in html


def test_a_short_address_opens_its_page_under_the_sub_path(browser, campaign_url):
    page = browser.new_page()
    for campaign_id, record in CAMPAIGNS.items():
        page_path = record["target"].removesuffix(".md").removesuffix("index")
        page.goto(campaign_url + f"go/{SHORT[campaign_id]}/")
        page.wait_for_url(campaign_url + page_path.rstrip("/") + "/")
        assert page.locator("h1").first.inner_text()
    page.goto(campaign_url + "go/balint/")
    page.wait_for_url(campaign_url + "groups/balint-groups/")
    assert page.locator("h1").first.inner_text() == "Balint groups"
    page.close()


POSTER_PARTS = [".cr-poster__org", ".cr-poster__headline", ".cr-poster__text", ".cr-poster__qr img",
                ".cr-poster__scan", ".cr-poster__url", ".cr-poster__help"]


@pytest.mark.parametrize("paper", ["A4", "A3"])
def test_every_poster_prints_on_exactly_one_sheet_of_its_paper_with_nothing_overlapping(browser, campaign_url, paper):
    width_px = round(PAPER_POINTS[paper][0] / 72 * 96)  # the page's width in CSS pixels
    page = browser.new_page(viewport={"width": width_px, "height": round(width_px * 2 ** 0.5)})
    for campaign_id in CAMPAIGNS:
        page.goto(campaign_url + f"posters/{campaign_id}/" + ("a3/" if paper == "A3" else ""))
        pages = pdf_pages(page.pdf(prefer_css_page_size=True))
        assert len(pages) == 1, f"the {paper} poster for {campaign_id} prints on {len(pages)} pages"
        width, height = pages[0]
        assert abs(width - PAPER_POINTS[paper][0]) < 3 and abs(height - PAPER_POINTS[paper][1]) < 3, (campaign_id, pages)
        # Laid out as printed: each part below the one before it, and all of them on the sheet.
        page.emulate_media(media="print")
        sheet = page.locator(".cr-poster").bounding_box()
        assert sheet["y"] + sheet["height"] <= width_px * 2 ** 0.5 + 1, f"{campaign_id}: the sheet is taller than {paper}"
        boxes = [page.locator(f".cr-poster {part}").bounding_box() for part in POSTER_PARTS]
        for (above, upper), (below, lower) in zip(zip(POSTER_PARTS, boxes), zip(POSTER_PARTS[1:], boxes[1:])):
            assert upper["y"] + upper["height"] <= lower["y"] + 0.5, f"{campaign_id} ({paper}): {above} overlaps {below}"
        last = boxes[-1]
        assert last["y"] + last["height"] <= sheet["y"] + sheet["height"], f"{campaign_id} ({paper}): help runs off the sheet"
        qr = boxes[POSTER_PARTS.index(".cr-poster__qr img")]
        assert qr["width"] >= 36 / 25.4 * 96 * (1.41 if paper == "A3" else 1) - 1, f"{campaign_id}: QR code under 36 mm"
        page.emulate_media(media="null")
    page.close()


@needs_zbarimg
def test_a_printed_poster_shows_the_headline_help_numbers_a_qr_code_that_scans_and_the_address_under_it(
        browser, campaign_url, tmp_path):
    site = load_dataset(ROOT / "data").site
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    for campaign_id, record in CAMPAIGNS.items():
        short_url = f"{SITE_URL}go/{SHORT[campaign_id]}/"
        page.goto(campaign_url + f"posters/{campaign_id}/")
        page.emulate_media(media="print")
        assert page.locator(".md-header").is_hidden() and page.locator(".cr-poster-tools").is_hidden()
        assert page.locator(".cr-help-strip").is_hidden()
        sheet = page.locator(".cr-poster")
        text = sheet.inner_text()
        assert record["headline"] in text and site["organisation"]["name"] in text
        assert "Scan with your phone's camera, or type:" in text
        assert page.locator(".cr-poster__url").inner_text() == short_url
        for emergency in site["emergency_numbers"]:  # the home regions' numbers; other regions have their own pages
            if any(serves(emergency["region"], home) for home in site["regions"]):
                assert f"Call {emergency['number']}" in text, emergency["number"]
        assert "Call 116 123" in text and "Text SHOUT to 85258" in text
        assert sheet.locator("a").count() == 0, "on paper, numbers and the address are plain text"
        qr = sheet.locator(".cr-poster__qr img")
        assert qr.get_attribute("alt") == f"QR code that opens {short_url}"
        qr.screenshot(path=str(tmp_path / "poster-qr.png"))
        assert decode(tmp_path / "poster-qr.png") == [short_url], campaign_id
        page.emulate_media(media="null")
    page.close()


def test_poster_styles_load_only_on_poster_pages(campaign_site):
    assert "stylesheets/poster.css" in (campaign_site / "posters" / "balint" / "index.html").read_text()
    assert "stylesheets/poster.css" not in (campaign_site / "help-now" / "index.html").read_text()
    assert "stylesheets/poster.css" not in (campaign_site / "posters" / "index.html").read_text()


def test_the_posters_page_links_each_campaigns_posters_short_address_and_codes(campaign_site):
    html = (campaign_site / "posters" / "index.html").read_text()
    for campaign_id, record in CAMPAIGNS.items():
        if record.get("status") == "inactive":
            continue
        short = SHORT[campaign_id]
        assert escape(record["headline"]) in html
        for href in (f"{campaign_id}/", f"{campaign_id}/a3/", f"../go/{short}/", f"../qr/go/{short}.svg", f"../qr/go/{short}.png"):
            assert f'href="{href}"' in html, href
    assert f"{SITE_URL}guides/starting-a-group/" in html and 'href="../qr/guides/starting-a-group.png"' in html


def test_a_finished_campaign_leaves_the_list_but_its_short_address_still_opens_its_page(campaign_site):
    html = (campaign_site / "posters" / "index.html").read_text()
    past = html[html.index('id="past-campaigns"'):]
    assert "Look out for each other this winter" in past and 'href="../go/winter-2025/"' in past
    assert 'href="winter-2025/"' not in html
    forward = (campaign_site / "go" / "winter-2025" / "index.html").read_text()
    assert 'url=../../guides/supporting-a-colleague/"' in forward


def test_the_readme_example_is_a_valid_campaign(tmp_path):
    readme = (ROOT / "data" / "campaigns" / "README.md").read_text()
    example = re.search(r"```yaml\n(# yaml-language-server: \$schema=../schema/campaign.schema.json\n.*?)```", readme, re.S)
    data = shutil.copytree(ROOT / "data", tmp_path / "data")
    (data / "campaigns" / "readme-example.yml").write_text(example.group(1))
    campaign = load_dataset(data).campaigns["readme-example"]
    assert campaign["target"] == "groups/balint-groups.md" and campaign["short_path"] == "balint"


def test_posters_and_short_addresses_stay_out_of_the_navigation_and_search(campaign_site):
    home = (campaign_site / "index.html").read_text()
    assert "posters/balint/" not in home and "go/balint/" not in home
    index = (campaign_site / "search" / "search-index.js").read_text()
    assert "posters/balint" not in index


def test_the_posters_and_codes_pass_linkchecker(campaign_url):
    linkchecker = Path(sys.executable).parent / "linkchecker"
    result = subprocess.run([str(linkchecker), "--no-status", "--no-warnings", campaign_url + "posters/"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_posters_and_their_list_pass_axe(browser, campaign_url, scheme):
    context = with_axe(browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme))
    page = context.new_page()
    failures = []
    for path in ("posters/", "posters/balint/", "posters/need-help-now/a3/"):
        page.goto(campaign_url + path)
        if failure := axe_failures(page, "/" + path):
            failures.append(failure)
    context.close()
    assert not failures, "\n".join(failures)[:6000]


def test_the_site_without_an_address_has_no_codes_and_says_how_to_get_them(built_site):
    if yaml.safe_load((ROOT / "data" / "site.yml").read_text()).get("site_url"):
        pytest.skip("the real site has a site_url")
    html = (built_site / "posters" / "index.html").read_text()
    assert "QR codes need the site's public address" in html and "site_url" in html
    assert not (built_site / "qr").exists() and not (built_site / "go").exists()


def test_a_short_address_works_from_a_copy_opened_from_disk(tmp_path, browser):
    """The offline copy (page.html links): go/<short>.html and go/<short>/index.html both open the page."""
    project = with_campaigns(copy_project(tmp_path / "project"), settings="mkdocs.yml")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("use_directory_urls: true", "use_directory_urls: false"))
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    page = browser.new_page()
    for entry in ("go/balint.html", "go/balint/index.html"):
        page.goto((site / entry).as_uri())
        page.wait_for_url((site / "groups" / "balint-groups.html").as_uri())
    page.close()
    assert (site / "qr" / "go" / "balint.png").is_file() and (site / "posters" / "balint" / "a3.html").is_file()


# ---- campaigns that cannot work stop the build ----

def failed_build(project: Path) -> str:
    result = build(project)
    assert result.returncode != 0, "the build should have stopped"
    assert not (project / "site").exists()
    return result.stdout + result.stderr


def test_campaigns_without_the_sites_address_stop_the_build_with_a_clear_message(tmp_path):
    output = failed_build(with_campaigns(copy_project(tmp_path / "project"), site_url=None))
    assert ("data/campaigns/balint.yml, data/campaigns/longest-allowed.yml, data/campaigns/need-help-now.yml, "
            "data/campaigns/practitioner-health.yml, data/campaigns/winter-2025.yml: a campaign needs the site's "
            "public address "
            "to print in its QR code (expected site_url in data/site.yml or mkdocs.yml, such as "
            "https://intranet.example.nhs.uk/wellbeing/)") in output


def test_a_campaign_pointing_at_an_unknown_page_stops_the_build_naming_the_field(tmp_path):
    project = with_campaigns(copy_project(tmp_path / "project"))
    campaign = project / "data" / "campaigns" / "balint.yml"
    campaign.write_text(campaign.read_text().replace("target: groups/balint-groups.md", "target: groups/balint-group.md"))
    output = failed_build(project)
    assert ('data/campaigns/balint.yml: line 7: target "groups/balint-group.md" is not a page of this site '
            "(did you mean groups/balint-groups.md? expected the path of a page ending in .md") in output


def test_two_campaigns_with_one_short_address_stop_the_build(tmp_path):
    project = with_campaigns(copy_project(tmp_path / "project"))
    (project / "data" / "campaigns" / "balint-again.yml").write_text(
        "headline: Balint groups\ntext: Talk through a case with colleagues.\ntarget: groups/balint-groups.md\nshort_path: balint\n")
    output = failed_build(project)
    assert ("data/campaigns/balint-again.yml: line 4: the short address go/balint/ is also used by "
            "data/campaigns/balint.yml (expected each campaign to have its own: set short_path to another word)") in output


def test_a_campaign_file_that_breaks_the_schema_lists_each_problem(tmp_path):
    project = with_campaigns(copy_project(tmp_path / "project"))
    (project / "data" / "campaigns" / "spring.yml").write_text(
        "text: Hi\ntarget: https://example.org/page\nshort_path: Spring Campaign\npaper: A5\n")
    output = failed_build(project)
    assert "data/campaigns/spring.yml: line 1: headline is missing" in output
    assert 'data/campaigns/spring.yml: line 1: text "Hi" is too short (expected plain text of 10 to 240 characters)' in output
    assert ('data/campaigns/spring.yml: line 2: target "https://example.org/page" is not valid (expected the path '
            "of a page ending in .md, such as help-now.md or groups/balint-groups.md)") in output
    assert 'data/campaigns/spring.yml: line 3: short_path "Spring Campaign" is not valid' in output
    assert '"paper" is not a field allowed' in output
