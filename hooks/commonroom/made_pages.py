"""The pages made from data: one per service, group format, pathway step, region (help now) and role, the
directory's pages of results per need and region, and the help-now wallet card. Each is written to the prepared
tree as a stub (its front matter, and a marker where its body goes); its body, the complete HTML from the
templates, is written beside the tree and put in place by finish.

Why not write the body into the Markdown: Python-Markdown would parse the HTML again only to pass it through, and
at 20,000 services that parse was a third of the build. Putting it in after the generator also means its links,
worked out here relative to the page's address, reach the reader as written, whichever generator runs.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from .directory import Directory
from .model import Dataset
from .pages import generated_meta
from .render import Renderer
from .wallet_card import CARD_PAGE

CARD_META = {
    "title": "Wallet card of urgent numbers",
    "description": "A card the size of a bank card with the urgent and crisis numbers, to print and keep with your ID badge.",
    "render_macros": False,
    "commonroom": {"kind": "wallet-card"},
}
# The body of a stub: finish swaps it for the page's HTML. "<h1>" is named in it when the HTML has a heading of its
# own, so Material does not add the page title as a second one (it adds one when the content has no "<h1").
MARKER = re.compile(r"<!-- commonroom:made [0-9a-f]+(?: <h1>)? -->")


def page_meta(data: Dataset, directory: Directory) -> dict[str, dict[str, Any]]:
    """Every page made from data (except the campaign kit's), in the order MkDocs added them before."""
    return {**generated_meta(data), **directory.page_meta(), CARD_PAGE: CARD_META}


def render_page(renderer: Renderer, directory: Directory, made: dict[str, Any]) -> str:
    kind = made["kind"]
    if kind == "services":
        return renderer.service_page(made["id"])
    if kind == "help-now":
        return renderer.region_help_now(made["id"])
    if kind == "roles":
        return renderer.role_page(made["role"], made["region"])
    if kind == "pathways":
        return renderer.pathway_step(made["id"], made["step"])
    if kind == "wallet-card":
        return renderer.wallet_card()
    if kind == "listing":
        return renderer.listing_page(directory, made["listing"], made["key"], made["number"])
    return renderer.group_page(made["id"])


def marker(html: str) -> str:
    digest = hashlib.blake2b(html.encode("utf-8"), digest_size=8).hexdigest()
    return f"<!-- commonroom:made {digest}{' <h1>' if '<h1' in html else ''} -->"


def front_matter(meta: dict[str, Any]) -> str:
    """Front matter written as JSON, which is YAML too: a hundred times faster to write than PyYAML's own output,
    and the same to whatever reads it. The characters YAML reads as line breaks stay escaped."""
    text = json.dumps(meta, ensure_ascii=False)
    for line_break in ("\x85", "\u2028", "\u2029"):
        text = text.replace(line_break, f"\\u{ord(line_break):04x}")
    return f"---\n{text}\n---\n"


def stub(meta: dict[str, Any], html: str) -> str:
    """A made page's Markdown: its front matter, and the marker finish replaces with `html`. The marker changes
    with the HTML, so a preview that watches the prepared tree sees every change."""
    return front_matter(meta) + marker(html) + "\n"

