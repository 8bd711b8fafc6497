"""`make check-links`: is every web address the site gives still there?

Collects every external address (each data file's source_url, url and web contacts, the emergency numbers' sources,
and the links in the written pages), has LinkChecker fetch each once (its CSV output), and prints one report grouped
by file, field and address, saying what happened: gone (404, 410), moved to another site, timed out, a certificate
error. Exits 1 when anything needs a look, so CI or a cron job can flag it. The result is saved as JSON for
`make report`.

Run it with `make check-links`, or `PYTHONPATH=hooks python -m commonroom.linkcheck --help`.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import yaml

WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"]+$")
# In Markdown: skip fenced code and `code` (examples, server snippets); then take each address.
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
CODE_SPAN = re.compile(r"`[^`\n]*`")
ADDRESS_IN_TEXT = re.compile(r"https?://[^\s<>\"'()\[\]{}`]+")
# Reserved example domains (RFC 2606) appear in instructions and never answer.
EXAMPLE_HOST = re.compile(r"(^|\.)example(\.[a-z]+)+$|^localhost$")
STATUS = re.compile(r"^(\d{3})\b")


def data_addresses(data_dir: Path) -> Iterator[tuple[str, str, str]]:
    """(file, field, address) for every web address in every YAML file under data/ (schemas left out)."""
    for path in sorted(data_dir.rglob("*.y*ml")):
        if "schema" in path.relative_to(data_dir).parts:
            continue
        label = f"data/{path.relative_to(data_dir).as_posix()}"
        try:
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # the build reports broken files; here we check what can be read
        yield from ((label, field, url) for field, url in _walk(record, ""))


def _walk(value: Any, field: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str) and WEB_ADDRESS.match(value.strip()):
        yield field, value.strip()
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{field}.{key}" if field else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            # A record with an id (an emergency number) is named by it, so the report names gb-999, not a position.
            key = item["id"] if isinstance(item, dict) and isinstance(item.get("id"), str) else index
            yield from _walk(item, f"{field}[{key}]")


def page_addresses(docs_dir: Path) -> Iterator[tuple[str, str, str]]:
    """(file, 'line N', address) for every external link in the written pages, outside code."""
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        text = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
        label = f"docs/{path.relative_to(docs_dir).as_posix()}"
        for number, line in enumerate(text.splitlines(), 1):
            for url in ADDRESS_IN_TEXT.findall(CODE_SPAN.sub("", line)):
                url = url.rstrip(".,;:!?*_")
                if not EXAMPLE_HOST.search(urlsplit(url).hostname or ""):
                    yield label, f"line {number}", url


def linkchecker_command() -> list[str]:
    beside = Path(sys.executable).parent / "linkchecker"
    found = str(beside) if beside.exists() else shutil.which("linkchecker")
    if not found:
        raise SystemExit("LinkChecker is not installed: run `make check-links`, which installs the test tools.")
    return [found]


def fetch(urls: list[str], timeout: float, threads: int = 10) -> dict[str, dict[str, str]]:
    """Check each address once with LinkChecker (no recursion, no robots.txt: one request per link, as a reader's
    browser would make). Returns LinkChecker's verdict for each: result, warning, valid and the final address."""
    if not urls:
        return {}
    command = linkchecker_command() + ["--stdin", "--recursion-level", "0", "--timeout", str(max(1, round(timeout))), "--no-robots",
                                       "--no-status", "--verbose", "--threads", str(threads), "--output", "csv"]
    run = subprocess.run(command, input="\n".join(urls) + "\n", capture_output=True, text=True)
    if "urlname;" not in run.stdout:
        raise SystemExit(f"LinkChecker did not run ({' '.join(command)}):\n{run.stderr.strip()}")
    rows = [line for line in run.stdout.splitlines() if line and not line.startswith("#")]
    verdicts = {}
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        verdicts[row["urlname"]] = {"result": row["result"] or "", "warning": row["warningstring"] or "",
                                    "valid": row["valid"] == "True", "final": row["url"] or row["urlname"]}
    return verdicts


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def outcome(url: str, verdict: dict[str, Any] | None) -> tuple[str, str]:
    """(status, what happened in plain words). status is 'ok', 'moved' or 'broken'; moved and broken need a look."""
    if verdict is None:
        return "broken", "not checked (LinkChecker gave no answer for it)"
    result = verdict["result"]
    if verdict["valid"]:
        final = verdict["final"]
        if _site(final) != _site(url):
            return "moved", f"moved to another site: {final}"
        if final.rstrip("/") != url.rstrip("/"):
            return "ok", f"works (redirected within the site to {final})"
        return "ok", f"works ({result})"
    status = STATUS.match(result)
    if status and status.group(1) in ("404", "410"):
        return "broken", f"gone ({result})"
    if status:
        return "broken", f"the site answered with an error ({result})"
    lowered = result.lower()
    if "timeout" in lowered or "timed out" in lowered:
        return "broken", "timed out (no answer in time)"
    if "ssl" in lowered or "certificate" in lowered:
        return "broken", f"certificate or secure-connection error ({_short(result)})"
    if "nameresolution" in lowered or "name or service not known" in lowered or "failed to resolve" in lowered:
        return "broken", "the site's name was not found (the domain may have lapsed, or this computer is offline)"
    return "broken", f"could not connect ({_short(result)})"


def _short(error: str) -> str:
    """The useful end of LinkChecker's error text: '[SSL: CERTIFICATE_VERIFY_FAILED] ...' or 'Connection refused'."""
    reason = re.findall(r"\[(?:SSL: )?[A-Z_]+\][^()'\"]*|\[Errno -?\d+\] [^()'\"]*", error)
    return (reason[-1] if reason else error.split(":", 1)[0]).strip()[:120]


def check_links(data_dir: Path, docs_dir: Path | None, timeout: float = 20, threads: int = 10) -> dict[str, Any]:
    """Every address with where it appears and what happened, and when the check ran."""
    places = list(data_addresses(data_dir)) + (list(page_addresses(docs_dir)) if docs_dir else [])
    urls = sorted({url for _, _, url in places})
    verdicts = fetch(urls, timeout, threads)
    results = []
    for file, field, url in places:
        status, happened = outcome(url, verdicts.get(url))
        results.append({"file": file, "field": field, "url": url, "status": status, "happened": happened})
    return {"checked_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "addresses": len(urls),
            "results": results}


def format_report(check: dict[str, Any]) -> str:
    """The plain-text report: problems first, grouped by file then field, then a count of what works."""
    problems = [r for r in check["results"] if r["status"] != "ok"]
    lines = [f"Link check, {check['checked_at']}: {check['addresses']} addresses in {len(check['results'])} places."]
    if not problems:
        return "\n".join(lines + ["Every address works."])
    if all("was not found" in r["happened"] or "could not connect" in r["happened"] for r in check["results"]):
        lines.append("No address could be reached at all: is this computer connected to the internet?")
    lines.append(f"{len(problems)} need a look:")
    current = None
    for r in sorted(problems, key=lambda r: (r["file"], r["field"])):
        if r["file"] != current:
            current = r["file"]
            lines.append(f"\n{current}")
        lines.append(f"  {r['field']}: {r['url']}\n      {r['happened']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check every web address in data/ and docs/.")
    parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder (default: data)")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the written pages (default: docs)")
    parser.add_argument("--timeout", type=int, default=20, help="seconds to wait for each site (default: 20)")
    parser.add_argument("--output", type=Path, default=Path("report/link-check.json"),
                        help="where to save the result for make report (default: report/link-check.json)")
    args = parser.parse_args(argv)
    check = check_links(args.data, args.docs if args.docs.is_dir() else None, args.timeout)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(check, indent=1), encoding="utf-8")
    print(format_report(check))
    return 1 if any(r["status"] != "ok" for r in check["results"]) else 0


if __name__ == "__main__":
    sys.exit(main())
