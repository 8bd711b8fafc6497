"""Migrations: how a kit release moves an organisation's folder across a change of the kit's rules.

A kit release never makes an organisation's valid files invalid without a migration that `update` runs and
reports. Each entry is (release, what it does in plain words, a function on the organisation's folder that returns
one line per change it made). `update` runs, in release order, those of the releases after the one the folder's
settings name (kit_release), up to the new release, with the new release's code:

    python -m commonroom.migrations --site DIR --since 2026.12.0

prints one line per change and exits 0, or prints why it could not and exits 1. No release has needed one yet.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from .kit import running_release
from .release import version_key

Migration = tuple[str, str, Callable[[Path], list[str]]]

MIGRATIONS: list[Migration] = []  # (release, description, function), oldest release first


def pending(since: str | None, upto: str, migrations: list[Migration] | None = None) -> list[Migration]:
    """The migrations of the releases after `since` (None: a folder made before releases, so all) up to `upto`."""
    chosen = MIGRATIONS if migrations is None else migrations
    low = version_key(since) if since else (0, 0, 0)
    return sorted((m for m in chosen if low < version_key(m[0]) <= version_key(upto)), key=lambda m: version_key(m[0]))


def run_migrations(folder: Path, since: str | None, upto: str, migrations: list[Migration] | None = None) -> list[str]:
    """Run the pending migrations on the organisation's folder; one line per migration and per change it made."""
    lines = []
    for release, description, function in pending(since, upto, migrations):
        changes = function(Path(folder))
        lines.append(f"{release}: {description}" + "".join(f"\n    {change}" for change in changes))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m commonroom.migrations", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--since", help="the release the folder's settings name (left out: none)")
    args = parser.parse_args(argv)
    try:
        for line in run_migrations(args.site, args.since or None, running_release()):
            print(line)
    except Exception as error:  # a migration that cannot run stops the update, which says why
        print(f"A migration could not run on {args.site}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
