"""A clinician on a phone reaches a confidential service's number in two taps from the home page."""

from __future__ import annotations

import re

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT
from every_page import HALVES, every_page_on_a_touch_phone


def phone_number(service_id: str) -> str:
    record = yaml.safe_load((ROOT / "data" / "services" / f"{service_id}.yml").read_text())
    return next(c["value"] for c in record["contacts"] if c["kind"] == "phone")


def test_a_doctor_in_england_finds_confidential_treatment_in_two_taps(phone, site_url):
    number = phone_number("practitioner-health")
    tel = "tel:" + re.sub(r"\D", "", number)
    phone.goto(site_url)

    phone.get_by_role("link", name="I want confidential treatment").tap()
    phone.wait_for_url(re.compile(r"/services/#confidential-treatment$"))
    card = phone.locator('section:has(h2#confidential-treatment) .cr-card[data-id="practitioner-health"]')
    expect(card.locator(f'a[href="{tel}"]')).to_be_visible()
    expect(card).to_contain_text("Doctors")

    card.get_by_role("link", name="NHS Practitioner Health").tap()
    phone.wait_for_url(re.compile(r"/services/practitioner-health/$"))
    call = phone.get_by_role("link", name=f"Call {number}")
    expect(call).to_be_visible()
    expect(call).to_have_attribute("href", tel)
    expect(phone.locator("main")).to_contain_text("Checked on ")


@pytest.mark.any_site
@pytest.mark.parametrize("half", HALVES)
def test_need_help_now_is_visible_at_the_top_of_every_page_on_a_phone(browser, built_site, half):
    """One link, on the first 390 x 844 screen as the page opens, at least 24 px high: read on every page in the one
    visit of every page (tests/every_page.py)."""
    visit = every_page_on_a_touch_phone(browser, built_site, half)
    assert len(visit["paths"]) > 10
    assert not visit["help_link"], visit["help_link"]


def test_need_help_now_taps_through_to_a_number_on_a_phone(phone, site_url):
    phone.goto(site_url + "guides/supporting-a-colleague/")
    phone.get_by_role("link", name=re.compile("Need help now")).tap()
    phone.wait_for_url(re.compile(r"/help-now/$"))
    expect(phone.locator('a[href^="tel:"]').first).to_be_visible()
