"""The kit release an organisation's site was last built with: `kit_release` in its data/site.yml.

`update` compares it with the newest release to say what changed since, and runs the migrations of the releases
after it. A build with another release of the kit says so (a warning, not a stop: the site still builds, so a fix
is never held up), since the organisation has not yet seen what that release changed.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

SETTING = "kit_release"
LINE = re.compile(r"^kit_release\s*:.*$", re.MULTILINE)
COMMENT = "# The kit release this site was last built with. `python -m commonroom update` rewrites this line.\n"


def settings_file(folder: Path) -> Path:
    return Path(folder) / "data" / "site.yml"


def read_kit_release(folder: Path) -> str | None:
    """The release the organisation's settings name, or None when they name none (a site made before releases)."""
    path = settings_file(folder)
    if not path.is_file():
        return None
    settings = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    value = settings.get(SETTING) if isinstance(settings, dict) else None
    return str(value) if value is not None else None


def with_kit_release(text: str, release: str) -> str:
    """The settings' text with only its kit_release line rewritten (added at the end if it has none): every
    other line and comment is the organisation's and stays as it is."""
    line = f'{SETTING}: "{release}"'
    if LINE.search(text):
        return LINE.sub(line, text, count=1)
    return text + ("" if not text or text.endswith("\n") else "\n") + COMMENT + line + "\n"


def write_kit_release(folder: Path, release: str) -> None:
    path = settings_file(folder)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(with_kit_release(text, release), encoding="utf-8", newline="")


def release_mismatch(named: str | None, running: str, label: str) -> str | None:
    """What a build says when the settings name another release than the running kit's (None when they agree)."""
    if named is None or named == running:
        return None
    return (f'{label}: kit_release is "{named}" but this kit is release {running}: the site is built with the kit '
            f"as it is now. To see what changed in the facts your site shows, and to record the release, run: "
            f"python -m commonroom update --site {Path(label).parts[0]}")
