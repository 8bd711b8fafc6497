"""Step two of three: run the chosen generator on the prepared tree, as a separate program.

None of the steps imports a generator: this one starts it (`python -m mkdocs build`, or zensical) on the
configuration prepare wrote, and tells it where the prepared folder is (macros read the checked data from it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .kit import with_this_code
from .engines import build_command, built_site, check_installed, serve_command
from .prepared import ENVIRONMENT, Prepared


def environment(prepared: Prepared) -> dict[str, str]:
    return with_this_code({**os.environ, ENVIRONMENT: str(prepared.root), "NO_MKDOCS_2_WARNING": "1"})


def generate(prepared: Prepared, engine: str, site_dir: Path, strict: bool = True, quiet: bool = False) -> int:
    """Build the prepared tree into `site_dir`; the generator's own messages go to the terminal. Its exit status."""
    check_installed(engine)
    built = built_site(engine, prepared.root, site_dir)
    if built != Path(site_dir):
        shutil.rmtree(built, ignore_errors=True)  # nothing left from an earlier build
    command = build_command(engine, prepared.config_file, site_dir, strict, quiet)
    status = subprocess.run(command, env=environment(prepared), cwd=prepared.root).returncode
    if status == 0 and built != Path(site_dir):
        shutil.rmtree(site_dir, ignore_errors=True)
        shutil.move(built, site_dir)
    return status


def start_preview(prepared: Prepared, engine: str, dev_addr: str) -> subprocess.Popen:
    """The generator's own preview server on the prepared tree: it rebuilds when prepare changes a file there."""
    return subprocess.Popen(serve_command(engine, prepared.config_file, dev_addr), env=environment(prepared),
                            cwd=prepared.root)
