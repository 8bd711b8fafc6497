"""Which facts are overdue for a check, and what the build does about it.

A stale phone number is a safety problem, but stopping the build does not fix it: the live site keeps showing the
same numbers, and the organisation can no longer publish anything else (a new local group, a corrected typo). So an
overdue record never stops a build by default. Its pages say the check is due, in words that never put anyone off
calling; the build says which files are overdue, at INFO level so a strict build survives it; and `make report`
lists them. An organisation that wants the old stop sets `strict_review: true` in data/site.yml, and the kit's own
test suite fails on any overdue kit record (tests/test_review_cadence.py), which is how the kit's CI stops.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from .checking import go_live_notices
from .model import Dataset
from .sources import number_label


def is_overdue(record: dict[str, Any], today: dt.date) -> bool:
    """True once a record's review_due (a service or emergency number) or review_by (a local group) has passed."""
    due = record.get("review_due") or record.get("review_by")
    return due is not None and dt.date.fromisoformat(due) < today


def overdue_reviews(data: Dataset, today: dt.date) -> list[str]:
    """One line per service or emergency number whose review_due date has passed, and per local group whose
    review_by has: each names the file, the field and the date."""
    return [
        f"{data.source_of('services', service_id)}: review_due {service['review_due']} has passed for "
        f"\"{service['name']}\": check its details against {service['source_url']}, then update verified_on and review_due"
        for service_id, service in sorted(data.services.items())
        if is_overdue(service, today)
    ] + [
        f"{data.source_of('emergency-numbers', number['id'])}: {number_label(number)}: review_due "
        f"{number['review_due']} has passed: check it against {number['source_url']}, then update verified_on and review_due"
        for number in data.site.get("emergency_numbers", [])
        if is_overdue(number, today)
    ] + [
        f"{data.source_of('local-groups', group_id)}: review_by {group['review_by']} has passed for "
        f"\"{group['name']}\": check its time, place and contact with the facilitator, then update verified_on and review_by"
        for group_id, group in sorted(data.local_groups.items())
        if "review_by" in group and is_overdue(group, today)
    ]


def _listed(lines: list[str]) -> str:
    return "\n".join(f"  - {line}" for line in lines)


def overdue_notice(overdue: list[str]) -> str:
    """What the build says about overdue records when the site is still built (a notice, not a warning)."""
    count = len(overdue)
    return (f"{count} record{'s are' if count != 1 else ' is'} overdue for a check. The site was still built: "
            "each page says when its details were last checked and that a re-check is due. Check each one, then "
            "update its dates (make report lists them; strict_review: true in data/site.yml stops the build "
            f"instead):\n{_listed(overdue)}")


def overdue_stop(overdue: list[str]) -> str:
    """Why a build with strict_review: true stopped."""
    count = len(overdue)
    return (f"The site was not built: strict_review is true in data/site.yml and {count} "
            f"record{'s are' if count != 1 else ' is'} overdue for a check. Check each one, then update its dates "
            f"(or set strict_review: false to publish while the checks are done):\n{_listed(overdue)}")


def review_outcome(data: Dataset, today: dt.date, strict_build: bool) -> tuple[str | None, str | None]:
    """(notice, stop): the notice to log when overdue records leave the build going, or the reason to stop a strict
    build (`make build`, CI) when the site's settings ask for that (strict_review: true). `make serve` and
    `make report` build without --strict, so they still show what is overdue. Both None when nothing is."""
    overdue = overdue_reviews(data, today)
    if not overdue:
        return None, None
    if strict_build and data.site.get("strict_review", False):
        return None, overdue_stop(overdue)
    return overdue_notice(overdue), None


def before_going_live(data: Dataset) -> list[str]:
    """What the organisation has not yet done before going live (checking.go_live_notices), for loaded data: its
    standing checks in its own folder count, and each emergency number is named by the file it lives in."""
    return go_live_notices(data.site, data.services, lambda service_id: data.source_of("services", service_id),
                           data.checked_here, lambda number: data.source_of("emergency-numbers", number["id"]))


def after_kit_update(data: Dataset) -> list[str]:
    """What a kit update asks the organisation to look at again: its checks the kit's changes voided, and its
    corrections of records the kit changed since (organisation.py). Notices, never a stop: the kit's own check
    still stands, and a correction still applies."""
    return list(data.notices)


log = logging.getLogger("commonroom.review")


class Overdue(Exception):
    """A strict build stops: data/site.yml sets strict_review and records are overdue for a check."""


def report_reviews(data: Dataset, strict: bool, today: dt.date | None = None) -> None:
    """Run by prepare, before any generator: stop a strict build that strict_review asks to stop, then say what the
    organisation has not checked itself and, last (so the long go-live list does not push it out of sight), what is
    overdue. All are INFO notices: the kit's own defaults were checked by its maintainers, so a warning there would
    fail every strict build of the kit and CI. `make report` lists the same details in report/index.html."""
    notice, stop = review_outcome(data, today or dt.date.today(), strict)
    if stop:
        raise Overdue(stop)
    for go_live in before_going_live(data):
        log.info("Before you go live: %s", go_live)
    for layer_notice in after_kit_update(data):  # a kit update changed a record the organisation checked or corrected
        log.info("After the kit's update: %s", layer_notice)
    if notice:
        log.info(notice)
