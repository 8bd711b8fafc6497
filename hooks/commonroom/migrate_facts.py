"""What a hospital changed in the kit's settings and facts, as the organisation's layer would hold it (pure functions).

An old-style clone holds the hospital's work inside the kit's files: its settings in data/site.yml, a re-check or a
corrected number in a kit record, and (in the oldest layout) the kit's emergency numbers and help-now picks inside
data/site.yml too. Each change has one place in the organisation's folder: a setting in its site.yml, a change of
check fields only in checks.yml, any other change of a kit record in overrides.yml, an extra number in its own
emergency-numbers folder, a line added to or removed from help-now in help_now: add / hide.
"""

from __future__ import annotations

import re
from typing import Any

from .fingerprint import VERIFICATION_FIELDS, record_hash

OLD_LAYOUT = ("emergency_numbers", "help_now_services")  # kit facts the oldest layout kept in data/site.yml


def changed_settings(kit: dict[str, Any], clone: dict[str, Any], allowed: set[str]
                     ) -> tuple[dict[str, Any], list[str]]:
    """The clone's settings that differ from the kit's (a mapping keeps only its changed fields), and the names of
    settings an organisation's site does not take. Kit facts of the old layout are left to their own functions."""
    placed: dict[str, Any] = {}
    unknown: list[str] = []
    for key, value in clone.items():
        if key in OLD_LAYOUT:
            continue
        if key not in allowed:
            unknown.append(key)
            continue
        kit_value = kit.get(key)
        if isinstance(value, dict) and isinstance(kit_value, dict):
            fields = {k: v for k, v in value.items() if kit_value.get(k) != v}
            if fields:
                placed[key] = fields
        elif value != kit_value:
            placed[key] = value
    return placed, unknown


def split_edit(original: dict[str, Any], edited: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """How a hospital edited a kit record: (check fields it changed, other fields it changed with their new values,
    fields it removed). A check field is one a re-check changes (verified_on, review_due, checked_by, checked_how)."""
    changed = {k: v for k, v in edited.items() if original.get(k) != v}
    checks = {k: v for k, v in changed.items() if k in VERIFICATION_FIELDS}
    others = {k: v for k, v in changed.items() if k not in VERIFICATION_FIELDS}
    removed = [k for k in original if k not in edited and k not in VERIFICATION_FIELDS]
    return checks, others, removed


def check_entry(key: str, original: dict[str, Any], edited: dict[str, Any]) -> dict[str, Any]:
    """A checks.yml entry for a re-check made in the clone: recorded against the kit record the clone had."""
    return {"record": key, "verified_on": str(edited["verified_on"]), "checked_by": edited["checked_by"],
            "checked_how": edited["checked_how"], "kit_hash": record_hash(original)}


def override_entry(key: str, original: dict[str, Any], edited: dict[str, Any], changes: dict[str, Any],
                   where: str) -> dict[str, Any]:
    """An overrides.yml entry for a kit record the clone changed: its check is the one the clone's record gave."""
    reason = f"Carried over from the old copy's {where}, which changed {', '.join(sorted(changes))}"
    return {"record": key, "set": changes, "reason": reason[:300], "made_on": str(edited["verified_on"]),
            "made_by": edited["checked_by"], "checked_how": edited["checked_how"], "kit_hash": record_hash(original)}


def dial_digits(number: str) -> str:
    return re.sub(r"[^0-9+]", "", str(number))


def match_numbers(old: list[dict[str, Any]], kit: dict[str, dict[str, Any]]
                  ) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Emergency numbers of the old layout (a list in data/site.yml, without ids) matched to the kit's files.

    A number with a kit record's region and value is that record. One whose value matches none, but whose region
    and label match a kit record nobody else matched, is that record with its number corrected. Returns
    ({kit id: the old entry}, the entries that match nothing: the hospital's own)."""
    by_value = {(n["region"], dial_digits(n["number"])): i for i, n in kit.items()}
    matched: dict[str, dict[str, Any]] = {}
    rest = []
    for entry in old:
        number_id = by_value.get((entry.get("region"), dial_digits(entry.get("number", ""))))
        if number_id and number_id not in matched:
            matched[number_id] = entry
        else:
            rest.append(entry)
    own = []
    for entry in rest:
        same = [i for i, n in kit.items() if i not in matched and n["region"] == entry.get("region")
                and n["label"] == entry.get("label")]
        if len(same) == 1:
            matched[same[0]] = entry
        else:
            own.append(entry)
    return matched, own


def own_number_id(entry: dict[str, Any]) -> str:
    """The id an extra emergency number gets as the organisation's file: its region and digits, as the kit's are."""
    return f"{str(entry['region']).lower()}-{dial_digits(entry['number']).lstrip('+')}"


def picks_changes(original: list[str], clone: list[str], kit_picks: list[str]) -> tuple[list[str], list[str]]:
    """help_now add and hide from the clone's list of help-now services: lines it added, and kit lines it removed
    that are still kit picks."""
    add = [i for i in clone if i not in original]
    hide = [i for i in original if i not in clone and i in kit_picks]
    return add, hide
