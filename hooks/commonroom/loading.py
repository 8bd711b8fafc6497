"""Load every data file, check it, and collect all problems before stopping the build.

A comms officer fixing data needs the whole list at once, each problem naming the file, the line,
the field, the bad value and what was expected.
"""

from __future__ import annotations

from pathlib import Path

from .assessment import assessment_problems
from .branding import site_problems
from .checking import cadence_problems
from .coverage import offered_pathways, region_page_paths, region_problems
from .internal_numbers import internal_number_problems
from .layers import relabel
from .listing import hidden_service_problems
from .model import Dataset
from .organisation import lay_organisation, read_organisation
from .pathways import docs_pages, pathway_problems
from .picks import hide_problems, pick_problems, with_kit_picks
from .reading import KINDS, load_folder, read_record

RECORD_FOLDERS = [folder for folder in KINDS if folder != "emergency-numbers"]  # numbers join the settings' list
from .roles import role_page_paths
from .sources import emergency_id_problems


class DataError(Exception):
    """The data cannot be built. `problems` holds one plain-English line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        super().__init__(f"The site was not built: {count} in the data files.\n" + "\n".join(f"  - {p}" for p in problems))


def check_references(data: Dataset) -> list[str]:
    """Ids that point at records which do not exist, and pathways that could strand someone."""
    problems = []
    picks = data.sources.get(("help-now", "services"), "data/site.yml: help_now_services")
    for index, service_id in enumerate(data.site.get("help_now_services", [])):
        if service_id not in data.services:
            problems.append(f"{picks}[{index}] \"{service_id}\" is not a known service "
                            f"(expected the name of a file in data/services/, such as samaritans)")
    problems += pick_problems(data.site, data.services)
    problems += hidden_service_problems(data.site, data.services)
    problems += emergency_id_problems(data.site)
    problems += cadence_problems(data.site, data.services, lambda service_id: data.source_of("services", service_id),
                                 lambda number: data.source_of("emergency-numbers", number["id"]))
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
        raise DataError(["data/site.yml: the file is missing (expected the site settings: organisation, regions, hub_contact)"])
    site, found = read_record(site_path, "site", "data/site.yml", root / "schema", "the site.yml in the Common Room kit")
    problems += found
    data = Dataset(root=root, site=site or {}, sources=sources, docs=Path(docs) if docs is not None else None)
    if site is not None and not found:  # colour contrast and the logo file, once the fields have the right form
        problems += site_problems(site, site_path.read_text(encoding="utf-8"), data.docs)
    data.paths = paths
    for folder in RECORD_FOLDERS:
        setattr(data, folder.replace("-", "_"), load_folder(root, folder, problems, sources, paths=paths))
    numbers = load_folder(root, "emergency-numbers", problems, sources, paths=paths)
    picks_path = root / "help-now.yml"
    picks, found = read_record(picks_path, "help-now", "data/help-now.yml", root / "schema",
                               "data/help-now.yml in the Common Room kit") if picks_path.exists() else (None, [])
    problems += found
    if not problems:
        data.site, found = with_kit_picks(data.site, numbers, picks, sources)
        problems += found
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
        corrected = {data.source_of(*o["record"].split("/", 1)): f'{o["file"]}: line {o["line"]}: your correction of '
                     f'{o["record"]}' for o in data.overrides}  # a corrected record's problem is the correction's
        problems = [relabel(p, set(layer.settings), layer.label, corrected) for p in problems]
    if problems:
        raise DataError(problems)
    return data
