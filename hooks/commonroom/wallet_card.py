"""The wallet card: the help-now numbers of the hub's own regions, on cards the size of a bank card (85.6 x 54 mm)
to print, cut out and keep behind an ID badge or on a lanyard.

The numbers, labels and hours come from the same data as the help-now page (data/site.yml emergency_numbers and
help_now_services, through Renderer.help_now_routes), so a corrected number is corrected on the card too. A region
with more numbers than fit on one card continues on the next, so no number is ever cut off.
"""

from __future__ import annotations

from typing import Any

from .sources import is_tappable

LINES_PER_CARD = 5  # at 7.5 pt, five two-line entries fill 54 mm
CARD_PAGE = "help-now/card.md"


def card_lines(section: dict[str, Any], dial: Any) -> list[dict[str, Any]]:
    """One line per emergency number, then one per phone or text contact of each crisis service."""
    # A number whose only source is a secondary copy is printed without a link, with what the copy is.
    lines = [{"action": "Call", "number": e["number"], "href": "tel:" + dial(e["number"]) if is_tappable(e) else None,
              "name": e["label"], "details": [] if is_tappable(e) else [f"Found only in {e['source_note']}"]}
             for e in section["emergency"]]
    for service in section["services"]:
        for contact in service["contacts"]:
            if contact["kind"] not in ("phone", "text"):
                continue
            keyword = contact.get("keyword")
            text = contact["kind"] == "text"
            lines.append({
                "action": "Text" if text else "Call",
                "number": (f"{keyword} to " if keyword else "") + contact["value"],
                "href": ("sms:" if text else "tel:") + dial(contact["value"]) if is_tappable(service) else None,
                "name": service["name"],
                "details": [d for d in (contact.get("label"), contact.get("hours")) if d]
                + ([] if is_tappable(service) else [f"Found only in {service['source_note']}"]),
            })
    return lines


def wallet_cards(sections: list[dict[str, Any]], dial: Any) -> list[dict[str, Any]]:
    """The cards to print: per home region, its lines in cards of LINES_PER_CARD ("2 of 2" when it continues)."""
    cards = []
    for section in sections:
        lines = card_lines(section, dial)
        chunks = [lines[i:i + LINES_PER_CARD] for i in range(0, len(lines), LINES_PER_CARD)] or [[]]
        for index, chunk in enumerate(chunks, start=1):
            cards.append({"region": section["region"], "lines": chunk,
                          "part": f"{index} of {len(chunks)}" if len(chunks) > 1 else None})
    return cards
