"""Load every data file, check it, and collect all problems before stopping the build.

A comms officer fixing data needs the whole list at once, each problem naming the file, the line,
the field, the bad value and what was expected.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from .assessment import assessment_problems
from .branding import site_problems
from .checking import cadence_problems
from .coverage import offered_pathways, region_page_paths, region_problems
from .internal_numbers import internal_number_problems
from .listing import hidden_service_problems
from .model import Dataset
from .pathways import docs_pages, pathway_problems
from .roles import role_page_paths
from .schedule import schedule_problems
from .schema import field_path, schema_errors, show
from .sources import emergency_id_problems
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


def read_record(path: Path, kind: str, label: str, schema_dir: Path, example: str) -> tuple[Any, list[str]]:
    """Parse and check one file. Returns the record (or None) and its problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None, [f"{label}: the file is not saved as UTF-8 text (save it as UTF-8 in your editor)"]
    try:
        record, node = read_yaml(text)
    except YamlProblem as problem:
        where = f": line {problem.line}" if problem.line else ""
        return None, [f"{label}{where}: {problem.message}"]
    if record is None:
        return None, [f"{label}: the file is empty (expected a {kind} record; copy {example} to start)"]
    if not isinstance(record, dict):
        return None, [f"{label}: line 1: expected a {kind} record made of fields such as 'name: ...' "
                      f"(found {type(record).__name__}; copy {example} to start)"]
    return record, check_record(kind, record, node, label, schema_dir)


def load_folder(root: Path, folder: str, problems: list[str], sources: dict) -> dict[str, dict[str, Any]]:
    kind = KINDS[folder]
    schema_dir = root / "schema"
    records: dict[str, dict[str, Any]] = {}
    for path in sorted((root / folder).glob("*")):
        if path.is_dir() or path.name.startswith(".") or path.suffix not in (".yml", ".yaml"):
            continue
        label = f"data/{folder}/{path.name}"
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
    problems += hidden_service_problems(data.site, data.services)
    problems += emergency_id_problems(data.site)
    problems += cadence_problems(data.site, data.services, lambda service_id: data.source_of("services", service_id))
    problems += internal_number_problems(data)
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


def load_dataset(root: Path, docs: Path | None = None) -> Dataset:
    """Load data/site.yml and every record under data/. Raises DataError listing every problem found.

    Given `docs` (the folder of written pages), pathway answers that name a page are checked against it.
    """
    root = Path(root)
    problems: list[str] = []
    sources: dict = {}
    site_path = root / "site.yml"
    if not site_path.exists():
        raise DataError(["data/site.yml: the file is missing (expected the site settings: organisation, regions, emergency numbers)"])
    site, found = read_record(site_path, "site", "data/site.yml", root / "schema", "the site.yml in the Common Room kit")
    problems += found
    data = Dataset(root=root, site=site or {}, sources=sources, docs=Path(docs) if docs is not None else None)
    if site is not None and not found:  # colour contrast and the logo file, once the fields have the right form
        problems += site_problems(site, site_path.read_text(encoding="utf-8"), data.docs)
    for folder in KINDS:
        setattr(data, folder.replace("-", "_"), load_folder(root, folder, problems, sources))
    assessment_path = root / "assessment.yml"
    if assessment_path.exists():
        assessment, found = read_record(assessment_path, "assessment", "data/assessment.yml", root / "schema",
                                        "data/assessment.yml in the Common Room kit")
        problems += found
        if assessment is not None and not found:
            data.assessment = assessment
    if not problems:
        problems += check_references(data)
    if not problems:
        data.pathways, found = offered_pathways(data)
        problems += found + region_problems(data)
    if not problems and data.assessment is not None:
        problems += assessment_problems(data.assessment, assessment_path.read_text(encoding="utf-8"), data.docs, data.groups)
    if problems:
        raise DataError(problems)
    return data
