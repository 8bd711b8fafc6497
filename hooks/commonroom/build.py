"""The whole build: prepare, generate, finish, into a scratch folder that replaces the site only when all three
succeed. A failed build leaves the old site whole and nothing half-built, on any computer (no make needed).

Each step runs in a process of its own (prepare and the generator as child processes, finish here), so the memory
one step holds (all the checked data, say) is given back before the next starts: a directory of thousands of
services builds in no more memory than its largest step needs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .finish import finish
from .generate import generate
from .prepared import Prepared
from .project import Project
from .scratch import replace_folder

PACKAGE_PARENT = str(Path(__file__).resolve().parent.parent)  # so the child runs this same copy of the code


class BuildFailed(Exception):
    """The build stopped; the step that stopped it has already said why (an empty message adds nothing)."""


def prepare_apart(root: Path, engine: str, offline: bool, strict: bool, quiet: bool) -> Prepared:
    """Run prepare (`python -m commonroom prepare`) as a child process; its messages go to this terminal."""
    command = [sys.executable, "-m", "commonroom", "--project", str(root), "prepare", "--engine", engine,
               *(["--offline"] if offline else []), *([] if strict else ["--no-strict"]), *(["--quiet"] if quiet else [])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [PACKAGE_PARENT, os.environ.get("PYTHONPATH")]))}
    if subprocess.run(command, cwd=root, env=env).returncode != 0:
        raise BuildFailed("")
    return Prepared(Project.at(root).prepared("offline" if offline else "build"))


def build(root: Path, site_dir: Path, *, engine: str = "mkdocs", offline: bool = False, strict: bool = True,
          quiet: bool = False) -> Path:
    """Build the project at `root` into `site_dir`. Raises BuildFailed."""
    site_dir = Path(site_dir).resolve()
    prepared = prepare_apart(root, engine, offline, strict, quiet)
    scratch = site_dir.with_name(f".{site_dir.name}.building")
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        if generate(prepared, engine, scratch, strict=strict, quiet=quiet) != 0:
            raise BuildFailed(f"The site was not built: {engine} stopped (see its messages above).")
        finish(scratch, prepared)
        replace_folder(scratch, site_dir)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return site_dir

