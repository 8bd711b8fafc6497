"""The organisation's data as a layer over the kit's, so a hospital takes every kit update without a conflict.

The kit (data/) is never edited by an organisation. The organisation's folder has the kit's shape:

    our-hub/data/site.yml         its settings, over the kit's data/site.yml
    our-hub/data/services/        its own services, which join the kit's
    our-hub/data/local-groups/    its own local groups
    our-hub/data/campaigns/       its own posters
    our-hub/data/emergency-numbers/  its own emergency numbers (for a region the kit has none for)
    our-hub/data/checks.yml       its checks of kit facts (verification.py)
    our-hub/data/overrides.yml    its local corrections of kit facts (overrides.py)

A file at a kit record's path is an error, not a silent replacement: a copied crisis record would never get the
kit's corrections again. The functions here are pure: organisation.py reads the files and calls them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ORGANISATION_FOLDERS = ("services", "local-groups", "campaigns", "emergency-numbers")
ORGANISATION_FILES = ("site.yml", "checks.yml", "overrides.yml")
KIND_NAMES = {"services": "service", "local-groups": "local group", "campaigns": "campaign",
              "emergency-numbers": "emergency number"}
# Settings that are kit facts: the organisation changes them another way, named in the message.
KIT_FACT_SETTINGS = {
    "help_now_services": "the help-now page's lines are the kit's picks: add your own with help_now.add, or hide a "
                         "kit one with help_now.hide",
    "emergency_numbers": "emergency numbers are files: add your own as data/emergency-numbers/<id>.yml in your "
                         "folder, or correct a kit one in your overrides.yml",
}


def merge_settings(kit: dict[str, Any], organisation: dict[str, Any]) -> dict[str, Any]:
    """The kit's settings with the organisation's over them. Mappings merge field by field, so a setting the
    organisation leaves out keeps the kit's value (and a setting the kit adds later arrives). Lists replace the
    kit's (regions, hide_services, help_now.add, help_now.hide): a setting is the organisation's choice, so the
    kit's example values must not leak into it. The kit's facts are no settings (KIT_FACT_SETTINGS)."""
    merged = dict(kit)
    for key, value in organisation.items():
        merged[key] = merge_settings(kit[key], value) if isinstance(value, dict) and isinstance(kit.get(key), dict) else value
    return merged


def merge_record(kit: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """A kit record with a correction over it: mappings merge field by field, lists (such as contacts) replace."""
    merged = dict(kit)
    for key, value in changes.items():
        merged[key] = merge_record(kit[key], value) if isinstance(value, dict) and isinstance(kit.get(key), dict) else value
    return merged


def kit_fact_setting_problems(organisation_site: dict[str, Any], label: str) -> list[str]:
    return [f"{label}: {key} cannot be set here ({why})" for key, why in KIT_FACT_SETTINGS.items()
            if key in organisation_site]


def collision_problems(folder: str, kit_ids: set[str], organisation_ids: dict[str, str], organisation_label: str) -> list[str]:
    """One error per organisation record at a kit record's path (same folder, same id)."""
    kind = KIND_NAMES[folder]
    checks, overrides = f"{organisation_label}/data/checks.yml", f"{organisation_label}/data/overrides.yml"
    if folder in ("services", "emergency-numbers"):
        instead = f"record your check in {checks} or a local correction in {overrides}"
    else:
        instead = f"give your file another name, or hide the kit's {kind}"
    return [f"{label}: a kit {kind} has this id; {instead}"
            for record_id, label in sorted(organisation_ids.items()) if record_id in kit_ids]


def unread_entries(data_dir: Path, organisation_label: str) -> list[str]:
    """Folders and YAML files in the organisation's data folder that the build would not read: an organisation
    that copies a pathway or group format there would otherwise see no change and no reason."""
    expected = ", ".join(ORGANISATION_FILES + tuple(f"{f}/" for f in ORGANISATION_FOLDERS))
    problems = []
    for path in sorted(data_dir.iterdir()) if data_dir.is_dir() else []:
        unread = (path.is_dir() and path.name not in ORGANISATION_FOLDERS and not path.name.startswith(".")) or (
            path.is_file() and path.suffix in (".yml", ".yaml") and path.name not in ORGANISATION_FILES)
        if unread:
            problems.append(f"{organisation_label}/data/{path.name}{'/' if path.is_dir() else ''}: the build does not "
                            f"read this (expected only {expected}; the kit's own {path.name} cannot be replaced here)")
    return problems


SITE_FIELD = re.compile(r"^data/site\.yml: (?P<key>[a-z_]+)")


def relabel(message: str, organisation_keys: set[str], organisation_label: str,
            corrected: dict[str, str] | None = None) -> str:
    """A message about the merged data, pointing at the file that holds the value: the organisation's site.yml
    for a setting it gives, the kit's for the rest, and the organisation's correction for a kit record it corrects
    (`corrected` maps the kit file to where the correction is). Advice to add something names the organisation's
    files, the ones it edits."""
    settings, folder = f"{organisation_label}/data/site.yml", f"{organisation_label}/data"
    for kit_file, correction in (corrected or {}).items():
        if message.startswith(kit_file + ": "):
            message = correction + message[len(kit_file):]
    match = SITE_FIELD.match(message)
    if match and match["key"] in organisation_keys:
        message = settings + message[len("data/site.yml"):]
    return (message.replace("list its id in services in data/help-now.yml", f"add its id to help_now.add in {settings}")
            .replace("list its id in help_now_services in data/site.yml", f"add its id to help_now.add in {settings}")
            .replace("as a file in data/emergency-numbers/, listed in data/help-now.yml", f"as a file in {folder}/emergency-numbers/")
            .replace("add a service in data/services/", f"add a service in {folder}/services/")
            .replace(" in data/site.yml", f" in {settings}"))
