"""A stable fingerprint of each kit fact, so an organisation's check or correction knows what it saw.

An organisation that checks Samaritans' number vouches for that number, not for whatever the kit ships next. The
fingerprint leaves out the fields a re-check changes (verified_on, review_due, checked_by, checked_how), so a kit
release that only re-checks a record keeps the organisation's check; any other change (a number, hours, a closure)
gives a new fingerprint and voids it.

A kit fact is addressed by a key shaped like its file: services/samaritans for data/services/samaritans.yml, and
emergency-numbers/<id> for an emergency number that has an id.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

VERIFICATION_FIELDS = ("verified_on", "review_due", "checked_by", "checked_how")
HASH_LENGTH = 12  # hex characters: 48 bits, plenty to tell one release's record from the next, short enough to read
KEY_PATTERN = re.compile(r"^(services|emergency-numbers)/([a-z0-9]+(?:-[a-z0-9]+)*)$")


def record_hash(record: dict[str, Any]) -> str:
    """The first 12 hex digits of the SHA-256 of the record as canonical JSON (sorted keys, no spaces), without
    its verification fields. The same loaded record always gives the same hash, whatever the YAML's layout."""
    content = {k: v for k, v in record.items() if k not in VERIFICATION_FIELDS}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def service_key(service_id: str) -> str:
    return f"services/{service_id}"


def number_key(number: dict[str, Any]) -> str | None:
    """The key of an emergency number, or None for one without an id (it cannot be checked or corrected locally)."""
    return f"emergency-numbers/{number['id']}" if number.get("id") else None


def fact_records(site: dict[str, Any], services: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every fact that may be checked or corrected, by key: each service, and each emergency number with an id."""
    facts = {service_key(i): s for i, s in services.items()}
    for number in site.get("emergency_numbers", []):
        key = number_key(number)
        if key:
            facts[key] = number
    return facts
