"""`python -m commonroom release VERSION`: cut a kit release, for the kit's maintainers.

A release is what hospitals take with `update`: the git tag v<VERSION>, a wheel of that number, the manifest of its
files' hashes (releases/<VERSION>.json, manifest.py) and a CHANGELOG.md section listing the fact changes since the
previous release (fact_changes.py), so a wellbeing lead can read what changed in the numbers before taking it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .fact_changes import fact_changes, read_kit_facts
from .manifest import write_manifest
from .release_setting import with_kit_release

VERSION = re.compile(r"^(\d{4})\.(\d{1,2})\.(\d+)$")
TAG_PREFIX = "v"
CHANGELOG = "CHANGELOG.md"
INIT = Path("hooks") / "commonroom" / "__init__.py"
HEAD = """\
# Changes to the kit's facts

Each release of Common Room lists here what changed in its services, emergency numbers and help-now page since the
release before. `python -m commonroom update --site DIR` prints the same list, limited to the facts DIR's site shows.

**Cutting a release** (for the kit's maintainers; numbers are YEAR.MONTH.PATCH):

1. On an up-to-date main with no local changes, and `make test` passing, run
   `python -m commonroom release 2027.6.0`. It sets `__version__`, writes `releases/2027.6.0.json` (the hash of
   every file the kit ships) and adds the release's section below, from the facts changed since the previous
   release's tag. Read the section: hospitals read it.
2. Commit and tag as it prints (or add `--tag` to do both), then `git push origin main v2027.6.0`.
3. Build the wheel of the same number (`python -m pip wheel --no-deps -w dist .`) and publish it where hospitals
   without git install from.
"""


class ReleaseError(Exception):
    """The release cannot be cut as asked: the message says why."""


@dataclass(frozen=True)
class Release:
    version: str
    previous: str | None
    section: str
    manifest: Path
    tag_command: str


def version_key(version: str) -> tuple[int, int, int]:
    match = VERSION.match(version)
    if not match:
        raise ReleaseError(f'"{version}" is not a release number (expected YEAR.MONTH.PATCH, such as 2027.6.0)')
    return int(match[1]), int(match[2]), int(match[3])


def git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=check)


def release_tags(root: Path) -> list[str]:
    """The release numbers tagged in the kit's git repository at `root`, oldest first."""
    found = git(root, "tag", "--list", f"{TAG_PREFIX}*", check=False).stdout.split()
    versions = [t[len(TAG_PREFIX):] for t in found if VERSION.match(t[len(TAG_PREFIX):])]
    return sorted(versions, key=version_key)


def export(root: Path, ref: str, target: Path, parts: tuple[str, ...] = ("data",)) -> Path:
    """The folders `parts` of the kit at `ref` (a release tag or a commit), written under `target` without touching
    the checkout: data/ is enough for fact_changes."""
    archive = subprocess.run(["git", "archive", "--format=tar", ref, *parts], cwd=root, capture_output=True,
                             check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def changelog_section(version: str, previous: str | None, body: str, on: dt.date) -> str:
    return f"## {version} ({on.isoformat()})\n\n{body.rstrip()}\n"


def first_release_body(root: Path) -> str:
    facts = read_kit_facts(root)
    return (f"First tagged release: the kit's facts as its maintainers checked them by this date "
            f"({len(facts.services)} services, {len(facts.numbers)} emergency numbers). "
            "Later releases list what changed since the one before.\n")


def with_section(text: str, version: str, section: str) -> str:
    """CHANGELOG.md with the release's section first under the head (replacing an earlier one for the same
    release, so running the command again does not list it twice)."""
    text = text or HEAD
    text = re.sub(rf"^## {re.escape(version)} \(.*?(?=^## |\Z)", "", text, flags=re.MULTILINE | re.DOTALL)
    first = re.search(r"^## ", text, flags=re.MULTILINE)
    at = first.start() if first else len(text)
    head = text[:at].rstrip("\n") + "\n\n"
    rest = text[at:]
    return head + section + ("\n" + rest if rest else "")


def set_version(root: Path, version: str) -> None:
    path = root / INIT
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(r'^__version__ = "[^"]*"$', f'__version__ = "{version}"', text, flags=re.MULTILINE)
    if count != 1:
        raise ReleaseError(f"{path}: expected one line __version__ = \"...\" to set")
    path.write_text(new, encoding="utf-8")


def cut_release(root: Path, version: str, on: dt.date, tag: bool = False) -> Release:
    """Cut release `version` of the kit checkout at `root`. Raises ReleaseError."""
    root = Path(root).resolve()
    version_key(version)
    tags = release_tags(root)
    if version in tags:
        raise ReleaseError(f"{TAG_PREFIX}{version} is already tagged: choose the next number (newest: {tags[-1]})")
    earlier = [t for t in tags if version_key(t) < version_key(version)]
    if tags and not earlier:
        raise ReleaseError(f"{version} is older than every tagged release (newest: {tags[-1]})")
    previous = earlier[-1] if earlier else None
    if previous is None:
        body = first_release_body(root)
    else:
        with tempfile.TemporaryDirectory(prefix="commonroom-release-") as scratch:
            body = fact_changes(export(root, f"{TAG_PREFIX}{previous}", Path(scratch)), root).markdown()
            body = f"Changes since {previous}:\n\n{body}"
    section = changelog_section(version, previous, body, on)
    changelog = root / CHANGELOG
    changelog.write_text(with_section(changelog.read_text(encoding="utf-8") if changelog.exists() else "",
                                      version, section), encoding="utf-8")
    set_version(root, version)
    for example in sorted((root / "examples").glob("*/data/site.yml")):  # the kit's own examples name its release
        example.write_text(with_kit_release(example.read_text(encoding="utf-8"), version), encoding="utf-8")
    manifest = write_manifest(root, version)
    message = f"Release {version}"
    written = [CHANGELOG, INIT.as_posix(), f"releases/{version}.json",
               *(p.relative_to(root).as_posix() for p in sorted((root / "examples").glob("*/data/site.yml")))]
    tag_command = (f'git add {" ".join(written)} && git commit -m "{message}" && '
                   f'git tag -a {TAG_PREFIX}{version} -m "{message}"')
    if tag:
        git(root, "add", *written)
        if git(root, "diff", "--cached", "--quiet", check=False).returncode != 0:
            git(root, "commit", "-q", "-m", message)
        git(root, "tag", "-a", f"{TAG_PREFIX}{version}", "-m", message)
    return Release(version, previous, section, manifest, tag_command)
