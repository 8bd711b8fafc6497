"""A small search index made from the data and the written pages, loaded only when someone searches.

Material's built-in search downloads its whole index on every first visit (over 2 MB at 2,000 services).
This index is a script file, so it also loads from a zip opened from disk (file://), where fetch() is blocked.
Matching (spelling variants, word endings) happens in docs/javascripts/search.js.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from typing import Any, Iterable

from . import vocabulary
from .listing import listed_local_groups, listed_services
from .model import Dataset
from .pathways import step_page
from .regions import REGION_NAMES
from .roles import role_page, role_page_heading

MAX_TEXT = 600  # characters of page text kept per written page: enough to match, small at scale
CLINICIAN_BOOST = 1.2  # services only for health staff come before lines for the public, crisis pages apart
ROLE_BOOST = 1.5  # someone who types only their role ("midwife", "porter") wants the page of support for it first


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


def vocabulary_phrases() -> dict[str, list[str]]:
    """The words people type for each audience (a:), need (n:) and region (r:), and for group formats (g).

    Sent once in the index; each record names its codes, so 5,000 services do not repeat the same phrases.
    """
    phrases = {f"a:{a}": [name, *vocabulary.AUDIENCE_KEYWORDS.get(a, [])] for a, name in vocabulary.AUDIENCES.items()}
    phrases |= {f"n:{n}": [names[0], *vocabulary.NEED_KEYWORDS.get(n, [])] for n, names in vocabulary.NEEDS.items()}
    phrases |= {f"r:{code}": region_words([code]) for code in REGION_NAMES}
    phrases["g"] = list(vocabulary.GROUP_KEYWORDS)
    return phrases


def record_codes(record: dict[str, Any]) -> list[str]:
    """The vocabulary codes of a record's audiences, needs and regions."""
    return ([f"a:{a}" for a in record.get("audiences", [])] + [f"n:{n}" for n in record.get("needs", [])]
            + [f"r:{r}" for r in record.get("regions", [])])


def keywords_text(words: Iterable[str]) -> str:
    return " · ".join(dict.fromkeys(str(w) for w in words if w))


def service_entry(record: dict[str, Any], url: str) -> dict[str, Any]:
    extra = [record.get("alternate_name", ""), record.get("organization", ""), record.get("description", "")]
    return {"u": url, "y": "service", "t": record["name"], "s": record["summary"], "c": record_codes(record),
            "k": keywords_text(record.get("keywords", [])), "x": " ".join(extra).strip()[:MAX_TEXT],
            **({} if "anyone" in record["audiences"] else {"b": CLINICIAN_BOOST})}


def group_entry(record: dict[str, Any], url: str) -> dict[str, Any]:
    extra = [record.get("alternate_name", ""), record.get("what_happens", "")]
    return {"u": url, "y": "group", "t": record["name"], "s": record["summary"], "c": [*record_codes(record), "g"],
            "k": keywords_text(record.get("keywords", [])), "x": " ".join(extra).strip()[:MAX_TEXT],
            "b": CLINICIAN_BOOST}


def page_entry(title: str, description: str, keywords: list[str], page_html: str, url: str,
               boost: float | None = None) -> dict[str, Any]:
    """A written page: written for health staff, so boosted like their services unless front matter says
    otherwise (`search: {boost: 2}`, as in Material)."""
    boost = CLINICIAN_BOOST if boost is None else boost
    if isinstance(keywords, str):
        keywords = [keywords]
    entry = {"u": url, "y": "page", "t": title, "s": description, "k": keywords_text(keywords),
             "x": plain_text(page_html)[:MAX_TEXT]}
    if boost != 1:
        entry["b"] = boost
    return entry


def pathway_entry(pathway: dict[str, Any], url: str) -> dict[str, Any]:
    """A pathway's first page, found by the words of its questions and answers ("colleague", "start a group")."""
    steps = pathway["steps"].values()
    questions = " · ".join(dict.fromkeys(step["question"] for step in steps))
    answers = " · ".join(dict.fromkeys(a["label"] for step in steps for a in step["answers"]))
    return {"u": url, "y": "pathway", "t": pathway["title"], "s": pathway["summary"], "k": questions[:MAX_TEXT],
            "x": answers[:MAX_TEXT]}


def role_entry(role: str, url: str) -> dict[str, Any]:
    """A role's page ("Support for midwives"), found by the words people use for the role: midwife, HCA, porter,
    physio, student nurse. The students' page answers for every kind of student."""
    title, description = role_page_heading(role_page(role))
    roles = [role, *(vocabulary.STUDENT_AUDIENCES if role == "students" else ())]
    words = [vocabulary.AUDIENCES[role], *(w for r in roles for w in vocabulary.AUDIENCE_KEYWORDS.get(r, []))]
    return {"u": url, "y": "page", "t": title, "s": description, "k": keywords_text(words), "x": "", "b": ROLE_BOOST}


def local_group_entry(record: dict[str, Any], format_name: str, url: str) -> dict[str, Any]:
    """A local group, found by its format, place and organisation ("Balint group Leeds", "ward 7")."""
    place = record.get("location", {})
    words = [format_name, record["organisation"], place.get("room", ""), place.get("building", ""),
             place.get("address", ""), "online" if place.get("online") else ""]
    return {"u": url, "y": "local", "t": record["name"], "s": f"{format_name}, {record['organisation']}",
            "c": record_codes(record), "k": keywords_text(words), "x": record.get("how_to_join", ""),
            "b": CLINICIAN_BOOST}


def data_entries(data: Dataset, url_of) -> list[dict[str, Any]]:
    """Entries for every listed service (open, not hidden by site.yml) and every group format.
    `url_of(src_uri)` gives a page's site URL."""
    entries = [service_entry(s, url_of(f"services/{i}.md")) for i, s in sorted(listed_services(data).items())]
    entries += [group_entry(g, url_of(f"groups/{i}.md")) for i, g in sorted(data.groups.items())]
    entries += [local_group_entry(g, data.groups[g["format"]]["name"], url_of(f"groups/{g['format']}.md") + f"#local-{i}")
                for i, g in sorted(listed_local_groups(data, dt.date.today()).items())]
    entries += [pathway_entry(p, url_of(step_page(i, p["start"], p["start"]))) for i, p in sorted(data.pathways.items())]
    entries += [role_entry(role, url_of(role_page(role))) for role in vocabulary.ROLES]
    return entries


def index_script(entries: list[dict[str, Any]]) -> str:
    """The index as a script that hands itself to the search page (works over http and from file://):
    the shared vocabulary once (`v`), then the entries (`e`)."""
    index = {"v": vocabulary_phrases(), "e": entries}
    return "window.commonroomSearch(" + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ");\n"
