"""How the site copes as the directory grows: build time, peak memory and page weight at N extra services.

Why this exists: a hub may grow from a dozen services to a national directory of tens of thousands. The build must
stay fast enough for CI (5,000 services in under a minute, 20,000 in under three minutes and 1.5 GB), a service's
own page must not get heavier as others are added, the home page a worried nurse opens on a slow phone must cost
the same bytes however big the directory is, no page may pass 60 KB gzip or a few hundred service cards, and every
service must stay within three taps of /services/ without JavaScript.

For each N the script copies the project into a scratch folder, keeps the real data, adds N synthetic but
schema-valid services, runs a strict build with each engine (MkDocs, and Zensical, the canary, when it is
installed) and measures the output. Needs the test dependencies (make test).

Usage (from the project root):
    .venv/bin/python tests/benchmarks/scale.py [N ...] [--engine mkdocs|zensical|both] [--output results.md] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "benchmarks"))
from conftest import copy_project, entry_point  # noqa: E402  (the same scratch copy and build the tests use)
from render_blocking import render_blocking_bytes  # noqa: E402
SCHEMA = ROOT / "data" / "schema"
PROBE_ID = "synthetic-service-0001"  # the service page measured at every N
BUILD_LIMITS = {5000: (60.0, None), 20000: (180.0, 1.5 * 1024 ** 3)}  # N: (seconds, peak bytes) on 2 cores
PAGE_LIMIT_GZ, CARDS_LIMIT, TAPS_LIMIT = 60_000, 300, 3
HEADER = "# yaml-language-server: $schema=../schema/service.schema.json\n"


def enum(schema_file: str, *path: str) -> list[str]:
    """An enum from the project's own schemas, so synthetic data follows the schema as it changes."""
    node = json.loads((SCHEMA / schema_file).read_text(encoding="utf-8"))
    for key in path:
        node = node[key]
    return list(node["enum"])


AUDIENCES = enum("service.schema.json", "properties", "audiences", "items")
NEEDS = enum("service.schema.json", "properties", "needs", "items")


def served_regions() -> list[str]:
    """The regions the kit's own data serves (an emergency number and a 24-hour line each). A synthetic service
    anywhere else would stop the build, as a real one would (hooks/commonroom/coverage.py)."""
    from commonroom.coverage import is_served
    from commonroom.loading import load_dataset
    data = load_dataset(ROOT / "data", docs=ROOT / "docs")
    return [code for code in enum("region.schema.json") if is_served(data, code)]


REGIONS = served_regions()
CONTACT_KINDS = enum("contact.schema.json", "properties", "kind")


def synthetic_service(index: int, today: dt.date) -> dict:
    """One schema-valid service. Seeded by its index, so service 0001 is the same at every N."""
    rng = random.Random(index)
    number = f"{index:04d}"
    slug = f"synthetic-service-{number}"
    always_open = rng.random() < 0.25
    # Most services serve one profession group; a few are for anyone.
    audiences = ["anyone"] if rng.random() < 0.15 else rng.sample([a for a in AUDIENCES if a != "anyone"], rng.randint(1, 4))
    needs = rng.sample(NEEDS, rng.choices([1, 2, 3], weights=[5, 3, 1])[0])
    regions = rng.sample(REGIONS, rng.choices([1, 2, 3], weights=[6, 2, 1])[0])
    # National services have no hospital extension or bleep (contact kinds extension and bleep).
    kinds = ["phone"] + rng.sample([k for k in CONTACT_KINDS if k not in ("phone", "extension", "bleep")], rng.randint(0, 3))
    if rng.random() < 0.2:
        kinds.remove("phone")  # some are web- or email-only
    if not kinds:
        kinds = ["web"]
    hours = "24 hours, every day" if always_open else rng.choice(["Monday to Friday 9am to 5pm", "Weekdays 8am to 8pm"])
    values = {
        "phone": f"0800 000 {number}",
        "text": f"8{number}",
        "web": f"https://example.org/{slug}/chat",
        "email": f"help-{number}@example.org",
        "in-person": f"{index} Example Street, Exampletown",
    }
    labels = {"phone": "Helpline", "text": "Text", "web": "Chat online", "email": "Email", "in-person": "Drop in"}
    contacts = []
    for kind in kinds:
        contact = {"kind": kind, "value": values[kind], "label": labels.get(kind, kind), "hours": hours}
        if kind == "text":
            contact["keyword"] = "HELP"
        if kind in ("phone", "text"):
            contact["cost"] = "Free"
        contacts.append(contact)
    review_due = today + dt.timedelta(days=150)  # within 6 months: some synthetic services are crisis lines
    service = {
        "name": f"Synthetic Service {number}",
        "summary": f"A synthetic service ({number}) used to measure how the site scales with many services.",
        "description": (
            "When you contact this service, a trained person listens and helps you work out what would help. "
            "They can talk through your options and point you to other support.\n\n"
            "This record is made up for a benchmark and is never published."
        ),
        "audiences": audiences,
        "needs": needs,
        "regions": regions,
        "contacts": contacts,
        "is_24_7": always_open,
        "confidentiality": "The service says it keeps what you tell it private unless a life is at risk.",
        "not_for_emergencies": rng.random() < 0.9,
        "eligibility_description": "Health and care staff in the regions listed, and students on placement.",
        "url": f"https://example.org/{slug}",
        "source_url": f"https://example.org/{slug}/about",
        "verified_on": today.isoformat(),
        "review_due": review_due.isoformat(),
        "checked_by": "Benchmark",
        "checked_how": "live page",
    }
    if rng.random() < 0.5:
        service["fees_description"] = "Free."
    if rng.random() < 0.3:
        service["application_process"] = "Call directly. You do not need a referral."
    return service


def make_project(target: Path, n: int) -> Path:
    """A scratch copy of the project with the real data plus N synthetic services."""
    copy_project(target)
    today = dt.date.today()
    for index in range(1, n + 1):
        service = synthetic_service(index, today)
        text = HEADER + yaml.safe_dump(service, allow_unicode=True, sort_keys=False, width=100)
        (target / "data" / "services" / f"synthetic-service-{index:04d}.yml").write_text(text, encoding="utf-8")
    return target


def build(project: Path, engine: str = "mkdocs") -> tuple[float, float, int]:
    """Wall-clock seconds, CPU seconds (user and system, all the build's processes: steadier than the wall clock on
    a shared machine) and peak memory (bytes: the largest resident set of the build's processes, prepare and
    finish in one, the generator in another) for one strict build with `engine` into project/site. Stops the
    script if the build fails."""
    command, env = entry_point(project, "build", "--engine", engine, "--site-dir", str(project / "site"))
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT, text=True, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        if process.returncode != 0:
            log.seek(0)
            sys.exit(f"The build of {project} failed:\n{log.read()}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024  # Linux reports kilobytes


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def pages_within(site: Path, start: Path, taps: int) -> set[Path]:
    """Every page of the site reached from `start` by following at most `taps` links (no JavaScript)."""
    reached = {start.resolve()}
    frontier = [start.resolve()]
    for _ in range(taps):
        following = []
        for page in frontier:
            parser = Links()
            parser.feed(page.read_text(encoding="utf-8"))
            for href in parser.hrefs:
                parts = urlsplit(href)
                if parts.scheme or parts.netloc or not parts.path:
                    continue
                target = (page.parent / parts.path).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if target.suffix == ".html" and target.is_file() and target not in reached:
                    reached.add(target)
                    following.append(target)
        frontier = following
    return reached


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class AssetLinks(HTMLParser):
    """Collects the stylesheets and scripts a page loads: <link rel=stylesheet href> and <script src>."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").lower().split() and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.urls.append(a["src"])


def first_visit_bytes(site: Path, page: Path) -> int:
    """Gzip bytes of a page plus every local CSS and JS file it loads (what a first visit downloads)."""
    html = page.read_bytes()
    parser = AssetLinks()
    parser.feed(html.decode("utf-8"))
    total = gz(html)
    for url in dict.fromkeys(parser.urls):  # each file once, in page order
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            print(f"  note: {page.relative_to(site)} loads {url} from another site; not counted", file=sys.stderr)
            continue
        asset = (site / parts.path.lstrip("/")) if parts.path.startswith("/") else (page.parent / parts.path)
        total += gz(asset.resolve().read_bytes())
    return total


@dataclass
class Row:
    n: int
    engine: str
    services: int
    build_seconds: float
    cpu_seconds: float
    peak_memory: int
    service_page_gz: int
    home_gz: int
    home_first_visit: int
    directory_gz: int
    search_raw: int
    search_gz: int
    html_pages: int
    heaviest_page: str
    heaviest_gz: int
    most_cards: int
    unreachable: int
    help_now_blocking: int
    service_blocking: int


def measure(n: int, engines: list[str], keep: bool) -> list[Row]:
    """One scratch project with N synthetic services, built and measured with each engine in turn."""
    scratch = Path(tempfile.mkdtemp(prefix=f"commonroom-scale-{n}-"))
    try:
        project = make_project(scratch / "project", n)
        rows = []
        for engine in engines:
            print(f"N={n}: building with {engine}...", file=sys.stderr, flush=True)
            rows.append(measure_build(project, n, engine))
            print(f"N={n}, {engine}: {rows[-1].build_seconds:.1f} s ({rows[-1].cpu_seconds:.1f} s CPU), "
                  f"{rows[-1].peak_memory / 2 ** 20:,.0f} MB",
                  file=sys.stderr, flush=True)
        return rows
    finally:
        if keep:
            print(f"  kept scratch copy for N={n}: {scratch / 'project'}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)


def measure_build(project: Path, n: int, engine: str) -> Row:
    runs = 2 if n <= 1000 else 1
    seconds, cpu_seconds, peak = min(build(project, engine) for _ in range(runs))
    site = project / "site"
    search = (site / "search" / "search-index.js").read_bytes()  # made by finish (hooks/commonroom/search.py)
    weights, cards = {}, {}
    for page in site.rglob("*.html"):
        html = page.read_bytes()
        weights[page] = gz(html)
        cards[page] = html.count(b'class="cr-card"')
    heaviest = max(weights, key=weights.get)
    directory = site / "services" / "index.html"
    reached = pages_within(site, directory, TAPS_LIMIT)
    service_pages = {p.resolve() for p in (site / "services").glob("*/index.html")
                     if (project / "data" / "services" / f"{p.parent.name}.yml").is_file()}
    return Row(
        n=n,
        engine=engine,
        services=len(list((project / "data" / "services").glob("*.yml"))),
        build_seconds=seconds,
        cpu_seconds=cpu_seconds,
        peak_memory=peak,
        heaviest_page=str(heaviest.relative_to(site)),
        heaviest_gz=weights[heaviest],
        most_cards=max(cards.values()),
        unreachable=len(service_pages - reached),
        help_now_blocking=render_blocking_bytes(site, site / "help-now" / "index.html"),
        service_blocking=render_blocking_bytes(site, site / "services" / PROBE_ID / "index.html"),
        service_page_gz=gz((site / "services" / PROBE_ID / "index.html").read_bytes()),
        home_gz=gz((site / "index.html").read_bytes()),
        home_first_visit=first_visit_bytes(site, site / "index.html"),
        directory_gz=gz((site / "services" / "index.html").read_bytes()),
        search_raw=len(search),
        search_gz=gz(search),
        html_pages=sum(1 for _ in site.rglob("*.html")),
    )


def table(rows: list[Row]) -> str:
    head = ["N synthetic", "engine", "services", "build s", "build CPU s", "peak memory MB", f"service page gz ({PROBE_ID})", "home gz",
            "home first-visit gz", "directory gz", "search index raw", "search index gz", "HTML pages",
            "heaviest page gz", "most cards on a page", "services over 3 taps from /services/",
            "help-now render-blocking gz", "service page render-blocking gz"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for r in rows:
        cells = [r.n, r.engine, r.services, f"{r.build_seconds:.1f}", f"{r.cpu_seconds:.1f}", f"{r.peak_memory / 2 ** 20:,.0f}", r.service_page_gz,
                 r.home_gz, r.home_first_visit, r.directory_gz, r.search_raw, r.search_gz, r.html_pages,
                 f"{r.heaviest_gz:,} ({r.heaviest_page})", r.most_cards, r.unreachable, r.help_now_blocking,
                 r.service_blocking]
        lines.append("| " + " | ".join(c if isinstance(c, str) else f"{c:,}" for c in cells) + " |")
    return "\n".join(lines)


def checks(all_rows: list[Row]) -> list[tuple[str, str]]:
    """(PASS/FAIL/SKIP, explanation) for each target, for each engine."""
    results = []
    for engine in dict.fromkeys(r.engine for r in all_rows):
        results += engine_checks(engine, [r for r in all_rows if r.engine == engine])
    return results


def engine_checks(engine: str, rows: list[Row]) -> list[tuple[str, str]]:
    results = []
    for limit_n, (limit_seconds, limit_memory) in BUILD_LIMITS.items():
        at_limit = [r for r in rows if r.n == limit_n]
        if not at_limit:
            results.append(("SKIP", f"{engine}: build time: N={limit_n} was not run"))
            continue
        s, peak = at_limit[0].build_seconds, at_limit[0].peak_memory
        results.append(("PASS" if s < limit_seconds else "FAIL",
                        f"{engine}: {limit_n:,} services build in {s:.1f} s (target: under {limit_seconds:.0f} s)"))
        if limit_memory:
            results.append(("PASS" if peak < limit_memory else "FAIL",
                            f"{engine}: {limit_n:,} services build in {peak / 2 ** 20:,.0f} MB peak (target: under "
                            f"{limit_memory / 2 ** 20:,.0f} MB)"))
    for r in rows:
        results.append(("PASS" if r.heaviest_gz <= PAGE_LIMIT_GZ and r.most_cards <= CARDS_LIMIT else "FAIL",
                        f"{engine}: N={r.n:,}: heaviest page {r.heaviest_gz:,} B gzip ({r.heaviest_page}), at most "
                        f"{r.most_cards} cards on a page (targets: {PAGE_LIMIT_GZ:,} B, {CARDS_LIMIT} cards)"))
        results.append(("PASS" if r.unreachable == 0 else "FAIL",
                        f"{engine}: N={r.n:,}: {r.unreachable} services more than {TAPS_LIMIT} taps from /services/ without "
                        "JavaScript (target: none)"))
    small, large = min(rows, key=lambda r: r.n), max(rows, key=lambda r: r.n)
    if small is large:
        results.append(("SKIP", f"{engine}: page weight across N: run at least two values of N"))
        return results
    change = (large.service_page_gz - small.service_page_gz) / small.service_page_gz
    results.append(("PASS" if abs(change) <= 0.10 else "FAIL",
                     f"{engine}: service page gz {small.service_page_gz:,} B at N={small.n}, {large.service_page_gz:,} B at "
                     f"N={large.n}: {change:+.1%} (target: within 10%)"))
    visits = [r.home_first_visit for r in rows]
    spread = (max(visits) - min(visits)) / min(visits)
    results.append(("PASS" if spread <= 0.01 else "FAIL",
                    f"{engine}: home first-visit bytes {min(visits):,} to {max(visits):,} B across N: spread {spread:.2%} "
                    "(target: identical, or within 1%)"))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="*", type=int, default=[100, 1000, 5000], help="synthetic services to add (default: 100 1000 5000)")
    parser.add_argument("--output", type=Path, help="also write the Markdown results to this file")
    parser.add_argument("--keep", action="store_true", help="keep the scratch projects (for profiling a build)")
    parser.add_argument("--engine", choices=("mkdocs", "zensical", "both"), default="both",
                        help="the generator(s) to build with, one after the other on the same project (default: "
                             "both, or MkDocs alone when Zensical is not installed)")
    args = parser.parse_args()
    engines = ["mkdocs", "zensical"] if args.engine == "both" else [args.engine]
    if "zensical" in engines and importlib.util.find_spec("zensical") is None:
        if args.engine == "zensical":
            sys.exit("Zensical is not installed: pip install -r requirements-test.txt")
        print("note: Zensical is not installed, so only MkDocs is measured", file=sys.stderr)
        engines.remove("zensical")
    rows = []
    for n in sorted(set(args.n)):
        rows += measure(n, engines, args.keep)
    results = checks(rows)
    report = table(rows) + "\n\n" + "\n".join(f"- {status}: {text}" for status, text in results) + "\n"
    print(table(rows) + "\n")
    for status, text in results:
        print(f"{status}: {text}")
    if args.output:
        args.output.write_text(report, encoding="utf-8")
    return 1 if any(status == "FAIL" for status, _ in results) else 0


if __name__ == "__main__":
    sys.exit(main())
