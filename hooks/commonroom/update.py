"""`python -m commonroom update --site DIR`: move the kit to its newest release, safely, and say what changed.

A wellbeing lead runs this, not a developer. So it tries the new release first: each organisation's site is built
with it from a copy of the organisation's folder, into a temporary folder, and only if every site builds does the
kit switch. If any fails, the kit stays on the release it had and the output says why. After switching, it runs
the release's migrations on each folder, records the release in the folder's settings (that one line), and lists
for each site: the changes in the facts it shows, its checks that still stand or no longer apply, its corrections
the kit has overtaken, its pages that replace kit pages the kit has changed, and whether the server's
Content-Security-Policy line changed (IT must update the header).

Two ways to get the new release: a git checkout of the kit (the release tags), or the package (a wheel, from a
file, a folder or the hospital's own package index, for hospitals without git). Both share everything but fetching.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .kit import running_release
from .release import TAG_PREFIX, export, git, release_tags, version_key
from .release_setting import read_kit_release, write_kit_release
from .update_report import shown_path, site_report

SCRATCH = ("site", ".commonroom", ".site.building", ".site-build")  # build output: never copied for a trial
Say = Callable[[str], None]


class UpdateStopped(Exception):
    """The update did not switch the kit: the message says why and what to do. Nothing was changed."""


@dataclass(frozen=True)
class Candidate:
    """A release to try: its number, its kit's folder and the folder its code runs from."""

    release: str
    kit: Path
    code: Path  # goes first on PYTHONPATH
    project: Path | None  # --project for its commands (None: the package finds its own kit)


@dataclass
class Trial:
    site: Path
    built: Path  # the site as the new release builds it
    migrations: list[str] = field(default_factory=list)


def child_env(code: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1"}


def run_new(candidate: Candidate, args: list[str], cwd: Path, module: str = "commonroom") -> subprocess.CompletedProcess:
    """Run the new release's own code (its migrations, its build), never this process's."""
    project = ["--project", str(candidate.project)] if candidate.project and module == "commonroom" else []
    return subprocess.run([sys.executable, "-m", module, *project, *args], cwd=cwd, capture_output=True, text=True,
                          env=child_env(candidate.code))


def tail(process: subprocess.CompletedProcess, lines: int = 25) -> str:
    text = (process.stdout + "\n" + process.stderr).strip().splitlines()
    return "\n".join(f"    {line}" for line in text[-lines:])


def migrate(candidate: Candidate, folder: Path, since: str | None) -> list[str]:
    """Run the new release's migrations on `folder`. Raises UpdateStopped if one cannot run."""
    args = ["--site", str(folder), *(["--since", since] if since else [])]
    done = run_new(candidate, args, folder.parent, module="commonroom.migrations")
    if done.returncode != 0:
        raise UpdateStopped(f"release {candidate.release} could not move {folder.name}'s files across:\n{tail(done)}")
    return [line for line in done.stdout.splitlines() if line.strip()]


def try_release(candidate: Candidate, site: Path, scratch: Path) -> Trial:
    """Build the organisation's site with the new release from a copy of its folder (migrated as the release
    would), into `scratch`. Raises UpdateStopped with the build's own words when it fails."""
    copy = scratch / "sites" / site.name
    shutil.copytree(site, copy, ignore=lambda d, names: [n for n in names if Path(d) == site and n in SCRATCH])
    migrations = migrate(candidate, copy, read_kit_release(site))
    built = scratch / "built" / site.name
    done = run_new(candidate, ["build", "--site", str(copy), "--site-dir", str(built), "--quiet"], copy.parent)
    if done.returncode != 0:
        raise UpdateStopped(f"release {candidate.release} did not build your site {site.name}:\n{tail(done)}")
    return Trial(site, built, migrations)


def tried(candidate: Candidate, sites: list[Path], scratch: Path, say: Say) -> list[Trial]:
    trials = []
    for site in sites:
        say(f"Trying release {candidate.release} with {site.name} (a copy: your folder is not touched) ...")
        trials.append(try_release(candidate, site, scratch))
    return trials


def finish(candidate: Candidate, trials: list[Trial], old_kit: Callable[[str | None], tuple[Path, str]],
           say: Say) -> None:
    """After the switch: migrate each real folder, record the release, report, and say how to rebuild."""
    for trial in trials:
        since = read_kit_release(trial.site)
        migrations = migrate(candidate, trial.site, since)
        write_kit_release(trial.site, candidate.release)
        kit_then, label = old_kit(since)
        say("")
        for line in site_report(trial.site, trial.built, kit_then, label, candidate.kit, migrations):
            say(line)
        say(f'  Recorded kit_release: "{candidate.release}" in {trial.site.name}/data/site.yml')
    say("")
    say("Next, build and publish each site with the new release:")
    for trial in trials:
        say(f"  python -m commonroom build --site {shown_path(trial.site)}")


def stopped(error: UpdateStopped, release: str, say: Say) -> int:
    say(f"The kit stays on release {release}: {error}")
    say("Nothing was changed. If a line names a file in your own folder, correct it there and run update again; "
        "otherwise send these lines to the kit's maintainers, or wait for the next release.")
    return 1


# The git path ------------------------------------------------------------------------------------------------------

def local_edits(root: Path) -> list[str]:
    """Kit files changed in the checkout (untracked files, such as an organisation's folder, are not edits)."""
    status = git(root, "status", "--porcelain", "--untracked-files=no").stdout
    return [line[3:] for line in status.splitlines() if line.strip()]


def update_git(root: Path, sites: list[Path], say: Say = print, fetch: bool = True) -> int:
    """Update the kit checkout at `root` to its newest release tag, trying every site first."""
    root = Path(root).resolve()
    if git(root, "rev-parse", "--show-toplevel", check=False).returncode != 0:
        say(f"{root} is not a git checkout of the kit. If you installed the kit as a package, update with "
            "--from and the wheel file, folder or package index address.")
        return 2
    edits = local_edits(root)
    if edits:
        say("The kit stays as it is: these kit files have been edited in this checkout:\n"
            + "\n".join(f"  {path}" for path in edits[:20])
            + "\nAn organisation's changes belong in its own folder, never in the kit's files, or the update would "
            "overwrite them. Move them into your folder with `python -m commonroom migrate` (docs/make-it-yours.md, "
            "'Moving a site made the old way'), then run update again. Nothing was changed.")
        return 1
    if fetch and git(root, "remote", check=False).stdout.strip():
        if git(root, "fetch", "--tags", "--quiet", check=False).returncode != 0:
            say("Could not reach the kit's repository (offline?): using the releases already here.")
    running = running_release()
    newer = [t for t in release_tags(root) if version_key(t) > version_key(running)]
    head = git(root, "rev-parse", "HEAD").stdout.strip()
    with tempfile.TemporaryDirectory(prefix="commonroom-update-") as scratch_name:
        scratch = Path(scratch_name)

        def old_kit(since: str | None) -> tuple[Path, str]:
            """The kit of the release the settings name, or the kit as it was before this update."""
            ref, label = (f"{TAG_PREFIX}{since}", since) if since and since in release_tags(root) else (head, running)
            return export(root, ref, scratch / "then" / label, ("data", "docs")), label

        if not newer:
            say(f"The kit is on release {running}, the newest there is.")
            current = Candidate(running, root, root / "hooks", root)
            behind = [s for s in sites if read_kit_release(s) != running]
            if not behind:
                return 0
            try:
                finish(current, tried(current, behind, scratch, say), old_kit, say)
            except UpdateStopped as error:
                return stopped(error, running, say)
            return 0
        target = newer[-1]
        tree = scratch / "release"
        git(root, "worktree", "add", "--detach", "--quiet", str(tree), f"{TAG_PREFIX}{target}")
        try:
            candidate = Candidate(target, tree, tree / "hooks", tree)
            try:
                trials = tried(candidate, sites, scratch, say)
            except UpdateStopped as error:
                return stopped(error, running, say)
        finally:
            git(root, "worktree", "remove", "--force", str(tree), check=False)
        switch(root, target)
        say(f"Every site built with release {target}: the kit is now release {target} (it was {running}).")
        try:
            finish(Candidate(target, root, root / "hooks", root), trials, old_kit, say)
        except UpdateStopped as error:  # the kit has switched; a folder's migration did not run
            say(f"The kit is on release {target}, but {error}")
            return 1
    return 0


def switch(root: Path, release: str) -> None:
    """Move the checkout to the release: fast-forward the branch when it can (a later `git pull` still works),
    otherwise check the tag out."""
    tag = f"{TAG_PREFIX}{release}"
    on_branch = git(root, "symbolic-ref", "--quiet", "HEAD", check=False).returncode == 0
    if not (on_branch and git(root, "merge", "--ff-only", "--quiet", tag, check=False).returncode == 0):
        git(root, "checkout", "--quiet", "--detach", tag)


# The package path --------------------------------------------------------------------------------------------------

WHEEL = re.compile(r"^commonroom-(?P<version>\d{4}\.\d{1,2}\.\d+)-.*\.whl$")


def download_wheel(source: str, target: Path) -> Path:
    """The newest commonroom wheel from a wheel file, a folder of wheels or a package index address, downloaded
    with pip into `target`. Raises UpdateStopped."""
    if source.endswith(".whl"):
        where = [str(Path(source).resolve())] if "://" not in source else [source]
    elif "://" in source:
        where = ["--index-url", source, "commonroom"]
    else:
        where = ["--no-index", "--find-links", str(Path(source).resolve()), "commonroom"]
    done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
                           "--quiet", "--dest", str(target), *where], capture_output=True, text=True)
    wheels = sorted((p for p in target.glob("*.whl") if WHEEL.match(p.name)),
                    key=lambda p: version_key(WHEEL.match(p.name)["version"]))
    if done.returncode != 0 or not wheels:
        raise UpdateStopped(f"no commonroom wheel found at {source}:\n{tail(done)}")
    return wheels[-1]


def unpack(wheel: Path, target: Path) -> Candidate:
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    kit = target / "commonroom" / "kit"
    if not (kit / "mkdocs.yml").is_file():
        raise UpdateStopped(f"{wheel.name} does not carry the kit (expected commonroom/kit/mkdocs.yml inside it)")
    return Candidate(WHEEL.match(wheel.name)["version"], kit, target, kit)


def update_package(source: str, sites: list[Path], kit_now: Path, say: Say = print,
                   install: list[str] | None = None) -> int:
    """Update the installed package from `source`, trying every site first. `install` adds options to pip install
    (such as --target DIR); `kit_now` is the running kit, to compare with."""
    running = running_release()
    with tempfile.TemporaryDirectory(prefix="commonroom-update-") as scratch_name:
        scratch = Path(scratch_name)
        try:
            wheel = download_wheel(source, scratch / "download")
            candidate = unpack(wheel, scratch / "release")
        except UpdateStopped as error:
            return stopped(error, running, say)
        if version_key(candidate.release) <= version_key(running):
            say(f"The kit is on release {running}; {source} has nothing newer ({candidate.release}).")
            return 0
        try:
            trials = tried(candidate, sites, scratch, say)
        except UpdateStopped as error:
            return stopped(error, running, say)
        then = scratch / "then"  # the running kit's facts and pages, kept to compare: installing replaces them
        for part in ("data", "docs"):
            shutil.copytree(kit_now / part, then / part)
        done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--upgrade", "--quiet",
                               "--disable-pip-version-check", *(install or []), str(wheel)], capture_output=True, text=True)
        if done.returncode != 0:
            return stopped(UpdateStopped(f"pip could not install {wheel.name}:\n{tail(done)}"), running, say)
        say(f"Every site built with release {candidate.release}: installed it (it was {running}).")

        def old_kit(since: str | None) -> tuple[Path, str]:
            return then, running  # the installed package carried only its own release's kit

        try:
            finish(candidate, trials, old_kit, say)
        except UpdateStopped as error:
            say(f"The kit is on release {candidate.release}, but {error}")
            return 1
    return 0
