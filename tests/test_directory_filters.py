"""The directory narrows on a phone without a reload, keeps the choice in the URL, tells screen readers how
many services match, and lists everything when JavaScript is off."""

from __future__ import annotations

import re

import yaml
from playwright.sync_api import expect

from commonroom.regions import serves_any
from conftest import ROOT


def active_services() -> dict[str, dict]:
    records = {p.stem: yaml.safe_load(p.read_text()) for p in (ROOT / "data" / "services").glob("*.yml")}
    return {i: r for i, r in records.items() if r.get("status", "active") == "active"}


def visible_ids(page) -> set[str]:
    return set(page.eval_on_selector_all(".cr-card", "cards => cards.filter(c => c.offsetParent !== null).map(c => c.dataset.id)"))


def test_choosing_filters_narrows_the_list_and_updates_the_url(phone, site_url):
    phone.goto(site_url + "services/")
    everything = visible_ids(phone)
    assert everything == set(active_services())

    phone.get_by_label("What do you need?").select_option("counselling")
    phone.get_by_label("Where are you?").select_option("GB-ENG")
    expect(phone.get_by_role("status")).to_have_text(re.compile(r"^\d+ services? match(es)?\.$"))
    narrowed = visible_ids(phone)
    services = active_services()
    assert narrowed and narrowed < everything
    assert all("counselling" in services[i]["needs"] for i in narrowed)
    assert all(any(r in ("GB", "GB-ENG") for r in services[i]["regions"]) for i in narrowed)
    assert re.search(r"\?need=counselling&region=GB-ENG$", phone.url)
    count = int(phone.get_by_role("status").inner_text().split()[0])
    assert count == len(narrowed)

    phone.get_by_role("button", name="Clear filters").tap()
    expect(phone.get_by_role("status")).to_have_text("")
    assert visible_ids(phone) == everything
    assert phone.url.endswith("/services/")


def test_choosing_a_role_shows_the_services_for_that_role_for_all_staff_and_for_anyone(phone, site_url):
    from commonroom.vocabulary import audiences_serving

    services = active_services()
    for role in ("non-clinical-staff", "midwives", "nursing-students"):
        phone.goto(site_url + f"services/?for={role}")
        expected = {i for i, s in services.items() if set(audiences_serving(role)) & set(s["audiences"])}
        assert visible_ids(phone) == expected, role
        own = set(audiences_serving(role)) - {"all-staff", "anyone"}
        assert {i for i in expected if own & set(services[i]["audiences"])}, f"{role}: a service made for the role itself"


def test_a_shared_filter_link_opens_already_filtered(phone, site_url):
    phone.goto(site_url + "services/?region=ZA&open=24h")
    expect(phone.get_by_label("Where are you?")).to_have_value("ZA")
    expect(phone.get_by_label("Open 24 hours")).to_be_checked()
    services = active_services()
    shown = visible_ids(phone)
    expected = {i for i, s in services.items() if "ZA" in s["regions"] and s["is_24_7"]}
    assert shown == expected and expected


def test_a_filter_with_no_match_says_so_and_offers_help_now(phone, site_url):
    services = active_services()
    regions = sorted({r for s in services.values() for r in s["regions"]})
    kinds = sorted({c["kind"] for s in services.values() for c in s["contacts"]})
    empty = next((region, kind) for region in regions for kind in kinds
                 if not any(serves_any(s["regions"], [region]) and kind in {c["kind"] for c in s["contacts"]}
                            for s in services.values()))
    phone.goto(site_url + f"services/?region={empty[0]}&contact={empty[1]}")
    assert visible_ids(phone) == set()
    message = phone.get_by_text("No service matches all of these choices")
    expect(message).to_be_visible()
    expect(message.get_by_role("link", name="get help now")).to_be_visible()


def test_without_javascript_the_whole_directory_help_now_and_the_menu_work(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "services/?need=counselling")
    assert page.locator("#cr-filters").is_hidden()
    assert visible_ids(page) == set(active_services())

    page.get_by_role("link", name=re.compile("Need help now")).click()
    page.wait_for_url(re.compile(r"/help-now/$"))
    tel = page.locator('a[href^="tel:"]').first
    expect(tel).to_be_visible()

    page.goto(site_url)  # the phone menu is a checkbox and a label in Material: it opens without a script
    page.locator("label.md-header__button[for=__drawer]").click()
    page.locator("nav.md-nav--primary a", has_text="Support services").first.click()
    page.wait_for_url(re.compile(r"/services/$"))

    page.goto(site_url)
    page.get_by_role("link", name="I want to join or start a group").click()
    page.wait_for_url(re.compile(r"/groups/$"))
    page.locator(".cr-card a").first.click()
    expect(page.locator("h1")).to_be_visible()
    context.close()
