"""An internal number (a hospital extension or a bleep) is shown as words, never as a tap-to-call or text link:
from a personal mobile, tel:4567 dials a short code somewhere else, not the ward. Its number from outside, when
there is one, sits beside it as an ordinary call link. (The open data export: tests/test_open_data.py.)"""

from __future__ import annotations

import re

from commonroom.loading import load_dataset
from commonroom.render import Renderer
from conftest import ROOT
from test_data_validation import SERVICE, edit

TEMPLATES = ROOT / "overrides" / "commonroom"
EXTENSION = {"kind": "extension", "value": "4567", "external": "0114 271 4567", "label": "Occupational Health"}
BLEEP = {"kind": "bleep", "value": "1234", "external": "0114 271 1900", "hours": "Nights and weekends"}


def with_internal_numbers(minimal_data, *contacts: dict):
    edit(minimal_data, SERVICE, lambda r: r.update(contacts=list(contacts) + r["contacts"]))
    data = load_dataset(minimal_data)
    return data, Renderer(data, TEMPLATES, link=lambda uri: "/" + uri)


def links(html: str) -> list[str]:
    return re.findall(r'href="((?:tel|sms):[^"]*)"', html)


def test_an_extension_and_a_bleep_are_words_with_their_outside_number_as_the_only_call_link(minimal_data):
    _, renderer = with_internal_numbers(minimal_data, EXTENSION, BLEEP)
    for html in (renderer.service_page("test-line"), renderer.contact_card("test-line")):
        assert "Ext 4567 from a hospital phone" in html
        assert "Bleep 1234 via switchboard" in html
        routes = [link for link in links(html) if link != "tel:999"]  # the page's emergency number is not a route
        assert routes == ["tel:01142714567", "tel:01142711900", "tel:116123", "sms:85258?&amp;body=SHOUT"]
        assert ">From outside, call 0114 271 4567</a>" in html
        assert ">Call the switchboard on 0114 271 1900</a>" in html


def test_an_extension_without_an_outside_number_has_no_link_at_all(minimal_data):
    _, renderer = with_internal_numbers(minimal_data, {"kind": "extension", "value": "4567"})
    html = renderer.contact_card("test-line")
    assert "Ext 4567 from a hospital phone" in html
    assert not any("4567" in link for link in links(html))

