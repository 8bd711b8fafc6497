"""The live preview (`python -m commonroom serve`, `make serve`): a saved change to a data file shows in the browser
within seconds, as docs/make-it-yours.md promises. Marked slow (it previews a whole site), so `make test-fast`
leaves it out."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import copy_project, entry_point

pytestmark = pytest.mark.slow  # each test previews a whole site of its own

START_SECONDS = 240  # the first build of a busy two-core machine
CHANGE_SECONDS = 10  # the promise: what you save shows within seconds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(condition, seconds: float, server: subprocess.Popen) -> float | None:
    """Seconds until `condition()` holds, or None if it never did within `seconds`."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if server.poll() is not None:
            return None
        if condition():
            return time.monotonic() - start
        time.sleep(0.25)
    return None


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """A preview of a scratch copy of the project, shared by this file's tests (each changes a file of its own, as
    someone editing keeps one preview open); yields (project, base URL, the server process, its log, the temporary
    folder its processes were given)."""
    tmp_path = tmp_path_factory.mktemp("preview")
    project = copy_project(tmp_path / "project")
    port = free_port()
    command, env = entry_point(project, "serve", "--dev-addr", f"127.0.0.1:{port}")
    temporary = tmp_path / "temporary"
    temporary.mkdir()
    log = open(tmp_path / "serve.log", "w")
    server = subprocess.Popen(command, cwd=project, env={**env, "TMPDIR": str(temporary)}, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield project, f"http://127.0.0.1:{port}/", server, tmp_path / "serve.log", temporary
    finally:
        stop(server)
        log.close()


def stop(server: subprocess.Popen) -> None:
    """Stop a preview as a service manager or `kill` would (TERM to the command); it stops the generator it
    started. Anything left after 30 s is ended."""
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
    if group_alive(server.pid):
        os.killpg(server.pid, signal.SIGKILL)


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
        return True
    except ProcessLookupError:
        return False


def test_a_saved_change_to_a_service_shows_in_the_preview_within_ten_seconds(preview):
    project, base, server, log, _ = preview
    page = base + "services/samaritans/"
    started = wait_for(lambda: "Talk to a trained volunteer" in (fetch(page) or ""), START_SECONDS, server)
    assert started is not None, "the preview never served the service page:\n" + log.read_text()[-3000:]
    data = project / "data" / "services" / "samaritans.yml"
    data.write_text(data.read_text(encoding="utf-8").replace(
        "Talk to a trained volunteer about anything", "Talk to a trained listener about anything"), encoding="utf-8")
    shown = wait_for(lambda: "Talk to a trained listener" in (fetch(page) or ""), CHANGE_SECONDS, server)
    assert shown is not None, f"the change did not show within {CHANGE_SECONDS} s:\n" + log.read_text()[-3000:]
    # Finish runs under the preview too: the page made from data is in place and the search index is written.
    assert "<!-- commonroom:made" not in fetch(page)
    assert fetch(base + "search/search-index.js").startswith("window.commonroomSearch(")


def test_the_preview_settles_after_a_change_instead_of_rebuilding_for_ever(preview):
    project, base, server, log, _ = preview
    page = base + "help-now/"
    assert wait_for(lambda: fetch(page) is not None, START_SECONDS, server) is not None, log.read_text()[-3000:]
    guide = project / "docs" / "help-now.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nA line added while previewing.\n", encoding="utf-8")
    assert wait_for(lambda: "A line added while previewing." in (fetch(page) or ""), CHANGE_SECONDS * 3, server) is not None
    time.sleep(8)  # long enough for a second rebuild to start, were prepare rewriting files it did not change
    builds = log.read_text().count("Building documentation")
    time.sleep(8)
    assert log.read_text().count("Building documentation") == builds, "the preview kept rebuilding:\n" + log.read_text()[-3000:]


def test_stopping_the_preview_stops_its_generator_and_leaves_no_copy_of_the_site_behind(preview):
    """Last in this file: it stops the preview the tests above shared. MkDocs serves from a temporary folder (here
    the preview's own) that it deletes only when interrupted; the preview, stopped from outside, interrupts it."""
    project, base, server, log, temporary = preview
    assert wait_for(lambda: fetch(base) is not None, START_SECONDS, server) is not None, log.read_text()[-3000:]
    assert [path.name for path in temporary.iterdir() if path.name.startswith("mkdocs_")], "MkDocs serves from here"
    server.terminate()
    server.wait(timeout=30)
    assert not group_alive(server.pid), "the generator is still running"
    assert fetch(base) is None, "the site is still served"
    assert not list(temporary.iterdir()), f"left behind: {[path.name for path in temporary.iterdir()]}"
