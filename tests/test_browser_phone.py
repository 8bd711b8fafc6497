"""A clinician on a phone reaches a confidential service's number in two taps from the home page."""

from __future__ import annotations

import re

import yaml
from playwright.sync_api import expect

from conftest import ROOT


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


def test_need_help_now_is_visible_at_the_top_of_the_page_on_a_phone(phone, site_url):
    page_types = ("", "help-now/", "services/", "services/samaritans/", "groups/", "groups/balint-groups/",
                  "groups/compare/", "groups/near-you/", "guides/", "guides/supporting-a-colleague/", "search/",
                  "pathways/", "pathways/worried-about-a-colleague/", "privacy/", "404.html")
    for path in page_types:
        phone.goto(site_url + path)
        link = phone.get_by_role("link", name=re.compile("Need help now"))
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["y"] + box["height"] <= 844, f"{path}: below the fold"
        assert box["height"] >= 24, f"{path}: tap target under 24px"
    link.tap()
    phone.wait_for_url(re.compile(r"/help-now/$"))
    expect(phone.locator('a[href^="tel:"]').first).to_be_visible()

