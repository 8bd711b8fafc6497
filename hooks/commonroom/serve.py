"""The live preview: the generator's own server on the prepared tree, and prepare run again whenever a data file,
a written page, a template or mkdocs.yml changes. Prepare rewrites only the files whose bytes change, so the
server rebuilds once per edit and never loops; finish runs after each rebuild (hooks/preview.py)."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from .generate import start_preview
from .loading import DataError
from .prepare import prepare
from .prepared import Prepared
from .project import CONFIG, Project
from .review import Overdue

log = logging.getLogger("commonroom.serve")
POLL_SECONDS = 0.5
STOP_SECONDS = 10  # for the generator to stop and tidy up


def snapshot(paths: list[Path], skip: tuple[Path, ...] = ()) -> dict[str, tuple[int, int]]:
    """Every file under `paths` (but not under `skip`) with its modification time and size: two differ when
    something was saved."""
    seen = {}
    for root in paths:
        if root.is_file():
            stat = root.stat()
            seen[str(root)] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"
                       and Path(folder, d) not in skip]
            for name in files:
                try:
                    stat = os.stat(os.path.join(folder, name))
                except FileNotFoundError:
                    continue
                seen[os.path.join(folder, name)] = (stat.st_mtime_ns, stat.st_size)
    return seen


def prepare_for_preview(root: Path, engine: str, dev_addr: str, rebuild_all: bool = False,
                        site: Path | None = None) -> bool:
    """Prepare again; a problem is shown and the preview keeps the last good site until it is fixed."""
    try:
        prepare(root, engine=engine, purpose="serve", strict=False, dev_addr=dev_addr, rebuild_all=rebuild_all,
                site=site)
        return True
    except (DataError, Overdue, ValueError) as error:
        log.error("%s", error)
        return False


def serve(root: Path, engine: str = "mkdocs", dev_addr: str = "127.0.0.1:8000",
          stop: Callable[[], bool] = lambda: False, site: Path | None = None) -> int:
    """Preview the kit's site, or with `site` an organisation's: then every file of its folder is watched too (but
    not its built site/ or its scratch folders)."""
    project = Project.at(root, site)
    watched = [project.data, project.kit_docs, project.overrides, project.root / CONFIG]
    skip: tuple[Path, ...] = ()
    if project.site is not None:
        watched.append(project.site)
        skip = (project.site / "site",)
    before = snapshot(watched, skip)
    if not prepare_for_preview(project.root, engine, dev_addr, site=project.site):
        return 1
    server = start_preview(Prepared(project.prepared("serve")), engine, dev_addr)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped from outside: stop the server too
    interrupted = False
    try:
        while server.poll() is None and not stop():
            time.sleep(POLL_SECONDS)
            now = snapshot(watched, skip)
            if now != before:
                changed = {path for path in now.keys() | before.keys() if now.get(path) != before.get(path)}
                before = now
                log.info("A source file changed: preparing the site again")
                # An edit to data/ changes the pages made from it (prepare knows which); any other edit (a written
                # page, a template, mkdocs.yml) may change the navigation or the frame of every page.
                data_folders = [project.data] + ([project.site / "data"] if project.site is not None else [])
                only_data = all(any(Path(path).is_relative_to(f) for f in data_folders) for path in changed)
                prepare_for_preview(project.root, engine, dev_addr, rebuild_all=not only_data, site=project.site)
    except KeyboardInterrupt:
        interrupted = True  # Ctrl+C in the terminal reaches the generator too
    finally:
        stop_generator(server, interrupted)
    return 0


def stop_generator(server: subprocess.Popen, interrupted: bool) -> None:
    """Stop the generator's preview as Ctrl+C does, so that it tidies up: MkDocs serves from a temporary folder that
    it deletes only when interrupted, and ended any other way it leaves a copy of the site behind each time. If
    Ctrl+C already reached it, it is given time to finish; if it does not stop, it is ended. (Windows cannot send
    an interrupt to one process: there it is ended.)"""
    signals = [None] if interrupted else []  # None: first wait, for the interrupt it already had
    signals += [signal.SIGINT] if os.name == "posix" else []
    for sent in [*signals, signal.SIGTERM]:
        if sent is not None:
            server.send_signal(sent)  # nothing, if it has stopped
        try:
            server.wait(timeout=STOP_SECONDS)
            return
        except subprocess.TimeoutExpired:
            pass
    server.kill()
    server.wait()
