"""Internal numbers (a hospital extension or a bleep) and the short codes the kit's own records use.

An extension typed as a phone number becomes a tap-to-call link that, from a personal mobile, dials a short code
somewhere else, not the ward. So internal numbers have their own contact kinds, shown as words and never as a tel:
or sms: link, and a phone or text number of fewer than 5 digits is rejected unless it is one of the short codes
the kit's own records use (999, 111, 988, 1737 ...). That list is read from the kit's data, so a short code the
kit adds (a new country's emergency number) is accepted without a code change.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

from .checking import KIT_CHECKER
from .model import Dataset

INTERNAL_KINDS = ("extension", "bleep")
DIALLED_KINDS = ("phone", "text")
MIN_DIGITS = 5


def digits(number: str) -> str:
    return re.sub(r"\D", "", number)


def is_short(number: str) -> bool:
    return len(digits(number)) < MIN_DIGITS


def kit_short_codes(emergency_numbers: Iterable[dict[str, Any]], services: dict[str, dict[str, Any]]) -> set[str]:
    """Every number of fewer than 5 digits in the kit's own records: its emergency numbers, and the phone and text
    routes of the services its maintainers checked (checked_by: Common Room maintainers). A service an organisation
    added, or checked itself, does not count: otherwise a mistyped extension would vouch for itself.

    While the kit's records and an organisation's share data/services/, checked_by is what tells them apart. So an
    organisation that re-checks a kit service whose only short number is its own (1737) and writes its team in
    checked_by gets a build stop, not a wrong link: a safe failure. Once kit records live apart, pass those."""
    codes = {digits(e["number"]) for e in emergency_numbers if is_short(e["number"])}
    for service in services.values():
        if service.get("checked_by") != KIT_CHECKER:
            continue
        codes |= {digits(c["value"]) for c in service["contacts"] if c["kind"] in DIALLED_KINDS and is_short(c["value"])}
    return codes


def _numbers(contact: dict[str, Any], where: str) -> Iterator[tuple[str, str]]:
    """(field, number) for each number in a contact that someone outside the hospital would dial."""
    if contact["kind"] in DIALLED_KINDS:
        yield f"{where}.value", contact["value"]
    if contact["kind"] in INTERNAL_KINDS and "external" in contact:
        yield f"{where}.external", contact["external"]


def short_number_problems(file: str, contacts: list[tuple[str, dict[str, Any]]], codes: set[str]) -> list[str]:
    """One message per phone or text number in `contacts` ((field, contact) pairs from `file`) that has fewer than 5
    digits and is not one of the kit's short codes, and per outside number on a contact that is not internal (it
    would never be shown, so whoever wrote it would believe a number is on the page that is not)."""
    allowed = ", ".join(sorted(codes, key=lambda code: (len(code), code)))
    problems = []
    for where, contact in contacts:
        if "external" in contact and contact["kind"] not in INTERNAL_KINDS:
            problems.append(f'{file}: {where}.external "{contact["external"]}" is only for kind extension or bleep '
                            f'(expected no external on a {contact["kind"]} contact: put the number in a contact of '
                            "its own, kind: phone)")
        for field, number in _numbers(contact, where):
            if is_short(number) and digits(number) not in codes:
                count = len(digits(number))
                problems.append(
                    f'{file}: {field} "{number}" has {count} digit{"s" if count != 1 else ""}, too few for a number '
                    f"dialled from a mobile (expected at least {MIN_DIGITS} digits, or one of the short codes the kit's "
                    f"own records use: {allowed}; use kind: extension for an internal number, or kind: bleep for a "
                    "bleep, with the number to call from outside in external)")
    return problems


def record_contacts(data: Dataset) -> Iterator[tuple[str, list[tuple[str, dict[str, Any]]]]]:
    """(file, [(field, contact)]) for every record that holds contacts: services and local groups."""
    for service_id, service in sorted(data.services.items()):
        yield data.source_of("services", service_id), [(f"contacts[{i}]", c) for i, c in enumerate(service["contacts"])]
    for group_id, group in sorted(data.local_groups.items()):
        yield data.source_of("local-groups", group_id), [("facilitator.contact", group["facilitator"]["contact"])]


def internal_number_problems(data: Dataset) -> list[str]:
    """Every too-short phone or text number in the data, checked against the kit's short codes."""
    codes = kit_short_codes(data.site.get("emergency_numbers", []), data.services)
    return [problem for file, contacts in record_contacts(data) for problem in short_number_problems(file, contacts, codes)]
