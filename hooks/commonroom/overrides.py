"""The organisation's local corrections of kit facts (our-hub/data/overrides.yml), laid over the kit's records.

A service changes its number before the kit's next release, or a national service has a local route: the hospital
corrects the fact in its own file instead of the kit's, so the kit's update still arrives. Each correction keeps
the fingerprint of the kit record it corrected (fingerprint.py). When the kit's record changes later (it may have
made the same correction, or a different one), the correction still applies but the build names it, and the
maintainers' report lists every correction with its date and whether the kit changed since.
"""

from __future__ import annotations

from typing import Any, Callable

from .fingerprint import VERIFICATION_FIELDS
from .layers import merge_record
from .verification import cadence, with_check

# (path inside the corrected record, message) for each way it breaks the record's rules
RecordProblems = Callable[[str, dict[str, Any]], list[tuple[list[str | int], str]]]


def apply_overrides(facts: dict[str, dict[str, Any]], kit_hashes: dict[str, str], own: set[str],
                    overrides: list[dict[str, Any]], label: str, line: Callable[[list[str | int]], int | None],
                    record_problems: RecordProblems, help_now: list[str],
                    ) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]], list[str], list[str]]:
    """Lay the organisation's corrections over the kit's facts.

    Returns the corrected records by key, a summary of each correction (for the maintainers' report), problems and
    notices. A corrected record shows the correction's own check (made_on, made_by, checked_how): the kit's check
    did not see the corrected details."""
    problems: list[str] = []
    notices: list[str] = []
    corrected: dict[str, dict[str, Any]] = {}
    summary: list[dict[str, Any]] = []
    first: dict[str, int] = {}
    for index, override in enumerate(overrides):
        key = override["record"]
        where = f"{label}: line {line([index])}: [{index}] {key}"
        if key in own:
            problems.append(f"{where} is your own record, not the kit's: correct its own file instead")
            continue
        if key not in kit_hashes:
            notices.append(f"{where}: the kit has no such record (it may have been removed or renamed in an update), "
                           "so this correction does nothing: remove it, or add the service as your own")
            continue
        if key in first:
            problems.append(f"{where} corrects the same record as [{first[key]}] (expected one correction per "
                            "record: put both changes in one set)")
            continue
        first[key] = index
        checked = [f for f in VERIFICATION_FIELDS if f in override["set"]]
        if checked:
            problems.append(f"{label}: line {line([index, 'set', checked[0]])}: [{index}].set.{checked[0]} cannot be "
                            "corrected (expected made_on, made_by and checked_how on the correction: they are its check)")
            continue
        record = with_check(merge_record(facts[key], override["set"]), override["made_on"], override["made_by"],
                            override["checked_how"], cadence(key, facts[key], help_now))
        found = record_problems(key, record)
        for path, message in found:
            in_set = path[:1] and path[0] in override["set"]
            at = line([index, "set", *path]) if in_set else line([index, "set"])
            problems.append(f"{label}: line {at}: [{index}].set: {message}")
        if found:
            continue
        kit_changed = override["kit_hash"] != kit_hashes[key]
        if kit_changed:
            notices.append(f"{where}: the kit has changed this record since your correction of {override['made_on']} "
                           f"({override['kit_hash']} then, {kit_hashes[key]} now). Compare the kit's record with your "
                           "correction: if the kit now has it right, remove your correction; if not, keep it and "
                           f'set its kit_hash to "{kit_hashes[key]}"')
        corrected[key] = record
        summary.append({"record": key, "fields": sorted(override["set"]), "reason": override["reason"],
                        "made_on": override["made_on"], "made_by": override["made_by"], "kit_changed": kit_changed,
                        "file": label, "line": line([index])})
    return corrected, summary, problems, notices
