"""`python -m commonroom test --site DIR` runs the suite's checks that hold for any site on that organisation's
build, and reports a page that breaks one of the site's promises; the kit's own content tests are left out.

One run of the command (slow: it builds a whole site) on a copy of examples/our-hub with a broken phone link, limited
to two of the checks so the suite's time stays small. The rest reads the kit's test files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from commonroom.site_tests import install_line, pytest_command, any_site_files, environment_for_tests

BROKEN_PAGE = """# Call the team

[Call the wellbeing team](tel:0800-WELL-BEING) at any time.
"""


@pytest.mark.slow
def test_a_broken_phone_link_on_an_organisations_page_fails_the_site_tests_naming_the_page(tmp_path):
    hub = tmp_path / "our-hub"
    shutil.copytree(ROOT / "examples" / "our-hub", hub)
    (hub / "docs").mkdir(exist_ok=True)
    (hub / "docs" / "call-the-team.md").write_text(BROKEN_PAGE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks"), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "commonroom", "test", "--site", "our-hub", "--",
                             "-m", "any_site and not browser and not slow", "-k", "tel_link or help_now"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-3000:]
    assert "1 failed, 2 passed" in output, output[-3000:]
    assert "test_every_tel_link_is_dialable" in output and "call-the-team/index.html: tel:0800-WELL-BEING" in output
    assert (hub / ".commonroom" / "test" / "site" / "call-the-team" / "index.html").is_file()
    assert not (hub / "site").exists(), "the published site is left alone"


def test_the_site_tests_are_the_promises_links_valid_html_and_axe_not_the_kits_content():
    chosen = {Path(path).name for path in any_site_files(ROOT)}
    assert {"test_site_build.py", "test_accessibility.py", "test_every_reader.py"} <= chosen
    assert "test_content_truth.py" not in chosen and "test_guides.py" not in chosen
    command = pytest_command(ROOT, browser=False, extra=["-x"])
    assert "any_site and not browser" in command and "any_site" in pytest_command(ROOT, browser=True, extra=[])
    assert "no:cacheprovider" in command and command[-1] == "-x"


def test_without_the_test_tools_the_message_names_the_kits_own_pins():
    line = install_line(ROOT)
    assert line.startswith("python -m pip install ") and "pytest==" in line and "playwright==" in line
    assert "-r" not in line.split() and "zensical" not in line


def test_the_site_tests_are_a_run_of_their_own_even_when_started_from_a_test_process():
    """Started from a parallel worker of the kit's own suite (tests/test_package.py does), the tests must not take
    the worker's name, or conftest.run_folder would share one folder among every run on the computer."""
    outer = {"PATH": "/usr/bin", "PYTEST_XDIST_WORKER": "gw1", "PYTEST_XDIST_WORKER_COUNT": "2",
             "PYTEST_CURRENT_TEST": "tests/test_package.py::x (call)", "PYTEST_ADDOPTS": "-x"}
    env = environment_for_tests(outer, Path("/hub/.commonroom/test/site"), Path("/hub"))
    assert not [name for name in env if name.startswith(("PYTEST_XDIST_", "PYTEST_CURRENT_TEST"))]
    assert env["PYTEST_ADDOPTS"] == "-x" and env["PATH"] == "/usr/bin", "the person's own settings are kept"
    assert env["COMMONROOM_BUILT_SITE"] == "/hub/.commonroom/test/site" and env["COMMONROOM_SITE_FOLDER"] == "/hub"
    assert env["PYTHONPATH"].split(os.pathsep)[0] == str(ROOT / "hooks")
