"""Read one data file, or one folder of records, and check each record against its schema.

Both layers are read the same way, the kit's data/ and an organisation's our-hub/data/: each problem names the
file (as the person editing it sees it), the line, the field, the bad value and what was expected.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from .schedule import schedule_problems
from .schema import field_path, schema_errors, show
from .yamlfile import YamlProblem, line_of, read_yaml

KINDS = {"services": "service", "groups": "group", "pathways": "pathway", "local-groups": "local-group",
         "campaigns": "campaign", "emergency-numbers": "emergency-number"}
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
UNSAFE_SCHEME = re.compile(r"^\s*(javascript|data|vbscript|file)\s*:", re.IGNORECASE)
EXAMPLE = {"services": "data/services/samaritans.yml", "groups": "data/groups/balint-groups.yml",
           "pathways": "data/pathways/need-help-now.yml", "local-groups": "the example in data/local-groups/README.md",
           "campaigns": "the example in data/campaigns/README.md", "emergency-numbers": "data/emergency-numbers/gb-999.yml"}
# Checks that need two fields together, run once a record matches its schema.
RECORD_CHECKS = {"local-group": lambda record: schedule_problems(record["schedule"])}


def unsafe_links(value: Any, path: list[str | int]) -> Iterator[tuple[list[str | int], str]]:
    if isinstance(value, str) and UNSAFE_SCHEME.match(value):
        scheme = value.strip().split(":", 1)[0].lower()
        yield path, (f"{field_path(path)} {show(value)} uses an unsafe kind of link ({scheme}:) "
                     "(expected a web address starting with https://, or an email address or phone number)")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from unsafe_links(item, path + [key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from unsafe_links(item, path + [index])


def check_record(kind: str, record: Any, node, label: str, schema_dir: Path) -> list[str]:
    """Every problem with one parsed record, each prefixed with its file and line."""
    found = list(unsafe_links(record, []))
    unsafe_paths = {tuple(p) for p, _ in found}
    found += [(p, m) for p, m in schema_errors(kind, record, schema_dir) if tuple(p) not in unsafe_paths]
    if not found and kind in RECORD_CHECKS:
        found += RECORD_CHECKS[kind](record)
    return [f"{label}: line {line_of(node, path)}: {message}" for path, message in found]


def parse_file(path: Path, label: str) -> tuple[Any, Any, list[str]]:
    """Parse one YAML file: its value, its node tree (for line numbers) and any problem reading it."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, None, [f"{label}: the file is not saved as UTF-8 text (save it as UTF-8 in your editor)"]
    try:
        value, node = read_yaml(text)
    except YamlProblem as problem:
        where = f": line {problem.line}" if problem.line else ""
        return None, None, [f"{label}{where}: {problem.message}"]
    return value, node, []


def read_record(path: Path, kind: str, label: str, schema_dir: Path, example: str) -> tuple[Any, list[str]]:
    """Parse and check one file. Returns the record (or None) and its problems."""
    record, node, found = parse_file(path, label)
    if found:
        return None, found
    if record is None:
        return None, [f"{label}: the file is empty (expected a {kind} record; copy {example} to start)"]
    if not isinstance(record, dict):
        return None, [f"{label}: line 1: expected a {kind} record made of fields such as 'name: ...' "
                      f"(found {type(record).__name__}; copy {example} to start)"]
    return record, check_record(kind, record, node, label, schema_dir)


def read_entries(path: Path, kind: str, label: str, schema_dir: Path) -> tuple[list[Any], Any, list[str]]:
    """Parse and check a file that is a list of entries (checks.yml, overrides.yml). A missing file, or one with
    only comments, has none. Returns the entries, the node tree (for line numbers) and the problems."""
    if not path.exists():
        return [], None, []
    entries, node, found = parse_file(path, label)
    if found or entries is None:
        return [], None, found
    if not isinstance(entries, list):
        return [], None, [f"{label}: line 1: expected a list of entries, each starting with - (found "
                          f"{type(entries).__name__}; see the description in data/schema/{kind}.schema.json)"]
    found = check_record(kind, entries, node, label, schema_dir)
    return ([] if found else entries), node, found


def load_folder(root: Path, folder: str, problems: list[str], sources: dict, label_root: str = "data",
                schema_dir: Path | None = None, paths: dict | None = None) -> dict[str, dict[str, Any]]:
    """Every record in one folder of a data layer (the kit's data/, or an organisation's our-hub/data/, whose
    labels start with `label_root` and whose records are checked against the kit's schemas in `schema_dir`)."""
    kind = KINDS[folder]
    schema_dir = schema_dir or root / "schema"
    records: dict[str, dict[str, Any]] = {}
    for path in sorted((root / folder).glob("*")):
        if path.is_dir() or path.name.startswith(".") or path.suffix not in (".yml", ".yaml"):
            continue
        label = f"{label_root}/{folder}/{path.name}"
        record_id = path.stem
        if not ID_PATTERN.match(record_id):
            problems.append(f"{label}: the file name \"{path.name}\" is not a valid id (expected lower-case letters, "
                            "digits and single hyphens, such as practitioner-health.yml)")
            continue
        if record_id in records:
            problems.append(f"{label}: the id \"{record_id}\" is used twice (also {sources[(folder, record_id)]}); "
                            "rename or remove one of the files")
            continue
        record, found = read_record(path, kind, label, schema_dir, EXAMPLE[folder])
        problems += found
        sources[(folder, record_id)] = label
        if paths is not None:
            paths[(folder, record_id)] = path
        if record is not None:
            records[record_id] = record
    return records
