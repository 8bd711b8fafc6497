"""Which services this copy of the hub lists: in the directory, on the help-now page and in search.

A hospital hides a national default in data/site.yml (`hide_services`, `show_other_regions`) instead of deleting
its file, so the kit's updates still apply. Every service keeps its own page either way: an old link, a poster or a
pathway that names it still works.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .model import Dataset
from .regions import serves_any
from .schedule import has_ended


def is_listed(data: Dataset, service_id: str) -> bool:
    """True if the service is open, not hidden by site.yml, and (when the site asks) serves one of its regions."""
    service = data.services[service_id]
    site = data.site
    if service.get("status", "active") != "active" or service_id in site.get("hide_services", []):
        return False
    return site.get("show_other_regions", True) or serves_any(service["regions"], site["regions"])


def listed_services(data: Dataset) -> dict[str, dict[str, Any]]:
    return {i: s for i, s in data.services.items() if is_listed(data, i)}


def listed_local_groups(data: Dataset, today: dt.date) -> dict[str, dict[str, Any]]:
    """Local groups still meeting: a group past its ends_on leaves lists and search (its calendar file stays)."""
    return {i: g for i, g in data.local_groups.items() if not has_ended(g["schedule"], today)}


def hidden_service_problems(site: dict[str, Any], services: dict[str, Any]) -> list[str]:
    """Hidden ids that match no service: most likely a typo, which would leave the service showing."""
    return [
        f'data/site.yml: hide_services[{index}] "{service_id}" is not a known service '
        f"(expected the name of a file in data/services/ without .yml, such as samaritans)"
        for index, service_id in enumerate(site.get("hide_services", []))
        if service_id not in services
    ]
