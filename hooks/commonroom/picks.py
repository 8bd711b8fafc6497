"""A site's changes to the help-now page's crisis lines (`help_now: add / hide` in its settings), checked.

The kit picks the lines (help_now_services); a hospital adds its own 24-hour line or hides a kit one from its own
settings, so the kit's later picks still arrive. A hide that would leave an offered region without any line that
answers at all hours stops the build and names the hide: someone there must still be one tap from help.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .checking import help_now_ids
from .coverage import around_the_clock, offered_regions
from .model import Dataset
from .regions import region_name

SETTINGS = "data/site.yml"
PICKS = "data/help-now.yml"


def with_kit_picks(site: dict[str, Any], numbers: dict[str, dict[str, Any]], picks: dict[str, Any] | None,
                   sources: dict) -> tuple[dict[str, Any], list[str]]:
    """The settings with the kit's emergency numbers (data/emergency-numbers/, one file each) and help-now picks
    (data/help-now.yml) in them, where every reader finds them: site["emergency_numbers"] in the picks' order, each
    with its file name as its id, and site["help_now_services"].

    A site that keeps everything in data/site.yml (an older copy, or a test) has neither, and is read as it is."""
    if picks is None and not numbers:
        for number in site.get("emergency_numbers", []):
            sources[("emergency-numbers", number["id"])] = SETTINGS
        return site, []
    if picks is None:
        return site, [f"{PICKS}: the file is missing (expected the help-now page's picks: emergency_numbers, the ids "
                      "of the files in data/emergency-numbers/ in the order shown, and services)"]
    problems = [f"{SETTINGS}: {key} is given here and in {PICKS} (expected it in {PICKS} only: remove it from {SETTINGS})"
                for key in ("emergency_numbers", "help_now_services") if key in site]
    listed = picks["emergency_numbers"]
    problems += [f'{PICKS}: emergency_numbers[{index}] "{number_id}" is not a file in data/emergency-numbers/ '
                 f"(expected one of: {', '.join(sorted(numbers))})"
                 for index, number_id in enumerate(listed) if number_id not in numbers]
    problems += [f"{sources[('emergency-numbers', number_id)]}: this number is not listed in {PICKS} emergency_numbers, "
                 "so it would never be shown (add its id where it belongs in that list)"
                 for number_id in sorted(numbers) if number_id not in listed]
    sources[("help-now", "services")] = f"{PICKS}: services"
    return {**site, "emergency_numbers": [{"id": i, **numbers[i]} for i in listed if i in numbers],
            "help_now_services": picks["services"]}, problems


def pick_problems(site: dict[str, Any], services: dict[str, dict[str, Any]]) -> list[str]:
    """help_now.add ids that are no service, and help_now.hide ids that are not among the kit's picks (most likely
    a typo, which would leave the line showing)."""
    changes = site.get("help_now", {})
    kit_picks = help_now_ids({k: v for k, v in site.items() if k != "help_now"}, services)
    problems = [
        f'{SETTINGS}: help_now.add[{index}] "{service_id}" is not a known service (expected the name of a file in '
        "your services folder or the kit's data/services/, without .yml)"
        for index, service_id in enumerate(changes.get("add", [])) if service_id not in services
    ]
    problems += [
        f'{SETTINGS}: help_now.hide[{index}] "{service_id}" is not on the kit\'s help-now page (expected one of: '
        f"{', '.join(kit_picks)})"
        for index, service_id in enumerate(changes.get("hide", [])) if service_id not in kit_picks
    ]
    return problems


def hide_problems(data: Dataset) -> list[str]:
    """One line per hide (help_now.hide, or hide_services) that leaves an offered region with no 24-hour crisis
    line on help-now, so the message names the setting to change rather than only the region."""
    hides = [(f"help_now.hide[{i}]", s) for i, s in enumerate(data.site.get("help_now", {}).get("hide", []))]
    hides += [(f"hide_services[{i}]", s) for i, s in enumerate(data.site.get("hide_services", []))]
    if not hides:
        return []
    unhidden = dataclasses.replace(data, site={**data.site, "help_now": {**data.site.get("help_now", {}), "hide": []},
                                               "hide_services": []})
    problems = []
    for code in offered_regions(data):
        if around_the_clock(data, code):
            continue
        lines = set(around_the_clock(unhidden, code))
        problems += [
            f'{SETTINGS}: {setting} "{service_id}" leaves {code} ({region_name(code)}) with no 24-hour crisis line on '
            f"the help-now page, and every region the site offers needs one (remove it from {setting.split('[')[0]}, "
            f"or first add another 24-hour line for {code} with help_now.add)"
            for setting, service_id in hides if service_id in lines
        ]
    return problems
