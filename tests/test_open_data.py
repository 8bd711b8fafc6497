"""Open data: the build publishes the services directory as Open Referral HSDS 3.0 JSON that validates against
the HSDS schema, with ids that never change, and each local group's sessions as an iCalendar file, linked from the
group, whose sessions fall on the same dates and times as the page says."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import zoneinfo
from pathlib import Path

import icalendar
import pytest
import yaml
from dateutil.rrule import rrulestr
from jsonschema import Draft202012Validator

from commonroom.calendar import group_address, group_calendar_file
from commonroom.hsds import exported_services, hsds_export, hsds_service
from commonroom.listing import listed_services
from commonroom.loading import load_dataset
from commonroom.schedule import meets_on
from conftest import FIXTURES, ROOT, copy_project

HSDS = FIXTURES / "hsds-3.0"
LONDON = zoneinfo.ZoneInfo("Europe/London")


def schema_validator(name: str) -> Draft202012Validator:
    # The compiled schemas name no draft; HSDS 3.0's OpenAPI file declares JSON Schema 2020-12 as their dialect.
    schema = json.loads((HSDS / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def export_of(site: Path) -> dict:
    return json.loads((site / "open-data" / "hsds" / "services.json").read_text(encoding="utf-8"))


def data_service(service_id: str) -> dict:
    return yaml.safe_load((ROOT / "data" / "services" / f"{service_id}.yml").read_text(encoding="utf-8"))


def exported(site: Path, name: str) -> dict:
    [service] = [s for s in export_of(site)["contents"] if s["name"] == name]
    return service


# The services directory as HSDS


def test_every_exported_service_is_valid_hsds_3_0(built_site):
    full, listing = schema_validator("service_with_definitions.json"), schema_validator("service_list.json")
    services = export_of(built_site)["contents"]
    assert services
    for service in services:
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in full.iter_errors(service)]
        problems += [f"(as a list entry) {e.message}" for e in listing.iter_errors(service)]
        assert not problems, (service["name"], problems)
        # Formats jsonschema cannot check without extra packages: date-time, date and uri.
        dt.datetime.fromisoformat(service["last_modified"])
        dt.date.fromisoformat(service["assured_date"])
        assert re.match(r"^https?://", service.get("url", "https://"))


def test_hsds_gives_an_extension_as_the_outside_number_with_its_extension_and_leaves_out_one_without(minimal_data):
    from test_internal_numbers import BLEEP, EXTENSION, with_internal_numbers
    data, _ = with_internal_numbers(minimal_data, EXTENSION, BLEEP, {"kind": "extension", "value": "7788"})
    service = hsds_service("test-line", data.services["test-line"], data.site)
    assert not list(schema_validator("service_with_definitions.json").iter_errors(service))
    phones = service["phones"]
    extension, bleep = phones[0], phones[1]
    assert (extension["number"], extension["extension"], extension["type"]) == ("0114 271 4567", 4567, "voice")
    assert extension["description"].startswith("Extension 4567 from a hospital phone, or this number from outside.")
    assert (bleep["number"], bleep["type"]) == ("0114 271 1900", "voice") and "extension" not in bleep
    assert bleep["description"] == "Bleep 1234: call the switchboard on this number and ask for it. Nights and weekends."
    assert [p["number"] for p in phones] == ["0114 271 4567", "0114 271 1900", "116 123", "85258"]  # 7788: no outside number


def test_the_export_is_one_page_of_every_service_the_directory_lists_and_no_other(built_site):
    page = export_of(built_site)
    data = load_dataset(ROOT / "data")
    active = set(listed_services(data))  # open, and not hidden by data/site.yml: what the directory lists
    assert page["total_items"] == page["size"] == len(page["contents"]) == len(active)
    assert (page["page_number"], page["total_pages"], page["first_page"], page["last_page"], page["empty"]) == (1, 1, True, True, False)
    assert sorted(s["name"] for s in page["contents"]) == sorted(data.services[i]["name"] for i in active)
    assert {s["status"] for s in page["contents"]} == {"active"}


def test_a_services_phone_number_and_the_date_it_was_checked_are_exported_as_in_its_data_file(built_site):
    samaritans, record = exported(built_site, "Samaritans"), data_service("samaritans")
    assert [(p["number"], p["type"]) for p in samaritans["phones"]] == [("116 123", "voice")]
    assert samaritans["assured_date"] == record["verified_on"]
    assert samaritans["metadata"][0]["replacement_value"] == record["source_url"]
    assert samaritans["metadata"][0]["updated_by"] == f"{record['checked_by']} ({record['checked_how']} of the service's own website)"
    assert "Free from landlines and mobiles" in samaritans["phones"][0]["description"]


def test_a_text_line_is_a_phone_of_type_text_that_says_what_to_send(built_site):
    [text] = exported(built_site, "Shout 85258")["phones"]
    assert (text["number"], text["type"]) == ("85258", "text")
    assert text["description"].startswith("Text SHOUT to 85258.")


def test_a_24_hour_service_has_an_every_day_schedule_and_hours_stay_in_words(built_site):
    schedules = exported(built_site, "Samaritans")["schedules"]
    around_the_clock = [s for s in schedules if s.get("opens_at")]
    assert [(s["freq"], s["byday"], s["opens_at"], s["closes_at"]) for s in around_the_clock] == [
        ("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")]
    assert "Helpline: 24 hours, every day of the year." in [s["description"] for s in schedules]
    office_hours = [s for s in export_of(built_site)["contents"] if not any(x.get("opens_at") for x in s["schedules"])]
    for service in office_hours:
        assert all(set(s) == {"id", "service_id", "description"} for s in service["schedules"]), "no invented times"


def test_a_service_says_who_it_is_for_where_and_that_it_is_not_an_emergency_service(built_site):
    samaritans = exported(built_site, "Samaritans")
    assert [a["name"] for a in samaritans["service_areas"]] == ["United Kingdom", "Ireland"]
    assert {(a["link_type"], a["taxonomy_term"]["code"]) for a in samaritans["attributes"]} >= {("audience", "anyone"), ("need", "crisis")}
    assert samaritans["description"].endswith("This is not an emergency service. If a life is at risk now, call your local emergency number.")


def test_every_audience_is_exported_in_the_directorys_own_words_for_the_whole_workforce(built_site):
    from commonroom.vocabulary import AUDIENCES

    terms = {a["taxonomy_term"]["code"]: a["taxonomy_term"]["name"] for s in export_of(built_site)["contents"]
             for a in s["attributes"] if a["link_type"] == "audience"}
    assert all(AUDIENCES[code] == name for code, name in terms.items())
    assert {"nurses", "midwives", "paramedics", "healthcare-assistants", "non-clinical-staff", "nursing-students"} <= set(terms)
    network = exported(built_site, "Healthcare Workers Care Network Helpline")
    assert ("audience", "non-clinical-staff") in {(a["link_type"], a["taxonomy_term"]["code"]) for a in network["attributes"]}


def test_ids_stay_the_same_from_one_build_to_the_next_when_services_are_added(built_site, tmp_path):
    """The export of the suite's build, and the one prepare (the build's first step, which writes the export) makes
    from the same project with a service added: data in, file out, without building the whole site again."""
    from commonroom.prepare import prepare

    project = copy_project(tmp_path / "project")
    services = project / "data" / "services"
    (services / "aaa-new-line.yml").write_text(
        (services / "samaritans.yml").read_text(encoding="utf-8").replace("name: Samaritans", "name: A new line"), encoding="utf-8")
    prepared = prepare(project)
    before = {s["name"]: s for s in export_of(built_site)["contents"]}
    after = {s["name"]: s for s in export_of(prepared.docs)["contents"]}
    assert after.keys() - before.keys() == {"A new line"}
    assert after["A new line"]["id"] not in {s["id"] for s in before.values()}
    for name, service in before.items():
        assert after[name] == service, f"{name} changed between builds (its ids, or those of its phones, schedules ...)"


def test_closed_and_hidden_services_are_left_out(minimal_data):
    data = load_dataset(minimal_data)
    [only] = data.services
    assert list(exported_services(data)) == [only]
    closed = dataclasses.replace(data, services={only: {**data.services[only], "status": "inactive"}})
    assert hsds_export(closed)["empty"] and not exported_services(closed)
    hidden = dataclasses.replace(data, site={**data.site, "hide_services": [only]})
    assert not exported_services(hidden)


def test_a_number_whose_only_source_is_secondary_says_so_in_the_export_and_every_export_names_its_source(minimal_data):
    data = load_dataset(minimal_data)
    [only] = data.services
    note = "a news report about the line"
    secondary = dataclasses.replace(data, services={only: {**data.services[only], "source_kind": "secondary", "source_note": note}})
    [service] = hsds_export(secondary)["contents"]
    assert service["phones"] and all(f"Found only in {note}, not on the service's or a government's page" in phone["description"]
                                     for phone in service["phones"])
    assert service["metadata"][0]["updated_by"].endswith(f"of a secondary source, not an official website: {note})")
    [official] = hsds_export(data)["contents"]
    assert not any("Found only in" in phone["description"] for phone in official["phones"])


def test_the_directory_and_the_open_data_page_link_to_the_export(built_site):
    directory = (built_site / "services" / "index.html").read_text(encoding="utf-8")
    assert 'href="../open-data/"' in directory
    page = (built_site / "open-data" / "index.html").read_text(encoding="utf-8")
    assert 'href="hsds/services.json"' in page and 'href="hsds/index.json"' in page
    about = json.loads((built_site / "open-data" / "hsds" / "index.json").read_text(encoding="utf-8"))
    assert about["version"] == "3.0" and about["publisher"]["name"]


# Local groups' sessions as calendar files


def schedule(**change) -> dict:
    return {"frequency": "weekly", "day": "tuesday", "start_time": "13:00", "duration_minutes": 60,
            "time_zone": "Europe/London", "starts_on": "2026-01-06", **change}


def group(**schedule_change) -> dict:
    record = yaml.safe_load((FIXTURES / "local-groups" / "ward-7-balint.yml").read_text(encoding="utf-8"))
    return {**record, "schedule": schedule(**schedule_change)}


def parse(ics: bytes) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(ics)
    [event] = calendar.events
    return event


def sessions(ics: bytes, limit: int = 400) -> list[dt.datetime]:
    """The sessions a calendar app would show: the RRULE expanded from DTSTART, less every EXDATE."""
    event = parse(ics)
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=event.start)
    exdates = event.get("EXDATE", [])
    cancelled = {d.dt for ex in (exdates if isinstance(exdates, list) else [exdates]) for d in ex.dts}
    found = []
    for start in rule:
        if len(found) == limit:
            break
        if start not in cancelled:
            found.append(start)
    return found


def at(day: str, time: str = "13:00", zone: zoneinfo.ZoneInfo = LONDON) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=zone)


def test_a_weekly_group_meets_every_week_at_the_same_local_time_through_summer_time():
    found = sessions(group_calendar_file("ward-7", group(), "Balint groups"))
    assert found[:3] == [at("2026-01-06"), at("2026-01-13"), at("2026-01-20")]
    after_clocks_change = next(s for s in found if s.date() == dt.date(2026, 3, 31))
    assert after_clocks_change.utcoffset() == dt.timedelta(hours=1) and after_clocks_change.hour == 13


def test_a_monthly_first_tuesday_group_skips_its_cancelled_session():
    ics = group_calendar_file("ward-7", group(frequency="monthly", week_of_month="first", not_on=["2026-03-03"]), "Balint groups")
    assert "RRULE:FREQ=MONTHLY;BYDAY=1TU" in ics.decode()
    assert sessions(ics)[:4] == [at("2026-01-06"), at("2026-02-03"), at("2026-04-07"), at("2026-05-05")]


def test_a_last_friday_group_meets_on_the_last_friday_of_each_month():
    ics = group_calendar_file("ward-7", group(frequency="monthly", week_of_month="last", day="friday",
                                              starts_on="2026-01-30", start_time="08:30"), "Balint groups")
    assert sessions(ics)[:3] == [at("2026-01-30", "08:30"), at("2026-02-27", "08:30"), at("2026-03-27", "08:30")]


def test_a_fortnightly_group_meets_every_other_week_and_stops_on_its_last_date():
    ics = group_calendar_file("ward-7", group(frequency="fortnightly", day="wednesday", starts_on="2026-01-07",
                                              ends_on="2026-03-04"), "Balint groups")
    assert sessions(ics) == [at(d) for d in ("2026-01-07", "2026-01-21", "2026-02-04", "2026-02-18", "2026-03-04")]


@pytest.mark.parametrize("change", [
    {},
    {"frequency": "fortnightly", "not_on": ["2026-02-03", "2026-12-22"]},
    {"frequency": "monthly", "week_of_month": "first", "not_on": ["2026-03-03"], "ends_on": "2026-11-30"},
    {"frequency": "monthly", "week_of_month": "last", "day": "friday", "starts_on": "2026-01-30", "start_time": "23:30",
     "time_zone": "America/Toronto"},
    {"time_zone": "UTC", "ends_on": "2026-06-30", "not_on": ["2026-02-03"]},
], ids=["weekly", "fortnightly", "first-tuesday", "last-friday-toronto", "utc-until-june"])
def test_the_calendar_has_a_session_on_exactly_the_days_the_page_describes(change):
    record = group(**change)
    found = sessions(group_calendar_file("ward-7", record, "Balint groups"))
    in_2026 = {s.date() for s in found if s.year == 2026}
    days = (dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(365))
    assert in_2026 == {d for d in days if meets_on(record["schedule"], d)}
    zone = zoneinfo.ZoneInfo(record["schedule"]["time_zone"])
    assert {(s.astimezone(zone).hour, s.astimezone(zone).minute) for s in found} == {
        tuple(int(p) for p in record["schedule"]["start_time"].split(":"))}


def test_a_calendar_event_says_where_how_long_how_to_join_and_its_time_zone():
    ics = group_calendar_file("ward-7-balint", group(), "Balint groups")
    event = parse(ics)
    assert event["SUMMARY"] == "Ward 7 Balint group"
    assert event.duration == dt.timedelta(minutes=60)
    assert event["LOCATION"] == "Ward 7 seminar room, Tower Block"
    assert "Email the facilitator to ask for a place." in event["DESCRIPTION"]
    assert "ward7-balint@example.org" in event["DESCRIPTION"]
    assert "DTSTART;TZID=Europe/London:20260106T130000" in ics.decode()
    assert "TZID:Europe/London" in ics.decode(), "a VTIMEZONE for calendars that do not know the zone"
    assert "URL" not in event, "no relative address inside someone's calendar"


def test_a_calendar_file_is_the_same_in_every_build():
    assert group_calendar_file("ward-7-balint", group(), "Balint groups") == group_calendar_file("ward-7-balint", group(), "Balint groups")


@pytest.mark.parametrize("site_url, expected", [
    ("https://intranet.example.org/wellbeing", "https://intranet.example.org/wellbeing/groups/balint-groups/#local-ward-7"),
    ("https://wellbeing.example.org/", "https://wellbeing.example.org/groups/balint-groups/#local-ward-7"),
    (None, None),
    ("", None),
])
def test_a_calendar_links_to_its_group_under_the_hubs_own_address_or_not_at_all(site_url, expected):
    assert group_address(site_url, "groups/balint-groups/", "ward-7") == expected


def test_each_local_group_links_to_its_calendar_file_from_its_format_page_and_groups_near_you(site_with_local_groups):
    for page, href in (("groups/balint-groups/index.html", "../calendars/ward-7-balint.ics"),
                       ("groups/near-you/index.html", "../calendars/ward-7-balint.ics"),
                       ("groups/reflective-practice-groups/index.html", "../calendars/online-first-friday.ics")):
        html = (site_with_local_groups / page).read_text(encoding="utf-8")
        assert f'<a href="{href}">Add to your calendar (.ics)</a>' in html, page
        target = (site_with_local_groups / page).parent / href
        event = parse(target.read_bytes())
        assert event["SUMMARY"] in html


def test_a_calendar_links_back_to_its_group_when_the_site_has_an_address(site_with_local_groups):
    event = parse((site_with_local_groups / "groups" / "calendars" / "online-first-friday.ics").read_bytes())
    assert event["URL"] == "https://intranet.example.org/wellbeing/groups/reflective-practice-groups/#local-online-first-friday"
    assert event["LOCATION"] == "Online"
    assert sessions((site_with_local_groups / "groups" / "calendars" / "online-first-friday.ics").read_bytes())[:3] == [
        at("2026-02-06", "12:30"), at("2026-03-06", "12:30"), at("2026-04-03", "12:30")]
