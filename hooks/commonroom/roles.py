"""Support by role: for each part of the workforce and each region, the services made for them.

Most health workers are not doctors. A porter, a midwife or a paramedic taps their role on the home page, then
their country, and sees the services made for them there, or is told plainly that there is none and where to go
instead. Each role has a page (/services/for/<role>/) and one small page per region, so no page grows with the
size of a national directory, and every step is a plain link that works without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import vocabulary
from .listing import listed_services
from .model import Dataset
from .regions import serves_any, the_region

# The regions the kit covers out of the box. A site lists its own regions first; the rest follow.
DEFAULT_REGIONS = ("GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR", "IE", "US", "CA", "AU", "NZ", "ZA")
FOLDER = "services/for"
# Cards per list on a region's page (made for the role, for all staff, lines for anyone): however big a national
# directory grows, a page holds at most 40 cards; the rest are one tap away in the filtered directory.
MAX_CARDS = {"made_for": 25, "all_staff": 10, "general": 5}
PREVIEW = 4  # service names per region on a role's page


def index_page() -> str:
    return f"{FOLDER}/index.md"


def role_page(role: str) -> str:
    return f"{FOLDER}/{role}/index.md"


def region_page(role: str, region: str) -> str:
    return f"{FOLDER}/{role}/{region.lower()}.md"


def role_regions(site: dict) -> list[str]:
    """The regions a role's page covers: the site's own first, then (unless the site lists only its own
    regions) every default region."""
    regions = list(dict.fromkeys(site.get("regions", [])))
    if site.get("show_other_regions", True):
        regions += [code for code in DEFAULT_REGIONS if code not in regions]
    return regions


def role_page_paths(site: dict) -> set[str]:
    """Every page this module generates, as the paths a pathway answer's `page:` uses."""
    pages = {index_page()}
    for role in vocabulary.ROLES:
        pages.add(role_page(role))
        pages.update(region_page(role, region) for region in role_regions(site))
    return pages


def _by_need_then_name(services: dict, ids: list[str]) -> list[str]:
    """Most urgent kind of help first (the order of the needs vocabulary), then by name."""
    order = list(vocabulary.NEEDS)
    return sorted(ids, key=lambda i: (order.index(services[i]["needs"][0]), services[i]["name"].lower()))


@dataclass
class RoleSupport:
    """What one role's page shows for one region."""

    role: str
    region: str
    made_for: list[str] = field(default_factory=list)  # services whose audiences name this role
    all_staff: list[str] = field(default_factory=list)  # services for all health and care staff
    general: list[str] = field(default_factory=list)  # lines for anyone, to talk today or in a crisis

    @property
    def has_dedicated(self) -> bool:
        return bool(self.made_for)


_CACHE: dict[str, object] = {}  # the last dataset's listed services by region: every role page asks again


def _services_in(data: Dataset, region: str) -> dict[str, dict]:
    if _CACHE.get("data") is not data:
        _CACHE.clear()
        _CACHE.update(data=data, listed=listed_services(data), regions={})
    regions = _CACHE["regions"]
    if region not in regions:
        regions[region] = {i: s for i, s in _CACHE["listed"].items() if serves_any(s["regions"], [region])}
    return regions[region]


def role_support(data: Dataset, role: str, region: str) -> RoleSupport:
    """The listed (open, not hidden) services in `region` for `role`, most specific first."""
    here = _services_in(data, region)
    serving = vocabulary.audiences_serving(role)
    own = set(serving) - {"all-staff", "anyone"}
    made_for = [i for i, s in here.items() if own & set(s["audiences"])]
    all_staff = [i for i, s in here.items() if "all-staff" in serving and "all-staff" in s["audiences"] and i not in made_for]
    general = [i for i, s in here.items() if "anyone" in s["audiences"] and {"talk-now", "crisis"} & set(s["needs"])
               and i not in made_for and i not in all_staff]
    return RoleSupport(role, region, _by_need_then_name(here, made_for), _by_need_then_name(here, all_staff), _by_need_then_name(here, general))


def role_page_heading(src_uri: str) -> tuple[str, str] | None:
    """(title, description) of a generated role page, or None if `src_uri` is not one (pathway answers name them)."""
    if src_uri == index_page():
        return "Support for your role", "Services made for each part of the health and care workforce, by country."
    parts = src_uri[len(FOLDER) + 1:].split("/") if src_uri.startswith(FOLDER + "/") else []
    if len(parts) != 2 or parts[0] not in vocabulary.ROLES:
        return None
    role, leaf = parts
    people = role_title(role)
    if leaf == "index.md":
        return f"Support for {people}", f"Services made for {people}, country by country."
    where = the_region(leaf.removesuffix(".md").upper())
    return f"Support for {people} in {where}", f"Services made for {people} in {where}, or where to go if there is none."


ROLE_LABELS = {"students": "Students"}  # the students' page covers every health course, so the short name fits


def role_label(role: str) -> str:
    """The role's name on its own, as in a list of roles: 'Healthcare assistants and support workers'."""
    return ROLE_LABELS.get(role, vocabulary.AUDIENCES[role])


def role_title(role: str) -> str:
    """The role's name inside a title: 'healthcare assistants and support workers'."""
    label = role_label(role)
    return label[0].lower() + label[1:]
