"""Moving a site made the old way (python -m commonroom migrate OLD_COPY --to DIR): a hospital that cloned the kit
and edited it gets its organisation's folder, with each edit where the two layers keep it, and a report of what
could not be placed. The old copy is never changed.

The old copy is built here from this checkout's kit files, in the oldest layout (emergency numbers and help-now
picks inside data/site.yml), with a release manifest written for it into a copy of the kit that plays the running
kit; then it is edited as a hospital did. Data in, files out; one whole-site build, marked slow."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, entry_point
from commonroom.baseline import find_baseline
from commonroom.manifest import write_manifest
from commonroom.migrate import MigrateRefused, migrate
from commonroom.migrate_facts import match_numbers, own_number_id, split_edit
from commonroom.recording import kit_fact_hash

RELEASE = "2026.11.0"  # the release the old copy was made from: its manifest is written for it below
TEAM = "Northfield Wellbeing Team"
TODAY = dt.date.today()
CHECKED = {"verified_on": TODAY.isoformat(), "review_due": (TODAY + dt.timedelta(days=90)).isoformat(),
           "checked_by": TEAM, "checked_how": "live page"}

OWN_SERVICE = f"""\
# yaml-language-server: $schema=../schema/service.schema.json
name: Northfield Staff Support Line
summary: A line for Northfield staff, answered at any hour by the hospital's psychology team.
description: Call at any hour to talk with someone from the staff psychology team.
audiences: [anyone]
needs: [crisis, talk-now]
regions: [GB-ENG]
contacts:
  - kind: phone
    value: 0113 496 0123
    label: Staff support line
    hours: 24 hours, every day
is_24_7: true
confidentiality: What you say stays with the team, unless you agree otherwise or someone is at serious risk.
not_for_emergencies: true
eligibility_description: Anyone who works at Northfield Hospital.
application_process: Call directly.
fees_description: Free.
source_url: https://intranet.northfield.example/wellbeing/staff-line/
verified_on: "{CHECKED['verified_on']}"
review_due: "{CHECKED['review_due']}"
checked_by: {TEAM}
checked_how: live page
"""

LOCAL_GROUP = f"""\
format: balint-groups
name: Ward 9 Balint group
organisation: Northfield Hospital
location:
  room: Ward 9 seminar room
  building: Main Block, Northfield Hospital
regions: [GB-ENG]
schedule:
  frequency: weekly
  day: tuesday
  start_time: "13:00"
  duration_minutes: 60
  time_zone: Europe/London
  starts_on: "2027-01-05"
membership: closed
audiences: [doctors, nurses]
how_to_join: Email the facilitator to ask for a place.
facilitator:
  name: Dr Sam Example
  contact:
    kind: email
    value: balint-ward9@northfield.example
protected_time: true
verified_on: "{TODAY.isoformat()}"
review_by: "{(TODAY + dt.timedelta(days=180)).isoformat()}"
"""

OWN_NUMBER = {"region": "GB", "number": "0113 496 0999", "label": "Northfield site security",
              "when": "Someone is in danger on the hospital site.",
              "source_url": "https://intranet.northfield.example/security/", **CHECKED}
PRIVACY_NOTE = "Northfield's information governance team looks after this hub."
TEAM_PAGE = "# Our team\n\nThe Northfield wellbeing team runs this hub.\n\n![The team](images/team.png)\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082")


def git(folder: Path, *args: str) -> str:
    command = ["git", "-C", str(folder), "-c", "user.name=Northfield", "-c", "user.email=it@northfield.example", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def old_layout(clone: Path) -> None:
    """The kit as it was before its facts had files of their own: emergency numbers and help-now picks in
    data/site.yml, without ids (and without the fields added since)."""
    data = clone / "data"
    picks = yaml.safe_load((data / "help-now.yml").read_text(encoding="utf-8"))
    numbers = []
    for number_id in picks["emergency_numbers"]:
        record = yaml.safe_load((data / "emergency-numbers" / f"{number_id}.yml").read_text(encoding="utf-8"))
        numbers.append({k: v for k, v in record.items() if k not in ("source_kind", "source_note")})
    old = {"emergency_numbers": numbers, "help_now_services": picks["services"]}
    with (data / "site.yml").open("a", encoding="utf-8") as settings:
        settings.write(yaml.safe_dump(old, sort_keys=False, allow_unicode=True, width=120))
    shutil.rmtree(data / "emergency-numbers")
    (data / "help-now.yml").unlink()


def edit_as_a_hospital_did(clone: Path) -> None:
    """What a hospital did to its copy, following the old guide."""
    data = clone / "data"
    site = yaml.safe_load((data / "site.yml").read_text(encoding="utf-8"))
    site["organisation"] = {**site["organisation"], "name": "Northfield Hospital Staff Wellbeing", "checker": TEAM}
    site["site_url"] = "https://intranet.northfield.example/wellbeing/"
    site["regions"] = ["GB-ENG"]
    site["hub_contact"] = {**site["hub_contact"], "email": "wellbeing@northfield.example"}
    gb = next(n for n in site["emergency_numbers"] if n["region"] == "GB" and n["number"] == "999")
    gb.update(CHECKED)  # re-checked as the old page asked
    site["emergency_numbers"].append(OWN_NUMBER)
    site["help_now_services"] = [s for s in site["help_now_services"] if s != "shout"] + ["northfield-staff-line"]
    (data / "site.yml").write_text(yaml.safe_dump(site, sort_keys=False, allow_unicode=True), encoding="utf-8")
    samaritans = data / "services" / "samaritans.yml"
    text = samaritans.read_text(encoding="utf-8")
    for name in ("verified_on", "review_due", "checked_by", "checked_how"):
        old = next(line for line in text.splitlines() if line.startswith(f"{name}:"))
        dated = name in ("verified_on", "review_due")
        text = text.replace(old, f'{name}: "{CHECKED[name]}"' if dated else f"{name}: {CHECKED[name]}")
    samaritans.write_text(text, encoding="utf-8")
    bma = data / "services" / "bma-wellbeing-support.yml"
    bma.write_text(bma.read_text(encoding="utf-8").replace("value: 0330 123 1245", "value: 0330 123 1246"),
                   encoding="utf-8")
    (data / "services" / "northfield-staff-line.yml").write_text(OWN_SERVICE, encoding="utf-8")
    (data / "local-groups" / "ward-9-balint.yml").write_text(LOCAL_GROUP, encoding="utf-8")
    (data / "services" / "rmbf.yml").unlink()
    docs = clone / "docs"
    privacy = docs / "privacy.md"
    privacy.write_text(privacy.read_text(encoding="utf-8") + f"\n{PRIVACY_NOTE} [Meet the team](our-team.md).\n",
                       encoding="utf-8")
    (docs / "our-team.md").write_text(TEAM_PAGE, encoding="utf-8")
    (docs / "images").mkdir(exist_ok=True)
    (docs / "images" / "team.png").write_bytes(PNG)
    (docs / "guides" / "connected-teams.md").unlink()
    template = clone / "overrides" / "main.html"
    template.write_text(template.read_text(encoding="utf-8") + "{# Northfield's footer tweak #}\n", encoding="utf-8")


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def old_copy(tmp_path_factory) -> tuple[Path, Path]:
    """(the running kit, with a manifest of the release the old copy came from; the hospital's old copy, a git
    clone whose first commit is that release and whose second is the hospital's edits)."""
    base = tmp_path_factory.mktemp("migrate")
    kit = copy_project(base / "kit")
    clone = copy_project(base / "old-hub")
    old_layout(clone)
    manifest = write_manifest(clone, RELEASE)
    (kit / "releases").mkdir(exist_ok=True)
    shutil.move(manifest, kit / "releases" / manifest.name)
    shutil.rmtree(clone / "releases")
    git(clone, "init", "-q")
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", f"Common Room {RELEASE}")
    edit_as_a_hospital_did(clone)
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "Our hub")
    return kit, clone


@pytest.fixture(scope="module")
def migrated(old_copy, tmp_path_factory):
    """The old copy moved into its organisation's folder, with the old copy's files before and after."""
    kit, clone = old_copy
    before = tree(clone)
    target = tmp_path_factory.mktemp("moved") / "our-hub"
    report = migrate(clone, kit, target)
    return kit, target, report, before, tree(clone)


def read(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_migrate_names_the_release_the_old_copy_came_from_and_writes_valid_data(migrated):
    kit, target, report, _, _ = migrated
    assert report.release == RELEASE
    assert report.problems == [], "\n".join(report.lines())
    assert report.kept > 100  # the kit's own files, left with the kit
    assert f"Your copy was made from kit release {RELEASE}" in "\n".join(report.lines())


def test_migrate_never_changes_the_old_copy(migrated):
    _, _, _, before, after = migrated
    assert after == before


def test_migrate_keeps_only_the_organisations_settings(migrated):
    kit, target, _, _, _ = migrated
    text = (target / "data" / "site.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    settings = read(target / "data" / "site.yml")
    assert settings["organisation"] == {"name": "Northfield Hospital Staff Wellbeing", "checker": TEAM}
    assert settings["site_url"] == "https://intranet.northfield.example/wellbeing/"
    assert settings["regions"] == ["GB-ENG"]
    assert settings["hub_contact"] == {"email": "wellbeing@northfield.example"}  # the name was the kit's
    assert "quick_exit" not in settings and "emergency_numbers" not in settings and "help_now_services" not in settings
    assert settings["hide_services"] == ["rmbf"]
    assert settings["hide_pages"] == ["guides/connected-teams.md"]
    assert settings["help_now"] == {"add": ["northfield-staff-line"], "hide": ["shout"]}


def test_a_recheck_in_the_old_copy_becomes_a_local_check_of_the_record_it_saw(migrated):
    kit, target, report, _, _ = migrated
    checks = {c["record"]: c for c in read(target / "data" / "checks.yml")}
    samaritans = checks["services/samaritans"]
    assert (samaritans["verified_on"], samaritans["checked_by"], samaritans["checked_how"]) == \
        (TODAY.isoformat(), TEAM, "live page")
    assert samaritans["kit_hash"] == kit_fact_hash(kit / "data", "services/samaritans")  # still the kit's record
    # The old layout's 999 had no id and lacked fields the kit's record has now: a check of another record.
    assert checks["emergency-numbers/gb-999"]["checked_by"] == TEAM
    assert checks["emergency-numbers/gb-999"]["kit_hash"] != kit_fact_hash(kit / "data", "emergency-numbers/gb-999")
    assert any(line.startswith("emergency-numbers/gb-999: a re-check is needed") for line in report.again)
    assert not any(line.startswith("services/samaritans") for line in report.again)


def test_a_corrected_number_becomes_a_correction_and_an_extra_number_the_organisations_own(migrated):
    kit, target, report, _, _ = migrated
    overrides = read(target / "data" / "overrides.yml")
    assert [o["record"] for o in overrides] == ["services/bma-wellbeing-support"]
    assert overrides[0]["set"]["contacts"][0]["value"] == "0330 123 1246"
    assert overrides[0]["kit_hash"] == kit_fact_hash(kit / "data", "services/bma-wellbeing-support")
    assert any("services/bma-wellbeing-support: your correction carries the check" in line for line in report.again)
    own = read(target / "data" / "emergency-numbers" / "gb-01134960999.yml")
    assert own == OWN_NUMBER


def test_own_records_pages_and_images_move_with_schema_lines_that_point_at_the_kit(migrated):
    kit, target, _, _, _ = migrated
    service = (target / "data" / "services" / "northfield-staff-line.yml").read_text(encoding="utf-8")
    first, rest = service.split("\n", 1)
    assert first.startswith("# yaml-language-server: $schema=") and first.endswith("data/schema/service.schema.json")
    assert (target / "data" / "services" / first.split("=", 1)[1]).resolve() == \
        (kit / "data" / "schema" / "service.schema.json").resolve()
    assert rest == OWN_SERVICE.split("\n", 1)[1]
    assert read(target / "data" / "local-groups" / "ward-9-balint.yml")["name"] == "Ward 9 Balint group"
    assert PRIVACY_NOTE in (target / "docs" / "privacy.md").read_text(encoding="utf-8")
    assert (target / "docs" / "our-team.md").read_text(encoding="utf-8") == TEAM_PAGE
    assert (target / "docs" / "images" / "team.png").read_bytes() == PNG
    assert not (target / "docs" / "guides").exists()  # a deleted page is hidden, not copied
    assert not (target / "overrides").exists() and not (target / "mkdocs.yml").exists()


def test_an_edited_template_is_reported_as_not_placed_with_what_to_do(migrated):
    _, _, report, _, _ = migrated
    template = [line for line in report.not_placed if line.startswith("overrides/main.html")]
    assert template and "no templates" in template[0] and "What to do" in template[0]


def test_migrate_refuses_a_folder_that_already_holds_files(old_copy, tmp_path):
    kit, clone = old_copy
    target = tmp_path / "our-hub"
    target.mkdir()
    (target / "notes.txt").write_text("ours", encoding="utf-8")
    with pytest.raises(MigrateRefused, match="already holds files"):
        migrate(clone, kit, target)
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_migrate_refuses_to_write_inside_the_old_copy(old_copy):
    kit, clone = old_copy
    with pytest.raises(MigrateRefused, match="never writes into your old copy"):
        migrate(clone, kit, clone / "our-hub")
    assert not (clone / "our-hub").exists()


def test_a_copy_no_manifest_matches_is_compared_with_the_running_kit_and_says_so(old_copy, tmp_path):
    kit, clone = old_copy
    bare = copy_project(tmp_path / "kit")  # a kit that ships no manifest of the copy's release
    report = migrate(clone, bare, tmp_path / "our-hub")
    text = "\n".join(report.lines())
    assert report.release is None
    assert "matches no kit release" in text and "may show below as your edits" in text
    settings = read(tmp_path / "our-hub" / "data" / "site.yml")
    assert settings["organisation"]["name"] == "Northfield Hospital Staff Wellbeing"
    assert "hide_services" not in settings  # a kit file missing from the copy may be new in the kit: not hidden
    assert any(line.startswith("data/services/rmbf.yml: not in your copy") for line in report.not_placed)
    # Still signed with the kit's check, so it may be an older kit version: never frozen as a correction.
    assert read(tmp_path / "our-hub" / "data" / "overrides.yml") is None
    assert any(line.startswith("data/services/bma-wellbeing-support.yml: differs from the kit's record in contacts")
               and "still carries the kit's check" in line for line in report.not_placed)
    checks = {c["record"] for c in read(tmp_path / "our-hub" / "data" / "checks.yml")}
    assert checks == {"services/samaritans", "emergency-numbers/gb-999"}  # the hospital's own signed re-checks


def test_a_copy_older_than_every_manifest_is_not_taken_for_the_closest_release(tmp_path):
    kit, clone = tmp_path / "kit", tmp_path / "old-hub"
    for folder in (kit, clone):
        for index in range(10):
            (folder / "docs").mkdir(parents=True, exist_ok=True)
            (folder / "docs" / f"page-{index}.md").write_text(f"# Page {index}\n", encoding="utf-8")
    write_manifest(kit, "2026.12.0")
    for index in range(4):  # an older kit: four of its ten pages differ from the release's
        (clone / "docs" / f"page-{index}.md").write_text(f"# Page {index}, as it was\n", encoding="utf-8")
    baseline, _, closest = find_baseline(clone, kit)
    assert baseline.release is None and closest == "2026.12.0, with 6 of its 10 files as it shipped them"
    (clone / "docs" / "page-0.md").write_text("# Page 0\n", encoding="utf-8")
    (clone / "docs" / "page-1.md").write_text("# Page 1\n", encoding="utf-8")  # a hospital that edited two
    assert find_baseline(clone, kit)[0].release == "2026.12.0"


@pytest.mark.slow
def test_the_site_built_from_the_moved_folder_shows_the_hospitals_settings_service_page_and_check(old_copy, tmp_path):
    kit, clone = old_copy
    target = tmp_path / "our-hub"
    command, env = entry_point(kit, "migrate", str(clone), "--to", str(target))
    moved = subprocess.run(command, cwd=kit, capture_output=True, text=True, env=env, timeout=300)
    assert moved.returncode == 0, moved.stdout + moved.stderr
    assert "Not placed" in moved.stdout and "overrides/main.html" in moved.stdout
    command, env = entry_point(kit, "build", "--site", str(target))
    built = subprocess.run(command, cwd=kit, capture_output=True, text=True, env=env, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    site = target / "site"
    assert "Northfield Hospital Staff Wellbeing" in (site / "index.html").read_text(encoding="utf-8")
    assert "Northfield Staff Support Line" in (site / "services" / "northfield-staff-line" / "index.html").read_text(
        encoding="utf-8")
    assert "information governance team looks after this hub" in (site / "privacy" / "index.html").read_text(
        encoding="utf-8")
    assert (site / "our-team" / "index.html").is_file() and (site / "images" / "team.png").is_file()
    samaritans = re.sub(r"<[^>]+>", "", (site / "services" / "samaritans" / "index.html").read_text(encoding="utf-8"))
    assert re.search(rf"Checked on [0-9]+ [A-Z][a-z]+ [0-9]{{4}} by {TEAM}", samaritans)


def later_kit(kit: Path, target: Path) -> Path:
    """The running kit after a later release, with the manifests of the earlier ones."""
    later = copy_project(target)
    shutil.copytree(kit / "releases", later / "releases")
    return kit_moves_on(later)


def kit_moves_on(later: Path) -> Path:
    """The kit's changes in a later release: it re-checked Samaritans and reworded BMA's line label."""
    samaritans = later / "data" / "services" / "samaritans.yml"
    samaritans.write_text(samaritans.read_text(encoding="utf-8").replace(
        'verified_on: "2026-11-23"', f'verified_on: "{TODAY.isoformat()}"'), encoding="utf-8")
    bma = later / "data" / "services" / "bma-wellbeing-support.yml"
    bma.write_text(bma.read_text(encoding="utf-8").replace("label: Counselling and peer support line",
                                                           "label: Counselling and peer support"), encoding="utf-8")
    return later


def test_a_kit_change_since_the_copys_release_is_not_taken_for_the_hospitals_edit(old_copy, tmp_path):
    kit, clone = old_copy
    later = later_kit(kit, tmp_path / "kit")
    report = migrate(clone, later, tmp_path / "our-hub")
    assert report.problems == [], "\n".join(report.lines())
    overrides = read(tmp_path / "our-hub" / "data" / "overrides.yml")
    # The kit's version the copy had comes from the copy's git history: only the hospital's change is its own.
    assert overrides[0]["set"]["contacts"][0] == {**overrides[0]["set"]["contacts"][0],
                                                  "value": "0330 123 1246", "label": "Counselling and peer support line"}
    assert any(line.startswith("services/bma-wellbeing-support: the kit has changed this record since your copy")
               for line in report.again)
    checks = {c["record"]: c for c in read(tmp_path / "our-hub" / "data" / "checks.yml")}
    assert checks["services/samaritans"]["kit_hash"] == kit_fact_hash(later / "data", "services/samaritans")


def test_an_edit_that_cannot_be_told_from_a_later_kit_change_is_reported_not_guessed(old_copy, tmp_path):
    kit, clone = old_copy
    later = later_kit(kit, tmp_path / "kit")
    without_git = tmp_path / "old-hub"
    shutil.copytree(clone, without_git, ignore=shutil.ignore_patterns(".git"))
    report = migrate(without_git, later, tmp_path / "our-hub")
    assert not any(o["record"] == "services/bma-wellbeing-support"
                   for o in read(tmp_path / "our-hub" / "data" / "overrides.yml") or [])
    line = next(line for line in report.not_placed if line.startswith("data/services/bma-wellbeing-support.yml"))
    assert "cannot be told from the kit's" in line and "What to do" in line
    checks = {c["record"]: c for c in read(tmp_path / "our-hub" / "data" / "checks.yml")}
    assert checks["services/samaritans"]["checked_by"] == TEAM  # a re-check alone is still told apart


def test_old_layout_numbers_match_the_kits_by_region_and_value_or_by_label_when_the_value_was_corrected():
    kit = {"gb-999": {"region": "GB", "number": "999", "label": "Ambulance, police, fire"},
           "za-10177": {"region": "ZA", "number": "10177", "label": "Ambulance"}}
    old = [{"region": "GB", "number": "999", "label": "Ambulance, police, fire"},
           {"region": "ZA", "number": "10178", "label": "Ambulance"},
           {"region": "GB", "number": "0113 496 0999", "label": "Site security"}]
    matched, own = match_numbers(old, kit)
    assert matched == {"gb-999": old[0], "za-10177": old[1]} and own == [old[2]]
    checks, others, removed = split_edit({"id": "za-10177", **kit["za-10177"]}, {"id": "za-10177", **old[1]})
    assert (checks, others, removed) == ({}, {"number": "10178"}, [])
    assert own_number_id(old[2]) == "gb-01134960999"


def test_the_migrate_command_names_a_refused_folder_and_fails(old_copy, tmp_path, capsys):
    from commonroom.__main__ import main
    kit, clone = old_copy
    (tmp_path / "our-hub").mkdir()
    (tmp_path / "our-hub" / "site.yml").write_text("ours\n", encoding="utf-8")
    assert main(["--project", str(kit), "migrate", str(clone), "--to", str(tmp_path / "our-hub")]) == 1
    assert "already holds files: migrate writes only into a new or empty folder" in capsys.readouterr().err


def test_a_copy_older_than_every_manifest_is_matched_through_the_git_history_it_shares_with_the_kit(tmp_path):
    kit = copy_project(tmp_path / "kit")  # the kit as a git checkout, with no manifest of the copy's state
    git(kit, "init", "-q")
    git(kit, "add", "-A")
    git(kit, "commit", "-q", "-m", "The kit as the hospital cloned it")
    made_from = git(kit, "rev-parse", "HEAD").strip()
    clone = tmp_path / "old-hub"
    subprocess.run(["git", "clone", "-q", str(kit), str(clone)], check=True, capture_output=True)
    site = clone / "data" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("  name: Common Room\n",
                                                             "  name: Northfield Hospital Staff Wellbeing\n"),
                    encoding="utf-8")
    bma = clone / "data" / "services" / "bma-wellbeing-support.yml"
    bma.write_text(bma.read_text(encoding="utf-8").replace("value: 0330 123 1245", "value: 0330 123 1246"),
                   encoding="utf-8")
    (clone / "data" / "services" / "rmbf.yml").unlink()
    git(clone, "commit", "-q", "-am", "Our hub")
    kit_moves_on(kit)  # the kit moves on: a re-check, a reworded label, a page rewritten
    (kit / "docs" / "accessibility.md").write_text("# Accessibility\n\nRewritten by the kit.\n", encoding="utf-8")
    git(kit, "commit", "-q", "-am", "A later kit")
    report = migrate(clone, kit, tmp_path / "our-hub")
    assert (report.release, report.commit) == (None, made_from)
    assert report.problems == [], "\n".join(report.lines())
    assert "made from the kit's commit" in "\n".join(report.lines())
    assert not (tmp_path / "our-hub" / "docs").exists() or not any((tmp_path / "our-hub" / "docs").rglob("*.md"))
    overrides = read(tmp_path / "our-hub" / "data" / "overrides.yml")
    assert [(o["record"], o["set"]["contacts"][0]["value"]) for o in overrides] == \
        [("services/bma-wellbeing-support", "0330 123 1246")]
    assert any(line.startswith("services/bma-wellbeing-support: the kit has changed this record since your copy")
               for line in report.again)
    settings = read(tmp_path / "our-hub" / "data" / "site.yml")
    assert settings["organisation"] == {"name": "Northfield Hospital Staff Wellbeing"}
    assert settings["hide_services"] == ["rmbf"]
