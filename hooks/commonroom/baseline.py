"""What an old-style clone of the kit came from: the release whose manifest matches its files, and the kit's own
version of a file the hospital edited.

`migrate` must tell a hospital's edit from a kit change. The release manifests (manifest.py) say which files of the
clone are still the kit's: a file whose hash is the release's is the kit's; one that differs was edited; one in no
manifest is the hospital's own. To see what an edit changed, migrate needs the kit's version of that file as the
clone had it: the running kit's file when it has not changed since that release, else the clone's own git history
(a clone made with git keeps every kit commit it came from). Git is only read, never written.

A copy older than every manifest (every deployment made before releases had them) is matched another way when
both it and the running kit are git checkouts: the newest commit the two histories share is the kit the copy was
made from, and its files are read from the copy's own history. Only with neither does migrate fall back to the
running kit's files, and say so.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from .manifest import SHIPPED, closest_release, hashes, read_manifests


@dataclass(frozen=True)
class Baseline:
    """The kit files an old-style clone is compared with: a release's manifest; or, when no manifest matches, the
    kit's files at the newest commit the clone's git history shares with the kit's; or else the running kit's own
    files (a fallback that may take the kit's changes since for edits)."""

    release: str | None  # the release whose manifest matched
    files: dict[str, str]  # {path: hash} of the kit's files as the clone had them
    kit: Path  # the running kit's folder
    clone: Path
    commit: str | None = None  # the shared commit, when the base was found in the two git histories
    bodies: dict[str, bytes] | None = None  # the kit's files at that commit

    @property
    def fallback(self) -> bool:
        """True when neither a manifest nor a shared commit was found: the running kit's files stand in."""
        return self.release is None and self.commit is None

    def original(self, rel: str) -> bytes | None:
        """The kit's version of `rel` as the clone had it, or None when it cannot be found."""
        digest = self.files.get(rel)
        if digest is None:
            return None
        if self.bodies is not None:
            return self.bodies.get(rel)
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
    if release:
        return Baseline(release, manifests[release], Path(kit), Path(clone)), clone_files, closest
    shared = shared_commit(Path(clone), Path(kit))
    if shared:
        bodies = files_at(Path(clone), shared)
        if bodies:
            files = {rel: _hash(body) for rel, body in bodies.items()}
            return Baseline(None, files, Path(kit), Path(clone), shared, bodies), clone_files, closest
    return Baseline(None, hashes(kit), Path(kit), Path(clone)), clone_files, closest


def _hash(body: bytes) -> str:
    return hashlib.sha256(body.replace(b"\r\n", b"\n")).hexdigest()


def git(folder: Path, *args: str, given: bytes | None = None) -> bytes | None:
    """A git command's output in `folder`, or None (no git, not a repository, or the command failed). Only commands
    that read are run here."""
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], input=given, capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def shared_commit(clone: Path, kit: Path, limit: int = 5000) -> str | None:
    """The newest commit of the clone's history that the kit's own git history also holds: the kit as the copy was
    made from it (or last updated it), when both are git checkouts. None otherwise."""
    top = git(kit, "rev-parse", "--show-toplevel")
    if top is None or Path(top.decode().strip()).resolve() != kit.resolve():  # not the kit's own history
        return None
    commits = (git(clone, "rev-list", f"--max-count={limit}", "HEAD") or b"").split()
    if not commits:
        return None
    found = git(kit, "cat-file", "--batch-check", given=b"\n".join(commits) + b"\n") or b""
    for line in found.decode().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1] == "commit":
            return parts[0]
    return None


def files_at(clone: Path, commit: str) -> dict[str, bytes]:
    """{path: body} of every file the kit ships, as it was at `commit` in the clone's history."""
    listed = (git(clone, "ls-tree", "-r", "--name-only", "-z", commit) or b"").decode().split("\0")
    wanted = [rel for rel in listed if rel and (rel in SHIPPED or rel.split("/", 1)[0] in SHIPPED)
              and not any(part.startswith(".") or part == "__pycache__" for part in rel.split("/"))]
    if not wanted:
        return {}
    archive = git(clone, "archive", "--format=tar", commit, "--", *sorted({r.split("/", 1)[0] for r in wanted}))
    if archive is None:
        return {}
    bodies = {}
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            if member.isfile() and member.name in wanted:
                bodies[member.name] = tar.extractfile(member).read()
    return bodies


def from_git_history(clone: Path, rel: str, digest: str, limit: int = 200) -> bytes | None:
    """The newest version of `rel` in the clone's git history whose hash is `digest`, or None (no git, not a
    repository, or no such version)."""
    commits = git(clone, "rev-list", f"--max-count={limit}", "HEAD", "--", rel)
    for commit in (commits or b"").decode().split():
        body = git(clone, "show", f"{commit}:{rel}")
        if body is not None and _hash(body) == digest:
            return body
    return None
