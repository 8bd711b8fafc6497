"""A services directory of any size: pages of results per need and per region, so no page grows with the directory.

A hub of a few dozen services shows every card on /services/. A national one may list tens of thousands: then
/services/ lists the needs and regions with their counts, and each need and region has its own pages of at most
PAGE_SIZE cards. Every service is at most three taps from /services/ without JavaScript: a need, a page of its
results (every page number is on the first page), the service. The filters still narrow the whole directory: the
directory page loads a compact data file (compact_directory) when someone first chooses a filter.

The needs come from vocabulary.py and the regions from the data, so a new need or region gets its pages without a
change here.
"""

from __future__ import annotations

import html
import math
from typing import Any

import yaml

from . import vocabulary
from .listing import listed_services
from .model import Dataset
from .regions import country_of, region_name, serves_any

PAGE_SIZE = 100  # cards on one page of results: about 25 KB gzip
INLINE_LIMIT = 200  # up to this many cards, /services/ shows them all, as a short directory always has
DATA_FILE = "services/directory-data.js"


def by_name(services: dict[str, dict[str, Any]]) -> list[str]:
    return sorted(services, key=lambda i: (services[i]["name"].lower(), i))


def directory_regions(services: dict[str, dict[str, Any]]) -> list[str]:
    """Every region a listed service names, countries before their parts."""
    used = {code for s in services.values() for code in s["regions"]}
    return sorted(used, key=lambda code: (country_of(code), code))


def need_members(services: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Each need in vocabulary order, with the ids of the services that meet it, by name."""
    ordered = by_name(services)
    return {need: [i for i in ordered if need in services[i]["needs"]] for need in vocabulary.NEEDS}


def region_members(services: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Each region with the services that serve people there (a UK-wide service is listed for Scotland too)."""
    ordered = by_name(services)
    return {code: [i for i in ordered if serves_any(services[i]["regions"], [code])] for code in directory_regions(services)}


def page_count(total: int) -> int:
    return max(1, math.ceil(total / PAGE_SIZE))


def listing_page(kind: str, key: str, number: int) -> str:
    """The page (as if in docs/) of one page of results: services/need/crisis.md, services/need/crisis/2.md."""
    folder = "need" if kind == "need" else "in"
    slug = key.lower()
    return f"services/{folder}/{slug}.md" if number == 1 else f"services/{folder}/{slug}/{number}.md"


def listing_title(kind: str, key: str) -> str:
    if kind == "need":
        return f"{vocabulary.NEEDS[key][0]}: support services"
    return f"Support services {'in the' if key in ('GB', 'US') else 'in'} {region_name(key)}"


class Directory:
    """The listed services sorted once per build, by need and by region (a build of 20,000 services renders a few
    hundred pages of results from it)."""

    def __init__(self, data: Dataset):
        self.services = listed_services(data)
        self.members = {"need": need_members(self.services), "region": region_members(self.services)}

    @property
    def shows_every_card(self) -> bool:
        """True if /services/ can list every card under its needs and stay a light page."""
        return sum(len(ids) for ids in self.members["need"].values()) <= INLINE_LIMIT

    def pages(self) -> dict[str, str]:
        """Every page of results, for every need and region, as Markdown stubs (front matter only)."""
        return {src_uri: "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"
                for src_uri, meta in self.page_meta().items()}

    def page_meta(self) -> dict[str, dict]:
        """Every page of results, for every need and region, with its front matter (render_directory.py draws the
        body)."""
        pages = {}
        for kind, members in self.members.items():
            for key, ids in members.items():
                total = page_count(len(ids))
                for number in range(1, total + 1):
                    title = listing_title(kind, key) + (f" (page {number} of {total})" if number > 1 else "")
                    meta = {
                        "title": html.escape(title),
                        "description": html.escape(f"{len(ids)} support services for health and care staff, by name."),
                        "render_macros": False,
                        "search": {"exclude": True},  # search finds each service itself
                        "commonroom": {"kind": "listing", "listing": kind, "key": key, "number": number},
                    }
                    pages[listing_page(kind, key, number)] = meta
        return pages

    def listing(self, kind: str, key: str, number: int) -> dict[str, Any]:
        """What one page of results shows: its heading, its cards' ids and the numbered pages."""
        ids = self.members[kind][key]
        total = page_count(len(ids))
        return {
            "kind": kind, "key": key, "title": listing_title(kind, key), "count": len(ids), "number": number,
            "ids": ids[(number - 1) * PAGE_SIZE:number * PAGE_SIZE],
            "pages": [listing_page(kind, key, n) for n in range(1, total + 1)],
            "first": (number - 1) * PAGE_SIZE + 1,
        }


def compact_directory(data: Dataset, url_pattern: str) -> dict[str, Any]:
    """The directory in a few bytes per service, for the filters on /services/: each service's name, the indexes of
    its audiences, needs, regions and ways of contact, whether it is open 24 hours, and its first phone or text
    contact. `url_pattern` is a service page's address relative to /services/, with {id} for the id."""
    services = listed_services(data)
    audiences = list(vocabulary.AUDIENCES)
    needs = list(vocabulary.NEEDS)
    regions = directory_regions(services)
    kinds = list(vocabulary.CONTACT_KINDS)
    records = []
    for service_id in by_name(services):
        s = services[service_id]
        quick = next((c for c in s["contacts"] if c["kind"] in ("phone", "text")), None)
        records.append([
            service_id, s["name"],
            [audiences.index(a) for a in s["audiences"] if a in audiences],
            [needs.index(n) for n in s["needs"] if n in needs],
            [regions.index(r) for r in s["regions"]],
            sorted({kinds.index(c["kind"]) for c in s["contacts"] if c["kind"] in kinds}),
            1 if s["is_24_7"] else 0,
            [quick["kind"], quick["value"], quick.get("keyword", "")] if quick else [],
        ])
    return {"url": url_pattern, "audiences": audiences, "needs": needs, "regions": regions, "contacts": kinds,
            "services": records}
