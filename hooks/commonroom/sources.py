"""Whose page each fact was checked on, and which numbers may be a tap-to-call link because of it.

A record's `source_kind` (services and emergency numbers) says whose page `source_url` is: the provider's own (the
default, so an organisation's existing files stay valid), a government's, a public health body's, or a secondary copy
(a news report, a charity's list, a government release on a newswire). A reader deciding whether to trust a number
deserves to know which, so pages name the kind wherever they name the source. A number whose only source is a
secondary copy is never a tap link: pages show it as text, with what the copy is (`source_note`), so nobody dials
from one tap a number no provider or government has confirmed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterator

PROVIDER, SECONDARY = "provider", "secondary"
OFFICIAL_KINDS = ("provider", "government", "health-body")
KIND_WORDS = {
    "provider": "the service's own website",
    "government": "a government website",
    "health-body": "a public health body's website",
    "secondary": "a secondary source, not an official website",
}
STORED_COPY = re.compile(r"^stored copy dated ([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?$")
TAP_KINDS = ("phone", "text")


def source_kind(record: dict[str, Any]) -> str:
    """The kind of page a record's source_url is: absent means the provider's own page."""
    return record.get("source_kind", PROVIDER)


def is_tappable(record: dict[str, Any]) -> bool:
    """True if the record's numbers may be tap links: its source is the provider's, a government's or a health body's."""
    return source_kind(record) != SECONDARY


def source_words(record: dict[str, Any], own: str = KIND_WORDS[PROVIDER]) -> str:
    """What kind of page the source is, for 'checked against a stored copy of …': 'a government page'. `own` names
    the provider's own page where 'the service's' does not fit (an emergency number). The note, if any, follows it."""
    kind = source_kind(record)
    return own if kind == PROVIDER else KIND_WORDS[kind]


def copy_date(checked_how: str) -> str | None:
    """The date a stored copy's page shows, as exactly as it shows it: '17 March 2019', 'April 2024' or '2022'."""
    found = STORED_COPY.match(checked_how)
    if not found:
        return None
    year, month, day = found.groups()
    try:
        if month is None:
            return year
        if day is None:
            return f"{dt.date(int(year), int(month), 1):%B %Y}"
        date = dt.date(int(year), int(month), int(day))
    except ValueError:  # 30 February passes the schema's pattern: show it as written rather than stop the build
        return "-".join(part for part in (year, month, day) if part)
    return f"{date.day} {date:%B %Y}"


def number_label(number: dict[str, Any]) -> str:
    """How messages and reports name an emergency number: 'emergency number za-10111 (10111, ZA)'."""
    return f"emergency number {number['id']} ({number['number']}, {number['region']})"


def emergency_id_problems(site: dict[str, Any]) -> list[str]:
    """An emergency number's id names it in checks and reports, so two numbers may not share one."""
    problems = []
    first: dict[str, int] = {}
    for index, number in enumerate(site.get("emergency_numbers", [])):
        number_id = number["id"]
        if number_id in first:
            problems.append(
                f'data/site.yml: emergency_numbers[{index}].id "{number_id}" is already the id of '
                f"emergency_numbers[{first[number_id]}] (expected each number to have its own id, such as "
                f"{number['region'].lower()}-{re.sub(r'[^0-9]', '', number['number'])})")
        else:
            first[number_id] = index
    return problems


def secondary_tap_numbers(site: dict[str, Any], services: dict[str, dict[str, Any]],
                          source_of: Any) -> Iterator[dict[str, str]]:
    """Every number whose only source is a secondary copy, so it is shown as text, not a tap link: for the
    maintainers' report, which lists what to confirm on an official page."""
    for service_id, service in sorted(services.items()):
        if is_tappable(service) or service.get("status") == "inactive":
            continue
        for index, contact in enumerate(service["contacts"]):
            if contact["kind"] in TAP_KINDS:
                yield {"file": source_of(service_id), "field": f"contacts[{index}].value", "number": contact["value"],
                       "what": service["name"], "note": service["source_note"], "source_url": service["source_url"]}
    for number in site.get("emergency_numbers", []):
        if not is_tappable(number):
            yield {"file": "data/site.yml", "field": f"emergency_numbers {number['id']}", "number": number["number"],
                   "what": number["label"], "note": number["source_note"], "source_url": number["source_url"]}
