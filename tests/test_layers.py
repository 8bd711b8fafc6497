"""An organisation's data is a layer over the kit's: its settings, services, groups and campaigns join the kit's
without editing a kit file, so every kit update arrives without a conflict. Data in, datasets out: no site build."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from commonroom.coverage import around_the_clock, help_now_service_ids
from commonroom.loading import DataError, load_dataset


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    """An organisation's folder, set up as docs/make-it-yours.md asks: its name, regions and contact."""
    folder = tmp_path / "our-hub"
    write(folder / "data" / "site.yml", """
        # yaml-language-server: $schema=../../kit/data/schema/organisation-site.schema.json
        organisation:
          name: Example City Hospital Staff Wellbeing
          checker: Staff Wellbeing Team
        site_url: https://intranet.example.nhs.uk/wellbeing/
        regions: [GB-ENG]
        hub_contact:
          email: wellbeing@example.org
    """)
    return folder


OCCUPATIONAL_HEALTH = """
    # yaml-language-server: $schema=../../../kit/data/schema/service.schema.json
    name: Example City Occupational Health
    summary: Confidential help from the hospital's occupational health team, for any member of staff.
    description: Book an appointment to talk about your health and your work.
    audiences: [anyone]
    needs: [counselling]
    regions: [GB-ENG]
    contacts:
      - kind: email
        value: occupational.health@example.org
        label: Occupational Health
    is_24_7: false
    confidentiality: What you say stays with the team unless you agree otherwise or someone is at risk.
    not_for_emergencies: true
    eligibility_description: Anyone who works for Example City Hospital.
    application_process: Email the team.
    fees_description: Free.
    source_url: https://intranet.example.nhs.uk/occupational-health/
    verified_on: "2026-11-30"
    review_due: "2027-11-30"
    checked_by: Staff Wellbeing Team
    checked_how: live page
"""

OUR_CRISIS_LINE = OCCUPATIONAL_HEALTH.replace("Example City Occupational Health", "Example City Staff Support Line") \
    .replace("needs: [counselling]", "needs: [crisis, talk-now]").replace("is_24_7: false", "is_24_7: true") \
    .replace("  - kind: email\n      value: occupational.health@example.org", "  - kind: phone\n      value: 0113 496 0000") \
    .replace('review_due: "2027-11-30"', 'review_due: "2027-05-30"')


def problems(kit: Path, hub: Path) -> list[str]:
    with pytest.raises(DataError) as error:
        load_dataset(kit, organisation=hub)
    return error.value.problems


def test_without_an_organisation_the_data_is_the_kits_alone():
    data = load_dataset(ROOT / "data")
    settings = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
    picks = yaml.safe_load((ROOT / "data" / "help-now.yml").read_text(encoding="utf-8"))
    assert {k: v for k, v in data.site.items() if k not in ("emergency_numbers", "help_now_services")} == settings
    assert [n["id"] for n in data.site["emergency_numbers"]] == picks["emergency_numbers"]
    assert data.site["help_now_services"] == picks["services"]
    assert data.organisation is None and data.notices == [] and data.overrides == [] and data.checked_here == set()


def test_settings_the_organisation_leaves_out_keep_the_kits_defaults(kit, hub):
    kit_site = load_dataset(kit).site
    site = load_dataset(kit, organisation=hub).site
    assert site["organisation"] == {"name": "Example City Hospital Staff Wellbeing", "checker": "Staff Wellbeing Team"}
    assert site["hub_contact"] == {"name": kit_site["hub_contact"]["name"], "email": "wellbeing@example.org"}
    assert site["regions"] == ["GB-ENG"], "a list in settings replaces the kit's"
    assert site["quick_exit"] == kit_site["quick_exit"]
    assert site["emergency_numbers"] == kit_site["emergency_numbers"]
    assert site["help_now_services"] == kit_site["help_now_services"]


def test_a_setting_the_kit_adds_later_still_arrives(kit, hub):
    site_file = kit / "site.yml"
    site_file.write_text(site_file.read_text(encoding="utf-8").replace(
        "quick_exit:\n  enabled: false", "quick_exit:\n  enabled: false\n  label: Leave now"), encoding="utf-8")
    write(hub / "data" / "site.yml", (hub / "data" / "site.yml").read_text() + "quick_exit:\n  enabled: true\n")
    assert load_dataset(kit, organisation=hub).site["quick_exit"] == {"enabled": True, "label": "Leave now"}


def test_an_organisation_service_joins_the_kits(kit, hub):
    write(hub / "data" / "services" / "occupational-health.yml", OCCUPATIONAL_HEALTH)
    data = load_dataset(kit, organisation=hub)
    assert data.services["occupational-health"]["name"] == "Example City Occupational Health"
    assert data.source_of("services", "occupational-health") == "our-hub/data/services/occupational-health.yml"
    assert data.paths[("services", "occupational-health")] == hub / "data" / "services" / "occupational-health.yml"
    assert "samaritans" in data.services and data.source_of("services", "samaritans") == "data/services/samaritans.yml"


def test_an_organisation_local_group_and_campaign_join_the_kits(kit, hub):
    for folder in ("local-groups", "campaigns"):
        readme = (ROOT / "data" / folder / "README.md").read_text(encoding="utf-8")
        example = next(b.split("```", 1)[0] for b in readme.split("```yaml\n")[1:] if "yaml-language-server" in b)
        write(hub / "data" / folder / "our-example.yml", example)
    data = load_dataset(kit, organisation=hub, docs=ROOT / "docs")
    assert "our-example" in data.local_groups and "our-example" in data.campaigns
    assert data.source_of("campaigns", "our-example") == "our-hub/data/campaigns/our-example.yml"


def test_a_file_at_a_kit_records_path_is_an_error_naming_the_checks_and_overrides_files(kit, hub):
    (hub / "data" / "services").mkdir()
    shutil.copy2(kit / "services" / "samaritans.yml", hub / "data" / "services" / "samaritans.yml")
    assert problems(kit, hub) == [
        "our-hub/data/services/samaritans.yml: a kit service has this id; record your check in "
        "our-hub/data/checks.yml or a local correction in our-hub/data/overrides.yml"]


def test_a_missing_organisation_folder_is_an_error_not_the_kits_site(kit, tmp_path):
    assert problems(kit, tmp_path / "our-hbu") == [
        f"{tmp_path}/our-hbu/data: the organisation's data folder is missing (expected a folder with the kit's shape: "
        "data/site.yml for its settings, data/services/ for its own services, and so on)"]


def test_an_organisation_crisis_line_added_to_help_now_serves_its_region(kit, hub):
    write(hub / "data" / "services" / "staff-support-line.yml", OUR_CRISIS_LINE)
    write(hub / "data" / "site.yml", (hub / "data" / "site.yml").read_text() + "help_now:\n  add: [staff-support-line]\n")
    data = load_dataset(kit, organisation=hub)
    assert help_now_service_ids(data)[-1] == "staff-support-line"
    assert "staff-support-line" in around_the_clock(data, "GB-ENG")


def test_a_kit_line_hidden_from_help_now_leaves_the_page_and_keeps_its_own(kit, hub):
    write(hub / "data" / "site.yml", (hub / "data" / "site.yml").read_text() + "help_now:\n  hide: [shout]\n")
    data = load_dataset(kit, organisation=hub)
    assert "shout" not in help_now_service_ids(data) and "shout" in data.services
    assert "samaritans" in help_now_service_ids(data)


def test_hiding_a_regions_only_24_hour_line_is_an_error_naming_the_setting(kit, hub):
    lines = around_the_clock(load_dataset(kit), "GB-ENG")
    assert len(lines) > 1
    write(hub / "data" / "site.yml", (hub / "data" / "site.yml").read_text() + f"help_now:\n  hide: [{', '.join(lines)}]\n")
    found = problems(kit, hub)
    for index, line in enumerate(lines):
        assert (f'our-hub/data/site.yml: help_now.hide[{index}] "{line}" leaves GB-ENG (England) with no 24-hour '
                "crisis line on the help-now page") in "\n".join(found)
    assert any(p.startswith("our-hub/data/site.yml: regions[0]: GB-ENG (England) is offered, but it has no 24-hour "
                            "crisis line") and "help_now.add in our-hub/data/site.yml" in p for p in found), found


def test_hiding_a_regions_only_24_hour_service_from_the_whole_site_names_that_setting_too(kit, hub):
    lines = around_the_clock(load_dataset(kit), "GB-ENG")
    write(hub / "data" / "site.yml", (hub / "data" / "site.yml").read_text() + f"hide_services: [{', '.join(lines)}]\n")
    assert f'our-hub/data/site.yml: hide_services[0] "{lines[0]}" leaves GB-ENG (England) with no 24-hour crisis line' \
        in "\n".join(problems(kit, hub))


def test_a_region_the_organisation_offers_without_routes_names_its_settings_file(kit, hub):
    write(hub / "data" / "site.yml", (hub / "data" / "site.yml").read_text().replace("[GB-ENG]", "[GB-ENG, JE]"))
    found = problems(kit, hub)
    assert found and all(p.startswith("our-hub/data/site.yml: regions[1]: JE (Jersey) is offered") for p in found), found
    assert "add one with region JE as a file in our-hub/data/emergency-numbers/" in found[0], found[0]
    assert "add a service in our-hub/data/services/ with is_24_7: true" in found[0]


@pytest.mark.parametrize("where, text, expected", [
    ("site.yml", "organisation:\n  name: Our Hub\nhelp_now_services: [samaritans]\n",
     "our-hub/data/site.yml: help_now_services cannot be set here (the help-now page's lines are the kit's picks: "
     "add your own with help_now.add, or hide a kit one with help_now.hide)"),
    ("site.yml", "emergency_numbers: []\n",
     "our-hub/data/site.yml: emergency_numbers cannot be set here (emergency numbers are files: add your own as "
     "data/emergency-numbers/<id>.yml in your folder, or correct a kit one in your overrides.yml)"),
    ("site.yml", "- regions\n", "our-hub/data/site.yml: line 1: expected settings made of fields such as 'regions: ...' (found list)"),
    ("site.yml", "regions: [GB-ENG]\nemergency_number: []\n",
     'our-hub/data/site.yml: line 1: "emergency_number" is not a field allowed (check the spelling; allowed fields: '),
    ("site.yml", "help_now:\n  add: [no-such-line]\n",
     'our-hub/data/site.yml: help_now.add[0] "no-such-line" is not a known service (expected the name of a file in '
     "your services folder or the kit's data/services/, without .yml)"),
    ("site.yml", "help_now:\n  hide: [rmbf]\n",
     'our-hub/data/site.yml: help_now.hide[0] "rmbf" is not on the kit\'s help-now page (expected one of: '),
    ("site.yml", "colours:\n  primary: \"#88ccff\"\n",
     'our-hub/data/site.yml: line 2: colours.primary "#88ccff" is too light to read'),
    ("pathways/our-route.yml", "title: Ours\n",
     "our-hub/data/pathways/: the build does not read this (expected only site.yml, checks.yml, overrides.yml, "
     "services/, local-groups/, campaigns/, emergency-numbers/; the kit's own pathways cannot be replaced here)"),
    ("services/Our Line.yml", "name: x\n", 'our-hub/data/services/Our Line.yml: the file name "Our Line.yml" is not a valid id'),
    ("services/our-line.yml", "name: Our line\n", "our-hub/data/services/our-line.yml: line 1: summary is missing"),
    ("checks.yml", "record: services/samaritans\n",
     "our-hub/data/checks.yml: line 1: expected a list of entries, each starting with - (found dict; see the "
     "description in data/schema/checks.schema.json)"),
    ("checks.yml", "- record: services/samaritans\n  verified_on: \"2027-01-10\"\n  checked_by: Us Team\n  checked_how: live page\n",
     "our-hub/data/checks.yml: line 1: [0].kit_hash is missing"),
    ("overrides.yml", "- record: samaritans\n",
     'our-hub/data/overrides.yml: line 1: [0].record "samaritans" is not valid (expected a kit record written as its '
     "folder and id, such as services/samaritans or emergency-numbers/gb-999)"),
])
def test_a_bad_organisation_file_stops_the_load_naming_file_field_and_expectation(kit, hub, where, text, expected):
    path = hub / "data" / where
    if where == "site.yml":
        path.write_text(text, encoding="utf-8")
    else:
        write(path, text)
    found = problems(kit, hub)
    assert any(p.startswith(expected) for p in found), found


def test_the_example_organisation_folder_loads_over_the_kit_and_names_its_schemas():
    example = ROOT / "examples" / "our-hub"
    data = load_dataset(ROOT / "data", organisation=example)
    assert data.site["organisation"]["name"] == "Example City Hospital Staff Wellbeing"
    assert help_now_service_ids(data)[-1] == "staff-support-line" and "shout" not in help_now_service_ids(data)
    assert data.notices == [] and data.overrides == []
    for path in sorted(example.rglob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = first.removeprefix("# yaml-language-server: $schema=")
        assert first != schema and (path.parent / schema).resolve().is_file(), path


def test_every_setting_but_the_kits_facts_can_be_given_by_the_organisation():
    import json

    from commonroom.layers import KIT_FACT_SETTINGS
    from commonroom.release_setting import SETTING  # the organisation's own: which kit release it last built with

    schemas = ROOT / "data" / "schema"
    kit = json.loads((schemas / "site.schema.json").read_text(encoding="utf-8"))["properties"]
    ours = json.loads((schemas / "organisation-site.schema.json").read_text(encoding="utf-8"))["properties"]
    assert set(ours) - {SETTING} == set(kit) - set(KIT_FACT_SETTINGS), "add a new setting to organisation-site.schema.json too"


JERSEY_999 = """
    # yaml-language-server: $schema=../../../kit/data/schema/emergency-number.schema.json
    region: JE
    number: "999"
    label: Ambulance, police, fire
    when: Someone is seriously ill or injured, or a life is at risk.
    source_url: https://www.gov.je/emergency/
    source_kind: government
    verified_on: "2026-11-30"
    review_due: "2027-05-30"
    checked_by: Staff Wellbeing Team
    checked_how: live page
"""


def test_an_organisation_emergency_number_joins_the_kits_for_a_region_the_kit_has_none_for(kit, hub):
    write(hub / "data" / "emergency-numbers" / "je-999.yml", JERSEY_999)
    write(hub / "data" / "services" / "staff-support-line.yml", OUR_CRISIS_LINE.replace("regions: [GB-ENG]", "regions: [GB-ENG, JE]"))
    write(hub / "data" / "site.yml", (hub / "data" / "site.yml").read_text().replace("[GB-ENG]", "[GB-ENG, JE]")
          + "help_now:\n  add: [staff-support-line]\n")
    data = load_dataset(kit, organisation=hub)
    assert data.site["emergency_numbers"][-1] == {"id": "je-999", **yaml.safe_load(JERSEY_999)}
    assert data.source_of("emergency-numbers", "je-999") == "our-hub/data/emergency-numbers/je-999.yml"
    assert len(data.site["emergency_numbers"]) == len(load_dataset(kit).site["emergency_numbers"]) + 1


def test_an_organisation_file_with_a_kit_emergency_numbers_id_is_an_error(kit, hub):
    write(hub / "data" / "emergency-numbers" / "gb-999.yml", JERSEY_999.replace("JE", "GB"))
    assert problems(kit, hub) == [
        "our-hub/data/emergency-numbers/gb-999.yml: a kit emergency number has this id; record your check in "
        "our-hub/data/checks.yml or a local correction in our-hub/data/overrides.yml"]
