"""Which facts are overdue for a check: a stale phone number is a safety problem."""

from __future__ import annotations

import datetime as dt
import logging

from .checking import go_live_notices
from .model import Dataset


def overdue_reviews(data: Dataset, today: dt.date) -> list[str]:
    """One warning per service or emergency number whose review_due date has passed, and per local group whose
    review_by has."""
    return [
        f"{data.source_of('services', service_id)}: review_due {service['review_due']} has passed for "
        f"\"{service['name']}\": check its details against {service['source_url']}, then update verified_on and review_due"
        for service_id, service in sorted(data.services.items())
        if dt.date.fromisoformat(service["review_due"]) < today
    ] + [
        f"data/site.yml: emergency_numbers[{index}] ({number['number']}, {number['region']}): review_due "
        f"{number['review_due']} has passed: check it against {number['source_url']}, then update verified_on and review_due"
        for index, number in enumerate(data.site.get("emergency_numbers", []))
        if dt.date.fromisoformat(number["review_due"]) < today
    ] + [
        f"{data.source_of('local-groups', group_id)}: review_by {group['review_by']} has passed for "
        f"\"{group['name']}\": check its time, place and contact with the facilitator, then update verified_on and review_by"
        for group_id, group in sorted(data.local_groups.items())
        if "review_by" in group and dt.date.fromisoformat(group["review_by"]) < today
    ]


log = logging.getLogger("commonroom.review")


class Overdue(Exception):
    """A strict build stops: records are overdue for a check (each was logged as a warning)."""


def report_reviews(data: Dataset, strict: bool, today: dt.date | None = None) -> None:
    """Warn about every record overdue for a check, and stop a strict build before anything is written, so a
    number nobody has re-checked is never published by CI. What the organisation has not checked itself (and a
    missing report-a-problem address) is a notice at INFO level: the kit's own defaults were checked by its
    maintainers, so a warning there would fail every strict build of the kit. `make report` lists the same."""
    overdue = overdue_reviews(data, today or dt.date.today())
    for warning in overdue:
        log.warning(warning)
    if overdue and strict:
        raise Overdue(f"The site was not built: {len(overdue)} record(s) overdue for a check (see the warnings above).")
    for notice in go_live_notices(data.site, data.services, lambda service_id: data.source_of("services", service_id)):
        log.info("Before you go live: %s", notice)
