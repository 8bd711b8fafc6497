"""Local customisation without code: a hospital's name, logo, colours, web address and hidden services live in
data/site.yml, reach every built page, and a setting that would break the site or its accessibility stops the build
with a message naming data/site.yml, the field and what was expected."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from commonroom.branding import (AA_TEXT, DARK_BACKGROUNDS, DEFAULT_COLOURS, WHITE, contrast_ratio,
                                 dark_scheme_tint, darker_shade_that_passes)
from commonroom.listing import listed_services
from commonroom.loading import DataError, load_dataset
from conftest import ROOT, build, copy_project, html_pages, serve
from every_page import axe_failures, with_axe

NAME = "Example City Hospital Staff Wellbeing"
PRIMARY, ACCENT = "#005eb8", "#8a1538"  # NHS blue and a dark berry: both pass 4.5:1 with white
SITE_URL = "https://intranet.example.nhs.uk/wellbeing/"
HIDDEN = "shout"  # a national text line a hospital might not want listed
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10" fill="#fff"/></svg>\n'


def change_site(data: Path, **settings) -> None:
    """Set top-level fields of data/site.yml (None removes one), as a comms officer would edit the file."""
    path = data / "site.yml"
    site = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in settings.items():
        if value is None:
            site.pop(key, None)
        else:
            site[key] = value
    path.write_text(yaml.safe_dump(site, sort_keys=False, allow_unicode=True), encoding="utf-8")


def add_second_service(data: Path, service_id: str = "other-line", **fields) -> None:
    """A second service beside the minimal data's test-line, so one can be hidden while the other stays."""
    record = yaml.safe_load((data / "services" / "test-line.yml").read_text(encoding="utf-8"))
    record.update(name="Other Line", summary="Another listening line used by the test suite.", **fields)
    record["contacts"] = [{"kind": "phone", "value": "020 7946 0000", "label": "Helpline", "hours": "24 hours, every day"}]
    (data / "services" / f"{service_id}.yml").write_text(yaml.safe_dump(record, sort_keys=False), encoding="utf-8")


def output(result) -> str:
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory) -> Path:
    """The kit's own data with a hospital's name, logo, colours and address, and one national service hidden."""
    root = tmp_path_factory.mktemp("branded")
    data = shutil.copytree(ROOT / "data", root / "data")
    picks = yaml.safe_load((data / "help-now.yml").read_text(encoding="utf-8"))
    assert HIDDEN in picks["services"], "the hidden service is one help-now would otherwise show"
    change_site(data, organisation={"name": NAME, "logo": "images/logo.svg"}, colours={"primary": PRIMARY, "accent": ACCENT},
                site_url=SITE_URL, hide_services=[HIDDEN])
    project = copy_project(root / "project", data=data)
    (project / "docs" / "images").mkdir(exist_ok=True)
    (project / "docs" / "images" / "logo.svg").write_text(LOGO, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, output(result)
    return project / "site"


def test_the_organisation_name_is_the_site_name_in_the_header_and_every_page_title(branded_site):
    for page in html_pages(branded_site):
        html = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
        assert title.endswith(NAME), f"{page.relative_to(branded_site)}: {title}"
    home = (branded_site / "index.html").read_text(encoding="utf-8")
    header = home[home.index("<header"):home.index("</header>")]
    assert NAME in header and "Common Room" not in header


def test_the_logo_shows_in_the_header_and_as_the_browser_tab_icon(branded_site):
    html = (branded_site / "help-now" / "index.html").read_text(encoding="utf-8")
    header = html[html.index("<header"):html.index("</header>")]
    assert '<img src="../images/logo.svg"' in header
    assert '<link rel="icon" href="../images/logo.svg">' in html
    assert (branded_site / "images" / "logo.svg").read_text(encoding="utf-8") == LOGO


def test_brand_colours_join_the_one_stylesheet_instead_of_adding_a_request(branded_site):
    css = (branded_site / "stylesheets" / "commonroom.css").read_text(encoding="utf-8")
    kit_css = (ROOT / "docs" / "stylesheets" / "commonroom.css").read_text(encoding="utf-8")
    assert css.startswith(kit_css), "the kit's own styles come first, unchanged"
    assert f"--md-primary-fg-color: {PRIMARY};" in css[len(kit_css):]
    assert f"--md-accent-fg-color: {ACCENT};" in css[len(kit_css):]
    home = (branded_site / "index.html").read_text(encoding="utf-8")
    own_sheets = re.findall(r'<link rel="stylesheet" href="(stylesheets/[^"]+)"', home)
    assert own_sheets == ["stylesheets/commonroom.css"]


def test_brand_colours_paint_the_header_and_links_in_both_schemes(branded_site, browser):
    """In a real browser: the header is the brand colour with white text on it; links use it on a white page, and a
    light tint of it that passes AA on the dark scheme's background."""
    server = serve(branded_site)
    try:
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{server.server_port}/services/")
            header_bg, header_fg = page.eval_on_selector(
                ".md-header", "h => [getComputedStyle(h).backgroundColor, getComputedStyle(h).color]")
            link = page.eval_on_selector(".md-typeset .cr-card__name a", "a => getComputedStyle(a).color")
            page_bg = page.eval_on_selector("body", "b => getComputedStyle(b).backgroundColor")
            context.close()
            assert header_bg == rgb(PRIMARY) and header_fg == "rgb(255, 255, 255)", scheme
            expected_link = PRIMARY if scheme == "light" else dark_scheme_tint(PRIMARY)
            assert link == rgb(expected_link), scheme
            assert contrast_ratio(hex_of(link), hex_of(page_bg)) >= AA_TEXT, scheme
    finally:
        server.shutdown()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_site_in_its_own_brand_colours_passes_axe(branded_site, browser, scheme):
    pytest.importorskip("axe_playwright_python.sync_playwright")
    server = serve(branded_site)
    context = with_axe(browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme))
    page = context.new_page()
    failures = []
    try:
        for path in ("", "help-now/", "services/", "services/samaritans/", "groups/balint-groups/"):
            page.goto(f"http://127.0.0.1:{server.server_port}/{path}")
            if failure := axe_failures(page, "/" + path):  # after any running transition ends
                failures.append(failure)
    finally:
        context.close()
        server.shutdown()
    assert not failures, "\n".join(failures)[:6000]


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


def hex_of(css_rgb: str) -> str:
    return "#" + "".join(f"{int(n):02x}" for n in re.findall(r"\d+", css_rgb)[:3])


def test_site_url_from_site_yml_reaches_the_sitemap_and_canonical_links(branded_site):
    sitemap = (branded_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}</loc>" in sitemap and f"<loc>{SITE_URL}help-now/</loc>" in sitemap
    html = (branded_site / "help-now" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}help-now/">' in html


def test_a_hidden_service_is_left_out_of_the_directory_help_now_and_search_but_keeps_its_page(branded_site):
    directory = (branded_site / "services" / "index.html").read_text(encoding="utf-8")
    help_now = (branded_site / "help-now" / "index.html").read_text(encoding="utf-8")
    index = (branded_site / "search" / "search-index.js").read_text(encoding="utf-8")
    assert 'data-id="samaritans"' in directory and 'data-id="samaritans"' in help_now and "services/samaritans/" in index
    assert f'data-id="{HIDDEN}"' not in directory
    assert f'data-id="{HIDDEN}"' not in help_now, "hidden even though help_now_services names it"
    assert f"services/{HIDDEN}/" not in index
    name = yaml.safe_load((ROOT / "data" / "services" / f"{HIDDEN}.yml").read_text(encoding="utf-8"))["name"]
    assert f"<h1>{name}</h1>" in (branded_site / "services" / HIDDEN / "index.html").read_text(encoding="utf-8"), \
        "old links and posters still reach the page"


def test_without_colours_the_kits_own_stylesheet_ships_unchanged(built_site):
    site = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
    if "colours" in site:
        pytest.skip("this copy of the kit sets its own colours")
    built = (built_site / "stylesheets" / "commonroom.css").read_text(encoding="utf-8")
    assert built == (ROOT / "docs" / "stylesheets" / "commonroom.css").read_text(encoding="utf-8")


def test_a_colour_too_light_for_white_text_stops_the_build_naming_the_field_and_the_contrast(tmp_path, minimal_data):
    change_site(minimal_data, colours={"primary": "#4db6ac"})  # a light teal: 2.44:1 with white
    project = copy_project(tmp_path / "project", data=minimal_data)
    result = build(project)
    assert result.returncode != 0
    message = output(result)
    assert re.search(r'data/site\.yml: line \d+: colours\.primary "#4db6ac" is too light to read: .* have a contrast '
                     r"of 2\.44:1 \(expected at least 4\.5:1, WCAG AA; a darker shade such as \"#[0-9a-f]{6}\" passes\)", message), message
    suggestion = re.search(r'a darker shade such as "(#[0-9a-f]{6})"', message).group(1)
    assert contrast_ratio(suggestion, WHITE) >= AA_TEXT
    assert not (project / "site").exists()


@pytest.mark.parametrize("written, expected", [
    ('"#00695"', r'colours\.accent "#00695" is not valid \(expected a colour written as # and six hexadecimal digits'),
    ('"teal"', r'colours\.accent "teal" is not valid \(expected a colour written as #'),
    # Without quotes YAML reads everything after # as a note, so the colour is lost.
    ("#a63000", r"colours\.accent is empty \(expected a colour written as # and six hexadecimal digits \(0-9, a-f\), in quotes"),
])
def test_a_colour_that_is_not_a_hex_code_stops_the_build(tmp_path, minimal_data, written, expected):
    site = minimal_data / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + f"colours:\n  accent: {written}\n", encoding="utf-8")
    result = build(copy_project(tmp_path / "project", data=minimal_data))
    assert result.returncode != 0
    assert re.search(r"data/site\.yml: line \d+: " + expected, output(result)), output(result)


def test_a_missing_logo_file_stops_the_build(tmp_path, minimal_data):
    change_site(minimal_data, organisation={"name": NAME, "logo": "images/our-logo.png"})
    result = build(copy_project(tmp_path / "project", data=minimal_data))
    assert result.returncode != 0
    assert re.search(r'data/site\.yml: line \d+: organisation\.logo "images/our-logo\.png" is not a file in the docs '
                     r"folder \(expected the path of an SVG or PNG image inside docs/", output(result)), output(result)


@pytest.mark.parametrize("logo", ["../secrets.png", "/etc/logo.svg", "images/logo.gif"])
def test_a_logo_outside_docs_or_of_another_kind_is_refused(minimal_data, logo):
    change_site(minimal_data, organisation={"name": NAME, "logo": logo})
    with pytest.raises(DataError) as error:
        load_dataset(minimal_data, docs=ROOT / "docs")
    assert f'organisation.logo "{logo}" is not valid (expected the path of an .svg or .png file inside docs/' in str(error.value)


def test_hiding_an_unknown_service_stops_the_build(tmp_path, minimal_data):
    change_site(minimal_data, hide_services=["samaritan"])
    result = build(copy_project(tmp_path / "project", data=minimal_data))
    assert result.returncode != 0
    assert ('data/site.yml: hide_services[0] "samaritan" is not a known service (expected the name of a file in '
            "data/services/ without .yml, such as samaritans)") in output(result)


@pytest.mark.parametrize("name", ["<b>Hospital</b>", 'The "Best" Hospital', "R&D Unit"])
def test_an_organisation_name_that_would_break_the_page_is_refused(minimal_data, name):
    change_site(minimal_data, organisation={"name": name})
    with pytest.raises(DataError) as error:
        load_dataset(minimal_data)
    assert "organisation.name" in str(error.value) and "write & with a space after it" in str(error.value)


def test_an_ampersand_with_a_space_after_it_is_a_fine_name(minimal_data):
    change_site(minimal_data, organisation={"name": "Barking, Havering & Redbridge Staff Wellbeing"})
    assert load_dataset(minimal_data).site["organisation"]["name"].startswith("Barking")


def test_site_url_must_be_a_full_web_address_ending_in_a_slash(minimal_data):
    change_site(minimal_data, site_url="intranet.example.nhs.uk/wellbeing")
    with pytest.raises(DataError) as error:
        load_dataset(minimal_data)
    assert 'site_url "intranet.example.nhs.uk/wellbeing" is not valid (expected a web address starting with https://' \
        in str(error.value)


def test_show_other_regions_false_lists_only_services_for_the_sites_regions(minimal_data):
    add_second_service(minimal_data, "za-line", regions=["ZA"])  # a 24-hour line, as test-line is
    site = yaml.safe_load((minimal_data / "site.yml").read_text(encoding="utf-8"))
    za_emergency = {**site["emergency_numbers"][0], "id": "za-112", "region": "ZA", "number": "112"}  # a region offered needs both
    change_site(minimal_data, emergency_numbers=site["emergency_numbers"] + [za_emergency],
                help_now_services=["test-line", "za-line"])
    assert set(listed_services(load_dataset(minimal_data))) == {"test-line", "za-line"}, "all regions by default"
    change_site(minimal_data, show_other_regions=False)  # the site serves GB-ENG; test-line serves all of GB
    assert set(listed_services(load_dataset(minimal_data))) == {"test-line"}


@pytest.mark.parametrize("colour", [DEFAULT_COLOURS["primary"], DEFAULT_COLOURS["accent"], PRIMARY, ACCENT,
                                    "#000000", "#1a237e", "#4a148c", "#b71c1c", "#33691e", "#4db6ac", "#ffcc00"])
def test_every_brand_colour_gets_dark_scheme_links_and_a_suggestion_that_pass_aa(colour):
    tint = dark_scheme_tint(colour)
    assert all(contrast_ratio(tint, background) >= AA_TEXT for background in DARK_BACKGROUNDS), tint
    assert contrast_ratio(darker_shade_that_passes(colour), WHITE) >= AA_TEXT


def test_contrast_is_measured_as_wcag_defines_it():
    assert round(contrast_ratio("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54  # the lightest grey that passes AA on white
    assert contrast_ratio("#777777", "#ffffff") < AA_TEXT
