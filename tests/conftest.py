"""Shared fixtures: scratch copies of the project and of a small valid data set, and a built site."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT / "hooks"))

PROJECT_PARTS = ("mkdocs.yml", "pyproject.toml", "docs", "overrides", "hooks", "data")
SITE_FOLDER = "COMMONROOM_SITE_FOLDER"  # an organisation's folder: the tests marked any_site check its site


def read_yaml(path: Path):
    """A YAML file read with libyaml's parser where PyYAML has it: the same result as yaml.safe_load, several times
    faster, which counts for test files that read every data file when they are collected."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def services_shown_in_pages() -> set[str]:
    """Ids of the kit's services that the written pages show with {{ contact_card("...") }} or link to."""
    ids: set[str] = set()
    for page in (ROOT / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        ids |= set(re.findall(r"""contact_card\(\s*["']([a-z0-9-]+)["']""", text))
        ids |= set(re.findall(r"\(\.\./services/([a-z0-9-]+)\.md", text))
    return {i for i in ids if (ROOT / "data" / "services" / f"{i}.yml").is_file()}


def copy_project(target: Path, data: Path | None = None) -> Path:
    """A scratch copy of the project (optionally with another data folder) that tests may change freely.

    With another data folder, the kit's services that the written guides show are added where that folder lacks
    them (hidden, as a hospital hides a national default), and so is the leaders' check (data/assessment.yml): a missing service or check stops the build, as it
    should on a real site, and the guides are not what such a test is about."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    if data is not None:
        shutil.rmtree(target / "data")
        shutil.copytree(data, target / "data")
        borrowed = []
        for service_id in sorted(services_shown_in_pages()):
            kept = target / "data" / "services" / f"{service_id}.yml"
            if not kept.exists():
                shutil.copy2(ROOT / "data" / "services" / f"{service_id}.yml", kept)
                borrowed.append(service_id)
        if borrowed:  # hidden, so the test's site offers only its own regions (each region offered needs its routes)
            site_file = target / "data" / "site.yml"
            site = yaml.safe_load(site_file.read_text(encoding="utf-8"))
            hidden = site.get("hide_services", [])
            site["hide_services"] = hidden + [i for i in borrowed if i not in hidden]
            site_file.write_text(yaml.safe_dump(site, sort_keys=False, allow_unicode=True), encoding="utf-8")
        if not (target / "data" / "assessment.yml").exists():
            shutil.copy2(ROOT / "data" / "assessment.yml", target / "data" / "assessment.yml")
    return target


def entry_point(project: Path, command: str, *extra: str) -> tuple[list[str], dict[str, str]]:
    """`python -m commonroom <command>` in `project`, and its environment: the copy's own hooks/ come first on the
    path, so a test runs the code it copied (the installed package may be another checkout's)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(project / "hooks"), os.environ.get("PYTHONPATH")]))}
    return [sys.executable, "-m", "commonroom", command, *extra], env


def build(project: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run a strict build of `project` into project/site (prepare, MkDocs, finish), as `make build` does."""
    command, env = entry_point(project, "build", "--site-dir", str(project / "site"), *extra)
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    """A small valid data folder: schemas from the project, records from tests/fixtures/minimal, and the project's
    group formats, which the written guides link to, and the leaders' check."""
    return minimal_data_in(tmp_path)


def minimal_data_in(folder: Path) -> Path:
    """`minimal_data` in folder/data, for a fixture that outlives one test."""
    data = folder / "data"
    shutil.copytree(FIXTURES / "minimal", data)
    shutil.copytree(ROOT / "data" / "schema", data / "schema")
    shutil.copytree(ROOT / "data" / "groups", data / "groups", dirs_exist_ok=True)
    shutil.copy2(ROOT / "data" / "assessment.yml", data / "assessment.yml")  # the leaders' check page needs it
    return data


# Fixtures that build a whole site of their own (a variant of the project): every test that uses one, directly or
# through another fixture, is marked `slow`. A test that builds a site in its own body carries @pytest.mark.slow.
SITES_OF_THEIR_OWN = {"australian_site", "branded_site", "campaign_site", "email_site", "intranet_build", "large_site",
                      "offline_zip", "site_with_local_groups", "closed_and_secondary_site", "two_sites", "northfield",
                     "kit_wheel", "installed_kit", "hub_built_both_ways"}


def pytest_configure(config: pytest.Config) -> None:
    """The two markers `make test-fast` leaves out (`pytest --markers` lists them). Registered here rather than in a
    settings file at the top of the project, which keeps to the layout the README describes."""
    config.addinivalue_line("markers", "browser: opens pages in headless Chromium (set on every test that uses `browser`)")
    config.addinivalue_line("markers", "slow: builds a whole site of its own, or runs Java, LinkChecker or a slow network check")
    config.addinivalue_line("markers", "any_site: checks a promise of any site built from the kit (on built_site), not "
                            "the kit's own content: `python -m commonroom test --site DIR` runs these on DIR's site")


def site_folder() -> Path | None:
    """The organisation's folder the tests check (COMMONROOM_SITE_FOLDER, set by `python -m commonroom test --site
    DIR`), or None for the kit's own site."""
    given = os.environ.get(SITE_FOLDER)
    return Path(given).resolve() if given else None


# `make test` runs the suite in two processes (pytest -n 2 --dist loadgroup) and gives each process whole groups of
# tests: a test file's tests, so a site a file builds for its tests is built once; or, for a long check split in two
# (a parameter id ending in "@name", such as "half-1@every-page-1"), the group "name", which may run beside the rest
# of its file. pytest-xdist's own grouping by marker no longer works with this pytest (it renames node ids through
# an attribute pytest stopped reading), so the groups are read from the node ids here.
GROUP_IN_ID = re.compile(r"@([A-Za-z0-9_.-]+)\]$")

# The groups that take longest, longest first (`tests/benchmarks/durations.py` on a timed run): each process takes
# the next group when it finishes one, so starting with the long ones leaves neither process idle at the end. The
# two halves of the visit of every page go first, one to each process. The rest follow in their usual order.
LONGEST_FIRST = [
    "every-page-1", "every-page-2", "tests/test_accessibility.py", "tests/test_organisation_site.py", "routes",
    "tests/test_search.py", "tests/test_package.py", "tests/test_kit_update.py", "tests/test_campaigns.py",
    "tests/test_migrate.py", "tests/test_every_reader.py", "tests/test_assessment.py", "tests/test_site_build.py",
    "tests/test_deploy.py", "tests/test_report_a_problem.py", "tests/test_preview.py", "tests/test_zensical.py",
    "tests/test_open_data.py", "tests/test_urgent_routes.py",
]


def process_group(nodeid: str) -> str:
    """The group a test runs in under `make test`: its file, or the group its parameter id names after "@"."""
    found = GROUP_IN_ID.search(nodeid)
    return found.group(1) if found else nodeid.split("::")[0]


def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """With --dist loadgroup: whole groups (`process_group`) to each process, in the order collected (longest first)."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return process_group(nodeid)

    config.option.loadscopereorder = False  # keep the order below, not xdist's (most tests first)
    return ByGroup(config, log)


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by these markers
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that opens a browser `browser`, and every test that uses a site of its own `slow`, so that
    `make test-fast` (pytest -m "not browser and not slow") leaves them out without each test having to remember;
    and put the longest groups first (a stable sort: each file's tests keep their order)."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
        if fixtures & SITES_OF_THEIR_OWN:
            item.add_marker(pytest.mark.slow)
    if site_folder() is not None:  # an organisation's site: the tests of the kit's own content do not apply to it
        kept = [item for item in items if item.get_closest_marker("any_site")]
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
    rank = {group: place for place, group in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(process_group(item.nodeid), len(rank)))


def run_folder(tmp_path_factory) -> Path:
    """The test run's own temporary folder, the same for every test process of the run."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # each worker's folder sits in the run's


@pytest.fixture(scope="session", autouse=True)
def qr_codes_kept_for_the_run(tmp_path_factory) -> None:
    """Every build of the run, in this process or another, keeps its QR codes in one folder of the run's own
    (commonroom.qr_cache): a site with a public address has a code for each page, and drawing them again for each
    of the suite's builds of the same addresses cost seconds a build. A new run starts with none."""
    os.environ["COMMONROOM_QR_CACHE"] = str(run_folder(tmp_path_factory) / "qr-codes")


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    """A copy of the kit's data folder, which a test may change as a later kit release would."""
    shutil.copytree(ROOT / "data", tmp_path / "kit" / "data")
    return tmp_path / "kit" / "data"


def made_once(tmp_path_factory, name: str, make) -> Path:
    """The folder `name`, filled by `make(folder)` once for the whole test run and shared by every test process:
    parallel workers (`pytest -n 2`) each run session fixtures of their own, so the first to ask makes it under a
    file lock in the run's temporary folder, and the others wait for it and read it."""
    shared = run_folder(tmp_path_factory)
    folder, made = shared / name, shared / f"{name}.made"
    with FileLock(str(shared / f"{name}.lock")):
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            made.touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once with --strict for the whole test run.

    `make test` builds it into site/ just before the tests and names that folder in COMMONROOM_BUILT_SITE, so the
    tests check the very build it made instead of building again. With COMMONROOM_SITE_FOLDER (an organisation's
    folder) and no built site named, it is that organisation's site, built over this kit. Without it (plain `pytest
    tests`), the first test process that needs the site builds a copy, which the others share (`made_once`)."""
    given = os.environ.get("COMMONROOM_BUILT_SITE")
    if given:
        site = Path(given).resolve()
        assert (site / "index.html").is_file(), f"COMMONROOM_BUILT_SITE={given}: no built site there"
        return site
    organisation = site_folder()

    def make(folder: Path) -> None:
        project = folder / "project"
        if organisation is not None:  # its folder over this kit, as `python -m commonroom build --site` does
            command, env = entry_point(ROOT, "build", "--site", str(organisation), "--site-dir", str(project / "site"))
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
        else:
            copy_project(project)
            result = build(project)
        assert result.returncode == 0, result.stdout + result.stderr

    return made_once(tmp_path_factory, "real", make) / "project" / "site"


LOCAL_GROUPS_SITE_URL = "https://intranet.example.org/wellbeing/"


@pytest.fixture(scope="session")
def site_with_local_groups(tmp_path_factory) -> Path:
    """The project with the kit's data, the two made-up local groups of tests/fixtures/local-groups/, and a site_url
    (LOCAL_GROUPS_SITE_URL) so that calendars link back to their group. Built once for the run: the local groups'
    pages (tests/test_local_groups.py) and their calendar files (tests/test_open_data.py) are read from one build."""
    def make(folder: Path) -> None:
        data = shutil.copytree(ROOT / "data", folder / "data")
        for path in (data / "local-groups").glob("*.yml"):
            path.unlink()  # only the made-up groups
        for path in (FIXTURES / "local-groups").glob("*.yml"):
            shutil.copy(path, data / "local-groups" / path.name)
        project = copy_project(folder / "project", data=data)
        config = project / "mkdocs.yml"
        config.write_text(f"site_url: {LOCAL_GROUPS_SITE_URL}\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
        result = build(project)
        assert result.returncode == 0, result.stdout + result.stderr

    return made_once(tmp_path_factory, "local-groups", make) / "project" / "site"


# axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules. axe reports only the failures in full ("resultTypes"): the same
# rules run and every failure is listed with its elements, but axe skips gathering every element that passed,
# which was most of each run's time.
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
           "resultTypes": ["violations"]}


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def serve(directory: Path, prefix: str = "/", headers: dict[str, str] | None = None, not_found: str | None = None):
    """Serve `directory` on 127.0.0.1 under `prefix` (such as /wellbeing/), as a static web server would.

    Requests outside the prefix get 404, so a link that escapes a sub-path fails as it would on an intranet.
    `headers` go on every response (a Content-Security-Policy, say); `not_found` is a page sent with every 404,
    as the server settings in docs/deploy.md do with 404.html.
    Returns the server; its base URL is f"http://127.0.0.1:{server.server_port}{prefix}".
    """
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            if not path.startswith(prefix):
                return str(directory / "__outside_the_sub_path__")
            return super().translate_path("/" + path[len(prefix):])

        def end_headers(self):
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            super().end_headers()

        def send_error(self, code, message=None, explain=None):
            page = directory / not_found if not_found else None
            if code != 404 or page is None or not page.is_file():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def linkchecker(site: Path, scratch: Path, prefix: str = "/wellbeing/") -> subprocess.CompletedProcess | None:
    """LinkChecker over HTTP on `site` served under `prefix`, as a web server on an intranet serves it (None where
    LinkChecker is not installed). The server answers 404 outside the prefix, and every address on the server counts
    as internal, so a link or stylesheet that climbs out of the sub-path fails (by default LinkChecker checks only
    the addresses under the one it starts from, and a link to /help-now/ would pass unseen). Internal links only:
    CI has no internet."""
    program = Path(sys.executable).parent / "linkchecker"
    if not program.exists():
        return None
    # LinkChecker sends at most 10 requests a second unless the server answers with a "LinkChecker" header.
    server = serve(site, prefix, headers={"LinkChecker": "test server"})
    host = f"http://127.0.0.1:{server.server_port}/"
    settings = scratch / "linkcheckerrc"
    settings.write_text(f"[checking]\nmaxrequestspersecond=1000\n[filtering]\ninternlinks=^{re.escape(host)}\n")
    try:
        return subprocess.run([str(program), "--config", str(settings), "--no-status", "--no-warnings",
                               host + prefix.lstrip("/")], capture_output=True, text=True, timeout=300)
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The built site served over HTTP at the root of 127.0.0.1."""
    server = serve(built_site)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def subpath_url(built_site) -> str:
    """The same built site served under /wellbeing/, as on a hospital intranet."""
    server = serve(built_site, "/wellbeing/")
    yield f"http://127.0.0.1:{server.server_port}/wellbeing/"
    server.shutdown()


SYSTEM_CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium: Debian's where installed (CI), else Playwright's own. Never downloads one."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        options = {"headless": True, "args": ["--disable-background-networking", "--disable-component-update", "--no-first-run"]}
        if SYSTEM_CHROMIUM.exists():
            options["executable_path"] = str(SYSTEM_CHROMIUM)
        browser = p.chromium.launch(**options)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A page in a phone-sized window (390 x 844, touch)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_without_javascript(browser):
    """A phone (390 x 844, touch) with JavaScript off, as when a script fails or is blocked."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False,
                                  is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()
