"""`make report` tells a maintainer what to do this week: what is overdue or due soon and who checked it how, what
the last link check found, which regions lack an emergency number or a 24-hour route, and which pages mention
suicide without a link to help-now. It is written outside the published site."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import yaml

from commonroom.loading import load_dataset
from commonroom.maintainers import due_state, main, render_report, report_context, suicide_mentions
from test_data_validation import SERVICE, edit

TODAY = dt.date(2027, 4, 20)  # the fixture's test line (checked 2026-11-01) is due 2027-05-01: 11 days left


def link_check(provider: str = "https://example.org") -> dict:
    return {"checked_at": "2027-04-19T08:00:00+00:00", "addresses": 2, "results": [
        {"file": "data/services/test-line.yml", "field": "source_url", "url": f"{provider}/contact",
         "status": "broken", "happened": "gone (404 Not Found)"},
        {"file": "data/services/test-line.yml", "field": "contacts[2].value", "url": f"{provider}/help",
         "status": "ok", "happened": "works (200 OK)"},
        {"file": "docs/guides/evidence.md", "field": "line 12", "url": "https://doi.org/10.0/x",
         "status": "moved", "happened": "moved to another site: https://journal.example/"},
    ]}


def test_due_dates_fall_into_overdue_30_days_60_days_and_later():
    today = dt.date(2027, 1, 1)
    assert due_state("2026-12-31", today) == ("overdue", -1)
    assert due_state("2027-01-31", today) == ("due in 30 days", 30)
    assert due_state("2027-03-02", today) == ("due in 60 days", 60)
    assert due_state("2027-03-03", today)[0] == "later"


def test_each_service_shows_when_and_by_whom_it_was_checked_when_it_is_due_and_its_links(minimal_data):
    context = report_context(load_dataset(minimal_data), None, link_check(), TODAY)
    [line] = context["services"]
    assert (line["verified_on"], line["checked_by"], line["checked_how"]) == ("2026-11-01", "Test Team", "live page")
    assert (line["due"], line["days"]) == ("due in 30 days", 11)
    assert line["cadence"] == "6 months (its needs include crisis and talk-now)"
    assert line["links"]["state"] == "needs a look"
    assert [p["happened"] for p in line["links"]["problems"]] == ["gone (404 Not Found)"]
    assert [r["url"] for r in context["other_links"]] == ["https://doi.org/10.0/x"]
    assert context["counts"]["due30"] == 1 and context["counts"]["links"] == 2


def test_emergency_numbers_are_listed_with_their_due_dates(minimal_data):
    context = report_context(load_dataset(minimal_data), None, None, dt.date(2027, 6, 1))
    [number] = context["numbers"]
    assert (number["number"], number["due"]) == ("999", "overdue")
    assert number["links"]["state"] == "not checked"
    assert context["counts"]["overdue"] == 2  # the number and the test line


def test_emergency_numbers_are_named_by_id_and_their_link_check_found_by_it(minimal_data):
    check = {"checked_at": "2027-04-19T08:00:00+00:00", "addresses": 1, "results": [
        {"file": "data/site.yml", "field": "emergency_numbers[gb-999].source_url", "status": "broken",
         "url": "https://example.org/999", "happened": "gone (410 Gone)"}]}
    context = report_context(load_dataset(minimal_data), None, check, TODAY)
    [number] = context["numbers"]
    assert number["links"]["state"] == "needs a look"
    assert "<code>data/site.yml emergency_numbers gb-999</code>" in render_report(context)


def test_the_report_says_whose_page_each_record_rests_on_and_lists_numbers_shown_as_text(minimal_data):
    def add_secondary(site):
        site["emergency_numbers"].append({**site["emergency_numbers"][0], "id": "gb-112", "number": "112",
                                          "source_kind": "secondary", "source_note": "a local newspaper's list",
                                          "checked_how": "stored copy dated 2024-11"})
    edit(minimal_data, "site.yml", add_secondary)
    edit(minimal_data, SERVICE, lambda r: r.update(source_kind="health-body", source_note="an NHS trust's page"))
    context = report_context(load_dataset(minimal_data), None, None, TODAY)
    assert context["as_text"] == [{"file": "data/site.yml", "field": "emergency_numbers gb-112", "number": "112",
                                   "what": "Ambulance, police, fire", "note": "a local newspaper's list",
                                   "source_url": context["numbers"][0]["source_url"]}]
    assert context["counts"]["as_text"] == 1
    report = render_report(context)
    assert 'id="shown-as-text"' in report and "<code>data/site.yml</code> emergency_numbers gb-112" in report
    assert "source: a secondary source, not an official website (a local newspaper&#39;s list); the copy is dated November 2024" in report
    assert "source: a public health body&#39;s website (an NHS trust&#39;s page)" in report


def test_a_region_without_an_emergency_number_or_a_24_hour_route_is_incomplete(minimal_data):
    # The loader stops a build whose regions lack routes, so the report sees this only when data changed after a
    # build (or a check was switched off): add the service to the loaded data, as such a change would.
    data = load_dataset(minimal_data)
    service = yaml.safe_load((minimal_data / SERVICE).read_text())
    service.update(name="Office Hours Line", regions=["AU"], is_24_7=False, needs=["counselling"], review_due="2027-05-01")
    data.services["office-hours"] = service
    regions = {r["code"]: r for r in report_context(data, None, None, TODAY)["regions"]}
    assert regions["GB-ENG"]["complete"] and regions["GB-ENG"]["home"]
    assert [e["number"] for e in regions["GB-ENG"]["numbers"]] == ["999"]
    assert [s["id"] for s in regions["GB-ENG"]["routes"]] == ["test-line"]
    assert not regions["AU"]["complete"] and regions["AU"]["numbers"] == [] and regions["AU"]["routes"] == []


def test_pages_that_mention_suicide_are_listed_with_whether_their_text_links_to_help_now(tmp_path):
    def page(path: str, article: str) -> None:
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'<title>{path}</title><a href="../help-now/">Need help now?</a>'
                          f'<article class="md-content__inner md-typeset">{article}</article>')
    page("guide/index.html", '<p>Thoughts of suicide are common. <a href="../help-now/">Get help now</a>.</p>')
    page("story/index.html", "<p>After a colleague's suicide, the team met.</p>")
    page("help-now/index.html", "<p>If you are thinking about suicide, call now.</p>")
    page("groups/index.html", "<p>Balint groups.</p>")
    rows = {r["address"]: r for r in suicide_mentions(tmp_path)}
    assert set(rows) == {"/guide/", "/story/", "/help-now/"}
    assert rows["/guide/"]["links_help_now"] and not rows["/story/"]["links_help_now"]  # the top strip does not count
    assert rows["/help-now/"]["is_help_now"]


def test_make_report_writes_one_html_page_a_maintainer_can_act_on(minimal_data, tmp_path, capsys):
    edit(minimal_data, SERVICE, lambda r: r.update(review_due="2027-04-01"))
    links = tmp_path / "link-check.json"
    links.write_text(json.dumps(link_check()))
    output = tmp_path / "report" / "index.html"
    assert main(["--data", str(minimal_data), "--links", str(links), "--output", str(output), "--today", TODAY.isoformat()]) == 0
    html = output.read_text()
    assert "overdue by 19 days" in html
    assert "2026-11-01 by Test Team" in html
    assert "source_url: gone (404 Not Found)" in html
    assert "moved to another site: https://journal.example/" in html
    assert "England (GB-ENG)" in html
    assert "http" not in html.split("</style>")[0].replace('content="width', "")  # nothing fetched from elsewhere


def test_the_report_stays_out_of_the_published_site_and_out_of_git():
    from conftest import ROOT
    ignored = (ROOT / ".gitignore").read_text().split()
    assert "report/" in ignored
    assert "--output report/index.html" in (ROOT / "Makefile").read_text()
    assert not Path(ROOT / "docs" / "report").exists()


def test_the_report_lists_each_overdue_record_and_how_long_ago_the_site_was_built(minimal_data, tmp_path):
    import os
    import time
    edit(minimal_data, SERVICE, lambda r: r.update(review_due="2027-04-01"))
    published = tmp_path / "site"
    published.mkdir()
    (published / "index.html").write_text("<p>the site people read</p>")
    three_days_ago = time.time() - 3 * 86400 - 60
    os.utime(published / "index.html", (three_days_ago, three_days_ago))
    output = tmp_path / "report" / "index.html"
    assert main(["--data", str(minimal_data), "--published", str(published), "--links", str(tmp_path / "none.json"),
                 "--output", str(output), "--today", TODAY.isoformat()]) == 0
    html = output.read_text()
    assert '<li class="overdue">data/services/test-line.yml: review_due 2027-04-01 has passed for &#34;Test Line&#34;' in html
    assert "1 overdue for a check (the site still builds; their pages say a re-check is due)." in html
    assert "The published site (site/) was last built 3 days ago" in html


def test_the_report_says_when_there_is_no_built_site(minimal_data, tmp_path):
    output = tmp_path / "index.html"
    assert main(["--data", str(minimal_data), "--published", str(tmp_path / "site"), "--links", str(tmp_path / "none.json"),
                 "--output", str(output), "--today", TODAY.isoformat()]) == 0
    assert "No built site found in site/: run <code>make build</code>" in output.read_text()
