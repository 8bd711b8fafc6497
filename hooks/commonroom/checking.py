"""Who checked each number, how, and how soon it must be checked again.

A crisis line that changes its number harms someone who relies on it that night, so anything a person in crisis
may rely on is re-checked at least every 6 months; everything else at least every 12.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any, Iterator

from .sources import number_label

KIT_CHECKER = "Common Room maintainers"
CRISIS_NEEDS = ("crisis", "talk-now")
CRISIS_MONTHS = 6
OTHER_MONTHS = 12


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the last day of the month where that day does not exist: 31 Aug + 6 = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def help_now_ids(site: dict[str, Any], services: dict[str, dict[str, Any]]) -> list[str]:
    """The services the help-now page shows: those named in site.yml, or else every 24-hour crisis service."""
    return site.get("help_now_services") or [
        i for i, s in sorted(services.items()) if "crisis" in s["needs"] and s["is_24_7"]
    ]


def service_limit(service_id: str, service: dict[str, Any], help_now: list[str]) -> tuple[int, str]:
    """How many months may pass between checks of a service, and why."""
    crisis_needs = [n for n in service["needs"] if n in CRISIS_NEEDS]
    if crisis_needs:
        return CRISIS_MONTHS, f"its needs include {' and '.join(crisis_needs)}"
    if service_id in help_now:
        return CRISIS_MONTHS, "it is shown on the help-now page"
    return OTHER_MONTHS, "it is not a crisis or talk-now service"


def cadence_problems(site: dict[str, Any], services: dict[str, dict[str, Any]], source_of) -> list[str]:
    """One message per service or emergency number whose review_due is further from verified_on than its risk allows."""
    problems = []
    help_now = help_now_ids(site, services)

    def check(label: str, where: str, record: dict[str, Any], months: int, why: str) -> None:
        verified = dt.date.fromisoformat(record["verified_on"])
        due = dt.date.fromisoformat(record["review_due"])
        latest = add_months(verified, months)
        if due > latest:
            problems.append(
                f"{label}: {where}review_due {record['review_due']} is more than {months} months after verified_on "
                f"{record['verified_on']} ({why}, so it must be checked again within {months} months: "
                f"expected review_due on or before {latest.isoformat()})")

    for service_id, service in sorted(services.items()):
        months, why = service_limit(service_id, service, help_now)
        check(source_of(service_id), "", service, months, why)
    for number in site.get("emergency_numbers", []):
        check("data/site.yml", f"{number_label(number)}: ", number, CRISIS_MONTHS,
              "every emergency number is something a person in crisis relies on")
    return problems


def checked_against(record: dict[str, Any]) -> str:
    """How a record was checked, as the words before its source in 'Checked on … by … against …'. A stored copy's
    own date, where the page shows one, follows the source (sources.copy_date)."""
    how = record["checked_how"]
    if how.startswith("stored copy"):
        return "a stored copy (not the live page) of"
    return {
        "live page": "the live page of",
        "phone call to the service": "a phone call to the service and",
        "email from the service": "an email from the service and",
    }[how]


def unchecked_records(site: dict[str, Any], services: dict[str, dict[str, Any]], source_of) -> Iterator[dict[str, str]]:
    """Every service and emergency number that the organisation's own checker (organisation.checker) has not checked:
    what it is, who did check it, and how. Without a checker set, that is every record."""
    checker = site.get("organisation", {}).get("checker")
    for service_id, service in sorted(services.items()):
        if service.get("status") == "inactive" or service["checked_by"] == checker:
            continue
        yield {"file": source_of(service_id), "what": service["name"], "checked_by": service["checked_by"],
               "checked_how": service["checked_how"], "verified_on": service["verified_on"], "source_url": service["source_url"]}
    for number in site.get("emergency_numbers", []):
        if number["checked_by"] == checker:
            continue
        yield {"file": f"data/site.yml emergency_numbers {number['id']}", "what": f"{number['number']} ({number['region']})",
               "checked_by": number["checked_by"], "checked_how": number["checked_how"],
               "verified_on": number["verified_on"], "source_url": number["source_url"]}


def go_live_notices(site: dict[str, Any], services: dict[str, dict[str, Any]], source_of) -> list[str]:
    """What an organisation has not yet done before going live: details it has not checked itself, and no way to
    report a problem. Shown as notices, not warnings, so the kit's own strict build (and CI) still passes."""
    notices = []
    hub = site.get("hub_contact", {})
    if not hub.get("email") and not hub.get("report_url"):
        notices.append("data/site.yml: hub_contact has no email or report_url, so the 'Report a wrong number or a "
                       "problem with this page' line on every page names the team but cannot link to it. "
                       "Add hub_contact.email or hub_contact.report_url before you go live.")
    unchecked = list(unchecked_records(site, services, source_of))
    if unchecked:
        checker = site.get("organisation", {}).get("checker")
        who = f"by {checker} (organisation.checker)" if checker else "by your organisation (organisation.checker is not set in data/site.yml)"
        lines = "\n".join(f"  - {r['file']}: {r['what']}: checked by {r['checked_by']} ({r['checked_how']}) on "
                          f"{r['verified_on']}; check it against {r['source_url']}" for r in unchecked)
        notices.append(f"{len(unchecked)} services and emergency numbers have not been checked {who}. "
                       f"Check each on the live page before you go live (docs/make-it-yours.md, 'Before you go live'):\n{lines}")
    return notices
