"""Taking a kit update (python -m commonroom release|update): a hospital customises everything docs/make-it-yours.md
describes in its own folder; the kit's maintainers cut a later release that re-checks every record, changes a
number, adds, closes and removes services, changes an emergency number and a page the hospital replaces; `update`
takes it with no conflict, says what changed, carries over the checks the kit did not void and flags the rest. A
release that does not build the hospital's site is refused, and the kit stays where it was.

The journeys share one kit repository and one hospital clone (a module fixture, marked slow): one trial build per
site and update, which is the build the release must pass before the kit moves to it. The rest is data in, result
out."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from commonroom.kit import running_release
from commonroom.migrations import run_migrations
from commonroom.new_site import new_site
from commonroom.release import with_section
from commonroom.release_setting import read_kit_release, release_mismatch, with_kit_release
from commonroom.schema import schema_errors
from commonroom.update import update_git
from commonroom.update_report import policy_lines
from test_organisation_site import TEAM, hospital

KIT_PARTS = ("mkdocs.yml", "pyproject.toml", "setup.py", "MANIFEST.in", "Makefile", "requirements.txt",
             "requirements-test.txt", ".gitignore", "docs", "overrides", "hooks", "data", "releases", "examples")
GIT_ENV = {"GIT_AUTHOR_NAME": "Kit maintainers", "GIT_AUTHOR_EMAIL": "kit@example.org",
           "GIT_COMMITTER_NAME": "Kit maintainers", "GIT_COMMITTER_EMAIL": "kit@example.org"}
FIRST, SECOND, BROKEN = "2026.12.0", "2026.12.1", "2026.12.2"


# Data in, result out ------------------------------------------------------------------------------------------------

def test_update_rewrites_only_the_kit_release_line_keeping_comments():
    text = '# our settings\nregions: [GB-ENG]  # England\nkit_release: "2026.12.0"\n# end\n'
    assert with_kit_release(text, "2027.6.0") == '# our settings\nregions: [GB-ENG]  # England\nkit_release: "2027.6.0"\n# end\n'
    added = with_kit_release("regions: [GB-ENG]", "2027.6.0")
    assert added.startswith("regions: [GB-ENG]\n#") and added.endswith('kit_release: "2027.6.0"\n')


def test_new_site_names_the_running_release_and_the_schema_takes_only_release_numbers(tmp_path):
    new_site(tmp_path / "hub", ROOT)
    assert read_kit_release(tmp_path / "hub") == running_release()
    schemas = ROOT / "data" / "schema"
    assert not list(schema_errors("organisation-site", {"kit_release": "2026.12.0"}, schemas))
    assert list(schema_errors("organisation-site", {"kit_release": "latest"}, schemas))


def test_a_build_with_another_release_than_the_settings_name_says_so():
    assert release_mismatch("2026.12.0", "2026.12.0", "our-hub/data/site.yml") is None
    assert release_mismatch(None, "2026.12.0", "our-hub/data/site.yml") is None
    message = release_mismatch("2026.12.0", "2027.6.0", "our-hub/data/site.yml")
    assert message.startswith('our-hub/data/site.yml: kit_release is "2026.12.0" but this kit is release 2027.6.0')
    assert "python -m commonroom update --site our-hub" in message


def test_migrations_run_only_for_releases_after_the_settings_one(tmp_path):
    ran = []
    migrations = [("2027.6.0", "renamed a setting", lambda folder: ran.append("a") or ["data/site.yml: a -> b"]),
                  ("2026.12.1", "moved a file", lambda folder: ran.append("b") or []),
                  ("2028.1.0", "not yet", lambda folder: ran.append("c") or [])]
    lines = run_migrations(tmp_path, "2026.12.1", "2027.6.0", migrations)
    assert ran == ["a"] and lines == ["2027.6.0: renamed a setting\n    data/site.yml: a -> b"]
    assert run_migrations(tmp_path, None, "2027.6.0", migrations) == ["2026.12.1: moved a file", lines[0]]


def test_a_changelog_section_goes_first_and_a_rerun_replaces_it():
    text = with_section("", "2026.12.0", "## 2026.12.0 (2026-12-03)\n\nFirst.\n")
    text = with_section(text, "2026.12.1", "## 2026.12.1 (2026-12-10)\n\nSecond.\n")
    text = with_section(text, "2026.12.1", "## 2026.12.1 (2026-12-11)\n\nSecond, again.\n")
    assert text.startswith("# Changes to the kit's facts")
    assert text.count("## 2026.12.1") == 1 and text.index("Second, again.") < text.index("## 2026.12.0")


def test_the_report_says_when_the_servers_policy_line_changes(tmp_path):
    site, built = tmp_path / "our-hub", tmp_path / "built"
    for folder, line in ((site / "site", "default-src 'self'"), (built, "default-src 'self'; img-src 'self' data:")):
        (folder / "deploy").mkdir(parents=True)
        (folder / "deploy" / "csp.txt").write_text(line + "\n", encoding="utf-8")
    lines = policy_lines(site, built)
    assert "CHANGED" in lines[0] and "our-hub/site/deploy/csp.txt" in lines[0]
    assert lines[1].strip() == "default-src 'self'; img-src 'self' data:"
    (built / "deploy" / "csp.txt").write_text("default-src 'self'\n", encoding="utf-8")
    assert "unchanged" in policy_lines(site, built)[0]


def test_update_refuses_a_kit_checkout_with_edited_kit_files_and_changes_nothing(tmp_path):
    kit = tmp_path / "kit"
    (kit / "data").mkdir(parents=True)
    (kit / "data" / "site.yml").write_text("regions: [GB]\n", encoding="utf-8")
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "kit"]):
        subprocess.run(["git", *args], cwd=kit, check=True, env=env)
    (kit / "data" / "site.yml").write_text("regions: [GB-ENG]\n", encoding="utf-8")
    said = []
    assert update_git(kit, [tmp_path / "our-hub"], say=said.append, fetch=False) == 1
    assert "data/site.yml" in said[0] and "python -m commonroom migrate" in said[0] and "Nothing was changed" in said[0]
    assert (kit / "data" / "site.yml").read_text(encoding="utf-8") == "regions: [GB-ENG]\n"


def test_update_asks_for_a_folder_with_data_and_takes_target_only_with_from(tmp_path, capsys):
    from commonroom.__main__ import main
    with pytest.raises(SystemExit):
        main(["--project", str(ROOT), "update", "--site", str(tmp_path)])
    assert "is not an organisation's folder" in capsys.readouterr().err
    (tmp_path / "data").mkdir()
    with pytest.raises(SystemExit):
        main(["--project", str(ROOT), "update", "--site", str(tmp_path), "--target", str(tmp_path / "t")])
    assert "--target goes with --from" in capsys.readouterr().err


# The journey --------------------------------------------------------------------------------------------------------

def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}).stdout


def commonroom(repo: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """`python -m commonroom` with the code of the kit checkout `repo`, as a person runs it there."""
    return subprocess.run([sys.executable, "-m", "commonroom", *args], cwd=repo, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **GIT_ENV, "PYTHONPATH": str(repo / "hooks"),
                                                "NO_MKDOCS_2_WARNING": "1"})


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def recheck_everything(kit: Path, on: dt.date) -> None:
    """What the maintainers' cadence does: every record checked again, nothing else changed."""
    due = (on + dt.timedelta(days=182)).isoformat()
    for path in [*(kit / "data" / "services").glob("*.yml"), *(kit / "data" / "emergency-numbers").glob("*.yml")]:
        text = re.sub(r'^verified_on: .*$', f'verified_on: "{on.isoformat()}"', path.read_text(encoding="utf-8"),
                      flags=re.MULTILINE)
        path.write_text(re.sub(r'^review_due: .*$', f'review_due: "{due}"', text, flags=re.MULTILINE), encoding="utf-8")


def folder_state(folder: Path) -> dict[str, str]:
    """Every file of the organisation's folder but build output, by its hash."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.relative_to(folder).parts[0] not in ("site", ".commonroom")}


@pytest.fixture(scope="module")
def journey(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("kit-update")
    kit, clone = base / "kit", base / "hospital-kit"
    for part in KIT_PARTS:
        source = ROOT / part
        if not source.exists():
            continue
        if source.is_dir():
            shutil.copytree(source, kit / part, ignore=shutil.ignore_patterns("__pycache__", ".commonroom", "site"))
        else:
            kit.mkdir(exist_ok=True)
            shutil.copy2(source, kit / part)
    edit(kit / "hooks" / "commonroom" / "__init__.py", f'__version__ = "{running_release()}"', '__version__ = "2026.11.0"')
    git(kit, "init", "-q", "-b", "main")
    git(kit, "add", "-A")
    git(kit, "commit", "-qm", "The kit")
    first = commonroom(kit, "release", FIRST, "--tag")
    assert first.returncode == 0, first.stderr
    git(base, "clone", "-q", str(kit), str(clone))

    # The hospital: everything docs/make-it-yours.md describes, in its own folder, and a check of an emergency
    # number and a correction, both through the commands.
    site = hospital(base / "our-hub")
    edit(site / "data" / "site.yml", "help_now:", 'kit_release: "2026.12.0"\nhelp_now:')
    for record in ("emergency-numbers/gb-999", "services/shout"):
        done = commonroom(clone, "record-check", "--site", str(site), record, "--by", TEAM, "--how", "live page")
        assert done.returncode == 0, done.stderr
    from commonroom.recording import record_override
    record_override(clone / "data", site, "services/shout", {"alert": "Our switchboard can put you through too."},
                    "Local route", TEAM, "phone call to the service", dt.date.today())
    before = folder_state(site)

    # The kit's next release.
    recheck_everything(kit, dt.date.today())
    edit(kit / "data" / "services" / "shout.yml", "value: '85258'" if "value: '85258'" in
         (kit / "data" / "services" / "shout.yml").read_text(encoding="utf-8") else "value: \"85258\"", 'value: "85259"')
    edit(kit / "data" / "emergency-numbers" / "gb-999.yml", 'number: "999"', 'number: "112"')
    edit(kit / "data" / "services" / "laura-hyde-foundation.yml", "\nsummary:", "\nstatus: inactive\nsummary:")
    (kit / "data" / "services" / "unison-there-for-you.yml").unlink()
    new = (kit / "data" / "services" / "cavell-nurses-trust.yml").read_text(encoding="utf-8")
    (kit / "data" / "services" / "example-national-line.yml").write_text(
        re.sub(r"^name: .*$", "name: Example National Line", new, flags=re.MULTILINE), encoding="utf-8")
    with open(kit / "docs" / "privacy.md", "a", encoding="utf-8") as page:
        page.write("\nThe kit's privacy page has a new paragraph.\n")
    git(kit, "add", "-A")
    git(kit, "commit", "-qm", "Re-checked every record; new and closed services")
    second = commonroom(kit, "release", SECOND, "--tag")
    assert second.returncode == 0, second.stderr

    second_site = base / "southbank"  # a second organisation built from the same kit: new-site's starter
    new_site(second_site, ROOT)
    update = commonroom(clone, "update", "--site", str(site), "--site", str(second_site))
    after = folder_state(site)
    release_after_update = git(clone, "describe", "--tags").strip()
    running_after_update = (clone / "hooks" / "commonroom" / "__init__.py").read_text(encoding="utf-8")

    # A release with bad data: the hospital's update must refuse it.
    edit(kit / "data" / "services" / "samaritans.yml", "kind: phone", "kind: telephone")
    git(kit, "commit", "-qam", "A typo")
    assert commonroom(kit, "release", BROKEN, "--tag").returncode == 0
    refused = commonroom(clone, "update", "--site", str(site))
    return {"kit": kit, "clone": clone, "site": site, "before": before, "after": after, "update": update,
            "running_after_update": running_after_update, "refused": refused, "release_after_update": release_after_update, "second_site": second_site, "after_refusal": folder_state(site), "changelog": second.stdout}


@pytest.mark.slow
def test_update_takes_a_release_with_no_conflict_and_the_site_builds(journey):
    update = journey["update"]
    assert update.returncode == 0, update.stdout + update.stderr
    assert "the kit is now release 2026.12.1 (it was 2026.12.0)" in update.stdout
    assert journey["release_after_update"] == "v2026.12.1"
    assert git(journey["clone"], "status", "--porcelain") == ""  # a fast-forward: nothing to merge, no conflict
    changed = {k for k in journey["before"].keys() | journey["after"].keys()
               if journey["before"].get(k) != journey["after"].get(k)}
    assert changed == {"data/site.yml"}  # the organisation's folder: only its kit_release line
    assert read_kit_release(journey["site"]) == SECOND
    # The site built with this release before the kit moved to it (the trial, above), and the settings now name
    # the release the kit runs, so a build says nothing of a mismatch (release_mismatch, tested above).
    assert "Trying release 2026.12.1 with our-hub" in update.stdout
    assert f'__version__ = "{SECOND}"' in journey["running_after_update"]


@pytest.mark.slow
def test_one_update_tries_and_records_every_site_built_from_the_kit(journey):
    out = journey["update"].stdout
    assert "Trying release 2026.12.1 with our-hub" in out and "Trying release 2026.12.1 with southbank" in out
    assert read_kit_release(journey["second_site"]) == SECOND
    assert re.search(r"build --site \S*our-hub\n.*build --site \S*southbank", out)


@pytest.mark.slow
def test_update_names_the_changed_contacts_closed_removed_and_new_services(journey):
    out = journey["update"].stdout
    assert "Contact changed: Shout 85258, Text line (text): was 85258, now 85259 (services/shout)" in out
    assert ("Contact changed: Ambulance, police, fire in the United Kingdom, number: was 999, now 112 "
            "(emergency-numbers/gb-999)") in out
    assert "Service closed: The Laura Hyde Foundation (services/laura-hyde-foundation)" in out
    assert "Service removed from the kit: UNISON There for You (services/unison-there-for-you)" in out
    assert "New service: Example National Line (services/example-national-line)" in out
    assert re.search(r"Re-checked by the kit with no other change: \d+ records", out)
    assert "Australia" not in out  # only what a site in England shows


@pytest.mark.slow
def test_unchanged_local_checks_carry_over_and_changed_ones_and_corrections_are_flagged(journey):
    out = journey["update"].stdout
    assert "Your checks still stand (the kit did not change what you checked): services/samaritans" in out
    assert "Check again: emergency-numbers/gb-999: the kit changed it" in out
    assert "Check again: services/shout" in out
    assert "Your correction of services/shout" in out and "the kit changed this record since" in out
    assert "Check again: services/samaritans" not in out


@pytest.mark.slow
def test_update_names_the_replaced_page_the_kit_changed_and_the_servers_policy_line(journey):
    out = journey["update"].stdout
    assert "our-hub/docs/privacy.md replaces a kit page the kit has changed" in out
    assert "Server header:" in out and "deploy/csp.txt" in out
    assert "python -m commonroom build --site" in out


@pytest.mark.slow
def test_the_changelog_lists_the_releases_fact_changes(journey):
    changelog = (journey["kit"] / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index("## 2026.12.2") < changelog.index("## 2026.12.1") < changelog.index("## 2026.12.0")
    assert "- Contact changed: Ambulance, police, fire in the United Kingdom, number: 999 → 112" in changelog
    assert "First tagged release" in changelog


@pytest.mark.slow
def test_a_release_that_does_not_build_the_site_is_refused_and_the_kit_stays(journey):
    refused = journey["refused"]
    assert refused.returncode == 1
    assert "The kit stays on release 2026.12.1: release 2026.12.2 did not build your site our-hub" in refused.stdout
    assert "data/services/samaritans.yml" in refused.stdout and '"telephone"' in refused.stdout
    assert git(journey["clone"], "describe", "--tags").strip() == "v2026.12.1"
    assert journey["after_refusal"] == journey["after"]


# The same through the package path ---------------------------------------------------------------------------------

def pip(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", *args, "--quiet", "--disable-pip-version-check"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def package_journey(journey, tmp_path_factory) -> dict:
    """A hospital without git: the kit's first release installed as a wheel (into a folder, pip's --target), its
    folder customised the same way, then `update --from` a folder holding both releases' wheels."""
    if not (ROOT / "setup.py").is_file():
        pytest.skip("this checkout cannot build the kit's wheel (no setup.py)")
    base = tmp_path_factory.mktemp("package-update")
    dist = base / "dist"
    for release in (FIRST, SECOND):
        tree = base / f"source-{release}"
        git(journey["kit"], "worktree", "add", "--detach", "--quiet", str(tree), f"v{release}")
        pip("wheel", str(tree), "--no-deps", "--wheel-dir", str(dist))
    installed = base / "installed"
    pip("install", "--no-deps", "--target", str(installed), str(next(dist.glob(f"commonroom-{FIRST}-*.whl"))))
    site = hospital(base / "our-hub")
    edit(site / "data" / "site.yml", "help_now:", 'kit_release: "2026.12.0"\nhelp_now:')
    from commonroom.recording import record_check
    record_check(ROOT / "data", site, "emergency-numbers/gb-999", TEAM, "live page", dt.date.today())
    before = folder_state(site)
    update = subprocess.run([sys.executable, "-m", "commonroom", "update", "--site", "our-hub", "--from", str(dist),
                             "--target", str(installed)], cwd=base, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "PYTHONPATH": str(installed), "NO_MKDOCS_2_WARNING": "1"})
    return {"update": update, "site": site, "before": before, "after": folder_state(site), "installed": installed}


@pytest.mark.slow
def test_the_package_path_tries_the_newest_wheel_installs_it_and_reports_the_same(package_journey):
    update = package_journey["update"]
    assert update.returncode == 0, update.stdout + update.stderr
    assert "installed it (it was 2026.12.0)" in update.stdout
    version = (package_journey["installed"] / "commonroom" / "__init__.py").read_text(encoding="utf-8")
    assert f'__version__ = "{SECOND}"' in version
    assert ("Contact changed: Ambulance, police, fire in the United Kingdom, number: was 999, now 112 "
            "(emergency-numbers/gb-999)") in update.stdout
    assert "Service closed: The Laura Hyde Foundation (services/laura-hyde-foundation)" in update.stdout
    assert "Your checks still stand (the kit did not change what you checked): services/samaritans" in update.stdout
    assert "Check again: emergency-numbers/gb-999" in update.stdout
    assert "our-hub/docs/privacy.md replaces a kit page the kit has changed" in update.stdout
    changed = {k for k in package_journey["before"].keys() | package_journey["after"].keys()
               if package_journey["before"].get(k) != package_journey["after"].get(k)}
    assert changed == {"data/site.yml"} and read_kit_release(package_journey["site"]) == SECOND
