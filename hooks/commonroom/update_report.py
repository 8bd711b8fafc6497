"""What `update` tells an organisation about its site after a kit release: the changes in the facts it shows
(fact_changes.py), its checks that still stand or no longer apply, its corrections the kit has overtaken, its pages
that replace kit pages the kit changed, and whether the server's Content-Security-Policy line changed.

Plain lines for a wellbeing lead, each starting with words the guide's table explains (docs/make-it-yours.md,
"Taking a kit update"), so each kind of line has one thing to do.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .fact_changes import fact_changes, read_kit_facts
from .fingerprint import record_hash

POLICY = Path("deploy") / "csp.txt"


def read_list(path: Path) -> list[dict]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    return entries if isinstance(entries, list) else []


def kit_hashes(kit: Path) -> dict[str, str]:
    facts = read_kit_facts(kit)
    hashes = {f"services/{i}": record_hash(s) for i, s in facts.services.items()}
    hashes.update({f"emergency-numbers/{i}": record_hash(n) for i, n in facts.numbers.items()})
    return hashes


def shown_path(folder: Path) -> str:
    """The folder as the person would type it from here: relative when it is near, else in full."""
    try:
        near = os.path.relpath(folder)
    except ValueError:  # another drive on Windows
        return str(folder)
    return near if not near.startswith(".." + os.sep + "..") else str(folder)


def check_lines(site: Path, new_kit: Path) -> list[str]:
    """The organisation's checks that still stand and those the new kit voided, and its corrections the kit's
    record changed under (the build's notices say the same on every build)."""
    hashes = kit_hashes(new_kit)
    data = site / "data"
    standing, voided, lines = [], [], []
    for check in read_list(data / "checks.yml"):
        key = check.get("record", "")
        (standing if hashes.get(key) == check.get("kit_hash") else voided).append(key)
    if standing:
        lines.append(f"Your checks still stand (the kit did not change what you checked): {', '.join(sorted(set(standing)))}")
    for key in sorted(set(voided) - set(standing)):
        lines.append(f"Check again: {key}: the kit changed it, so your check no longer applies. Check it on the "
                     f"service's own page, then: python -m commonroom record-check --site {shown_path(site)} {key} "
                     '--by "<your team>" --how "live page"')
    for override in read_list(data / "overrides.yml"):
        key = override.get("record", "")
        if hashes.get(key) != override.get("kit_hash"):
            gone = key not in hashes
            lines.append(f"Your correction of {key} ({override.get('made_on')}): "
                         + ("the kit no longer has this record: remove the correction, or add the service as your own"
                            if gone else "the kit changed this record since. If the kit now has it right, remove your "
                            "correction from data/overrides.yml; if not, keep it (the build names it until you do)"))
    return lines


def replaced_pages_changed(site: Path, old_kit: Path, new_kit: Path) -> list[str]:
    """The organisation's pages at a kit page's path whose kit page changed between the two kits."""
    docs = site / "docs"
    changed = []
    for page in sorted(p for p in docs.rglob("*") if p.is_file()) if docs.is_dir() else []:
        rel = page.relative_to(docs).as_posix()
        before, after = old_kit / "docs" / rel, new_kit / "docs" / rel
        if after.is_file() and (not before.is_file() or before.read_bytes() != after.read_bytes()):
            changed.append(rel)
    return changed


def policy_lines(site: Path, built: Path) -> list[str]:
    """Whether the server's Content-Security-Policy line changes with the new release."""
    new = (built / POLICY).read_text(encoding="utf-8").strip() if (built / POLICY).is_file() else None
    old_file = site / "site" / POLICY
    if new is None:
        return []
    if not old_file.is_file():
        return [f"Server header: no earlier build to compare. Once you build, give IT the line in "
                f"{site.name}/site/{POLICY.as_posix()} for the Content-Security-Policy header."]
    if old_file.read_text(encoding="utf-8").strip() == new:
        return ["Server header: the Content-Security-Policy line is unchanged; IT has nothing to do."]
    return [f"Server header: the Content-Security-Policy line CHANGED. After you build, ask IT to set the "
            f"server's header to the new line in {site.name}/site/{POLICY.as_posix()}, or some pages may not work:",
            f"    {new}"]


def site_report(site: Path, built: Path, old_kit: Path, since: str, new_kit: Path, migrations: list[str]) -> list[str]:
    """What the organisation reads about its site after the update."""
    lines = [f"{site.name}: changes since {since} in the services and emergency numbers your site shows:"]
    lines += [f"  {line}" for line in fact_changes(old_kit, new_kit, site).lines()]
    lines += [f"  {line}" for line in check_lines(site, new_kit)]
    for page in replaced_pages_changed(site, old_kit, new_kit):
        lines.append(f"  Your page {site.name}/docs/{page} replaces a kit page the kit has changed: read the kit's "
                     f"new docs/{page} and bring over what you need.")
    lines += [f"  {line}" for line in policy_lines(site, built)]
    lines.append("  Moved across by the release: " + ("; ".join(migrations) if migrations else "nothing needed"))
    return lines
