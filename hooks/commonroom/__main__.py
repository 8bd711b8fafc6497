"""The one entry point: `python -m commonroom build` and `python -m commonroom serve`, run in the project folder.

Works wherever Python does, `make` or not (most hospital Windows PCs have no make):

    python -m commonroom build [--engine mkdocs|zensical] [--site-dir DIR] [--offline] [--no-strict]
    python -m commonroom serve [--engine mkdocs|zensical] [--dev-addr 127.0.0.1:8000]
    python -m commonroom prepare [--engine mkdocs|zensical] [--offline] [--no-strict]   (the first step alone)
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .build import BuildFailed, build
from .engines import ENGINES
from .loading import DataError
from .prepare import prepare
from .review import Overdue
from .serve import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m commonroom", description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="the project folder (default: this one)")
    commands = parser.add_subparsers(dest="command", required=True)
    build_args = commands.add_parser("build", help="check the data and write the site")
    build_args.add_argument("--engine", choices=ENGINES, default="mkdocs")
    build_args.add_argument("--site-dir", type=Path, help="where to write the site (default: site/)")
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
    serve_args = commands.add_parser("serve", help="preview the site; it updates when you save a file")
    serve_args.add_argument("--engine", choices=ENGINES, default="mkdocs")
    serve_args.add_argument("--dev-addr", default="127.0.0.1:8000", help="address of the preview (default: 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    logging.basicConfig(format="%(levelname)-7s -  %(message)s",
                        level=logging.WARNING if getattr(args, "quiet", False) else logging.INFO)
    root = args.project.resolve()
    if not (root / "mkdocs.yml").is_file():
        parser.error(f"{root} has no mkdocs.yml: run this in the project folder, or give --project")
    try:
        if args.command == "serve":
            return serve(root, args.engine, args.dev_addr)
        if args.command == "prepare":
            prepare(root, engine=args.engine, purpose="offline" if args.offline else "build", offline=args.offline,
                    strict=args.strict)
            return 0
        site = build(root, args.site_dir or root / "site", engine=args.engine, offline=args.offline,
                     strict=args.strict, quiet=args.quiet)
        logging.getLogger("commonroom").info("The site is in %s", site)
        return 0
    except (DataError, Overdue, BuildFailed, ValueError) as error:
        if str(error):
            print(str(error), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
