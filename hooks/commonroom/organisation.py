"""Read the organisation's folder and lay it over the kit's data (layers.py says what goes where, and why).

Reading and laying are apart: every file of the organisation's folder is read and checked first, so the whole list
of problems comes at once, and nothing is laid over the kit's data until all of it is valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .branding import site_problems
from .checking import help_now_ids
from .fingerprint import fact_records, record_hash
from .layers import (KIT_FACT_SETTINGS, ORGANISATION_FOLDERS, collision_problems, kit_fact_setting_problems,
                     merge_settings, unread_entries)
from .model import Dataset
from .overrides import apply_overrides
from .release_setting import SETTING
from .reading import check_record, load_folder, parse_file, read_entries, unsafe_links
from .schema import schema_errors
from .verification import apply_checks
from .yamlfile import line_of


@dataclass
class OrganisationFiles:
    """The organisation's files as read and checked, before they are laid over the kit's data."""

    folder: Path
    label: str  # how messages name the folder, such as our-hub
    settings: dict[str, Any]
    settings_text: str
    records: dict[str, dict[str, dict[str, Any]]]  # folder -> id -> record
    sources: dict[tuple[str, str], str]
    paths: dict[tuple[str, str], Path]
    checks: list[dict[str, Any]]
    checks_node: Any
    overrides: list[dict[str, Any]]
    overrides_node: Any
    kit_release: str | None = None  # the release its settings name (release_setting.py): not a setting of the kit


def read_organisation(folder: Path, schema_dir: Path, problems: list[str]) -> OrganisationFiles:
    """Read and check every file of the organisation's data folder, adding what is wrong to `problems`."""
    label = folder.resolve().name
    data_dir = folder / "data"
    if not data_dir.is_dir():  # a mistyped folder would otherwise build the kit's own site without a word
        problems.append(f"{folder}/data: the organisation's data folder is missing (expected a folder with the "
                        "kit's shape: data/site.yml for its settings, data/services/ for its own services, and so on)")
    problems += unread_entries(data_dir, label)
    settings: dict[str, Any] = {}
    settings_path, settings_text = data_dir / "site.yml", ""
    kit_release = None
    if settings_path.exists():
        settings_label = f"{label}/data/site.yml"
        value, node, found = parse_file(settings_path, settings_label)
        problems += found
        if value is not None and not isinstance(value, dict):
            problems.append(f"{settings_label}: line 1: expected settings made of fields such as 'regions: ...' "
                            f"(found {type(value).__name__})")
        elif value is not None:
            settings_text = settings_path.read_text(encoding="utf-8")
            problems += kit_fact_setting_problems(value, settings_label)
            found = check_record("organisation-site", {k: v for k, v in value.items() if k not in KIT_FACT_SETTINGS},
                                 node, settings_label, schema_dir)
            problems += found
            settings = {k: v for k, v in value.items() if k not in KIT_FACT_SETTINGS and k != SETTING}
            kit_release = str(value[SETTING]) if SETTING in value else None
    sources: dict = {}
    paths: dict = {}
    records = {f: load_folder(data_dir, f, problems, sources, f"{label}/data", schema_dir, paths)
               for f in ORGANISATION_FOLDERS}
    checks, checks_node, found = read_entries(data_dir / "checks.yml", "checks", f"{label}/data/checks.yml", schema_dir)
    problems += found
    overrides, overrides_node, found = read_entries(data_dir / "overrides.yml", "overrides",
                                                    f"{label}/data/overrides.yml", schema_dir)
    problems += found
    return OrganisationFiles(folder, label, settings, settings_text, records, sources, paths, checks, checks_node,
                             overrides, overrides_node, kit_release)


def lay_organisation(data: Dataset, layer: OrganisationFiles) -> list[str]:
    """Lay the organisation's files over the kit's data in `data`: settings, own records, corrections and checks.
    Returns the problems; what a kit update asks the organisation to look at again goes to data.notices."""
    problems: list[str] = []
    kit_site = data.site
    for folder, records in layer.records.items():
        kit_ids = {n["id"] for n in kit_site.get("emergency_numbers", [])} if folder == "emergency-numbers" else \
            set(getattr(data, folder.replace("-", "_")))
        problems += collision_problems(folder, kit_ids, {i: layer.sources[(folder, i)] for i in records}, layer.label)
    if problems:
        return problems
    kit_facts = fact_records(kit_site, data.services)
    kit_hashes = {key: record_hash(record) for key, record in kit_facts.items()}
    own_numbers = [{"id": i, **record} for i, record in layer.records.pop("emergency-numbers", {}).items()]
    for folder, records in layer.records.items():
        getattr(data, folder.replace("-", "_")).update(records)
    data.sources.update(layer.sources)
    data.paths.update(layer.paths)
    data.organisation = layer.folder
    data.kit_release = layer.kit_release
    data.kit_facts = kit_facts
    data.site = merge_settings(kit_site, layer.settings)
    data.site["emergency_numbers"] = kit_site.get("emergency_numbers", []) + own_numbers  # its own join the kit's
    settings_label = f"{layer.label}/data/site.yml"
    problems += [f"{settings_label if path[:1] and path[0] in layer.settings else 'data/site.yml'}: {message} "
                 "(after your settings are laid over the kit's)" for path, message in schema_errors("site", data.site, data.root / "schema")]
    if layer.settings_text:  # the organisation's colours and logo, with its own file's line numbers
        problems += [f"{layer.label}/{p}" for p in site_problems(layer.settings, layer.settings_text, data.docs)]
    facts = fact_records(data.site, data.services)
    own = set(facts) - set(kit_facts)
    help_now = help_now_ids(data.site, data.services)
    schema_dir = data.root / "schema"

    def record_problems(key: str, record: dict[str, Any]) -> list[tuple[list[str | int], str]]:
        found = list(unsafe_links(record, []))
        if key.startswith("services/"):
            return found + list(schema_errors("service", record, schema_dir))
        return found + list(schema_errors("emergency-number", {k: v for k, v in record.items() if k != "id"}, schema_dir))

    corrected, data.overrides, found, notices = apply_overrides(
        facts, kit_hashes, own, layer.overrides, f"{layer.label}/data/overrides.yml",
        lambda path: line_of(layer.overrides_node, path), record_problems, help_now)
    problems += found
    rechecked, checked, found, more = apply_checks(
        {**facts, **corrected}, kit_hashes, own, layer.checks, f"{layer.label}/data/checks.yml",
        lambda index: line_of(layer.checks_node, [index]), help_now)
    problems += found
    data.notices = notices + more
    data.checked_here = checked | set(corrected)
    for key, record in {**rechecked, **corrected}.items():  # a correction carries its own check
        put_fact(data, key, record)
    return problems


def put_fact(data: Dataset, key: str, record: dict[str, Any]) -> None:
    """Replace one fact (services/<id> or emergency-numbers/<id>) with the record the pages will show."""
    folder, record_id = key.split("/", 1)
    if folder == "services":
        data.services[record_id] = record
    else:
        data.site["emergency_numbers"] = [record if n.get("id") == record_id else n
                                          for n in data.site["emergency_numbers"]]
