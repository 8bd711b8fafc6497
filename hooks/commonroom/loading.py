"""Load every data file, check it, and collect all problems before stopping the build.

A comms officer fixing data needs the whole list at once, each problem naming the file, the line,
the field, the bad value and what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from .assessment import assessment_problems
from .branding import site_problems
from .checking import cadence_problems, help_now_ids
from .coverage import offered_pathways, region_page_paths, region_problems
from .fingerprint import fact_records, record_hash
from .layers import (KIT_FACT_SETTINGS, ORGANISATION_FOLDERS, collision_problems, kit_fact_setting_problems,
                     merge_settings, relabel, unread_entries)
from .listing import hidden_service_problems
from .model import Dataset
from .overrides import apply_overrides
from .pathways import docs_pages, pathway_problems
from .picks import hide_problems, pick_problems
from .roles import role_page_paths
from .schedule import schedule_problems
from .schema import field_path, schema_errors, show
from .verification import apply_checks
from .yamlfile import YamlProblem, line_of, read_yaml

KINDS = {"services": "service", "groups": "group", "pathways": "pathway", "local-groups": "local-group",
         "campaigns": "campaign"}
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
UNSAFE_SCHEME = re.compile(r"^\s*(javascript|data|vbscript|file)\s*:", re.IGNORECASE)
EXAMPLE = {"services": "data/services/samaritans.yml", "groups": "data/groups/balint-groups.yml",
           "pathways": "data/pathways/need-help-now.yml", "local-groups": "the example in data/local-groups/README.md",
           "campaigns": "the example in data/campaigns/README.md"}
# Checks that need two fields together, run once a record matches its schema.
RECORD_CHECKS = {"local-group": lambda record: schedule_problems(record["schedule"])}


class DataError(Exception):
    """The data cannot be built. `problems` holds one plain-English line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"The site was not built: {count} in the data files.\n" + "\n".join(f"  - {p}" for p in problems))


def _unsafe_links(value: Any, path: list[str | int]) -> Iterator[tuple[list[str | int], str]]:
    if isinstance(value, str) and UNSAFE_SCHEME.match(value):
        scheme = value.strip().split(":", 1)[0].lower()
        yield path, (f"{field_path(path)} {show(value)} uses an unsafe kind of link ({scheme}:) "
                     "(expected a web address starting with https://, or an email address or phone number)")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _unsafe_links(item, path + [key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _unsafe_links(item, path + [index])


def check_record(kind: str, record: Any, node, label: str, schema_dir: Path) -> list[str]:
    """Every problem with one parsed record, each prefixed with its file and line."""
    found = list(_unsafe_links(record, []))
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


def check_references(data: Dataset) -> list[str]:
    """Ids that point at records which do not exist, and pathways that could strand someone."""
    problems = []
    for index, service_id in enumerate(data.site.get("help_now_services", [])):
        if service_id not in data.services:
            problems.append(f"data/site.yml: help_now_services[{index}] \"{service_id}\" is not a known service "
                            f"(expected the name of a file in data/services/, such as samaritans)")
    problems += pick_problems(data.site, data.services)
    problems += hidden_service_problems(data.site, data.services)
    problems += cadence_problems(data.site, data.services, lambda service_id: data.source_of("services", service_id))
    if "for" in data.services:
        problems.append(f'{data.source_of("services", "for")}: the id "for" is taken by the pages of support for each '
                        "role, /services/for/ (rename the file, such as for-staff.yml)")
    # Pathway answers may lead to written pages, a region's help-now page (help-now/au.md) and the pages of support
    # for each role, which are made from data.
    pages = docs_pages(data.docs) | region_page_paths(data) | role_page_paths(data.site) if data.docs is not None else None
    for pathway_id, pathway in data.pathways.items():
        problems += pathway_problems(pathway, data.source_of("pathways", pathway_id), data.services, data.groups, pages)
    for group_id, local in data.local_groups.items():
        if local["format"] not in data.groups:
            problems.append(f"{data.source_of('local-groups', group_id)}: format \"{local['format']}\" is not a known group format "
                            f"(expected the name of a file in data/groups/ without .yml: {', '.join(sorted(data.groups))})")
    return problems


def load_dataset(root: Path, docs: Path | None = None, organisation: Path | None = None) -> Dataset:
    """Load data/site.yml and every record under data/. Raises DataError listing every problem found.

    Given `docs` (the folder of written pages), pathway answers that name a page are checked against it.
    Given `organisation` (a folder with the kit's shape: our-hub/data/site.yml, services/ and so on), its data is
    laid over the kit's in `root` (layers.py); without it, the data is the kit's alone, exactly as before.
    """
    root = Path(root)
    problems: list[str] = []
    sources: dict = {}
    paths: dict = {}
    site_path = root / "site.yml"
    if not site_path.exists():
        raise DataError(["data/site.yml: the file is missing (expected the site settings: organisation, regions, emergency numbers)"])
    site, found = read_record(site_path, "site", "data/site.yml", root / "schema", "the site.yml in the Common Room kit")
    problems += found
    data = Dataset(root=root, site=site or {}, sources=sources, docs=Path(docs) if docs is not None else None)
    if site is not None and not found:  # colour contrast and the logo file, once the fields have the right form
        problems += site_problems(site, site_path.read_text(encoding="utf-8"), data.docs)
    data.paths = paths
    for folder in KINDS:
        setattr(data, folder.replace("-", "_"), load_folder(root, folder, problems, sources, paths=paths))
    assessment_path = root / "assessment.yml"
    if assessment_path.exists():
        assessment, found = read_record(assessment_path, "assessment", "data/assessment.yml", root / "schema",
                                        "data/assessment.yml in the Common Room kit")
        problems += found
        if assessment is not None and not found:
            data.assessment = assessment
    layer = read_organisation(Path(organisation), root / "schema", problems) if organisation is not None else None
    if layer is not None and not problems:
        problems += lay_organisation(data, layer)
    if not problems:
        problems += check_references(data)
    if not problems:
        data.pathways, found = offered_pathways(data)
        problems += hide_problems(data) + found + region_problems(data)
    if not problems and data.assessment is not None:
        problems += assessment_problems(data.assessment, assessment_path.read_text(encoding="utf-8"), data.docs, data.groups)
    if layer is not None:
        problems = [relabel(p, set(layer.settings), layer.kit_numbers, layer.label) for p in problems]
    if problems:
        raise DataError(problems)
    return data


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
    kit_numbers: int = 0


def read_organisation(folder: Path, schema_dir: Path, problems: list[str]) -> OrganisationFiles:
    """Read and check every file of the organisation's data folder, adding what is wrong to `problems`."""
    label = folder.name
    data_dir = folder / "data"
    problems += unread_entries(data_dir, label)
    settings: dict[str, Any] = {}
    settings_path, settings_text = data_dir / "site.yml", ""
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
            settings = {k: v for k, v in value.items() if k not in KIT_FACT_SETTINGS}
            found = check_record("organisation-site", settings, node, settings_label, schema_dir)
            problems += found
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
                             overrides, overrides_node)


def lay_organisation(data: Dataset, layer: OrganisationFiles) -> list[str]:
    """Lay the organisation's files over the kit's data in `data`: settings, own records, corrections and checks.
    Returns the problems; what a kit update asks the organisation to look at again goes to data.notices."""
    problems: list[str] = []
    for folder, records in layer.records.items():
        kit_ids = set(getattr(data, folder.replace("-", "_")))
        problems += collision_problems(folder, kit_ids, {i: layer.sources[(folder, i)] for i in records}, layer.label)
    if problems:
        return problems
    kit_site = data.site
    kit_facts = fact_records(kit_site, data.services)
    kit_hashes = {key: record_hash(record) for key, record in kit_facts.items()}
    layer.kit_numbers = len(kit_site.get("emergency_numbers", []))
    for folder, records in layer.records.items():
        getattr(data, folder.replace("-", "_")).update(records)
    data.sources.update(layer.sources)
    data.paths.update(layer.paths)
    data.organisation = layer.folder
    data.site = merge_settings(kit_site, layer.settings)
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
        found = list(_unsafe_links(record, []))
        if key.startswith("services/"):
            return found + list(schema_errors("service", record, schema_dir))
        in_site = schema_errors("site", {**kit_site, "emergency_numbers": [record]}, schema_dir)
        return found + [(path[2:], message) for path, message in in_site if path[:2] == ["emergency_numbers", 0]]

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
