"""Anything a person in crisis may rely on is checked at least every 6 months, everything else at least every 12,
and every service and emergency number says who checked it and how. The loader enforces both, naming the file,
the field, the dates and the limit."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from commonroom.checking import add_months, checked_against, go_live_notices
from commonroom.sources import copy_date
from commonroom.loading import load_dataset
from test_data_validation import SERVICE, edit, problems


def test_a_crisis_line_due_a_year_after_its_check_is_rejected(minimal_data):
    edit(minimal_data, SERVICE, lambda r: r.update(verified_on="2026-11-29", review_due="2027-11-29"))
    [message] = problems(minimal_data)
    assert message == (
        "data/services/test-line.yml: review_due 2027-11-29 is more than 6 months after verified_on 2026-11-29 "
        "(its needs include crisis and talk-now, so it must be checked again within 6 months: "
        "expected review_due on or before 2027-05-29)"
    )


def test_a_talk_now_service_due_seven_months_after_its_check_is_rejected(minimal_data):
    edit(minimal_data, "site.yml", lambda r: r.update(help_now_services=[]))
    edit(minimal_data, SERVICE, lambda r: r.update(needs=["talk-now"], verified_on="2026-11-29", review_due="2027-06-30"))
    [message] = problems(minimal_data)
    assert "review_due 2027-06-30 is more than 6 months after verified_on 2026-11-29 (its needs include talk-now" in message


def test_a_help_now_service_without_crisis_needs_is_held_to_six_months(minimal_data):
    edit(minimal_data, SERVICE, lambda r: r.update(needs=["counselling"], verified_on="2026-11-29", review_due="2027-08-01"))
    [message] = problems(minimal_data)
    assert "(it is shown on the help-now page, so it must be checked again within 6 months" in message


def test_a_counselling_service_may_wait_twelve_months_but_not_thirteen(minimal_data):
    # A second service, so the region keeps its 24-hour crisis line (test-line) beside the counselling one.
    counselling = "services/counselling-line.yml"
    shutil.copy2(minimal_data / SERVICE, minimal_data / counselling)
    edit(minimal_data, counselling, lambda r: r.update(needs=["counselling"], verified_on="2026-11-29", review_due="2027-11-29"))
    load_dataset(minimal_data)
    edit(minimal_data, counselling, lambda r: r.update(review_due="2027-12-30"))
    [message] = problems(minimal_data)
    assert message.endswith("more than 12 months after verified_on 2026-11-29 (it is not a crisis or talk-now service, "
                            "so it must be checked again within 12 months: expected review_due on or before 2027-11-29)")


def test_an_emergency_number_due_a_year_after_its_check_is_rejected(minimal_data):
    edit(minimal_data, "site.yml", lambda r: r["emergency_numbers"][0].update(verified_on="2026-11-29", review_due="2027-11-29"))
    [message] = problems(minimal_data)
    assert message.startswith("data/site.yml: emergency number gb-999 (999, GB): review_due 2027-11-29 is more than 6 months "
                              "after verified_on 2026-11-29")
    assert "expected review_due on or before 2027-05-29" in message


def test_six_months_after_the_end_of_august_is_the_end_of_february():
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 11, 29), 6) == dt.date(2027, 5, 29)


@pytest.mark.parametrize("field", ["checked_by", "checked_how"])
def test_a_service_without_who_checked_it_or_how_is_rejected_naming_the_file(minimal_data, field):
    edit(minimal_data, SERVICE, lambda r: r.pop(field))
    [message] = problems(minimal_data)
    assert message.startswith(f"data/services/test-line.yml: line 1: {field} is missing (expected: ")


@pytest.mark.parametrize("field", ["review_due", "checked_by", "checked_how"])
def test_an_emergency_number_without_its_review_date_or_checker_is_rejected(minimal_data, field):
    edit(minimal_data, "site.yml", lambda r: r["emergency_numbers"][0].pop(field))
    [message] = problems(minimal_data)
    assert message.startswith("data/site.yml: line ") and f"emergency_numbers[0].{field} is missing" in message


def test_checked_how_outside_its_vocabulary_is_rejected_with_the_choices(minimal_data):
    edit(minimal_data, SERVICE, lambda r: r.update(checked_how="looked at it"))
    [message] = problems(minimal_data)
    assert 'checked_how "looked at it" is not valid (expected one of: live page, phone call to the service' in message
    assert "stored copy dated YYYY-MM-DD" in message


def test_how_a_detail_was_checked_reads_as_a_sentence():
    assert checked_against({"checked_how": "stored copy dated 2026-11-23"}) == "a stored copy (not the live page) of"
    assert checked_against({"checked_how": "live page"}) == "the live page of"
    assert checked_against({"checked_how": "stored copy"}) == "a stored copy (not the live page) of"


@pytest.mark.parametrize(("how", "shown"), [("stored copy dated 2019-03-17", "17 March 2019"),
                                            ("stored copy dated 2024-04", "April 2024"),
                                            ("stored copy dated 2022", "2022"), ("stored copy", None), ("live page", None)])
def test_a_stored_copy_gives_the_date_its_page_shows_as_exactly_as_it_shows_it(how, shown):
    assert copy_date(how) == shown


def test_a_stored_copy_dated_by_month_or_year_is_accepted_and_an_impossible_month_is_not(minimal_data):
    edit(minimal_data, SERVICE, lambda r: r.update(checked_how="stored copy dated 2024-04"))
    load_dataset(minimal_data)
    for wrong in ("stored copy dated April 2024", "stored copy dated 2024-13"):
        edit(minimal_data, SERVICE, lambda r: r.update(checked_how=wrong))
        [message] = problems(minimal_data)
        assert f'checked_how "{wrong}" is not valid' in message
        assert "(or YYYY-MM, or YYYY, when the page shows only a month or a year)" in message


def test_the_build_lists_every_detail_the_organisation_has_not_checked_itself(minimal_data):
    data = load_dataset(minimal_data)
    source_of = lambda i: data.source_of("services", i)  # noqa: E731
    assert go_live_notices(data.site, data.services, source_of) == []  # the fixture's checker checked everything
    data.site["organisation"]["checker"] = "Ward 7 Wellbeing Team"
    [notice] = go_live_notices(data.site, data.services, source_of)
    assert notice.startswith("2 services and emergency numbers have not been checked by Ward 7 Wellbeing Team")
    assert "data/services/test-line.yml: Test Line: checked by Test Team (live page)" in notice
    assert "data/site.yml emergency_numbers gb-999: 999 (GB)" in notice


def test_the_build_says_when_no_one_can_be_sent_a_report(minimal_data):
    data = load_dataset(minimal_data)
    del data.site["hub_contact"]["email"]
    [notice] = go_live_notices(data.site, data.services, lambda i: i)
    assert notice.startswith("data/site.yml: hub_contact has no email or report_url")


def test_the_kits_own_numbers_say_they_were_checked_by_its_maintainers_against_stored_copies():
    from conftest import ROOT
    data = load_dataset(ROOT / "data")
    records = list(data.services.values()) + data.site["emergency_numbers"]
    assert {r["checked_by"] for r in records} == {"Common Room maintainers"}
    assert all(r["checked_how"].startswith("stored copy") for r in records)


def test_what_the_organisation_has_not_checked_is_a_notice_that_a_strict_build_survives(minimal_data, caplog):
    import logging

    from commonroom.review import report_reviews  # run by prepare, before the generator

    data = load_dataset(minimal_data)
    data.site["organisation"]["checker"] = "Ward 7 Wellbeing Team"
    with caplog.at_level(logging.INFO, logger="commonroom.review"):
        report_reviews(data, strict=True)
    [record] = [r for r in caplog.records if "have not been checked by Ward 7 Wellbeing Team" in r.getMessage()]
    assert record.levelno == logging.INFO  # a WARNING would stop every strict build of the kit, CI included
    assert record.getMessage().startswith("Before you go live: ")


# Overdue facts never block a fix: the site still builds, its pages say a re-check is due, and the build says which


def overdue_kit_facts(today: dt.date) -> list[str]:
    """The kit's own services and emergency numbers whose review_due is before `today`."""
    from conftest import ROOT
    from commonroom.review import overdue_reviews
    return [line for line in overdue_reviews(load_dataset(ROOT / "data"), today) if not line.startswith("data/local-groups/")]


def test_no_kit_fact_is_overdue_for_a_check():
    # The kit's CI stops here: a hospital's build publishes an overdue number with a note, the kit never ships one.
    overdue = overdue_kit_facts(dt.date.today())
    assert not overdue, "Kit facts overdue for a check (check each, then update verified_on and review_due):\n" + "\n".join(overdue)


def test_the_kits_overdue_check_names_each_overdue_file_and_date():
    overdue = overdue_kit_facts(dt.date(2030, 1, 1))
    assert any(line.startswith("data/services/samaritans.yml: review_due ") for line in overdue)
    assert any(line.startswith("data/emergency-numbers/gb-999.yml: emergency number gb-999 (999, GB): review_due ") for line in overdue)


@pytest.mark.slow
def test_an_overdue_service_still_builds_strictly_with_a_calm_recheck_note_on_its_page(tmp_path, minimal_data):
    from conftest import build, copy_project
    edit(minimal_data, SERVICE, lambda r: r.update(verified_on="2019-07-01", review_due="2020-01-01"))
    project = copy_project(tmp_path / "project", data=minimal_data)
    result = build(project)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "INFO    -  1 record is overdue for a check. The site was still built" in output
    assert 'data/services/test-line.yml: review_due 2020-01-01 has passed for "Test Line"' in output
    note = ("We are due to re-check these details. They were last checked on 1 July 2019. If a number does not work "
            'and you need help now, call <a href="tel:999">999</a>.')
    assert note in (project / "site" / "services" / "test-line" / "index.html").read_text()
    assert note in (project / "site" / "help-now" / "index.html").read_text()  # its contact card


def test_strict_review_stops_the_build_naming_each_overdue_file_and_field(minimal_data):
    from commonroom.review import Overdue, report_reviews  # run by prepare, before the generator

    edit(minimal_data, SERVICE, lambda r: r.update(verified_on="2019-07-01", review_due="2020-01-01"))
    edit(minimal_data, "site.yml", lambda r: r.update(strict_review=True))
    data = load_dataset(minimal_data)
    report_reviews(data, strict=False)  # make serve and make report go on
    with pytest.raises(Overdue) as stopped:
        report_reviews(data, strict=True)
    assert str(stopped.value).startswith("The site was not built: strict_review is true in data/site.yml and 1 record "
                                         "is overdue for a check.")
    assert '\n  - data/services/test-line.yml: review_due 2020-01-01 has passed for "Test Line"' in str(stopped.value)


def test_strict_review_must_be_true_or_false(minimal_data):
    edit(minimal_data, "site.yml", lambda r: r.update(strict_review="yes"))
    [message] = problems(minimal_data)
    assert message.endswith('strict_review "yes" is the wrong kind of value (expected true or false)')


def test_an_overdue_emergency_number_and_card_say_a_recheck_is_due_without_alarm(minimal_data):
    from commonroom.render import Renderer
    from conftest import ROOT
    data = load_dataset(minimal_data)
    after = Renderer(data, ROOT / "overrides" / "commonroom", link=lambda uri: "/" + uri, today=dt.date(2027, 6, 1))
    html = after.help_now()
    assert "We are due to re-check this number." in html  # 999, due 2027-05-29 in the fixture
    assert "We are due to re-check these details. They were last checked on 1 November 2026." in html
    before = Renderer(data, ROOT / "overrides" / "commonroom", link=lambda uri: "/" + uri, today=dt.date(2027, 4, 1))
    assert "re-check" not in before.help_now() and "Details checked 1 November 2026." in before.help_now()


def test_a_local_group_past_its_review_by_date_says_it_is_due_a_check(minimal_data):
    from commonroom.render import Renderer
    from conftest import FIXTURES, ROOT
    (minimal_data / "local-groups").mkdir()
    (minimal_data / "local-groups" / "ward-7-balint.yml").write_text(
        (FIXTURES / "local-groups" / "ward-7-balint.yml").read_text().replace('review_by: "2099-01-01"', 'review_by: "2026-05-01"'))
    data = load_dataset(minimal_data)
    page = lambda today: Renderer(data, ROOT / "overrides" / "commonroom", link=lambda uri: "/" + uri, today=today).local_groups()  # noqa: E731
    assert "Details last checked 1 November 2026. We are due to check them again with the facilitator." in page(dt.date(2026, 12, 1))
    assert "We are due to check" not in page(dt.date(2026, 4, 1))
