"""What changed in the kit's facts between two kit folders, in the facts one site shows.

A wellbeing lead taking a kit update must learn which crisis numbers changed before anyone reads them on the ward;
a maintainer cutting a release writes the same list into CHANGELOG.md. Both come from here: the kit's services,
emergency numbers and help-now picks of an old and a new kit folder are read as plain YAML (the two folders may be
different releases, so neither's loader is assumed), compared, and limited to what a site shows when its folder is
given (its regions, and not the services it hides).

A closed service is one whose status turns `inactive` (its page stays and points to other help); a service whose
file is gone is reported as removed. A record changed only by a re-check (verified_on, review_due, checked_by,
checked_how) is counted, not listed: the list must stay short enough to read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .fingerprint import VERIFICATION_FIELDS
from .layers import merge_settings
from .regions import covers, the_region

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class KitFacts:
    """The facts of one kit folder: services and emergency numbers by id, and the help-now picks."""

    services: dict[str, dict[str, Any]]
    numbers: dict[str, dict[str, Any]]
    picks: dict[str, list[str]]
    settings: dict[str, Any]


@dataclass(frozen=True)
class SiteView:
    """What a site shows: its regions (None: every region) and the kit services it hides."""

    regions: list[str] | None = None
    hide_services: frozenset[str] = frozenset()
    hide_help_now: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ContactChange:
    key: str  # services/samaritans or emergency-numbers/gb-999
    name: str
    label: str  # which contact: "Helpline (phone)"
    old: str | None  # None: added
    new: str | None  # None: removed


@dataclass(frozen=True)
class Item:
    key: str
    name: str


@dataclass
class FactChanges:
    """The changes, each list sorted, ready to render for a person (lines) or for CHANGELOG.md (markdown)."""

    services_added: list[Item] = field(default_factory=list)
    services_removed: list[Item] = field(default_factory=list)
    services_closed: list[Item] = field(default_factory=list)
    services_reopened: list[Item] = field(default_factory=list)
    numbers_added: list[Item] = field(default_factory=list)
    numbers_removed: list[Item] = field(default_factory=list)
    contacts: list[ContactChange] = field(default_factory=list)
    details: list[tuple[Item, list[str]]] = field(default_factory=list)  # other fields changed, by name
    help_now_added: list[Item] = field(default_factory=list)
    help_now_removed: list[Item] = field(default_factory=list)
    rechecked: int = 0

    def __bool__(self) -> bool:
        return any([self.services_added, self.services_removed, self.services_closed, self.services_reopened,
                    self.numbers_added, self.numbers_removed, self.contacts, self.details, self.help_now_added,
                    self.help_now_removed, self.rechecked])

    def lines(self) -> list[str]:
        """Short plain lines, one per change (the re-checks as one count). Plain ASCII words, so any console
        shows them."""
        out = []
        for change in self.contacts:
            if change.old is None:
                out.append(f"New contact: {change.name}, {change.label}: {change.new} ({change.key})")
            elif change.new is None:
                out.append(f"Contact removed: {change.name}, {change.label}: was {change.old} ({change.key})")
            else:
                out.append(f"Contact changed: {change.name}, {change.label}: was {change.old}, now {change.new} "
                           f"({change.key})")
        out += [f"Service closed: {i.name} ({i.key}): its page stays and points to other help" for i in self.services_closed]
        out += [f"Service removed from the kit: {i.name} ({i.key})" for i in self.services_removed]
        out += [f"Service open again: {i.name} ({i.key})" for i in self.services_reopened]
        out += [f"New service: {i.name} ({i.key})" for i in self.services_added]
        out += [f"New emergency number: {i.name} ({i.key})" for i in self.numbers_added]
        out += [f"Emergency number removed: {i.name} ({i.key})" for i in self.numbers_removed]
        out += [f"Details changed: {i.name} ({i.key}): {', '.join(fields)}" for i, fields in self.details]
        out += [f"Help-now page now shows: {i.name} ({i.key})" for i in self.help_now_added]
        out += [f"Help-now page no longer shows: {i.name} ({i.key})" for i in self.help_now_removed]
        if self.rechecked:
            out.append(f"Re-checked by the kit with no other change: {self.rechecked} "
                       f"record{'' if self.rechecked == 1 else 's'}")
        return out or ["No change to the services and emergency numbers this site shows."]

    def markdown(self) -> str:
        """The same changes as a Markdown list, for CHANGELOG.md (an arrow is fine there)."""
        out = []
        for change in self.contacts:
            if change.old is None:
                out.append(f"- New contact: {change.name}, {change.label}: {change.new} (`{change.key}`)")
            elif change.new is None:
                out.append(f"- Contact removed: {change.name}, {change.label}: {change.old} (`{change.key}`)")
            else:
                out.append(f"- Contact changed: {change.name}, {change.label}: {change.old} → {change.new} "
                           f"(`{change.key}`)")
        for line in self.lines()[len(self.contacts):]:
            out.append(f"- {line}")
        return "\n".join(out) + "\n"


def _read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def read_kit_facts(root: Path) -> KitFacts:
    """The facts of the kit at `root` (the folder holding data/), read as plain YAML."""
    data = Path(root) / "data"
    services = {p.stem: _read(p) or {} for p in sorted((data / "services").glob("*.yml"))}
    numbers = {p.stem: {"id": p.stem, **(_read(p) or {})} for p in sorted((data / "emergency-numbers").glob("*.yml"))}
    settings = (_read(data / "site.yml") or {}) if (data / "site.yml").is_file() else {}
    picks_file = data / "help-now.yml"
    picks = (_read(picks_file) or {}) if picks_file.is_file() else {}
    if not numbers:  # a kit that kept its numbers in site.yml, each with an id
        numbers = {n["id"]: n for n in settings.get("emergency_numbers", []) if n.get("id")}
    return KitFacts(services, numbers, {"emergency_numbers": list(picks.get("emergency_numbers", [])),
                                        "services": list(picks.get("services", settings.get("help_now_services", [])))},
                    settings)


def site_view(kit_settings: dict[str, Any], site: Path | None) -> SiteView:
    """What the organisation's folder `site` shows, its settings laid over the kit's (None: everything)."""
    if site is None:
        return SiteView()
    path = Path(site) / "data" / "site.yml"
    own = (_read(path) or {}) if path.is_file() else {}
    settings = merge_settings(kit_settings, own if isinstance(own, dict) else {})
    return SiteView(list(settings.get("regions") or []) or None, frozenset(settings.get("hide_services", [])),
                    frozenset(settings.get("help_now", {}).get("hide", [])))


def in_regions(regions: list[str], view: SiteView) -> bool:
    return view.regions is None or any(covers(have, want) for have in regions for want in view.regions)


def service_shown(service_id: str, service: dict[str, Any], view: SiteView) -> bool:
    return service_id not in view.hide_services and in_regions(service.get("regions", []), view)


def number_shown(number: dict[str, Any], view: SiteView) -> bool:
    return in_regions([number.get("region", "")], view)


def number_name(number: dict[str, Any]) -> str:
    """'Ambulance, police, fire in the United Kingdom': an emergency number as a person knows it."""
    return f"{number.get('label') or 'Emergency number'} in {the_region(number.get('region', ''))}"


def _contacts(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A service's contacts by a name a person recognises: its label and kind (numbered if repeated)."""
    named: dict[str, dict[str, Any]] = {}
    for contact in record.get("contacts", []):
        label = f"{contact.get('label') or contact.get('kind')} ({contact.get('kind')})"
        name, n = label, 2
        while name in named:
            name, n = f"{label} #{n}", n + 1
        named[name] = contact
    return named


def _content(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in VERIFICATION_FIELDS}


def compare_record(key: str, name: str, old: dict[str, Any], new: dict[str, Any],
                   value_field: str | None) -> tuple[list[ContactChange], list[str]]:
    """The contact changes and the other fields changed between two versions of one record. `value_field` names
    the field that is the record's one number (an emergency number's `number`); a service's are its contacts."""
    changes: list[ContactChange] = []
    fields = sorted(k for k in set(_content(old)) | set(_content(new))
                    if old.get(k) != new.get(k) and k not in ("contacts", "status", value_field))
    if value_field and old.get(value_field) != new.get(value_field):
        changes.append(ContactChange(key, name, value_field, old.get(value_field), new.get(value_field)))
    before, after = _contacts(old), _contacts(new)
    for label in sorted(set(before) | set(after)):
        was, now = before.get(label), after.get(label)
        if was is None or now is None or was.get("value") != now.get("value"):
            changes.append(ContactChange(key, name, label, was and was.get("value"), now and now.get("value")))
        elif was != now:
            fields += [f"{label}: {k}" for k in sorted(set(was) | set(now)) if was.get(k) != now.get(k)]
    return changes, fields


def fact_changes(old_root: Path, new_root: Path, site: Path | None = None) -> FactChanges:
    """The changes from the kit at `old_root` to the kit at `new_root`, limited to what the organisation's folder
    `site` shows (as the new kit lays it out) when it is given."""
    old, new = read_kit_facts(old_root), read_kit_facts(new_root)
    view = site_view(new.settings, site)
    result = FactChanges()
    rechecked = 0

    def shown_services(facts: KitFacts) -> dict[str, dict[str, Any]]:
        return {i: s for i, s in facts.services.items() if service_shown(i, s, view)}

    def shown_numbers(facts: KitFacts) -> dict[str, dict[str, Any]]:
        return {i: n for i, n in facts.numbers.items() if number_shown(n, view)}

    before, after = shown_services(old), shown_services(new)
    for service_id in sorted(set(before) | set(after)):
        key, was, now = f"services/{service_id}", before.get(service_id), after.get(service_id)
        name = (now or was or {}).get("name", service_id)
        if was is None:
            result.services_added.append(Item(key, name))
            continue
        if now is None:
            result.services_removed.append(Item(key, name))
            continue
        if was.get("status", "active") == "active" and now.get("status", "active") != "active":
            result.services_closed.append(Item(key, name))
        elif was.get("status", "active") != "active" and now.get("status", "active") == "active":
            result.services_reopened.append(Item(key, name))
        if _content(was) == _content(now):
            rechecked += was != now
            continue
        contacts, fields = compare_record(key, name, was, now, None)
        result.contacts += contacts
        if fields:
            result.details.append((Item(key, name), fields))
    before, after = shown_numbers(old), shown_numbers(new)
    for number_id in sorted(set(before) | set(after)):
        key, was, now = f"emergency-numbers/{number_id}", before.get(number_id), after.get(number_id)
        if was is None or now is None:
            (result.numbers_added if was is None else result.numbers_removed).append(Item(key, number_name(now or was)))
            continue
        if _content(was) == _content(now):
            rechecked += was != now
            continue
        contacts, fields = compare_record(key, number_name(now), was, now, "number")
        result.contacts += contacts
        if fields:
            result.details.append((Item(key, number_name(now)), fields))
    result.rechecked = rechecked
    picks_before, picks_after = shown_picks(old, view), shown_picks(new, view)
    keys_before, keys_after = {i.key for i in picks_before}, {i.key for i in picks_after}
    result.help_now_added = [item for item in picks_after if item.key not in keys_before]
    result.help_now_removed = [item for item in picks_before if item.key not in keys_after]
    return result


def shown_picks(facts: KitFacts, view: SiteView) -> list[Item]:
    """The kit's help-now lines this site shows: emergency numbers of its regions, then crisis lines."""
    items = [Item(f"emergency-numbers/{i}", number_name(facts.numbers[i])) for i in facts.picks["emergency_numbers"]
             if i in facts.numbers and number_shown(facts.numbers[i], view)]
    items += [Item(f"services/{i}", facts.services[i].get("name", i)) for i in facts.picks["services"]
              if i in facts.services and i not in view.hide_help_now and service_shown(i, facts.services[i], view)]
    return items
