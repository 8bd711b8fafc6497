"""The one entry point: `python -m commonroom build` and `python -m commonroom serve`, run in the kit's folder (a
checkout) or, with --site, in any folder (the kit is then the one installed: kit.py).

Works wherever Python does, `make` or not (most hospital Windows PCs have no make):

    python -m commonroom build [--site DIR] [--engine mkdocs|zensical] [--site-dir DIR] [--offline] [--no-strict]
    python -m commonroom serve [--site DIR] [--engine mkdocs|zensical] [--dev-addr 127.0.0.1:8000]
    python -m commonroom check [--site DIR]
    python -m commonroom test --site DIR [-- pytest options]   (the suite's checks for any site, on DIR's site)
    python -m commonroom prepare [--site DIR] [--engine mkdocs|zensical] [--offline] [--no-strict]   (the first step alone)
    python -m commonroom new-site DIR
    python -m commonroom record-check --site DIR services/samaritans --by "Staff Wellbeing Team" --how "live page"
    python -m commonroom migrate OLD_COPY --to DIR   (a copy of the kit edited the old way, moved into DIR)
    python -m commonroom update --site DIR [--site DIR2 ...] [--from WHEEL_OR_FOLDER_OR_INDEX_URL]
    python -m commonroom release VERSION [--tag]   (for the kit's maintainers)

With --site DIR, the site is an organisation's: its folder (data/ and docs/, the kit's shape) is laid over the kit,
and the site is written to DIR/site; nothing is written inside the kit, so it may be an installed package. Without
--site, the kit's own site is built into site/ of the checkout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from .build import BuildFailed, build
from .migrate import migrate
from .new_site import SiteExists, new_site
from .recording import record_check
from .release import ReleaseError, cut_release
from .update import update_git, update_package
from .site_check import check
from .site_tests import run_site_tests
from .engines import ENGINES
from .loading import DataError
from .kit import CONFIG, kit_root
from .prepare import prepare
from .review import Overdue
from .serve import serve


def find_kit(folder: Path, project_given: bool, site_given: bool) -> tuple[Path, str | None]:
    """The kit to build with, or why there is none. A folder with mkdocs.yml is a checkout of the kit (or a copy of
    one): its files are used. Anywhere else, the kit is the one this code belongs to (kit.py): the checkout it runs
    from, or the kit's files inside an installed package. That kit is only read, so it needs an organisation's
    folder (--site) to write to: the kit's own site is built in a checkout."""
    folder = folder.resolve()
    if (folder / CONFIG).is_file():
        return folder, None
    if project_given:
        return folder, f"{folder} has no {CONFIG}: give the kit's folder to --project, or leave --project out"
    if not site_given:
        return folder, (f"{folder} holds no site. Make your organisation's folder once:\n"
                        f"  python -m commonroom new-site our-hub\n"
                        f"then build it from here with: python -m commonroom build --site our-hub")
    kit = kit_root()
    if not (kit / CONFIG).is_file():
        return kit, f"The kit's files are not where this code expects them ({kit}): reinstall the package"
    return kit, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m commonroom", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path,
                        help="the kit's folder (default: this one if it holds mkdocs.yml, else the installed kit)")
    commands = parser.add_subparsers(dest="command", required=True)
    site_help = "an organisation's folder, laid over the kit (default: the kit's own site)"
    build_args = commands.add_parser("build", help="check the data and write the site")
    build_args.add_argument("--site", type=Path, help=site_help)
    build_args.add_argument("--engine", choices=ENGINES, default="mkdocs")
    build_args.add_argument("--site-dir", type=Path, help="where to write the site (default: site/ in the site's folder)")
    build_args.add_argument("--offline", action="store_true",
                            help="a copy that opens from disk: page.html links, nothing from other sites")
    build_args.add_argument("--no-strict", dest="strict", action="store_false",
                            help="build even with warnings (facts overdue for a check): for previews and reports")
    build_args.add_argument("--quiet", action="store_true", help="only warnings and errors")
    prepare_args = commands.add_parser("prepare", help="the first step alone: check the data, write .commonroom/")
    prepare_args.add_argument("--engine", choices=ENGINES, default="mkdocs")
    prepare_args.add_argument("--offline", action="store_true")
    prepare_args.add_argument("--no-strict", dest="strict", action="store_false")
    prepare_args.add_argument("--quiet", action="store_true")
    prepare_args.add_argument("--site", type=Path, help=site_help)
    serve_args = commands.add_parser("serve", help="preview the site; it updates when you save a file")
    serve_args.add_argument("--site", type=Path, help=site_help)
    serve_args.add_argument("--engine", choices=ENGINES, default="mkdocs")
    serve_args.add_argument("--dev-addr", default="127.0.0.1:8000", help="address of the preview (default: 127.0.0.1:8000)")
    check_args = commands.add_parser("check", help="check the data, the links and the site's promises (no browser)")
    check_args.add_argument("--site", type=Path, help=site_help)
    test_args = commands.add_parser("test", help="run the kit's tests that hold for any site on DIR's site")
    test_args.add_argument("--site", type=Path, required=True, help="an organisation's folder, laid over the kit")
    test_args.add_argument("pytest_args", nargs="*", help="after --: options for pytest, such as -x or -k tel")
    new_args = commands.add_parser("new-site", help="write a starter folder for an organisation's own site")
    new_args.add_argument("folder", type=Path, help="the folder to create, such as our-hub")
    record_args = commands.add_parser("record-check", help="record your check of a kit fact in DIR/data/checks.yml")
    record_args.add_argument("--site", type=Path, required=True, help=site_help)
    record_args.add_argument("record", help="the kit fact checked: services/<id> or emergency-numbers/<id>")
    record_args.add_argument("--by", required=True, help="who checked it, such as your organisation's checker")
    record_args.add_argument("--how", required=True, help="live page, phone call to the service, ...")
    migrate_args = commands.add_parser("migrate", help="move a copy of the kit edited the old way into a site's folder")
    migrate_args.add_argument("old_copy", type=Path, help="the old copy of the kit, with your edits (never changed)")
    migrate_args.add_argument("--to", type=Path, required=True, help="the new folder for your site, such as our-hub")
    update_args = commands.add_parser("update", help="move the kit to its newest release, after trying your sites with it")
    update_args.add_argument("--site", dest="sites", type=Path, action="append", required=True,
                             help="an organisation's folder (give --site again for each site built from this kit)")
    update_args.add_argument("--from", dest="source", help="take the release as a package: a wheel file, a folder of "
                             "wheels or a package index address (default: the newest release tag of this git checkout)")
    update_args.add_argument("--target", type=Path, help="with --from: install the package into this folder")
    update_args.add_argument("--no-fetch", dest="fetch", action="store_false", help="use only the tags already here")
    release_args = commands.add_parser("release", help="for the kit's maintainers: cut a release (version, manifest, "
                                       "CHANGELOG.md)")
    release_args.add_argument("version", help="YEAR.MONTH.PATCH, such as 2027.6.0")
    release_args.add_argument("--tag", action="store_true", help="commit and tag it too")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s",
                        level=logging.WARNING if getattr(args, "quiet", False) else logging.INFO)
    if args.command == "update":  # the kit's git checkout, or with --from the installed package (update.py)
        start = (args.project or Path.cwd()).resolve()
        return run_update(args, start if (start / CONFIG).is_file() else kit_root(), parser)
    organisation = getattr(args, "site", None)
    root, problem = find_kit(args.project or Path.cwd(), project_given=args.project is not None,
                             site_given=organisation is not None or args.command in ("new-site", "migrate"))
    if problem:
        parser.error(problem)
    if organisation is not None and not organisation.is_dir():
        parser.error(f"{organisation} is not a folder (make one with: python -m commonroom new-site {organisation})")
    try:
        if args.command == "new-site":
            new_site(args.folder.resolve(), root)
            print(f"Your site's folder is {args.folder}. Fill in {args.folder / 'data' / 'site.yml'}, then run:\n"
                  f"  python -m commonroom serve --site {args.folder}")
            return 0
        if args.command == "record-check":
            entry = record_check(root / "data", organisation, args.record, args.by, args.how, dt.date.today())
            print(f"Recorded in {organisation / 'data' / 'checks.yml'}: {entry['record']} checked on "
                  f"{entry['verified_on']} by {entry['checked_by']} ({entry['checked_how']})")
            return 0
        if args.command == "migrate":
            report = migrate(args.old_copy, root, args.to)
            print("\n".join(report.lines()))
            return 1 if report.problems else 0
        if args.command == "release":
            cut = cut_release(root, args.version, dt.date.today(), tag=args.tag)
            print(f"Release {cut.version}: wrote {cut.manifest.relative_to(root)}, set __version__ and added to "
                  f"CHANGELOG.md:\n\n{cut.section}")
            print(f"Tagged v{cut.version}." if args.tag else f"Then commit and tag it:\n  {cut.tag_command}")
            return 0
        if args.command == "check":
            return check(root, organisation)
        if args.command == "test":
            return run_site_tests(root, organisation.resolve(), args.pytest_args)
        if args.command == "serve":
            return serve(root, args.engine, args.dev_addr, site=organisation)
        if args.command == "prepare":
            prepare(root, engine=args.engine, purpose="offline" if args.offline else "build", offline=args.offline,
                    strict=args.strict, site=organisation)
            return 0
        default_dir = (organisation.resolve() if organisation else root) / "site"
        site = build(root, args.site_dir or default_dir, engine=args.engine, offline=args.offline,
                     strict=args.strict, quiet=args.quiet, site=organisation)
        logging.getLogger("commonroom").info("The site is in %s", site)
        return 0
    except (DataError, Overdue, BuildFailed, ValueError, SiteExists, ReleaseError) as error:
        if str(error):
            print(str(error), file=sys.stderr)
        return 1


def run_update(args: argparse.Namespace, root: Path, parser: argparse.ArgumentParser) -> int:
    """`update`: from the package when --from is given, else from this git checkout's release tags."""
    missing = [site for site in args.sites if not (site / "data").is_dir()]
    if missing:
        parser.error(f"{missing[0]} is not an organisation's folder (expected its data/ folder inside it)")
    sites = [site.resolve() for site in args.sites]
    if args.source:
        return update_package(args.source, sites, kit_root(),
                              install=["--target", str(args.target.resolve())] if args.target else None)
    if args.target:
        parser.error("--target goes with --from (it says where to install the package)")
    return update_git(root, sites, fetch=args.fetch)


if __name__ == "__main__":
    sys.exit(main())
