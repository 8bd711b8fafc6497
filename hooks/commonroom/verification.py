"""The organisation's checks of kit facts (our-hub/data/checks.yml), laid over the kit's own checks.

A hospital's team checks Samaritans' number on the live page; six months later the kit re-checks it too. Neither
check may hide the other: a page shows the latest, the kit's or the organisation's. A local check keeps the
fingerprint of the kit record it saw (fingerprint.py); once the kit changes anything but the check fields, the
check no longer vouches for what the page shows, so it is dropped and the build names the record for a re-check.
That is a notice, not an error: the kit's own check still stands, and a strict build still passes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from .checking import CRISIS_MONTHS, add_months, service_limit


def cadence(key: str, record: dict[str, Any], help_now: list[str]) -> int:
    """How many months a check of this fact lasts (6 for anything someone in crisis relies on, else 12)."""
    if key.startswith("services/"):
        return service_limit(key.split("/", 1)[1], record, help_now)[0]
    return CRISIS_MONTHS


def with_check(record: dict[str, Any], on: str, by: str, how: str, months: int) -> dict[str, Any]:
    """The record as checked on `on`: its next check is due `months` later."""
    due = add_months(dt.date.fromisoformat(on), months).isoformat()
    return {**record, "verified_on": on, "review_due": due, "checked_by": by, "checked_how": how}


def apply_checks(facts: dict[str, dict[str, Any]], kit_hashes: dict[str, str], own: set[str],
                 checks: list[dict[str, Any]], label: str, line: Callable[[int], int | None],
                 help_now: list[str]) -> tuple[dict[str, dict[str, Any]], set[str], list[str], list[str]]:
    """Lay the organisation's checks over the kit's facts.

    `facts` are the records as they stand (after any local correction), `kit_hashes` the fingerprints of the kit's
    own records, `own` the keys of the organisation's own records (checked in their own files, not here).
    Returns the records whose shown check changed, the keys with a standing local check, problems and notices."""
    problems: list[str] = []
    notices: list[str] = []
    latest: dict[str, dict[str, Any]] = {}
    for index, check in enumerate(checks):
        key, where = check["record"], f"{label}: line {line(index)}: [{index}] {check['record']}"
        if key in own:
            problems.append(f"{where} is your own record, not the kit's: update verified_on, checked_by and "
                            "checked_how in its own file instead")
        elif key not in kit_hashes:
            notices.append(f"{where}: the kit has no such record (it may have been removed or renamed in an update): "
                           "remove this check")
        elif check["kit_hash"] != kit_hashes[key]:
            notices.append(f"{where}: your check of {check['verified_on']} no longer applies: the kit changed this "
                           f"record since ({check['kit_hash']} then, {kit_hashes[key]} now). Check it again against "
                           f"{facts[key]['source_url']} and record a new check (until then pages show the kit's own check)")
        elif key not in latest or check["verified_on"] >= latest[key]["verified_on"]:
            latest[key] = check
    changed = {}
    for key, check in latest.items():
        record = facts[key]
        if check["verified_on"] >= record["verified_on"]:  # on the same day, the organisation's own check shows
            changed[key] = with_check(record, check["verified_on"], check["checked_by"], check["checked_how"],
                                      cadence(key, record, help_now))
    return changed, set(latest), problems, notices
