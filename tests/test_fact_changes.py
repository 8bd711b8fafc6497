"""What a kit update changes in the facts a site shows (fact_changes.py): data in, result out, no build.

Two small kit folders stand for two releases; an organisation's folder limits the list to its regions and to what
it does not hide."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from commonroom.fact_changes import fact_changes

CHECK = {"verified_on": "2026-11-23", "review_due": "2027-05-23", "checked_by": "Common Room maintainers",
         "checked_how": "stored copy"}
RECHECK = {"verified_on": "2027-05-01", "review_due": "2027-11-01", "checked_by": "Common Room maintainers",
           "checked_how": "live page"}


def service(name: str, regions: list[str], *contacts: tuple[str, str, str], **extra) -> dict:
    return {"name": name, "regions": regions, "hours": "24 hours",
            "contacts": [{"kind": k, "value": v, "label": label} for k, v, label in contacts], **CHECK, **extra}


def number(region: str, value: str, label: str) -> dict:
    return {"region": region, "number": value, "label": label, **CHECK}


def write_kit(root: Path, services: dict, numbers: dict, picks: list[str]) -> Path:
    for folder, records in (("services", services), ("emergency-numbers", numbers)):
        (root / "data" / folder).mkdir(parents=True, exist_ok=True)
        for record_id, record in records.items():
            (root / "data" / folder / f"{record_id}.yml").write_text(yaml.safe_dump(record), encoding="utf-8")
    (root / "data" / "help-now.yml").write_text(
        yaml.safe_dump({"emergency_numbers": sorted(numbers), "services": picks}), encoding="utf-8")
    (root / "data" / "site.yml").write_text("regions: [GB-ENG, US]\n", encoding="utf-8")
    return root


OLD_SERVICES = {
    "samaritans": service("Samaritans", ["GB", "IE"], ("phone", "116 123", "Helpline")),
    "shout": service("Shout", ["GB"], ("text", "85258", "Text")),
    "nurse-line": service("Nurse line", ["GB"], ("phone", "0300 000 0001", "Line")),
    "usa-line": service("USA line", ["US"], ("phone", "988", "Call")),
    "quiet": service("Quiet", ["GB"], ("phone", "0300 000 0002", "Line")),
}
OLD_NUMBERS = {"gb-999": number("GB", "999", "Ambulance, police, fire"), "us-911": number("US", "911", "Police")}


@pytest.fixture
def kits(tmp_path: Path) -> tuple[Path, Path]:
    """An old kit, and a new one that re-checks everything and changes some facts."""
    old = write_kit(tmp_path / "old", OLD_SERVICES, OLD_NUMBERS, ["samaritans", "shout"])
    new_services = {i: {**s, **RECHECK} for i, s in OLD_SERVICES.items() if i != "shout"}
    new_services["samaritans"]["contacts"] = [{"kind": "phone", "value": "116 124", "label": "Helpline"},
                                              {"kind": "web", "value": "https://example.org/chat", "label": "Chat"}]
    new_services["nurse-line"] = {**new_services["nurse-line"], "status": "inactive"}
    new_services["usa-line"] = {**new_services["usa-line"], "hours": "9 to 5"}
    new_services["occupational"] = service("New national line", ["GB"], ("phone", "0300 000 0003", "Line"))
    new_numbers = {"gb-999": {**number("GB", "998", "Ambulance, police, fire"), **RECHECK},
                   "us-911": {**OLD_NUMBERS["us-911"], **RECHECK}, "ie-112": number("IE", "112", "Emergency")}
    new = write_kit(tmp_path / "new", new_services, new_numbers, ["samaritans", "occupational"])
    return old, new


def organisation(tmp_path: Path, settings: str) -> Path:
    (tmp_path / "our-hub" / "data").mkdir(parents=True)
    (tmp_path / "our-hub" / "data" / "site.yml").write_text(settings, encoding="utf-8")
    return tmp_path / "our-hub"


def test_a_changed_number_is_listed_with_its_old_and_new_value(kits):
    changes = fact_changes(*kits)
    lines = changes.lines()
    assert "Contact changed: Samaritans, Helpline (phone): was 116 123, now 116 124 (services/samaritans)" in lines
    assert ("Contact changed: Ambulance, police, fire in the United Kingdom, number: was 999, now 998 "
            "(emergency-numbers/gb-999)") in lines
    assert "New contact: Samaritans, Chat (web): https://example.org/chat (services/samaritans)" in lines
    assert "- Contact changed: Samaritans, Helpline (phone): 116 123 → 116 124 (`services/samaritans`)" in changes.markdown()


def test_added_removed_and_closed_services_and_numbers_are_named(kits):
    lines = fact_changes(*kits).lines()
    assert "Service closed: Nurse line (services/nurse-line): its page stays and points to other help" in lines
    assert "Service removed from the kit: Shout (services/shout)" in lines
    assert "New service: New national line (services/occupational)" in lines
    assert "New emergency number: Emergency in Ireland (emergency-numbers/ie-112)" in lines
    assert "Details changed: USA line (services/usa-line): hours" in lines


def test_a_re_check_alone_is_counted_not_listed(kits):
    changes = fact_changes(*kits)
    assert changes.rechecked == 2  # quiet and us-911: nothing but their check changed
    assert not any("Quiet" in line or "us-911" in line for line in changes.lines()[:-1])
    assert changes.lines()[-1] == "Re-checked by the kit with no other change: 2 records"


def test_help_now_picks_added_and_removed_are_listed(kits):
    lines = fact_changes(*kits).lines()
    assert "Help-now page now shows: New national line (services/occupational)" in lines
    assert "Help-now page no longer shows: Shout (services/shout)" in lines


def test_a_site_sees_only_its_regions_and_not_what_it_hides(kits, tmp_path):
    site = organisation(tmp_path, "regions: [US]\n")
    lines = fact_changes(*kits, site=site).lines()
    assert lines == ["Details changed: USA line (services/usa-line): hours",
                     "Re-checked by the kit with no other change: 1 record"]
    england = organisation(tmp_path / "2", "regions: [GB-ENG]\nhide_services: [nurse-line]\nhelp_now:\n  hide: [shout]\n")
    lines = fact_changes(*kits, site=england).lines()
    assert not any("nurse-line" in line or "ie-112" in line or "usa-line" in line for line in lines)
    assert "Help-now page no longer shows: Shout (services/shout)" not in lines
    assert "Service removed from the kit: Shout (services/shout)" in lines


def test_two_identical_kits_have_no_change(kits):
    changes = fact_changes(kits[0], kits[0])
    assert not changes
    assert changes.lines() == ["No change to the services and emergency numbers this site shows."]
