"""Write an organisation's check or correction of a kit fact, with the fingerprint of the kit's record as it is now.

Nobody types a hash: the command line calls these, so a check records exactly the kit record it vouches for.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import yaml

from .fingerprint import KEY_PATTERN, fact_records, record_hash
from .loading import load_dataset
from .yamlfile import YamlProblem, read_yaml

CHECKS_HEADER = ("# Your team's checks of the kit's services and emergency numbers: one entry per check, written by\n"
                 "# the check command with the kit record's hash. A check applies while the kit's record is the one\n"
                 "# you checked. Pages show the latest check, the kit's or yours.\n")
OVERRIDES_HEADER = ("# Your corrections of the kit's services and emergency numbers, applied over the kit's records.\n"
                    "# kit_hash is the kit record's hash when you made the correction: when the kit changes the\n"
                    "# record, the build names your correction, so you can see whether it is still needed.\n")


def kit_fact_hash(kit_data: Path, record: str) -> str:
    """The fingerprint of one kit fact as the kit ships it now (the kit alone, without any organisation).
    Raises ValueError for a key that is not a kit fact."""
    if not KEY_PATTERN.match(record):
        raise ValueError(f'"{record}" is not a kit record (expected services/<id> or emergency-numbers/<id>, '
                         "such as services/samaritans)")
    kit = load_dataset(Path(kit_data))
    facts = fact_records(kit.site, kit.services)
    if record not in facts:
        raise ValueError(f'"{record}" is not one of the kit\'s records (expected services/<id> for a file in '
                         f"{kit_data}/services/, or emergency-numbers/<id> for an emergency number with an id)")
    return record_hash(facts[record])


def record_check(kit_data: Path, organisation: Path, record: str, checked_by: str, checked_how: str,
                 on: dt.date, note: str | None = None) -> dict[str, Any]:
    """Append a check of one kit fact to the organisation's data/checks.yml. Returns the entry written."""
    entry: dict[str, Any] = {"record": record, "verified_on": on.isoformat(), "checked_by": checked_by,
                             "checked_how": checked_how, "kit_hash": kit_fact_hash(kit_data, record)}
    if note:
        entry["note"] = note
    append_entry(Path(organisation) / "data" / "checks.yml", entry,
                 Path(kit_data) / "schema" / "checks.schema.json", CHECKS_HEADER)
    return entry


def record_override(kit_data: Path, organisation: Path, record: str, changes: dict[str, Any], reason: str,
                    made_by: str, checked_how: str, on: dt.date) -> dict[str, Any]:
    """Append a correction of one kit fact to the organisation's data/overrides.yml. Returns the entry written."""
    entry = {"record": record, "set": changes, "reason": reason, "made_on": on.isoformat(), "made_by": made_by,
             "checked_how": checked_how, "kit_hash": kit_fact_hash(kit_data, record)}
    append_entry(Path(organisation) / "data" / "overrides.yml", entry,
                 Path(kit_data) / "schema" / "overrides.schema.json", OVERRIDES_HEADER)
    return entry


def append_entry(path: Path, entry: dict[str, Any], schema: Path, header: str) -> None:
    """Add one entry to a YAML list file, keeping what is there (comments included). A new file names its schema
    on its first line, so editors check it as it is typed."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    entries = (read_yaml(text)[0] or []) if text.strip() else []
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a list of entries, each starting with -")
    block = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=120)
    if not text.strip():
        text = f"# yaml-language-server: $schema={Path(os.path.relpath(schema, path.parent)).as_posix()}\n{header}"
    appended = text + ("" if text.endswith("\n") else "\n") + block
    if not _reads_as(appended, entries + [entry]):  # such as a file written as `[]`: write the list afresh
        first = text.splitlines(keepends=True)[0] if text.startswith("# yaml-language-server") else ""
        appended = first + header + yaml.safe_dump(entries + [entry], sort_keys=False, allow_unicode=True, width=120)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(appended, encoding="utf-8")


def _reads_as(text: str, expected: list) -> bool:
    """Whether appending kept the file a list of these entries: after `[]` the new item is not valid YAML at all."""
    try:
        return read_yaml(text)[0] == expected
    except YamlProblem:
        return False
