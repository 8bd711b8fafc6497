"""A small search index made from the data and the written pages, loaded only when someone searches.

Material's built-in search downloads its whole index on every first visit (over 2 MB at 2,000 services).
This index is a script file, so it also loads from a zip opened from disk (file://), where fetch() is blocked.
Matching (spelling variants, word endings) happens in docs/javascripts/search.js.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any, Iterable

from . import vocabulary
from .loading import Dataset
from .regions import REGION_NAMES

MAX_TEXT = 600  # characters of page text kept per written page: enough to match, small at scale
CLINICIAN_BOOST = 1.2  # services only for health staff come before lines for the public, crisis pages apart


def plain_text(page_html: str) -> str:
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page_html, flags=re.S | re.I)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(text.split())


def region_words(codes: Iterable[str]) -> list[str]:
    words = []
    for code in codes:
        words += [REGION_NAMES.get(code, code), *vocabulary.REGION_KEYWORDS.get(code, [])]
        parent = code.split("-")[0]
        if parent != code:
            words += [REGION_NAMES.get(parent, parent), *vocabulary.REGION_KEYWORDS.get(parent, [])]
    return words


def record_keywords(record: dict[str, Any]) -> str:
    """Words people type that a record's audiences, needs and regions answer to."""
    words: list[str] = []
    for audience in record.get("audiences", []):
        words += [vocabulary.AUDIENCES[audience], *vocabulary.AUDIENCE_KEYWORDS.get(audience, [])]
    for need in record.get("needs", []):
        words += [vocabulary.NEEDS[need][0], *vocabulary.NEED_KEYWORDS.get(need, [])]
    words += region_words(record.get("regions", []))
    words += record.get("keywords", [])
    return " · ".join(dict.fromkeys(words))  # each phrase once, however many needs list it


def service_entry(record: dict[str, Any], url: str) -> dict[str, Any]:
    extra = [record.get("alternate_name", ""), record.get("organization", ""), record.get("description", "")]
    return {"u": url, "y": "service", "t": record["name"], "s": record["summary"], "k": record_keywords(record),
            "x": " ".join(extra).strip()[:MAX_TEXT], **({} if "anyone" in record["audiences"] else {"b": CLINICIAN_BOOST})}


def group_entry(record: dict[str, Any], url: str) -> dict[str, Any]:
    keywords = record_keywords({**record, "keywords": [*record.get("keywords", []), *vocabulary.GROUP_KEYWORDS]})
    extra = [record.get("alternate_name", ""), record.get("what_happens", "")]
    return {"u": url, "y": "group", "t": record["name"], "s": record["summary"], "k": keywords,
            "x": " ".join(extra).strip()[:MAX_TEXT], "b": CLINICIAN_BOOST}


def page_entry(title: str, description: str, keywords: list[str], page_html: str, url: str,
               boost: float = 1) -> dict[str, Any]:
    """A written page. `boost` (front matter `search: {boost: 2}`, as in Material) lifts it above data pages."""
    if isinstance(keywords, str):
        keywords = [keywords]
    entry = {"u": url, "y": "page", "t": title, "s": description, "k": " · ".join(str(k) for k in keywords),
             "x": plain_text(page_html)[:MAX_TEXT]}
    if boost != 1:
        entry["b"] = boost
    return entry


def data_entries(data: Dataset, url_of) -> list[dict[str, Any]]:
    """Entries for every active service and every group format. `url_of(src_uri)` gives a page's site URL."""
    entries = [service_entry(s, url_of(f"services/{i}.md")) for i, s in sorted(data.services.items())
               if s.get("status", "active") == "active"]
    entries += [group_entry(g, url_of(f"groups/{i}.md")) for i, g in sorted(data.groups.items())]
    return entries


def index_script(entries: list[dict[str, Any]]) -> str:
    """The index as a script that hands itself to the search page (works over http and from file://)."""
    return "window.commonroomSearch(" + json.dumps(entries, ensure_ascii=False, separators=(",", ":")) + ");\n"
