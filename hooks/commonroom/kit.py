"""Where the kit is: the folder holding the kit's mkdocs.yml, data/, docs/, overrides/ and releases/.

The kit runs two ways. From a git checkout, that folder is the checkout (this file is in hooks/commonroom/). Installed
as a package (a wheel built from the repository, for hospitals without git), the wheel carries the same files in
commonroom/kit/, beside this file. An organisation's own folder is never inside either.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import __version__

PACKAGED = "kit"  # the kit's files inside an installed package: commonroom/kit/
CONFIG = "mkdocs.yml"


def kit_root(package_dir: Path | None = None) -> Path:
    """The kit's folder for the code in `package_dir` (default: this running copy of the package)."""
    here = Path(package_dir or Path(__file__).resolve().parent)
    packaged = here / PACKAGED
    if (packaged / CONFIG).is_file():
        return packaged
    return here.parent.parent


def running_release() -> str:
    """The release of the kit this code belongs to."""
    return __version__


def with_this_code(environment: dict[str, str]) -> dict[str, str]:
    """`environment` for a child process (the generator, whose macros import this package) that runs this same copy
    of the code first: the one built from, even where another copy is installed (a new release tried in a folder of
    its own before switching to it, say)."""
    parent = str(Path(__file__).resolve().parent.parent)
    return {**environment, "PYTHONPATH": os.pathsep.join(filter(None, [parent, environment.get("PYTHONPATH")]))}
