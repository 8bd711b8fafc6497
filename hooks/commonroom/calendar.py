"""A local group's sessions as an iCalendar file, so a member can add every session to their calendar in one tap.

The schedule in the group's data file is the only source (the same one the pages describe in words), mapped as
hooks/commonroom/schedule.py explains: frequency and day to RRULE, starts_on and start_time to DTSTART in the
group's time zone, ends_on to UNTIL, not_on to EXDATE. The output is the same in every build (no build time or
random id in it), so a calendar that subscribes to the file sees changes only when the data changes.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any
from urllib.parse import urljoin

import icalendar

from .hsds import stable_id
from .schedule import WEEKS

CALENDAR_FOLDER = "groups/calendars"
PRODID = "-//Common Room//Local group sessions//EN"
DAY_CODES = {"monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR",
             "saturday": "SA", "sunday": "SU"}
YEARS_OF_TIME_ZONE_RULES = 20  # for a group with no end date: how far ahead the VTIMEZONE describes summer time


def calendar_path(group_id: str) -> str:
    """Where a group's calendar file lives in the built site (as a path under docs/)."""
    return f"{CALENDAR_FOLDER}/{group_id}.ics"


def group_address(site_url: str | None, format_page_url: str, group_id: str) -> str | None:
    """The group's absolute address on its format's page, or None if the hub has no public address."""
    site_url = (site_url or "").strip()
    if not site_url:
        return None
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", format_page_url) + f"#local-{group_id}"


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def first_session(schedule: dict[str, Any]) -> dt.datetime:
    hour, minute = (int(part) for part in schedule["start_time"].split(":"))
    return dt.datetime.combine(_date(schedule["starts_on"]), dt.time(hour, minute), zoneinfo.ZoneInfo(schedule["time_zone"]))


def recurrence_rule(schedule: dict[str, Any]) -> dict[str, Any]:
    """RRULE parts: every week, every other week, or the nth (or last) weekday of each month, until ends_on."""
    day = DAY_CODES[schedule["day"]]
    if schedule["frequency"] == "monthly":
        rule: dict[str, Any] = {"freq": "MONTHLY", "byday": f"{WEEKS[schedule['week_of_month']]}{day}"}
    else:
        rule = {"freq": "WEEKLY", "byday": day}
        if schedule["frequency"] == "fortnightly":
            rule["interval"] = 2
    if "ends_on" in schedule:
        # RFC 5545: with a TZID start, UNTIL is in UTC. The end of ends_on in the group's zone keeps that day's session.
        last_moment = dt.datetime.combine(_date(schedule["ends_on"]), dt.time(23, 59, 59), zoneinfo.ZoneInfo(schedule["time_zone"]))
        rule["until"] = last_moment.astimezone(dt.timezone.utc)
    return rule


def place(location: dict[str, Any]) -> str:
    where = ", ".join(location[key] for key in ("room", "building", "address") if location.get(key))
    if location.get("online"):
        return f"{where}, or online" if where else "Online"
    return where


def _contact_line(facilitator: dict[str, Any]) -> str:
    contact = facilitator["contact"]
    how = f"{contact['label']}: {contact['value']}" if contact.get("label") else contact["value"]
    return f"Contact: {facilitator['name']}, {how}" if facilitator.get("name") else f"Contact: {how}"


def group_calendar(group_id: str, group: dict[str, Any], format_name: str, page_url: str | None = None) -> icalendar.Calendar:
    """One VCALENDAR holding one recurring VEVENT for the group's sessions, with the VTIMEZONE it needs.

    `page_url` is the absolute address of the group on its format's page; left out when the site has no site_url,
    because a relative address means nothing inside someone's calendar.
    """
    schedule = group["schedule"]
    start = first_session(schedule)
    checked = dt.datetime.combine(_date(group["verified_on"]), dt.time(0, 0), dt.timezone.utc)
    description = [f"{format_name}, run by {group['organisation']}.",
                   f"How to join: {group['how_to_join'].strip()}", _contact_line(group["facilitator"])]
    if page_url:
        description.append(f"Details: {page_url}")
    event = icalendar.Event.new(
        uid=stable_id("local-group", group["organisation"], group_id),
        summary=group["name"],
        start=start,
        stamp=checked,  # without METHOD, DTSTAMP is when the information was last revised: when it was checked
        location=place(group["location"]) or None,
        description="\n\n".join(description),
        url=page_url,
    )
    event.add("duration", dt.timedelta(minutes=schedule["duration_minutes"]))
    event.add("rrule", recurrence_rule(schedule))
    cancelled = sorted(_date(day) for day in schedule.get("not_on", []))
    if cancelled:
        event.add("exdate", [dt.datetime.combine(day, start.timetz()) for day in cancelled])
    calendar = icalendar.Calendar.new(
        prodid=PRODID, name=group["name"], uid=stable_id("local-group-calendar", group["organisation"], group_id),
        url=page_url, subcomponents=[event],
    )
    ends = _date(schedule["ends_on"]) + dt.timedelta(days=1) if "ends_on" in schedule else \
        dt.date(start.year + YEARS_OF_TIME_ZONE_RULES, 1, 1)
    calendar.add_missing_timezones(first_date=start.date(), last_date=ends)
    return calendar


def group_calendar_file(group_id: str, group: dict[str, Any], format_name: str, page_url: str | None = None) -> bytes:
    return group_calendar(group_id, group, format_name, page_url).to_ical()
