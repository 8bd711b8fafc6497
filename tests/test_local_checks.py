"""An organisation's checks and corrections of kit facts live in its own folder and never vouch for a number they
did not see: each keeps the hash of the kit record it was made on, and a kit change that is more than a re-check
voids the check (named for a re-check) or flags the correction. Data in, datasets and files out: no site build."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from commonroom.checking import go_live_notices
from commonroom.fingerprint import record_hash
from commonroom.loading import DataError, load_dataset
from commonroom.maintainers import main as write_report
from commonroom.recording import record_check, record_override
from commonroom.review import after_kit_update, before_going_live

TEAM = "Staff Wellbeing Team"
CHECKED = dt.date(2027, 1, 10)


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    folder = tmp_path / "our-hub"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "site.yml").write_text(
        f"organisation:\n  name: Example City Hospital\n  checker: {TEAM}\nregions: [GB-ENG]\n", encoding="utf-8")
    return folder


def kit_release(kit: Path, service_id: str, change) -> None:
    """A later kit release: the service's file as the kit ships it, changed by `change`."""
    path = kit / "services" / f"{service_id}.yml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(record)
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")


def recheck(record: dict) -> None:
    record.update(verified_on="2027-05-20", review_due="2027-11-20", checked_how="live page")


def new_number(record: dict) -> None:
    record["contacts"][0]["value"] = "0800 000 0000"


def problems(kit: Path, hub: Path) -> list[str]:
    with pytest.raises(DataError) as error:
        load_dataset(kit, organisation=hub)
    return error.value.problems


def test_the_hash_leaves_out_only_the_check_fields_and_ignores_the_order_of_fields():
    record = yaml.safe_load((ROOT / "data" / "services" / "samaritans.yml").read_text(encoding="utf-8"))
    before = record_hash(record)
    assert len(before) >= 12 and int(before, 16) >= 0
    assert record_hash({**record, "verified_on": "2030-01-01", "review_due": "2030-07-01", "checked_by": "Us",
                        "checked_how": "live page"}) == before
    assert record_hash(dict(reversed(list(record.items())))) == before
    assert record_hash({**record, "contacts": [{**record["contacts"][0], "value": "116 124"}, *record["contacts"][1:]]}) != before


def test_record_check_writes_the_kit_records_hash_in_a_file_that_names_its_schema(kit, hub):
    entry = record_check(kit, hub, "services/samaritans", TEAM, "live page", CHECKED, note="Called the line too")
    checks = hub / "data" / "checks.yml"
    text = checks.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../kit/data/schema/checks.schema.json"
    kit_record = load_dataset(kit).services["samaritans"]
    assert entry["kit_hash"] == record_hash(kit_record)
    assert yaml.safe_load(text) == [entry]
    checks.write_text(text + "# our own note, kept\n", encoding="utf-8")
    second = record_check(kit, hub, "services/shout", TEAM, "live page", CHECKED)
    assert yaml.safe_load(checks.read_text(encoding="utf-8")) == [entry, second]
    assert "# our own note, kept" in checks.read_text(encoding="utf-8")


def test_record_check_adds_to_a_checks_file_that_is_an_empty_list_with_comments(kit, hub):
    """new-site and the example folder write `[]` under commented examples: the first check must still go in."""
    checks = hub / "data" / "checks.yml"
    checks.write_text("# yaml-language-server: $schema=../../kit/data/schema/checks.schema.json\n"
                      "# - record: services/samaritans\n[]\n", encoding="utf-8")
    entry = record_check(kit, hub, "services/samaritans", TEAM, "live page", CHECKED)
    assert yaml.safe_load(checks.read_text(encoding="utf-8")) == [entry]
    assert checks.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_record_check_refuses_a_record_the_kit_does_not_have(kit, hub):
    with pytest.raises(ValueError, match='"services/our-own-line" is not one of the kit\'s records'):
        record_check(kit, hub, "services/our-own-line", TEAM, "live page", CHECKED)
    with pytest.raises(ValueError, match='"samaritans" is not a kit record'):
        record_check(kit, hub, "samaritans", TEAM, "live page", CHECKED)


def test_a_local_check_later_than_the_kits_is_what_the_page_shows(kit, hub):
    record_check(kit, hub, "services/samaritans", TEAM, "phone call to the service", CHECKED)
    data = load_dataset(kit, organisation=hub)
    shown = data.services["samaritans"]
    assert (shown["verified_on"], shown["checked_by"], shown["checked_how"]) == ("2027-01-10", TEAM, "phone call to the service")
    assert shown["review_due"] == "2027-07-10", "a crisis line's check lasts 6 months"
    assert "services/samaritans" in data.checked_here and data.notices == []


def test_a_check_carries_over_when_the_kit_changes_only_verification_fields(kit, hub):
    record_check(kit, hub, "services/samaritans", TEAM, "live page", CHECKED)
    kit_release(kit, "samaritans", recheck)
    data = load_dataset(kit, organisation=hub)
    shown = data.services["samaritans"]
    assert (shown["verified_on"], shown["checked_by"]) == ("2027-05-20", "Common Room maintainers"), "the latest check shows"
    assert data.notices == []
    assert "services/samaritans" in data.checked_here
    assert "Samaritans" not in "\n".join(before_going_live(data)), "the organisation's check still holds"
    assert "Samaritans" in "\n".join(go_live_notices(data.site, data.services, lambda i: data.source_of("services", i))), \
        "without the organisation's checks, the kit's re-check would list it again"


def test_a_check_is_voided_and_the_record_named_when_the_kit_changes_a_number(kit, hub):
    record_check(kit, hub, "services/samaritans", TEAM, "live page", CHECKED)
    kit_release(kit, "samaritans", new_number)
    data = load_dataset(kit, organisation=hub)
    shown = data.services["samaritans"]
    assert shown["contacts"][0]["value"] == "0800 000 0000"
    assert shown["checked_by"] == "Common Room maintainers", "the page never shows our check of another number"
    assert "services/samaritans" not in data.checked_here
    assert after_kit_update(data) == data.notices and len(data.notices) == 1
    assert data.notices[0].startswith("our-hub/data/checks.yml: line 5: [0] services/samaritans: your check of "
                                      "2027-01-10 no longer applies: the kit changed this record since")
    assert "Check it again against https://www.samaritans.org/" in data.notices[0]


def test_a_voided_check_does_not_fail_the_build_but_is_listed_in_the_report(kit, hub, tmp_path):
    record_check(kit, hub, "services/samaritans", TEAM, "live page", CHECKED)
    kit_release(kit, "samaritans", new_number)
    output = tmp_path / "report.html"
    assert write_report(["--data", str(kit), "--organisation", str(hub), "--links", str(tmp_path / "none.json"),
                         "--output", str(output), "--today", "2027-02-01"]) == 0
    html = output.read_text(encoding="utf-8")
    assert "1 checks or corrections of yours to look at again" in html
    assert "[0] services/samaritans: your check of 2027-01-10 no longer applies" in html


def test_a_check_of_a_record_the_kit_removed_is_named_not_an_error(kit, hub):
    record_check(kit, hub, "services/rcn-member-support", TEAM, "live page", CHECKED)
    (kit / "services" / "rcn-member-support.yml").unlink()
    notices = load_dataset(kit, organisation=hub).notices
    assert notices == ["our-hub/data/checks.yml: line 5: [0] services/rcn-member-support: the kit has no such record (it may have "
                       "been removed or renamed in an update): remove this check"]


def test_a_check_of_the_organisations_own_service_is_an_error(kit, hub):
    (hub / "data" / "services").mkdir()
    shutil.copy2(kit / "services" / "shout.yml", hub / "data" / "services" / "our-line.yml")
    (hub / "data" / "checks.yml").write_text(
        '- record: services/our-line\n  verified_on: "2027-01-10"\n  checked_by: Us Team\n  checked_how: live page\n'
        '  kit_hash: "0123456789ab"\n', encoding="utf-8")
    assert problems(kit, hub) == ["our-hub/data/checks.yml: line 1: [0] services/our-line is your own record, not the "
                                  "kit's: update verified_on, checked_by and checked_how in its own file instead"]


def corrected_contacts(kit: Path) -> list[dict]:
    contacts = load_dataset(kit).services["samaritans"]["contacts"]
    return [{**contacts[0], "hours": "24 hours, every day (the local branch answers 8am to 10pm)"}, *contacts[1:]]


def test_a_correction_applies_over_the_kit_record_with_its_own_check(kit, hub):
    record_override(kit, hub, "services/samaritans", {"contacts": corrected_contacts(kit)}, "Our local branch's hours",
                    TEAM, "phone call to the service", CHECKED)
    assert (hub / "data" / "overrides.yml").read_text().startswith(
        "# yaml-language-server: $schema=../../kit/data/schema/overrides.schema.json\n")
    data = load_dataset(kit, organisation=hub)
    shown = data.services["samaritans"]
    assert shown["contacts"][0]["hours"].endswith("(the local branch answers 8am to 10pm)")
    assert shown["name"] == "Samaritans", "fields the correction leaves out stay the kit's"
    assert (shown["verified_on"], shown["checked_by"], shown["review_due"]) == ("2027-01-10", TEAM, "2027-07-10")
    assert data.overrides == [{"record": "services/samaritans", "fields": ["contacts"], "reason": "Our local branch's hours",
                               "made_on": "2027-01-10", "made_by": TEAM, "kit_changed": False,
                               "file": "our-hub/data/overrides.yml", "line": 5}]
    assert data.notices == []


def test_a_correction_is_flagged_when_the_kit_changes_the_record_later(kit, hub, tmp_path):
    record_override(kit, hub, "services/samaritans", {"contacts": corrected_contacts(kit)}, "Our local branch's hours",
                    TEAM, "phone call to the service", CHECKED)
    kit_release(kit, "samaritans", lambda r: r.update(summary="Talk to a trained volunteer at any hour, about anything."))
    data = load_dataset(kit, organisation=hub)
    assert data.services["samaritans"]["contacts"][0]["hours"].endswith("8am to 10pm)"), "still applied"
    assert data.services["samaritans"]["summary"].startswith("Talk to a trained volunteer at any hour")
    assert data.overrides[0]["kit_changed"] is True
    new_hash = record_hash(load_dataset(kit).services["samaritans"])
    assert data.notices == [
        f"our-hub/data/overrides.yml: line 5: [0] services/samaritans: the kit has changed this record since your "
        f"correction of 2027-01-10 ({data.overrides[0] and yaml.safe_load((hub / 'data' / 'overrides.yml').read_text())[0]['kit_hash']} "
        f"then, {new_hash} now). Compare the kit's record with your correction: if the kit now has it right, remove "
        f'your correction; if not, keep it and set its kit_hash to "{new_hash}"']
    output = tmp_path / "report.html"
    assert write_report(["--data", str(kit), "--organisation", str(hub), "--links", str(tmp_path / "none.json"),
                         "--output", str(output), "--today", "2027-02-01"]) == 0
    html = output.read_text(encoding="utf-8")
    corrections = html.split('id="local-corrections"')[1].split("<h2")[0]
    assert "services/samaritans" in corrections and "2027-01-10 by Staff Wellbeing Team" in corrections
    assert "yes: compare the kit&#39;s record with your correction" in corrections


def test_a_kit_recheck_alone_does_not_flag_a_correction(kit, hub):
    record_override(kit, hub, "services/samaritans", {"contacts": corrected_contacts(kit)}, "Our local branch's hours",
                    TEAM, "phone call to the service", CHECKED)
    kit_release(kit, "samaritans", recheck)
    data = load_dataset(kit, organisation=hub)
    assert data.overrides[0]["kit_changed"] is False and data.notices == []
    assert data.services["samaritans"]["checked_by"] == TEAM, "the kit's check did not see the corrected details"


OVERRIDE = ('- record: services/samaritans\n  set:\n    {field}\n  reason: Our local route\n  made_on: "2027-01-10"\n'
            '  made_by: Staff Wellbeing Team\n  checked_how: live page\n  kit_hash: "0123456789ab"\n')


@pytest.mark.parametrize("field, expected", [
    ('verified_on: "2027-01-10"', "our-hub/data/overrides.yml: line 3: [0].set.verified_on cannot be corrected "
                                  "(expected made_on, made_by and checked_how on the correction: they are its check)"),
    ("is_24_7: sometimes", 'our-hub/data/overrides.yml: line 3: [0].set: is_24_7 "sometimes" is the wrong kind of value '
                           "(expected true or false)"),
    ("url: javascript:alert(1)", 'our-hub/data/overrides.yml: line 3: [0].set.url "javascript:alert(1)" uses an unsafe '
                                 "kind of link (javascript:)"),
    ("contacts: []", 'our-hub/data/overrides.yml: line 3: [0].set: contacts is empty (expected at least 1 item)'),
])
def test_a_correction_that_breaks_the_records_rules_stops_the_load(kit, hub, field, expected):
    (hub / "data" / "overrides.yml").write_text(OVERRIDE.format(field=field), encoding="utf-8")
    found = problems(kit, hub)
    assert any(p.startswith(expected) for p in found), found


def test_two_corrections_of_one_record_are_an_error(kit, hub):
    (hub / "data" / "overrides.yml").write_text(OVERRIDE.format(field="alert: One") + OVERRIDE.format(field="alert: Two"),
                                                encoding="utf-8")
    assert problems(kit, hub) == ["our-hub/data/overrides.yml: line 9: [1] services/samaritans corrects the same record "
                                  "as [0] (expected one correction per record: put both changes in one set)"]


def test_the_organisation_schemas_accept_what_the_writers_write(kit, hub):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    record_check(kit, hub, "services/samaritans", TEAM, "live page", CHECKED)
    record_override(kit, hub, "services/shout", {"alert": "Our hospital's text code is the same."}, "A local note",
                    TEAM, "live page", CHECKED)
    schemas = {p.name: json.loads(p.read_text()) for p in (kit / "schema").glob("*.schema.json")}
    registry = Registry().with_resources((n, Resource.from_contents(s)) for n, s in schemas.items())
    for name in ("checks", "overrides"):
        entries = yaml.safe_load((hub / "data" / f"{name}.yml").read_text())
        assert not list(Draft202012Validator(schemas[f"{name}.schema.json"], registry=registry).iter_errors(entries))


def test_an_emergency_number_is_checked_and_corrected_by_its_id(kit, hub):
    record_check(kit, hub, "emergency-numbers/gb-999", TEAM, "live page", CHECKED)
    number = next(n for n in load_dataset(kit, organisation=hub).site["emergency_numbers"] if n["id"] == "gb-999")
    assert (number["verified_on"], number["checked_by"], number["review_due"]) == ("2027-01-10", TEAM, "2027-07-10")
    record_override(kit, hub, "emergency-numbers/gb-999", {"when": "Someone is seriously ill or hurt, or a life is at risk."},
                    "Our wording", TEAM, "live page", dt.date(2027, 1, 12))
    data = load_dataset(kit, organisation=hub)
    number = next(n for n in data.site["emergency_numbers"] if n["id"] == "gb-999")
    assert number["when"] == "Someone is seriously ill or hurt, or a life is at risk." and number["number"] == "999"
    assert data.checked_here == {"emergency-numbers/gb-999"} and data.notices == []
    (hub / "data" / "overrides.yml").write_text((hub / "data" / "overrides.yml").read_text().replace(
        "when: Someone", "number: 99a\n    when: Someone"), encoding="utf-8")
    assert any(p.startswith("our-hub/data/overrides.yml: line 7: [0].set: number \"99a\" is not valid")
               for p in problems(kit, hub)), problems(kit, hub)


def test_a_kit_services_short_code_stays_accepted_after_the_organisation_checks_it(kit, hub):
    record_check(kit, hub, "services/need-to-talk-1737", TEAM, "live page", CHECKED)
    data = load_dataset(kit, organisation=hub)
    assert data.services["need-to-talk-1737"]["checked_by"] == TEAM


def test_a_correction_to_a_short_number_does_not_vouch_for_itself(kit, hub):
    contacts = load_dataset(kit).services["samaritans"]["contacts"]
    record_override(kit, hub, "services/samaritans", {"contacts": [{**contacts[0], "value": "4567"}, *contacts[1:]]},
                    "Our switchboard", TEAM, "live page", CHECKED)
    assert any(p.startswith('our-hub/data/overrides.yml: line 5: your correction of services/samaritans: '
                            'contacts[0].value "4567" has 4 digits, too few for a number dialled from a mobile')
               for p in problems(kit, hub)), problems(kit, hub)
