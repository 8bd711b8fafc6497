"""The whole build: prepare, generate, finish, into a scratch folder that replaces the site only when all three
succeed. A failed build leaves the old site whole and nothing half-built, on any computer (no make needed)."""

from __future__ import annotations

import shutil
from pathlib import Path

from .finish import finish
from .generate import generate
from .prepare import prepare
from .scratch import replace_folder


class BuildFailed(Exception):
    pass


def build(root: Path, site_dir: Path, *, engine: str = "mkdocs", offline: bool = False, strict: bool = True,
          quiet: bool = False, site: Path | None = None) -> Path:
    """Build the project at `root` into `site_dir`. Raises DataError, review.Overdue or BuildFailed. With `site`
    (an organisation's folder), its data and pages are laid over the kit's, through its own scratch folders."""
    site_dir = Path(site_dir).resolve()
    prepared = prepare(root, engine=engine, purpose="offline" if offline else "build", offline=offline, strict=strict,
                       site=site)
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
