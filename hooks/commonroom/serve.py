"""The live preview: the generator's own server on the prepared tree, and prepare run again whenever a data file,
a written page, a template or mkdocs.yml changes. Prepare rewrites only the files whose bytes change, so the
server rebuilds once per edit and never loops; finish runs after each rebuild (hooks/preview.py)."""

from __future__ import annotations

import logging
import os
import signal
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


def snapshot(paths: list[Path]) -> dict[str, tuple[int, int]]:
    """Every file under `paths` with its modification time and size: two differ when something was saved."""
    seen = {}
    for root in paths:
        if root.is_file():
            stat = root.stat()
            seen[str(root)] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"]
            for name in files:
                try:
                    stat = os.stat(os.path.join(folder, name))
                except FileNotFoundError:
                    continue
                seen[os.path.join(folder, name)] = (stat.st_mtime_ns, stat.st_size)
    return seen


def prepare_for_preview(root: Path, engine: str, dev_addr: str, rebuild_all: bool = False) -> bool:
    """Prepare again; a problem is shown and the preview keeps the last good site until it is fixed."""
    try:
        prepare(root, engine=engine, purpose="serve", strict=False, dev_addr=dev_addr, rebuild_all=rebuild_all)
        return True
    except (DataError, Overdue, ValueError) as error:
        log.error("%s", error)
        return False


def serve(root: Path, engine: str = "mkdocs", dev_addr: str = "127.0.0.1:8000",
          stop: Callable[[], bool] = lambda: False) -> int:
    project = Project.at(root)
    watched = [project.data, project.docs, project.overrides, project.root / CONFIG]
    before = snapshot(watched)
    if not prepare_for_preview(project.root, engine, dev_addr):
        return 1
    server = start_preview(Prepared(project.prepared("serve")), engine, dev_addr)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped from outside: stop the server too
    try:
        while server.poll() is None and not stop():
            time.sleep(POLL_SECONDS)
            now = snapshot(watched)
            if now != before:
                changed = {path for path in now.keys() | before.keys() if now.get(path) != before.get(path)}
                before = now
                log.info("A source file changed: preparing the site again")
                # An edit to data/ changes the pages made from it (prepare knows which); any other edit (a written
                # page, a template, mkdocs.yml) may change the navigation or the frame of every page.
                only_data = all(Path(path).is_relative_to(project.data) for path in changed)
                prepare_for_preview(project.root, engine, dev_addr, rebuild_all=not only_data)
    except KeyboardInterrupt:
        pass
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)
    return 0
