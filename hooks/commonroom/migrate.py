"""`python -m commonroom migrate OLD_CLONE --to DIR`: move a site made the old way into an organisation's folder.

Before the two layers, a hospital cloned the kit and edited it: its settings in data/site.yml, a re-check in a kit
service's file, a page rewritten in docs/. Every kit update then conflicted with those edits. migrate reads such a
clone (never writing to it), tells the hospital's edits from the kit's files with the release manifests
(baseline.py), and writes each edit where the organisation's folder keeps it (migrate_facts.py): settings, checks,
corrections, its own records, pages and images, and the kit pages and services it deleted as hidden. It reports, in
plain lines, what it placed where, and what it could not place, with why and what to do. Last, it loads the new
folder over the kit, so what it wrote is valid data.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from .baseline import find_baseline
from .fingerprint import fact_records, record_hash
from .loading import DataError, load_dataset
from .migrate_facts import (changed_settings, check_entry, match_numbers, override_entry, own_number_id,
                            picks_changes, split_edit)
from .migrate_folder import Layer, Report, write_folder
from .site_folder import KEPT
from .yamlfile import YamlProblem, read_yaml

OWN_FOLDERS = {"services": "service", "local-groups": "local-group", "campaigns": "campaign",
               "emergency-numbers": "emergency-number"}
# The kit's scripts and styles in docs/ are its look, like its templates: never replaced by an organisation.
THEME_FOLDERS = {"javascripts": "script", "stylesheets": "stylesheet"}
TEMPLATE_ADVICE = ("an organisation's folder holds no templates or theme settings, so the kit's updates to them keep "
                   "arriving. What to do: set what you changed through your settings if there is one (name, logo, "
                   "colours, quick exit), or ask the kit's maintainers for it")


class MigrateRefused(ValueError):
    """migrate writes only into a new or empty folder, and never into the old copy."""


def refuse(clone: Path, kit: Path, target: Path) -> None:
    """Raise MigrateRefused unless migrate may read `clone` and write `target`."""
    if not (clone / "data" / "site.yml").is_file():
        raise MigrateRefused(f"{clone} has no data/site.yml: expected the folder of a copy of the kit made the old way")
    if clone.resolve() == kit.resolve():
        raise MigrateRefused(f"{clone} is this kit's own folder: run migrate from a new copy of the kit, naming your "
                             "old copy")
    if target.exists() and any(target.iterdir()):
        raise MigrateRefused(f"{target} already holds files: migrate writes only into a new or empty folder")
    if target.resolve().is_relative_to(clone.resolve()):
        raise MigrateRefused(f"{target} is inside {clone}: migrate never writes into your old copy (choose a folder "
                             "outside it)")


def read_yaml_bytes(body: bytes | None) -> Any:
    if body is None:
        return None
    try:
        return read_yaml(body.decode("utf-8"))[0]
    except (YamlProblem, UnicodeDecodeError):
        return None


class Migration:
    """One run of migrate: the clone, the kit it is compared with, and what is found."""

    def __init__(self, clone: Path, kit: Path, target: Path):
        self.clone, self.kit, self.target = Path(clone), Path(kit), Path(target)
        self.baseline, self.clone_files, closest = find_baseline(self.clone, self.kit)
        self.report = Report(self.clone, self.target, self.baseline.release, closest=closest,
                             commit=self.baseline.commit)
        self.layer = Layer()
        kit_data = load_dataset(self.kit / "data")
        self.kit_site = kit_data.site
        self.kit_services = kit_data.services
        self.kit_numbers = {n["id"]: {k: v for k, v in n.items() if k != "id"}
                            for n in kit_data.site["emergency_numbers"]}
        self.kit_hashes = {key: record_hash(r) for key, r in fact_records(kit_data.site, kit_data.services).items()}
        docs = self.kit / "docs"
        self.kit_pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}

    @property
    def fallback(self) -> bool:
        return self.baseline.fallback

    @property
    def edited_words(self) -> str:
        """How the report says a kit file differs: an edit, or (compared with this kit) perhaps the kit's change."""
        return "your copy (by your edit or the kit's change since) differs from" if self.fallback else "you edited"

    # The clone's files, one by one

    def run(self) -> None:
        for rel, digest in self.clone_files.items():
            if self.baseline.files.get(rel) == digest:
                self.report.kept += 1
            elif rel in self.baseline.files:
                self.edited(rel)
            else:
                self.added(rel)
        for rel in self.baseline.files:
            if rel not in self.clone_files:
                self.deleted(rel)

    def edited(self, rel: str) -> None:
        parts = rel.split("/")
        if rel == "data/site.yml":
            self.site_settings()
        elif rel == "data/help-now.yml":
            self.help_now_file()
        elif parts[0] == "data" and len(parts) == 3 and parts[1] in ("services", "emergency-numbers") \
                and rel.endswith(".yml"):
            self.record_file(rel, parts[1], parts[2][:-4])
        elif parts[0] == "docs" and len(parts) > 2 and parts[1] in THEME_FOLDERS:
            self.report.not_placed.append(f"{rel}: {self.edited_words} the kit's {THEME_FOLDERS[parts[1]]}: "
                                          f"{TEMPLATE_ADVICE}")
        elif parts[0] == "docs":
            self.page(rel, f"your version of the kit's {'page' if rel.endswith('.md') else 'file'}, which replaces it")
            if self.fallback or self.baseline.original(rel) is None:
                self.report.again.append(f"{rel}: the kit's version your copy came from was not found, so this may be "
                                         "the kit's own change since, not yours: if you never edited this page, "
                                         f"delete {self.target / rel} so the kit's current page shows")
        elif parts[0] == "overrides" or rel == "mkdocs.yml":
            self.report.not_placed.append(f"{rel}: {self.edited_words} the kit's "
                                          f"{'template' if parts[0] == 'overrides' else 'settings file'}: {TEMPLATE_ADVICE}")
        else:
            self.report.not_placed.append(f"{rel}: {self.edited_words} this kit file, which an organisation's folder cannot "
                                          "replace (only services, emergency numbers, settings and pages). What to do: "
                                          "if your change is a correction, send it to the kit's maintainers")

    def added(self, rel: str) -> None:
        parts = rel.split("/")
        if parts[0] == "docs" and len(parts) > 2 and parts[1] in THEME_FOLDERS:
            self.report.not_placed.append(f"{rel}: a {THEME_FOLDERS[parts[1]]} you added: {TEMPLATE_ADVICE}")
        elif parts[0] == "docs":
            kind = "page" if rel.endswith(".md") else "file"
            self.page(rel, f"your own {kind}" if rel[5:] not in self.kit_pages
                      else f"your own {kind}, which now replaces the kit's {kind} at the same path")
        elif parts[0] == "data" and len(parts) == 3 and parts[1] in OWN_FOLDERS and rel.endswith((".yml", ".yaml")):
            self.own_record(rel, parts[1], rel.rsplit("/", 1)[1].rsplit(".", 1)[0])
        elif parts[0] == "data" and rel.endswith(".md"):
            return  # a note of the hospital's own beside its data: nothing the build reads
        elif parts[0] == "overrides" or rel == "mkdocs.yml":
            self.report.not_placed.append(f"{rel}: a template you added: {TEMPLATE_ADVICE}")
        else:
            self.report.not_placed.append(f"{rel}: a file you added where an organisation's folder takes none (it takes "
                                          "data/services/, data/local-groups/, data/campaigns/, "
                                          "data/emergency-numbers/ and docs/). What to do: ask the kit's maintainers "
                                          "if it should be part of the kit")

    def deleted(self, rel: str) -> None:
        parts = rel.split("/")
        if self.fallback:
            if rel.endswith(".yml") and parts[:2] == ["data", "services"] or parts[0] == "docs" and rel.endswith(".md"):
                self.report.not_placed.append(f"{rel}: not in your copy. It may be new in the kit, or you deleted it: "
                                              "if you deleted it, hide it with hide_services or hide_pages in "
                                              f"{self.target / 'data' / 'site.yml'}")
            return
        if parts[:2] == ["data", "services"] and len(parts) == 3 and parts[2][:-4] in self.kit_services:
            self.layer.hide_services.append(parts[2][:-4])
            self.report.placed.append(f"{rel} (deleted in your copy): hidden, with hide_services in "
                                      f"{self.target / 'data' / 'site.yml'}")
        elif parts[0] == "docs" and rel.endswith(".md") and rel[5:] in self.kit_pages and rel[5:] not in KEPT:
            self.layer.hide_pages.append(rel[5:])
            self.report.placed.append(f"{rel} (deleted in your copy): hidden, with hide_pages in "
                                      f"{self.target / 'data' / 'site.yml'}; its address leads to help-now and "
                                      "your home page")
        elif parts[0] == "docs" and rel[5:] in KEPT:
            self.report.not_placed.append(f"{rel}: deleted in your copy, but every site keeps its home page and its "
                                          "help-now page. What to do: put your own page at the same path in "
                                          f"{self.target / 'docs'} to replace it")
        elif rel in {"data/help-now.yml"} or parts[:2] == ["data", "emergency-numbers"]:
            self.report.not_placed.append(f"{rel}: deleted in your copy, but the kit's emergency numbers cannot be "
                                          "hidden: each shows only for the regions your site offers (regions in "
                                          f"{self.target / 'data' / 'site.yml'})")
        elif rel.startswith(("data/", "docs/", "overrides/")) and rel.rsplit("/", 1)[-1] != "README.md":
            self.report.not_placed.append(f"{rel}: deleted in your copy; the kit's own file stays (an organisation's "
                                          "folder can hide kit services and pages only)")

    # Settings and help-now picks

    def original_yaml(self, rel: str) -> Any:
        return read_yaml_bytes(self.baseline.original(rel))

    def site_settings(self) -> None:
        clone = read_yaml_bytes((self.clone / "data" / "site.yml").read_bytes())
        if not isinstance(clone, dict):
            self.report.not_placed.append("data/site.yml: your copy's settings could not be read as YAML. What to do: "
                                          f"copy your settings by hand into {self.target / 'data' / 'site.yml'}")
            return
        original = self.original_yaml("data/site.yml")
        if not isinstance(original, dict) and not self.fallback:
            self.report.again.append(f"data/site.yml: the kit's version your copy had was not found (nor in its git "
                                     "history), so your settings were compared with this kit's: a setting the kit "
                                     "changed since may show as yours")
        base = original if isinstance(original, dict) else self.kit_site
        allowed = set(json.loads((self.kit / "data" / "schema" / "organisation-site.schema.json")
                                 .read_text(encoding="utf-8"))["properties"])
        settings, unknown = changed_settings(base, clone, allowed)
        self.layer.settings.update(settings)
        if settings:
            names = [f"{k}.{f}" if isinstance(v, dict) else k for k, v in settings.items()
                     for f in (v if isinstance(v, dict) else [None])]
            self.report.placed.append(f"data/site.yml: your settings ({', '.join(names)}) -> "
                                      f"{self.target / 'data' / 'site.yml'}")
        for key in unknown:
            self.report.not_placed.append(f"data/site.yml: {key} is not a setting an organisation's site takes "
                                          f"(expected one of: {', '.join(sorted(allowed))}). What to do: nothing if it "
                                          "was the kit's; otherwise ask the kit's maintainers")
        base_numbers = base.get("emergency_numbers") if isinstance(original, dict) else None
        if "emergency_numbers" in clone:
            self.old_numbers(clone["emergency_numbers"] or [], base_numbers)
        if "help_now_services" in clone:
            kit_list = base.get("help_now_services") if isinstance(original, dict) else None
            self.picks(clone["help_now_services"] or [], kit_list, "data/site.yml help_now_services")

    def help_now_file(self) -> None:
        clone = read_yaml_bytes((self.clone / "data" / "help-now.yml").read_bytes()) or {}
        original = self.original_yaml("data/help-now.yml")
        self.picks(clone.get("services", []), original.get("services") if isinstance(original, dict) else None,
                   "data/help-now.yml services")
        if isinstance(original, dict) and clone.get("emergency_numbers") != original.get("emergency_numbers"):
            self.report.not_placed.append("data/help-now.yml: you changed the order or list of emergency numbers; "
                                          "the kit's numbers show for the regions your site offers, in the kit's order")

    def picks(self, clone: list[str], original: list[str] | None, where: str) -> None:
        kit_picks = list(self.kit_site.get("help_now_services", []))
        add, hide = picks_changes(original if original is not None else kit_picks, clone, kit_picks)
        if add:
            self.layer.help_add += [i for i in add if i not in self.layer.help_add]
            self.report.placed.append(f"{where}: lines you added ({', '.join(add)}) -> help_now.add in "
                                      f"{self.target / 'data' / 'site.yml'}")
        if hide and original is None:
            self.report.not_placed.append(f"{where}: the kit's lines {', '.join(hide)} are not in your copy. They may be "
                                          "new in the kit, or you removed them: if you did, add them to help_now.hide "
                                          f"in {self.target / 'data' / 'site.yml'}")
        elif hide:
            self.layer.help_hide += [i for i in hide if i not in self.layer.help_hide]
            self.report.placed.append(f"{where}: kit lines you removed ({', '.join(hide)}) -> help_now.hide in "
                                      f"{self.target / 'data' / 'site.yml'}")

    # Kit records: checks and corrections

    def old_numbers(self, clone: list[dict[str, Any]], original: list[dict[str, Any]] | None) -> None:
        """Emergency numbers kept in data/site.yml (the oldest layout), matched to the kit's files by region and
        value."""
        matched, own = match_numbers(clone, self.kit_numbers)
        original_matched = match_numbers(original, self.kit_numbers)[0] if original is not None else {}
        for number_id, entry in matched.items():
            known = number_id in original_matched
            base = original_matched[number_id] if known else self.kit_numbers[number_id]
            where = f"data/site.yml emergency number {entry.get('region')} {entry.get('number')}"
            self.record_edit(f"emergency-numbers/{number_id}", {"id": number_id, **base}, {"id": number_id, **entry},
                             where, known)
        for entry in own:
            number_id = own_number_id(entry)
            body = yaml.safe_dump(entry, sort_keys=False, allow_unicode=True, width=120).encode("utf-8")
            self.layer.files[f"data/emergency-numbers/{number_id}.yml"] = (body, "emergency-number")
            self.report.placed.append(f"data/site.yml emergency number {entry.get('region')} {entry.get('number')} "
                                      f"(not the kit's) -> {self.target / 'data' / 'emergency-numbers'}/{number_id}.yml")
        for number_id in original_matched:
            if number_id not in matched:
                self.report.not_placed.append(f"data/site.yml: your copy removed the kit's emergency number "
                                              f"{number_id}; the kit's numbers cannot be hidden: each shows only for "
                                              "the regions your site offers (regions in "
                                              f"{self.target / 'data' / 'site.yml'})")

    def record_file(self, rel: str, folder: str, record_id: str) -> None:
        edited = read_yaml_bytes((self.clone / rel).read_bytes())
        key = f"{folder}/{record_id}"
        original = self.original_yaml(rel)
        running = self.kit_services.get(record_id) if folder == "services" else self.kit_numbers.get(record_id)
        if not isinstance(edited, dict):
            self.report.not_placed.append(f"{rel}: your copy of this kit record could not be read as YAML. What to do: "
                                          f"compare it with the kit's and record your change in {self.target / 'data'}")
            return
        known = isinstance(original, dict) and not self.fallback
        if not known and running is None:
            self.report.not_placed.append(f"{rel}: the kit no longer has this record. What to do: if you still "
                                          f"need it, add it as your own in {self.target / 'data' / folder}")
            return
        wrap = (lambda r: {"id": record_id, **r}) if folder == "emergency-numbers" else (lambda r: r)
        self.record_edit(key, wrap(original if known else running), wrap(edited), rel, known)

    def record_edit(self, key: str, original: dict[str, Any], edited: dict[str, Any], where: str,
                    known: bool = True) -> None:
        """Place one edited kit record: a change of check fields only as a check, any other change as a correction.

        `known` is False when the kit's version the copy had was not found, so `original` is the running kit's:
        then a difference may be the kit's own change since, and is placed only where that cannot mislead."""
        checks, others, removed = split_edit(original, edited)
        current = self.kit_hashes.get(key)
        if current is None:
            self.report.not_placed.append(f"{where}: the kit no longer has {key}. What to do: if you still need it, "
                                          f"add it as your own record in {self.target / 'data'}")
            return
        if not known:
            removed = []  # most likely fields the kit added since
            if edited.get("checked_by") == original.get("checked_by"):
                # Still signed with the kit's check: most likely an older kit version, not an edit of yours.
                if others:
                    self.report.not_placed.append(
                        f"{where}: differs from the kit's record in {', '.join(sorted(others))}, but still carries "
                        f"the kit's check ({original.get('checked_by')}), and the version your copy came from was not "
                        "found, so it cannot be told from the kit's own change since your copy. It is left with the "
                        f"kit. What to do: if the change was yours, write it as a correction in "
                        f"{self.target / 'data' / 'overrides.yml'}")
                else:
                    self.report.kept += 1
                return
        if not checks and not others:
            self.report.kept += 1
            return
        changed_since = record_hash(original) != current
        if others:
            self.layer.overrides.append(override_entry(key, original, edited, others, where))
            self.report.placed.append(f"{where}: your change of {', '.join(sorted(others))} -> a correction of {key} "
                                      f"in {self.target / 'data' / 'overrides.yml'}")
            if not known:
                self.report.again.append(f"{key}: compared with this kit's record, not the one your copy came from: "
                                         "if the difference is the kit's own change since, remove this correction")
            if edited.get("checked_by") == original.get("checked_by"):
                self.report.again.append(f"{key}: your correction carries the check your copy's record gave "
                                         f"({edited.get('checked_by')}, {edited.get('verified_on')}); if your team made "
                                         "the change, put its name and date in made_by and made_on")
            if changed_since:
                self.report.again.append(f"{key}: the kit has changed this record since your copy: compare it with your "
                                         "correction, and remove the correction if the kit now has it right")
        else:
            self.layer.checks.append(check_entry(key, original, edited))
            self.report.placed.append(f"{where}: your check of {edited.get('verified_on')} by "
                                      f"{edited.get('checked_by')} -> {self.target / 'data' / 'checks.yml'}")
            if changed_since:
                self.report.again.append(f"{key}: a re-check is needed: the kit has changed this record since your "
                                         "copy, so your check no longer applies. Check it against its source, then: "
                                         f'python -m commonroom record-check --site {self.target} {key} --by "<your '
                                         'team>" --how "live page"')
        if removed:
            self.report.not_placed.append(f"{where}: you removed {', '.join(removed)}; a correction can change a "
                                          "field, not remove it. What to do: correct its value in "
                                          f"{self.target / 'data' / 'overrides.yml'}, or ask the kit's maintainers")

    # The organisation's own files

    def own_record(self, rel: str, folder: str, record_id: str) -> None:
        taken = record_id in (self.kit_services if folder == "services" else
                              self.kit_numbers if folder == "emergency-numbers" else {})
        if taken:
            self.report.not_placed.append(f"{rel}: your own {OWN_FOLDERS[folder]}, but the kit now has one with this "
                                          "id. What to do: rename your file and copy it into "
                                          f"{self.target / 'data' / folder}, or record a check of the kit's")
            return
        self.layer.files[f"data/{folder}/{record_id}.yml"] = ((self.clone / rel).read_bytes(), OWN_FOLDERS[folder])
        self.report.placed.append(f"{rel}: your own {OWN_FOLDERS[folder].replace('-', ' ')} -> "
                                  f"{self.target / 'data' / folder / (record_id + '.yml')}")

    def page(self, rel: str, what: str) -> None:
        self.layer.files[rel] = ((self.clone / rel).read_bytes(), None)
        self.report.placed.append(f"{rel}: {what} -> {self.target / rel}")

    # What was written

    def validate(self) -> None:
        """Load the new folder over the kit, as a build does, and report what is still wrong or worth a look."""
        try:
            loaded = load_dataset(self.kit / "data", organisation=self.target)
        except DataError as error:
            self.report.problems = error.problems
            return
        named = " ".join(self.report.again)
        self.report.again += [n for n in loaded.notices if not any(f" {c['record']}" in n and c["record"] in named
                                                                    for c in self.layer.checks + self.layer.overrides)]


def migrate(clone: Path, kit: Path, target: Path) -> Report:
    """Move the old-style `clone` into the organisation's folder `target`, laid over the kit at `kit`."""
    clone, kit, target = Path(clone), Path(kit).resolve(), Path(target)
    refuse(clone, kit, target)
    migration = Migration(clone, kit, target)
    migration.run()
    existed = target.exists()
    try:
        write_folder(target, kit, migration.layer, migration.kit_site)
    except BaseException:  # a half-written folder would be refused next time: leave it as it was, new or empty
        if not existed:
            shutil.rmtree(target, ignore_errors=True)
        else:
            for path in target.iterdir():
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink()
        raise
    migration.validate()
    return migration.report
