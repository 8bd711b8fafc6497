"""A release's manifest: the hash of every file the kit ships, so a tool can tell a hospital's edit from a kit change.

Each release writes releases/<release>.json and keeps every earlier one, so the newest kit knows the files of every
release before it. A file is hashed with its line endings made LF first: a Windows checkout that turned them into
CRLF has not edited the file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

SHIPPED = ("mkdocs.yml", "data", "docs", "overrides")  # what the kit ships that an old-style clone might have edited
FOLDER = "releases"


def file_hash(path: Path) -> str:
    """sha256 of the file's bytes with CRLF read as LF."""
    return hashlib.sha256(Path(path).read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def shipped_files(root: Path) -> dict[str, Path]:
    """Every file the kit ships under `root`, by its /-separated path (hidden files and caches left out)."""
    root = Path(root)
    found: dict[str, Path] = {}
    for part in SHIPPED:
        top = root / part
        if top.is_file():
            found[part] = top
            continue
        for parent, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
            for name in sorted(files):
                if not name.startswith("."):
                    path = Path(parent) / name
                    found[path.relative_to(root).as_posix()] = path
    return dict(sorted(found.items()))


def hashes(root: Path) -> dict[str, str]:
    """{path: hash} of every file the kit ships under `root`."""
    return {rel: file_hash(path) for rel, path in shipped_files(root).items()}


def write_manifest(root: Path, release: str) -> Path:
    """Write releases/<release>.json for the kit at `root`; returns its path."""
    path = Path(root) / FOLDER / f"{release}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"release": release, "files": hashes(root)}
    path.write_text(json.dumps(body, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return path


def read_manifests(root: Path) -> dict[str, dict[str, str]]:
    """{release: {path: hash}} for every manifest the kit at `root` ships."""
    folder = Path(root) / FOLDER
    manifests = {}
    for path in sorted(folder.glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))
        manifests[body["release"]] = body["files"]
    return manifests


def closest_release(files: dict[str, str], manifests: dict[str, dict[str, str]]) -> str | None:
    """The release whose manifest matches the most of `files` ({path: hash}), or None when none matches any."""
    best, best_count = None, 0
    for release, listed in manifests.items():
        count = sum(1 for rel, digest in files.items() if listed.get(rel) == digest)
        if count > best_count:
            best, best_count = release, count
    return best
