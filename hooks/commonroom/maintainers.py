"""`make report`: one page for the people who keep the hub true, written to report/index.html and never published.

It answers "what do I do this week?": which services, emergency numbers and local groups are overdue or due soon,
how long ago the published site was last built (an overdue number stays live until someone checks it and builds
again), who checked each and how, what the last link check found, whether every region has an emergency number and a 24-hour route, and
which pages mention suicide without a link to help-now.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html as html_text
import json
import re
import sys
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from .checking import CRISIS_MONTHS, help_now_ids, service_limit
from .listing import is_listed
from .loading import DataError, load_dataset
from .model import Dataset
from .regions import country_of, region_name
from .sources import KIND_WORDS, copy_date, secondary_tap_numbers, source_kind
from .review import overdue_reviews

TEMPLATES = Path(__file__).parent / "templates"
ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
SUICIDE = re.compile(r"suicid", re.IGNORECASE)
HELP_NOW_LINK = re.compile(r'href="[^"]*help-now(/|\.html|/index\.html)?(#[^"]*)?"')
CRISIS_ROUTE_NEEDS = ("crisis", "talk-now")


def source_description(record: dict[str, Any]) -> dict[str, Any]:
    """Whose page a record rests on and how old the copy was, for the report's "Checked" column."""
    kind = source_kind(record)
    return {"kind": kind, "words": KIND_WORDS[kind], "note": record.get("source_note"),
            "copy_date": copy_date(record["checked_how"]), "secondary": kind == "secondary"}


def due_state(review_due: str, today: dt.date) -> tuple[str, int]:
    """('overdue' | 'due in 30 days' | 'due in 60 days' | 'later', days left) for a review_due date."""
    days = (dt.date.fromisoformat(review_due) - today).days
    if days < 0:
        return "overdue", days
    if days <= 30:
        return "due in 30 days", days
    if days <= 60:
        return "due in 60 days", days
    return "later", days


def last_built(site_dir: Path | None, now: dt.datetime) -> dict[str, Any] | None:
    """When the published site (the folder `make build` writes) was last built, and how many days ago: its home page
    is written by every build. None if there is no built site."""
    home = site_dir / "index.html" if site_dir else None
    if home is None or not home.is_file():
        return None
    built = dt.datetime.fromtimestamp(home.stat().st_mtime, tz=dt.timezone.utc)
    return {"at": built.strftime("%Y-%m-%d %H:%M UTC"), "days": (now - built).days}


def link_results(check: dict[str, Any] | None) -> dict[str, list[dict[str, Any]]]:
    """The last link check's results by file."""
    by_file: dict[str, list[dict[str, Any]]] = {}
    for result in (check or {}).get("results", []):
        by_file.setdefault(result["file"], []).append(result)
    return by_file


def link_summary(results: list[dict[str, Any]] | None) -> dict[str, Any]:
    if not results:
        return {"state": "not checked", "problems": []}
    problems = [r for r in results if r["status"] != "ok"]
    return {"state": "needs a look" if problems else "all work", "problems": problems}


def service_rows(data: Dataset, today: dt.date, links: dict[str, list]) -> list[dict[str, Any]]:
    checker = data.site.get("organisation", {}).get("checker")
    help_now = help_now_ids(data.site, data.services)
    rows = []
    for service_id, service in data.services.items():
        file = data.source_of("services", service_id)
        state, days = due_state(service["review_due"], today)
        months, why = service_limit(service_id, service, help_now)
        rows.append({
            "id": service_id, "name": service["name"], "file": file, "status": service.get("status", "active"),
            "listed": is_listed(data, service_id), "verified_on": service["verified_on"],
            "review_due": service["review_due"], "due": state, "days": days, "cadence": f"{months} months ({why})",
            "checked_by": service["checked_by"], "checked_how": service["checked_how"], "source": source_description(service),
            "by_us": checker is not None and service["checked_by"] == checker,
            "source_url": service["source_url"], "links": link_summary(links.get(file)),
        })
    return sorted(rows, key=lambda r: (r["review_due"], r["name"].lower()))


def emergency_rows(data: Dataset, today: dt.date, links: dict[str, list]) -> list[dict[str, Any]]:
    checker = data.site.get("organisation", {}).get("checker")
    site_links = links.get("data/site.yml", [])
    rows = []
    for number in data.site.get("emergency_numbers", []):
        state, days = due_state(number["review_due"], today)
        field = f"emergency_numbers[{number['id']}].source_url"  # the link check names numbers by id (linkcheck.py)
        rows.append({**number, "due": state, "days": days, "source": source_description(number),
                     "by_us": checker is not None and number["checked_by"] == checker,
                     "links": link_summary([r for r in site_links if r["field"] == field])})
    return sorted(rows, key=lambda r: (r["review_due"], r["region"]))


def serves_whole(available_in: str, region: str) -> bool:
    """True if something available in `available_in` serves everyone in `region` (GB serves GB-SCT; GB-SCT does not
    serve all of GB)."""
    return available_in == region or region.startswith(available_in + "-")


def region_routes(data: Dataset) -> list[dict[str, Any]]:
    """For each region the site offers anywhere (its own regions, the emergency numbers' and the listed services'),
    the emergency numbers and the 24-hour crisis or talk-now services that serve all of it."""
    site = data.site
    listed = {i: s for i, s in data.services.items() if is_listed(data, i)}
    offered = list(dict.fromkeys(
        list(site.get("regions", [])) + [e["region"] for e in site.get("emergency_numbers", [])]
        + [r for s in listed.values() for r in s["regions"]]))
    rows = []
    for region in sorted(offered, key=lambda code: (code not in site.get("regions", []), country_of(code), code)):
        numbers = [e for e in site.get("emergency_numbers", []) if serves_whole(e["region"], region)]
        routes = [{"id": i, "name": s["name"]} for i, s in sorted(listed.items())
                  if s["is_24_7"] and any(n in CRISIS_ROUTE_NEEDS for n in s["needs"])
                  and any(serves_whole(r, region) for r in s["regions"])]
        rows.append({"code": region, "name": region_name(region), "home": region in site.get("regions", []),
                     "numbers": numbers, "routes": routes, "complete": bool(numbers and routes)})
    return rows


def suicide_mentions(site_dir: Path) -> list[dict[str, Any]]:
    """Built pages whose content mentions suicide, and whether that content links to help-now (the top strip on
    every page is left out: the question is whether the text itself offers help where it raises the subject)."""
    rows = []
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8", errors="replace")
        article = ARTICLE.search(html)
        if not article or not SUICIDE.search(article.group(1)):
            continue
        address = "/" + page.relative_to(site_dir).as_posix().removesuffix("index.html")
        title = TITLE.search(html)
        rows.append({"address": address, "title": html_text.unescape(re.sub(r"\s+", " ", title.group(1)).strip()) if title else address,
                     "mentions": len(SUICIDE.findall(article.group(1))),
                     "is_help_now": address.startswith("/help-now/"),
                     "links_help_now": bool(HELP_NOW_LINK.search(article.group(1)))})
    return rows


def report_context(data: Dataset, site_dir: Path | None, check: dict[str, Any] | None, today: dt.date,
                   published: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the report shows. `published` is last_built() of the site people read, if known."""
    links = link_results(check)
    services = service_rows(data, today, links)
    numbers = emergency_rows(data, today, links)
    regions = region_routes(data)
    pages = suicide_mentions(site_dir) if site_dir else []
    data_files = {r["file"] for r in services} | {"data/site.yml"}
    other_links = sorted((r for r in (check or {}).get("results", []) if r["status"] != "ok" and r["file"] not in data_files),
                         key=lambda r: (r["file"], r["field"]))
    records = services + numbers
    # Numbers whose only source is a secondary copy: pages show them as text until an official page confirms them.
    as_text = list(secondary_tap_numbers(data.site, data.services, lambda service_id: data.source_of("services", service_id)))
    return {
        "today": today, "site": data.site, "checker": data.site.get("organisation", {}).get("checker"),
        "services": services, "numbers": numbers, "regions": regions, "pages": pages, "other_links": other_links,
        "as_text": as_text,
        "check": check, "crisis_months": CRISIS_MONTHS, "overdue": overdue_reviews(data, today), "published": published,
        "strict_review": data.site.get("strict_review", False),
        "check_was_offline": bool(check and check["results"]) and all(
            "was not found" in r["happened"] or "could not connect" in r["happened"] for r in check["results"]),
        "counts": {
            "overdue": sum(r["due"] == "overdue" for r in records),
            "due30": sum(r["due"] == "due in 30 days" for r in records),
            "due60": sum(r["due"] == "due in 60 days" for r in records),
            "links": sum(r["status"] != "ok" for r in (check or {}).get("results", [])),
            "not_by_us": sum(not r["by_us"] for r in records),
            "as_text": len(as_text),
            "incomplete_regions": sum(not r["complete"] for r in regions),
            "pages_without_help": sum(not (p["links_help_now"] or p["is_help_now"]) for p in pages),
        },
    }


def render_report(context: dict[str, Any]) -> str:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template("maintainers-report.html").render(**context)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the maintainers' report (never published).")
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--site", type=Path, default=None, help="a built copy of the site, for the pages' checks")
    parser.add_argument("--links", type=Path, default=Path("report/link-check.json"), help="the last make check-links")
    parser.add_argument("--output", type=Path, default=Path("report/index.html"))
    parser.add_argument("--published", type=Path, default=Path("site"), help="the site `make build` last wrote")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(argv)
    docs = args.data.parent / "docs"
    try:
        data = load_dataset(args.data, docs=docs if docs.is_dir() else None)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    check = json.loads(args.links.read_text(encoding="utf-8")) if args.links.is_file() else None
    args.output.parent.mkdir(parents=True, exist_ok=True)
    published = last_built(args.published, dt.datetime.now(dt.timezone.utc))
    args.output.write_text(render_report(report_context(data, args.site, check, args.today, published)), encoding="utf-8")
    print(f"Wrote {args.output} (open it in a browser; it is not part of the published site).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
