"""Deploy anywhere: any static web server at the root or under a sub-path, an intranet with no internet access, and
a strict Content-Security-Policy that the deployment guide publishes and every kind of page works under."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from commonroom.csp import content_security_policy, inline_hashes, source_hash
from conftest import copy_project, entry_point, html_pages, linkchecker, serve
from every_page import HALVES, every_page_on_a_touch_phone, sample_of_each_kind

SUB_PATH = "/wellbeing/"
INTRANET_ADDRESS = "https://staff.hospital.test/wellbeing/"  # not the guides' example host, whose example addresses are prose
DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens, so every request through it fails


def without_internet(command: list[str]) -> tuple[list[str], dict[str, str]]:
    """`command` with no way out: in a network namespace of its own (only loopback exists there) where the system
    allows one, else with every proxy setting pointing at a closed port, which Python's HTTP clients all follow."""
    probe = subprocess.run(["unshare", "--net", "--map-root-user", "true"], capture_output=True) if shutil.which("unshare") else None
    if probe is not None and probe.returncode == 0:
        return ["unshare", "--net", "--map-root-user", *command], {}
    proxies = {name: DEAD_PROXY for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")}
    return command, {**proxies, "NO_PROXY": "", "no_proxy": ""}


@pytest.fixture(scope="module")
def intranet_build(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """The real project built as a hospital would for its intranet: `site_url` names the sub-path, and the build
    runs with no internet access."""
    project = copy_project(tmp_path_factory.mktemp("intranet") / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + f"\nsite_url: {INTRANET_ADDRESS}\n")
    command, env = entry_point(project, "build", "--site-dir", str(project / "site"))
    command, blocked = without_internet(command)
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=300, env={**env, **blocked})
    return result, project / "site"


@pytest.fixture(scope="module")
def intranet_site(intranet_build) -> Path:
    result, site = intranet_build
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def policy_of(site: Path) -> str:
    return (site / "deploy" / "csp.txt").read_text(encoding="utf-8").strip()


@pytest.fixture(scope="module")
def intranet_url(intranet_site) -> str:
    """The intranet build under /wellbeing/, with 404.html for missing addresses and the policy the build
    publishes, as docs/deploy.md tells IT to serve it."""
    server = serve(intranet_site, SUB_PATH, headers={"Content-Security-Policy": policy_of(intranet_site)}, not_found="404.html")
    yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    server.shutdown()


def strict_page(browser):
    """A phone-sized page that records every console error, script error and CSP violation."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_init_script("""document.addEventListener("securitypolicyviolation", function (e) {
        console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline code") + " " + e.sample);
    });""")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(f"{page.url}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    return context, page, problems


# Any static web server, at the root or under a sub-path

@pytest.mark.slow
def test_every_link_and_asset_of_the_intranet_build_works_under_its_sub_path(intranet_site, tmp_path):
    """With site_url set the build also has the campaign kit's posters and QR codes, and full addresses. (The
    default build, without site_url, under the same sub-path: tests/test_site_build.py.)"""
    result = linkchecker(intranet_site, tmp_path, SUB_PATH)
    assert result is not None, "LinkChecker is in requirements-test.txt"
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_every_full_address_the_site_prints_opens_a_page_under_the_sub_path(intranet_site, intranet_url):
    """Posters (the address printed beside each QR code), canonical links and the sitemap carry full addresses
    built from site_url: each must open a page when the site is served where site_url says."""
    addresses = set()
    for path in [*html_pages(intranet_site), intranet_site / "sitemap.xml"]:
        addresses |= set(re.findall(re.escape(INTRANET_ADDRESS) + r'[^"\'<>\s#?]*', path.read_text(encoding="utf-8")))
    assert len(addresses) > 20, sorted(addresses)
    broken = []
    for address in sorted(addresses):
        try:
            urllib.request.urlopen(intranet_url + address[len(INTRANET_ADDRESS):], timeout=10).close()
        except urllib.error.HTTPError as error:
            broken.append(f"{address}: {error.code}")
    assert not broken, broken


def test_page_not_found_works_under_a_sub_path_when_site_url_names_it(browser, intranet_url):
    context, page, problems = strict_page(browser)
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}")
            if response.status >= 400 and response.request.resource_type != "document" else None)
    try:
        response = page.goto(intranet_url + "no/such/page/")
        assert response.status == 404
        page.wait_for_load_state("networkidle")
        expect(page.locator("h1")).to_have_text(re.compile("Not found"))
        assert not failed, f"the 404 page's stylesheets and scripts load from {SUB_PATH}: {failed}"
        # The browser logs the page's own 404 status as an error; anything else is a real problem.
        assert not [p for p in problems if "responded with a status of 404" not in p], problems
        page.get_by_role("link", name=re.compile("Need help now")).tap()
        page.wait_for_url(intranet_url + "help-now/")
        expect(page.locator('a[href^="tel:"]').first).to_be_visible()
    finally:
        context.close()


# An intranet with no internet access

def test_the_site_builds_with_no_internet_access(intranet_build):
    result, site = intranet_build
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "index.html").is_file() and (site / "search" / "search-index.js").is_file()


# A Content-Security-Policy the site works under, published by the build

def test_an_inline_script_is_named_by_the_hash_browsers_compute():
    # The example from MDN's Content-Security-Policy script-src page.
    assert source_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_only_inline_code_a_browser_runs_needs_a_hash():
    page = ('<script src="a.js"></script><script id="__config" type="application/json">{"base": "."}</script>'
            '<script>run()</script><script type="module">go()</script><style>p{color:red}</style>')
    scripts, styles = inline_hashes(page)
    assert scripts == {source_hash("run()"), source_hash("go()")}
    assert styles == {source_hash("p{color:red}")}
    policy = content_security_policy(scripts, styles)
    assert f"script-src 'self' {' '.join(sorted(scripts))};" in policy
    assert f"style-src 'self' {source_hash('p{color:red}')};" in policy


def test_the_published_policy_names_every_inline_script_and_allows_nothing_else(built_site):
    policy = policy_of(built_site)
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["img-src"] == "'self' data:"
    assert {directives[d] for d in ("base-uri", "form-action", "frame-ancestors")} == {"'self'"}
    assert "unsafe" not in policy and "http" not in policy
    allowed = set(directives["script-src"].split())
    for page in html_pages(built_site):
        scripts, styles = inline_hashes(page.read_text(encoding="utf-8"))
        assert scripts <= allowed, page.relative_to(built_site)
        assert styles <= set(directives["style-src"].split()), page.relative_to(built_site)


def test_the_deployment_guide_shows_the_exact_policy_of_its_build(built_site):
    policy = policy_of(built_site)
    guide = html.unescape((built_site / "deploy" / "index.html").read_text(encoding="utf-8"))
    assert f'add_header Content-Security-Policy "{policy}" always;' in guide  # nginx
    assert f'Header always set Content-Security-Policy "{policy}"' in guide  # Apache
    assert f'<add name="Content-Security-Policy" value="{policy}" />' in guide  # IIS
    assert all("CSP-OF-THIS-BUILD" not in page.read_text(encoding="utf-8") for page in html_pages(built_site))


@pytest.mark.parametrize("half", HALVES)
def test_every_page_loads_under_the_published_policy_with_no_violation(browser, built_site, half):
    """Every page, served with the policy its build publishes, in the one visit of every page (tests/every_page.py):
    no console error, script error or policy violation."""
    visit = every_page_on_a_touch_phone(browser, built_site, half)
    assert len(visit["paths"]) > 10
    assert not visit["problems"], visit["problems"][:10]


def test_every_kind_of_page_of_an_intranet_build_loads_under_its_policy_with_no_violation(browser, intranet_site, intranet_url):
    """The intranet build (site_url set, so it also has posters and QR codes) under its own policy and sub-path: a
    sample of each template, with every component each shows (every_page.sample_of_each_kind; the test above loads
    every page of the default build under its policy, and the pages of a template share their inline scripts)."""
    context, page, problems = strict_page(browser)
    outside: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(intranet_url) else outside.append(request.url))
    paths = sample_of_each_kind(intranet_site)
    try:
        for path in paths:
            page.goto(intranet_url + path)  # waits for "load": every inline and deferred script has run by then
    finally:
        context.close()
    assert len(paths) > 15 and "posters/" in paths
    assert not problems, problems[:10]
    assert not outside, f"requests left {SUB_PATH}: {sorted(set(outside))[:10]}"


@pytest.fixture(scope="module")
def strict_site_url(built_site):
    """The built site under /wellbeing/ with the policy it publishes, as the guide tells IT to serve it."""
    server = serve(built_site, SUB_PATH, headers={"Content-Security-Policy": policy_of(built_site)}, not_found="404.html")
    yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    server.shutdown()


def use_filters(page):
    page.get_by_label("What do you need?").select_option("counselling")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^\d+ services? match(es)?\.$"))


def use_search(page):
    page.fill("#cr-search-main", "counselling")
    # expect() rather than wait_for_function(): the policy rightly forbids the eval() that the latter uses.
    expect(page.locator("#cr-search-status")).to_contain_text("result")
    assert page.locator("#cr-search-results li").count() >= 1


def dial_visible(page):
    expect(page.locator('a[href^="tel:"]').first).to_be_visible()


PAGE_TYPES = {
    "home": ("", None),
    "help now": ("help-now/", dial_visible),
    "directory with filters used": ("services/", use_filters),
    "service": ("services/samaritans/", dial_visible),
    "search with a query": ("search/", use_search),
    "group format": ("groups/balint-groups/", None),
    "pathway step": ("pathways/worried-about-a-colleague/", None),
    "deployment guide": ("deploy/", None),
}


@pytest.mark.parametrize("path, use", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_page_type_works_under_the_published_policy_with_no_violation(browser, strict_site_url, path, use):
    context, page, problems = strict_page(browser)
    outside: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(strict_site_url) else outside.append(request.url))
    try:
        response = page.goto(strict_site_url + path)
        assert response.status == 200
        page.wait_for_load_state("networkidle")
        if use:
            use(page)
        page.wait_for_load_state("networkidle")
        assert not problems, problems
        assert not outside, f"requests left {SUB_PATH}: {outside}"
    finally:
        context.close()
