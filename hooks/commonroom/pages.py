"""The list of pages made from data: one per service and one per group format."""

from __future__ import annotations

import html

import yaml

from .loading import Dataset


def generated_pages(data: Dataset) -> dict[str, str]:
    """Map each generated page's path (as if it were in docs/) to its Markdown stub.

    The stub carries only front matter; the body is rendered from the templates when MkDocs
    reaches the page, when links can be resolved relative to it.
    """
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
            pages[f"{folder}/{record_id}.md"] = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
    return pages
