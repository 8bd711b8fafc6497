"""Privacy and keyboard promises: the quick-exit link (off by default) works with a keyboard and without
JavaScript, and keyboard users reach "Need help now?" first with a visible focus."""

from __future__ import annotations

import re

import yaml
from playwright.sync_api import expect

from conftest import build, copy_project, html_pages


def test_quick_exit_is_off_by_default(built_site):
    assert all("data-cr-quick-exit" not in p.read_text() for p in html_pages(built_site))


def test_quick_exit_when_switched_on_is_on_every_page_escaped_and_leaves_no_back_step(tmp_path, minimal_data, browser):
    site_file = minimal_data / "site.yml"
    settings = yaml.safe_load(site_file.read_text())
    settings["quick_exit"] = {"enabled": True, "url": "https://weather.example.org/", "label": "Exit <now>"}
    site_file.write_text(yaml.safe_dump(settings))
    project = copy_project(tmp_path / "project", data=minimal_data)
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = html_pages(project / "site")
    for page in pages:
        html = page.read_text()
        assert '<a href="https://weather.example.org/" rel="noreferrer" data-cr-quick-exit>Exit &lt;now&gt;</a>' in html, page

    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.route("https://weather.example.org/**", lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html"))
    tab = context.new_page()
    tab.goto((project / "site" / "index.html").as_uri())
    tab.goto((project / "site" / "services" / "index.html").as_uri())
    history_before = tab.evaluate("history.length")
    tab.get_by_role("link", name="Exit <now>").focus()
    tab.keyboard.press("Enter")
    tab.wait_for_url("https://weather.example.org/")
    assert tab.evaluate("history.length") == history_before, "the page was replaced, not added to"
    tab.go_back()
    assert tab.url.endswith("/site/index.html"), "back skips the page the person left"
    context.close()


def test_keyboard_users_reach_need_help_now_first_with_a_visible_focus(phone, site_url):
    phone.goto(site_url + "services/")
    for _ in range(3):
        phone.keyboard.press("Tab")
        focused = phone.evaluate("document.activeElement.textContent.trim()")
        if focused.startswith("Need help now?"):
            break
    else:
        raise AssertionError(f"'Need help now?' is not among the first three Tab stops (last: {focused!r})")
    outline = phone.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "focus is visible"
    phone.keyboard.press("Enter")
    phone.wait_for_url(re.compile(r"/help-now/$"))


def test_the_directory_filters_work_from_the_keyboard(phone, site_url):
    phone.goto(site_url + "services/")
    phone.get_by_label("What do you need?").focus()
    phone.keyboard.press("ArrowDown")  # the first real choice after "Any kind of support"
    expect(phone.get_by_role("status")).to_have_text(re.compile(r"match"))
    phone.get_by_label("Open 24 hours").focus()
    phone.keyboard.press("Space")
    expect(phone.get_by_label("Open 24 hours")).to_be_checked()
    assert "open=24h" in phone.url
