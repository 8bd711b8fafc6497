"""When a local group meets: check its schedule, say it in plain English, and tell whether a date is a session.

The schedule in a local group's data file is the only place its day and time are written, so the format's page,
the "groups near you" page and (later) the group's calendar file cannot disagree. The fields map onto iCalendar:
frequency and day to FREQ/INTERVAL/BYDAY, week_of_month to BYDAY=1TU or -1FR, starts_on and start_time to DTSTART
in time_zone, ends_on to UNTIL, and not_on to EXDATE.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}

# Most people know their own zone by its country, not by the city the IANA list files it under.
TIME_ZONE_WORDS = {
    "Europe/London": "UK time",
    "Europe/Belfast": "UK time",
    "Europe/Dublin": "Irish time",
    "Africa/Johannesburg": "South African time",
    "Pacific/Auckland": "New Zealand time",
    "UTC": "UTC",
}


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def time_zone_words(name: str) -> str:
    """'UK time', 'Toronto time': how a reader names the zone the times are in."""
    return TIME_ZONE_WORDS.get(name) or name.rsplit("/", 1)[-1].replace("_", " ") + " time"


def start_and_end(schedule: dict[str, Any]) -> tuple[dt.time, dt.time]:
    start = dt.datetime.strptime(schedule["start_time"], "%H:%M")
    return start.time(), (start + dt.timedelta(minutes=schedule["duration_minutes"])).time()


def nth_weekday(year: int, month: int, weekday: int, week: str) -> dt.date:
    """The first, second, third, fourth or last `weekday` (0 is Monday) of a month."""
    if WEEKS[week] > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (WEEKS[week] - 1))
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    last = next_month - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def fits_pattern(schedule: dict[str, Any], day: dt.date) -> bool:
    """True if `day` falls on the group's rhythm (the right weekday, week or week of the month).

    Ignores starts_on, ends_on and not_on, so it can also say whether a cancelled date was a real session.
    """
    weekday = DAYS.index(schedule["day"])
    if day.weekday() != weekday:
        return False
    if schedule["frequency"] == "fortnightly":
        return (day - _date(schedule["starts_on"])).days % 14 == 0
    if schedule["frequency"] == "monthly":
        return day == nth_weekday(day.year, day.month, weekday, schedule["week_of_month"])
    return True


def meets_on(schedule: dict[str, Any], day: dt.date) -> bool:
    """True if the group has a session on `day`."""
    if day < _date(schedule["starts_on"]) or ("ends_on" in schedule and day > _date(schedule["ends_on"])):
        return False
    return fits_pattern(schedule, day) and day.isoformat() not in schedule.get("not_on", [])


def has_ended(schedule: dict[str, Any], today: dt.date) -> bool:
    return "ends_on" in schedule and _date(schedule["ends_on"]) < today


def _example_session(schedule: dict[str, Any], near: dt.date) -> dt.date:
    """The first date on the group's rhythm on or after `near` (for 'such as ...' in messages)."""
    day = near
    while not fits_pattern(schedule, day):
        day += dt.timedelta(days=1)
    return day


def describe_schedule(schedule: dict[str, Any], today: dt.date | None = None) -> str:
    """The schedule in plain English: 'Every Tuesday, 13:00–14:00 (UK time).'

    A fortnightly group always says which week it started, or readers cannot tell which Tuesdays it meets.
    A weekly or monthly group says when it starts only if that is after `today` (or if no `today` is given).
    Cancelled dates already past are left out.
    """
    day = schedule["day"].capitalize()
    rhythm = {
        "weekly": f"Every {day}",
        "fortnightly": f"Every other {day}",
        "monthly": f"{schedule.get('week_of_month', '').capitalize()} {day} of every month",
    }[schedule["frequency"]]
    starts = _date(schedule["starts_on"])
    if schedule["frequency"] == "fortnightly" or today is None or starts > today:
        rhythm += f" from {_long_date(starts)}"
    start, end = start_and_end(schedule)
    text = f"{rhythm}, {start:%H:%M}–{end:%H:%M} ({time_zone_words(schedule['time_zone'])})"
    if "ends_on" in schedule:
        text += f", until {_long_date(_date(schedule['ends_on']))}"
    cancelled = sorted(_date(d) for d in schedule.get("not_on", []) if today is None or _date(d) >= today)
    if cancelled:
        dates = [_long_date(d) for d in cancelled]
        text += ". No session on " + (", ".join(dates[:-1]) + " or " + dates[-1] if len(dates) > 1 else dates[0])
    return text + "."


def schedule_problems(schedule: dict[str, Any], where: str = "schedule") -> list[tuple[list[str | int], str]]:
    """(path, sentence) for every way a schedule that passed the schema still cannot be right.

    The schema checks each field alone; these checks need two fields together, or the time zone database.
    """
    problems: list[tuple[list[str | int], str]] = []
    zone = schedule["time_zone"]
    try:
        zoneinfo.ZoneInfo(zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        problems.append(([where, "time_zone"], f'{where}.time_zone "{zone}" is not a known time zone (expected a name '
                         "from the IANA time zone list, such as Europe/London, America/Toronto or Africa/Johannesburg)"))
    if "week_of_month" in schedule and schedule["frequency"] != "monthly":
        problems.append(([where, "week_of_month"], f'{where}.week_of_month "{schedule["week_of_month"]}" only applies to '
                         f"groups that meet monthly (expected no week_of_month when frequency is {schedule['frequency']}; "
                         "remove it, or set frequency: monthly)"))
        return problems
    starts = _date(schedule["starts_on"])
    day = schedule["day"].capitalize()
    if not fits_pattern(schedule, starts):
        on = f"a {day}" if schedule["frequency"] != "monthly" else f"the {schedule['week_of_month']} {day} of the month"
        # A fortnightly rhythm counts from starts_on, so any date on the right weekday can start it.
        rhythm = {**schedule, "frequency": "weekly"} if schedule["frequency"] == "fortnightly" else schedule
        problems.append(([where, "starts_on"], f'{where}.starts_on "{schedule["starts_on"]}" is a {starts:%A}, which is not '
                         f"{on} (expected the date of the first session, such as {_example_session(rhythm, starts)})"))
        return problems
    if "ends_on" in schedule and _date(schedule["ends_on"]) < starts:
        problems.append(([where, "ends_on"], f'{where}.ends_on "{schedule["ends_on"]}" is before starts_on '
                         f'"{schedule["starts_on"]}" (expected the date of the last session, on or after starts_on)'))
    for index, text in enumerate(schedule.get("not_on", [])):
        cancelled = _date(text)
        if cancelled < starts or not fits_pattern(schedule, cancelled):
            problems.append(([where, "not_on", index], f'{where}.not_on[{index}] "{text}" is not a day the group meets '
                             f"(expected the date of a cancelled session, such as {_example_session(schedule, max(cancelled, starts))})"))
    return problems
