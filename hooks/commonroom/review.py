"""Which facts are overdue for a check: a stale phone number is a safety problem."""

from __future__ import annotations

import datetime as dt

from .model import Dataset
from .sources import number_label


def overdue_reviews(data: Dataset, today: dt.date) -> list[str]:
    """One warning per service or emergency number whose review_due date has passed, and per local group whose
    review_by has."""
    return [
        f"{data.source_of('services', service_id)}: review_due {service['review_due']} has passed for "
        f"\"{service['name']}\": check its details against {service['source_url']}, then update verified_on and review_due"
        for service_id, service in sorted(data.services.items())
        if dt.date.fromisoformat(service["review_due"]) < today
    ] + [
        f"data/site.yml: {number_label(number)}: review_due "
        f"{number['review_due']} has passed: check it against {number['source_url']}, then update verified_on and review_due"
        for number in data.site.get("emergency_numbers", [])
        if dt.date.fromisoformat(number["review_due"]) < today
    ] + [
        f"{data.source_of('local-groups', group_id)}: review_by {group['review_by']} has passed for "
        f"\"{group['name']}\": check its time, place and contact with the facilitator, then update verified_on and review_by"
        for group_id, group in sorted(data.local_groups.items())
        if "review_by" in group and dt.date.fromisoformat(group["review_by"]) < today
    ]
