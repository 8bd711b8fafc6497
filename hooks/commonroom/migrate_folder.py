"""The organisation's folder as migrate writes it, and the report of what went where.

migrate (migrate.py) first decides where each of the old copy's edits goes, into a Layer; nothing is written until
every file has been read. Then the folder is written the way new-site writes one (schema lines, READMEs, the
commented settings), with the old copy's settings, checks, corrections, records and pages added.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .kit import running_release
from .new_site import new_site, schema_line
from .recording import CHECKS_HEADER, OVERRIDES_HEADER, append_entry


@dataclass
class Report:
    """What migrate did, in plain lines for the person who ran it."""

    clone: Path
    target: Path
    release: str | None
    closest: str | None = None  # when no release matched well enough: the closest, and how much of it matched
    commit: str | None = None  # when the kit's git history gave the base instead: the commit both histories share
    kept: int = 0
    placed: list[str] = field(default_factory=list)
    not_placed: list[str] = field(default_factory=list)
    again: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Moved {self.clone} into {self.target}."]
        if self.release:
            out.append(f"Your copy was made from kit release {self.release}: {self.kept} of its files are the kit's "
                       "own, unchanged, and stay with the kit.")
        elif self.commit:
            out.append(f"Your copy matches no kit release this kit knows, but it was made from the kit's commit "
                       f"{self.commit[:12]}, which your copy's git history and this kit's share: {self.kept} of its "
                       "files are as that commit had them, and stay with the kit.")
        else:
            closest = f" (the closest is {self.closest})" if self.closest else ""
            out.append(f"Your copy matches no kit release this kit knows{closest}, so it was compared with this kit's "
                       f"own files (release {running_release()}). Changes the kit made since your copy may show below "
                       "as your edits: read each line before you publish.")
        for title, items in ((f"Placed ({len(self.placed)}):", self.placed),
                             (f"Not placed ({len(self.not_placed)}), with why and what to do:", self.not_placed),
                             (f"Look at again ({len(self.again)}):", self.again)):
            if items:
                out += [title] + [f"  - {item}" for item in items]
        if self.problems:
            out += [f"The folder does not load yet ({len(self.problems)} problem"
                    f"{'s' if len(self.problems) != 1 else ''}): fix these in {self.target}, then run "
                    f"python -m commonroom check --site {self.target}"] + [f"  - {p}" for p in self.problems]
        else:
            out.append(f"The folder's data is valid. Next: python -m commonroom check --site {self.target}")
        return out


@dataclass
class Layer:
    """The organisation's folder as migrate builds it up, before anything is written."""

    settings: dict[str, Any] = field(default_factory=dict)
    checks: list[dict[str, Any]] = field(default_factory=list)
    overrides: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, tuple[bytes, str | None]] = field(default_factory=dict)  # path in DIR -> (body, schema kind)
    hide_services: list[str] = field(default_factory=list)
    hide_pages: list[str] = field(default_factory=list)
    help_add: list[str] = field(default_factory=list)
    help_hide: list[str] = field(default_factory=list)


def write_folder(target: Path, kit: Path, layer: Layer, kit_site: dict[str, Any]) -> None:
    """Write the organisation's folder: new-site's starter, then what the old copy holds."""
    new_site(target, kit)
    data = target / "data"
    settings = folder_settings(layer, kit_site)
    if settings:
        text = (data / "site.yml").read_text(encoding="utf-8")
        text += ("\n# Carried over from your old copy by migrate (" + dt.date.today().isoformat() + "):\n"
                 + yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, width=120))
        (data / "site.yml").write_text(text, encoding="utf-8")
    schema = kit / "data" / "schema"
    for entry in layer.checks:
        append_entry(data / "checks.yml", entry, schema / "checks.schema.json", CHECKS_HEADER)
    for entry in layer.overrides:
        append_entry(data / "overrides.yml", entry, schema / "overrides.schema.json", OVERRIDES_HEADER)
    for rel, (body, kind) in layer.files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind:
            body = with_schema_line(body, schema_line(path.parent, kit, f"{kind}.schema.json"))
        path.write_bytes(body)


def folder_settings(layer: Layer, kit_site: dict[str, Any]) -> dict[str, Any]:
    """The settings to write: the old copy's, with the kit services and pages it deleted hidden, and its help-now
    changes. A list replaces the kit's, so a hidden list starts from the kit's own."""
    settings = dict(layer.settings)
    for key, extra in (("hide_services", layer.hide_services), ("hide_pages", layer.hide_pages)):
        if extra:
            settings[key] = list(dict.fromkeys(settings.get(key, kit_site.get(key, [])) + extra))
    if layer.help_add or layer.help_hide:
        help_now = dict(settings.get("help_now", {}))
        for name, extra in (("add", layer.help_add), ("hide", layer.help_hide)):
            if extra:
                help_now[name] = list(dict.fromkeys(help_now.get(name, []) + extra))
        settings["help_now"] = help_now
    return settings


def with_schema_line(body: bytes, line: str) -> bytes:
    """The file with `line` as its first line, in place of a schema line that pointed into the old copy."""
    text = body.decode("utf-8")
    if text.startswith("# yaml-language-server:"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    return (line + text).encode("utf-8")
