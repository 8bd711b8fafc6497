"""What an old-style clone of the kit came from: the release whose manifest matches its files, and the kit's own
version of a file the hospital edited.

`migrate` must tell a hospital's edit from a kit change. The release manifests (manifest.py) say which files of the
clone are still the kit's: a file whose hash is the release's is the kit's; one that differs was edited; one in no
manifest is the hospital's own. To see what an edit changed, migrate needs the kit's version of that file as the
clone had it: the running kit's file when it has not changed since that release, else the clone's own git history
(a clone made with git keeps every kit commit it came from). Git is only read, never written.
"""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .manifest import closest_release, hashes, read_manifests


@dataclass(frozen=True)
class Baseline:
    """The kit files an old-style clone is compared with: a release's manifest, or (when no manifest matches) the
    running kit's own files."""

    release: str | None  # None: no manifest matched, so the running kit's files stand in
    files: dict[str, str]  # {path: hash} of the kit's files as the clone had them
    kit: Path  # the running kit's folder
    clone: Path

    def original(self, rel: str) -> bytes | None:
        """The kit's version of `rel` as the clone had it, or None when it cannot be found."""
        digest = self.files.get(rel)
        if digest is None:
            return None
        running = self.kit / rel
        if running.is_file() and _hash(running.read_bytes()) == digest:
            return running.read_bytes()
        return from_git_history(self.clone, rel, digest)


# A copy made from a release still has most of that release's files as it shipped them: a hospital edits a few
# settings, records and pages. A copy of a kit older than every manifest shares fewer (in the kit's own history, a
# copy from a week before the first manifest shared about half), and comparing it with that release would take
# every kit change since for a hospital's edit.
MATCH_SHARE = 0.8


def match_share(files: dict[str, str], listed: dict[str, str]) -> tuple[int, int]:
    """(how many of the clone's files the manifest lists are as it lists them, how many it lists)."""
    shared = [rel for rel in files if rel in listed]
    return sum(1 for rel in shared if files[rel] == listed[rel]), len(shared)


def find_baseline(clone: Path, kit: Path) -> tuple[Baseline, dict[str, str], str | None]:
    """The baseline for `clone`, the clone's own {path: hash}, and (when no release matches well enough) the
    closest one with how much of it matched, for the report."""
    clone_files = hashes(clone)
    manifests = read_manifests(kit)
    release = closest_release(clone_files, manifests)
    closest = None
    if release:
        same, listed = match_share(clone_files, manifests[release])
        if same < MATCH_SHARE * listed:
            closest, release = f"{release}, with {same} of its {listed} files as it shipped them", None
    files = manifests[release] if release else hashes(kit)
    return Baseline(release, files, Path(kit), Path(clone)), clone_files, closest


def _hash(body: bytes) -> str:
    return hashlib.sha256(body.replace(b"\r\n", b"\n")).hexdigest()


def from_git_history(clone: Path, rel: str, digest: str, limit: int = 200) -> bytes | None:
    """The newest version of `rel` in the clone's git history whose hash is `digest`, or None (no git, not a
    repository, or no such version)."""
    def git(*args: str) -> bytes | None:
        try:
            done = subprocess.run(["git", "-C", str(clone), *args], capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout if done.returncode == 0 else None

    commits = git("rev-list", f"--max-count={limit}", "HEAD", "--", rel)
    for commit in (commits or b"").decode().split():
        body = git("show", f"{commit}:{rel}")
        if body is not None and _hash(body) == digest:
            return body
    return None
