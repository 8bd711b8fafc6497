"""The list of pages made from data: one per service, one per group format, one per step of each pathway, and a
help-now page per region (/help-now/au/) that posters in that region can link to."""

from __future__ import annotations

import html

import yaml

from .coverage import region_pages
from .model import Dataset
from .pathways import step_page
from .regions import help_now_page, help_now_title
from .roles import index_page, region_page, role_page, role_page_heading, role_regions
from . import vocabulary


def generated_pages(data: Dataset) -> dict[str, str]:
    """Map each generated page's path (as if it were in docs/) to its Markdown stub (front matter only)."""
    return {src_uri: stub(meta) for src_uri, meta in generated_meta(data).items()}


def generated_meta(data: Dataset) -> dict[str, dict]:
    """Map each generated page's path (as if it were in docs/) to its front matter; prepare renders its body."""
    pages = {}
    for folder, records in (("services", data.services), ("groups", data.groups)):
        for record_id, record in records.items():
            meta = {
                # Material prints page titles and descriptions without escaping them.
                "title": html.escape(record["name"]),
                "description": html.escape(record["summary"]),
                "render_macros": False,
                "commonroom": {"kind": folder, "id": record_id},
            }
            if record.get("status") == "inactive":
                meta["search"] = {"exclude": True}
            pages[f"{folder}/{record_id}.md"] = meta
    for pathway_id, pathway in data.pathways.items():
        for step_id, step in pathway["steps"].items():
            meta = {
                "title": html.escape(step["question"]),
                "description": html.escape(pathway["summary"]),
                "render_macros": False,
                "commonroom": {"kind": "pathways", "id": pathway_id, "step": step_id},
            }
            pages[step_page(pathway_id, step_id, pathway["start"])] = meta
    for code in region_pages(data):
        meta = {
            "title": html.escape(help_now_title(code)),
            "description": html.escape(f"{help_now_title(code)}: emergency numbers and crisis lines for health and care staff."),
            "render_macros": False,
            "commonroom": {"kind": "help-now", "id": code},
        }
        pages[help_now_page(code)] = meta
    pages.update(role_pages(data))
    return pages


def role_pages(data: Dataset) -> dict[str, dict]:
    """The list of roles, one page per role, and one per role and region (see roles.py)."""
    pages = {}
    targets = [(index_page(), None, None)]
    for role in vocabulary.ROLES:
        targets.append((role_page(role), role, None))
        targets += [(region_page(role, region), role, region) for region in role_regions(data.site)]
    for src_uri, role, region in targets:
        title, description = role_page_heading(src_uri)
        pages[src_uri] = {
            "title": html.escape(title), "description": html.escape(description), "render_macros": False,
            "commonroom": {"kind": "roles", "role": role, "region": region},
        }
    return pages


def stub(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
