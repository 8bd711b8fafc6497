"""Where the test suite's time goes, per test file: reads the report of `pytest --durations=0` (setup, call and
teardown of every test) and prints a Markdown table, slowest file first, as the README's testing section shows.

    .venv/bin/python -m pytest -n 2 --dist loadgroup --durations=0 tests | tee durations.txt
    .venv/bin/python tests/benchmarks/durations.py durations.txt  # --two-columns, --three-columns: side by side

With several processes (-n 2) the times add up to more than the time on the clock: they are each file's own work.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

LINE = re.compile(r"^\s*([0-9.]+)s\s+(setup|call|teardown)\s+(tests/[^:\s]+\.py)::")


def seconds_per_file(report: str) -> dict[str, float]:
    """Each test file's total of setup, call and teardown seconds in a `--durations=0` report."""
    totals: dict[str, float] = defaultdict(float)
    for line in report.splitlines():
        if found := LINE.match(line):
            totals[found.group(3)] += float(found.group(1))
    return dict(totals)


def table(totals: dict[str, float], per_row: int = 1) -> str:
    """A Markdown table of seconds per file, slowest first, `per_row` files side by side (2 keeps it short)."""
    cells = [f"`{Path(name).name}` | {seconds:,.0f}" for name, seconds in sorted(totals.items(), key=lambda kv: -kv[1])]
    cells.append(f"all files | {sum(totals.values()):,.0f}")
    cells += [" | "] * (-len(cells) % per_row)
    rows = ["| " + " | ".join(["Test file | Seconds"] * per_row) + " |", "|" + "---|---:|" * per_row]
    rows += ["| " + " | ".join(cells[i:i + per_row]) + " |" for i in range(0, len(cells), per_row)]
    return "\n".join(rows)


if __name__ == "__main__":
    arguments = sys.argv[1:]
    per_row = 2 if "--two-columns" in arguments else 3 if "--three-columns" in arguments else 1
    files = [a for a in arguments if a not in ("--two-columns", "--three-columns")]
    report = Path(files[0]).read_text(encoding="utf-8") if files else sys.stdin.read()
    print(table(seconds_per_file(report), per_row))
