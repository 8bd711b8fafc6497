"""Local groups: a group that meets at a set time and place shows on its format's page and on "Groups near you",
its schedule reads as plain English, and a wrong format, time, day or link stops the build with a message that
names the file, the field and what was expected."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from commonroom.loading import DataError, load_dataset
from commonroom.render import Renderer
from commonroom.review import overdue_reviews
from commonroom.schedule import describe_schedule, meets_on, schedule_problems
from commonroom.search import data_entries
from conftest import FIXTURES, ROOT, build, copy_project

WARD_7 = "local-groups/ward-7-balint.yml"
TEMPLATES = ROOT / "overrides" / "commonroom"


def weekly(**change) -> dict:
    return {"frequency": "weekly", "day": "tuesday", "start_time": "13:00", "duration_minutes": 60,
            "time_zone": "Europe/London", "starts_on": "2026-01-06", **change}


def kit_data(target: Path) -> Path:
    """A copy of the kit's data folder with no local groups in it (only the README)."""
    data = shutil.copytree(ROOT / "data", target)
    for path in (data / "local-groups").glob("*.yml"):
        path.unlink()
    return data


@pytest.fixture
def local_data(tmp_path: Path) -> Path:
    """The kit's data (so the docs' links to group formats resolve) plus two made-up local groups from
    tests/fixtures/local-groups/, beside the kit's README."""
    data = kit_data(tmp_path / "data")
    for path in (FIXTURES / "local-groups").glob("*.yml"):
        shutil.copy(path, data / "local-groups" / path.name)
    return data


def known_formats() -> str:
    return ", ".join(sorted(p.stem for p in (ROOT / "data" / "groups").glob("*.yml")))


def replace_in(data: Path, relative: str, old: str, new: str) -> None:
    """Change one piece of text in a data file, keeping every other line where it was."""
    path = data / relative
    text = path.read_text()
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new))


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_dataset(data)
    return caught.value.problems


# The schedule in plain English


def test_a_weekly_group_reads_as_every_day_with_its_times_and_time_zone():
    assert describe_schedule(weekly(), today=dt.date(2026, 6, 1)) == "Every Tuesday, 13:00–14:00 (UK time)."


def test_a_fortnightly_group_says_which_week_it_started_so_readers_can_tell_which_weeks():
    text = describe_schedule(weekly(frequency="fortnightly", day="wednesday", starts_on="2026-01-07",
                                    start_time="08:30", duration_minutes=90), today=dt.date(2026, 6, 1))
    assert text == "Every other Wednesday from 7 January 2026, 08:30–10:00 (UK time)."


@pytest.mark.parametrize("week, starts_on, expected", [
    ("first", "2026-01-06", "First Tuesday of every month"),
    ("last", "2026-01-27", "Last Tuesday of every month"),
])
def test_a_monthly_group_names_its_week_of_the_month(week, starts_on, expected):
    schedule = weekly(frequency="monthly", week_of_month=week, starts_on=starts_on)
    assert describe_schedule(schedule, today=dt.date(2026, 6, 1)) == f"{expected}, 13:00–14:00 (UK time)."


def test_a_group_not_yet_started_says_when_it_starts_and_an_end_date_is_given():
    text = describe_schedule(weekly(starts_on="2027-01-05", ends_on="2027-07-27"), today=dt.date(2026, 12, 1))
    assert text == "Every Tuesday from 5 January 2027, 13:00–14:00 (UK time), until 27 July 2027."


def test_only_cancelled_sessions_still_to_come_are_mentioned():
    schedule = weekly(not_on=["2026-12-22", "2026-12-29", "2026-03-03"])
    assert describe_schedule(schedule, today=dt.date(2026, 6, 1)) == (
        "Every Tuesday, 13:00–14:00 (UK time). No session on 22 December 2026 or 29 December 2026.")


def test_a_late_session_ends_after_midnight_and_other_zones_are_named_by_their_city():
    text = describe_schedule(weekly(start_time="23:30", time_zone="America/Toronto"), today=dt.date(2026, 6, 1))
    assert text == "Every Tuesday, 23:30–00:30 (Toronto time)."


def test_session_dates_follow_the_rhythm_start_end_and_cancellations():
    fortnightly = weekly(frequency="fortnightly", ends_on="2026-03-31", not_on=["2026-02-03"])
    assert meets_on(fortnightly, dt.date(2026, 1, 20))
    assert not meets_on(fortnightly, dt.date(2026, 1, 13))  # the off week
    assert not meets_on(fortnightly, dt.date(2026, 2, 3))  # cancelled
    assert not meets_on(fortnightly, dt.date(2026, 4, 14))  # after ends_on
    assert not meets_on(fortnightly, dt.date(2025, 12, 23))  # before starts_on
    last_friday = weekly(frequency="monthly", week_of_month="last", day="friday", starts_on="2026-01-30")
    assert meets_on(last_friday, dt.date(2026, 2, 27)) and not meets_on(last_friday, dt.date(2026, 2, 20))


@pytest.mark.parametrize("schedule, expected", [
    (weekly(starts_on="2026-01-07"),
     'schedule.starts_on "2026-01-07" is a Wednesday, which is not a Tuesday (expected the date of the first session, such as 2026-01-13)'),
    (weekly(frequency="monthly", week_of_month="first", starts_on="2026-01-13"),
     'schedule.starts_on "2026-01-13" is a Tuesday, which is not the first Tuesday of the month (expected the date of the first session, such as 2026-02-03)'),
    (weekly(not_on=["2026-01-14"]),
     'schedule.not_on[0] "2026-01-14" is not a day the group meets (expected the date of a cancelled session, such as 2026-01-20)'),
    (weekly(week_of_month="first"),
     'schedule.week_of_month "first" only applies to groups that meet monthly (expected no week_of_month when frequency is weekly; remove it, or set frequency: monthly)'),
    (weekly(ends_on="2025-12-01"),
     'schedule.ends_on "2025-12-01" is before starts_on "2026-01-06" (expected the date of the last session, on or after starts_on)'),
    (weekly(time_zone="Europe/Londn"),
     'schedule.time_zone "Europe/Londn" is not a known time zone (expected a name from the IANA time zone list, such as Europe/London, America/Toronto or Africa/Johannesburg)'),
])
def test_a_schedule_that_cannot_be_right_is_explained(schedule, expected):
    assert [message for _, message in schedule_problems(schedule)] == [expected]


# Loading


def test_local_groups_load_and_the_readme_beside_them_is_ignored(local_data):
    data = load_dataset(local_data)
    assert set(data.local_groups) == {"ward-7-balint", "online-first-friday"}
    assert data.local_groups["ward-7-balint"]["schedule"]["start_time"] == "13:00"  # unquoted in the file


def test_the_worked_example_in_the_readme_is_a_valid_local_group(tmp_path):
    readme = (ROOT / "data" / "local-groups" / "README.md").read_text()
    [example] = re.findall(r"```yaml\n(.*?)```", readme, re.DOTALL)
    data = kit_data(tmp_path / "data")
    (data / "local-groups" / "readme-example.yml").write_text(example)
    assert "readme-example" in load_dataset(data).local_groups


def test_every_local_group_file_names_its_schema_for_editors():
    for path in (ROOT / "data" / "local-groups").glob("*.yml"):
        assert path.read_text().splitlines()[0] == "# yaml-language-server: $schema=../schema/local-group.schema.json", path


def test_an_unknown_format_is_named_with_the_formats_that_exist(local_data):
    replace_in(local_data, WARD_7, "format: balint-groups", "format: balint-group")
    assert problems(local_data) == [
        'data/local-groups/ward-7-balint.yml: format "balint-group" is not a known group format '
        f"(expected the name of a file in data/groups/ without .yml: {known_formats()})"
    ]


@pytest.mark.parametrize("old, new, at, expected", [
    ("start_time: 13:00", "start_time: 25:00", "start_time:",
     'schedule.start_time "25:00" is not valid (expected a 24-hour time written HH:MM, such as 13:00 or 08:30)'),
    ("day: tuesday", "day: tuesdya", "day:",
     'schedule.day "tuesdya" is not one of the allowed values (expected one of: monday, tuesday, wednesday, '
     "thursday, friday, saturday, sunday)"),
    ("kind: email\n    value: ward7-balint@example.org", "kind: web\n    value: javascript:alert(1)", "value:",
     'facilitator.contact.value "javascript:alert(1)" uses an unsafe kind of link (javascript:) '
     "(expected a web address starting with https://, or an email address or phone number)"),
    ("value: ward7-balint@example.org", "value: ward 7 circle", "value:",
     'facilitator.contact.value "ward 7 circle" is not valid (expected an email address such as name@example.org)'),
    ("time_zone: Europe/London", "time_zone: GMT", "time_zone:",
     'schedule.time_zone "GMT" is not valid (expected a time zone name such as Europe/London, America/Toronto or '
     "Africa/Johannesburg (a place, not GMT or BST))"),
    ("frequency: weekly", "frequency: monthly", "frequency:",
     "schedule.week_of_month is missing (expected: which week of the month a monthly group meets: first, second, "
     "third, fourth or last)"),
    ('starts_on: "2026-01-06"', 'starts_on: "2026-01-08"', "starts_on:",
     'schedule.starts_on "2026-01-08" is a Thursday, which is not a Tuesday (expected the date of the first session, '
     "such as 2026-01-13)"),
    ("  building: Tower Block\n", "", "room:",
     "location.building is missing (expected: the building or site where the group meets (or online: true if it "
     "meets only online))"),
    ("membership: closed", "membership: drop-in", "membership:",
     'membership "drop-in" is not one of the allowed values (expected one of: open, closed)'),
])
def test_a_bad_local_group_names_file_line_field_value_and_expectation(local_data, old, new, at, expected):
    replace_in(local_data, WARD_7, old, new)
    path = local_data / WARD_7
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.strip().startswith(at))
    assert problems(local_data) == [f"data/local-groups/ward-7-balint.yml: line {line}: {expected}"]


def test_a_local_group_past_its_review_date_is_flagged(local_data):
    replace_in(local_data, WARD_7, 'review_by: "2099-01-01"', 'review_by: "2020-01-01"')
    warnings = overdue_reviews(load_dataset(local_data), dt.date(2026, 6, 1))
    [warning] = [w for w in warnings if w.startswith("data/local-groups/")]
    assert warning.startswith('data/local-groups/ward-7-balint.yml: review_by 2020-01-01 has passed for "Ward 7 Balint group"')


# Pages


def renderer(data_dir: Path, today: dt.date) -> Renderer:
    return Renderer(load_dataset(data_dir), TEMPLATES, link=lambda uri: "/" + uri, today=today)


def test_a_group_past_its_end_date_is_no_longer_listed(local_data):
    replace_in(local_data, WARD_7, 'starts_on: "2026-01-06"', 'starts_on: "2026-01-06"\n  ends_on: "2026-05-26"')
    listed = lambda today: [g["id"] for g in renderer(local_data, today).current_local_groups()]  # noqa: E731
    assert "ward-7-balint" in listed(dt.date(2026, 5, 26))
    assert "ward-7-balint" not in listed(dt.date(2026, 5, 27))
    # Search uses the same rule (it runs on the build's date, long after this group's end).
    entries = data_entries(load_dataset(local_data), lambda src_uri: src_uri)
    local = [e["u"] for e in entries if e["y"] == "local"]
    assert local and not [u for u in local if u.endswith("#local-ward-7-balint")], local


def test_text_from_a_local_group_is_escaped(local_data):
    replace_in(local_data, WARD_7, "name: Ward 7 Balint group", "name: Ward 7 <script>alert(1)</script>")
    html = renderer(local_data, dt.date(2026, 6, 1)).local_groups()
    assert "<script>" not in html and "Ward 7 &lt;script&gt;" in html


def test_a_local_group_shows_on_its_format_page_with_when_where_and_a_tappable_contact(site_with_local_groups):
    html = (site_with_local_groups / "groups" / "balint-groups" / "index.html").read_text()
    section = html[html.index('id="local-groups"'):html.index('id="how-to-start-one"')]
    assert "Ward 7 Balint group" in section
    assert "Every Tuesday, 13:00–14:00 (UK time)." in section
    assert "Ward 7 seminar room, Tower Block" in section
    assert "Closed: the same members each time" in section
    assert "Northgate General Hospital" in section
    assert 'href="mailto:ward7-balint@example.org"' in section
    assert 'href="../near-you/"' in section
    assert "First Friday online reflective group" not in section, "only groups of this format"

    other = (site_with_local_groups / "groups" / "reflective-practice-groups" / "index.html").read_text()
    section = other[other.index('id="local-groups"'):other.index('id="how-to-start-one"')]
    assert "First Friday of every month, 12:30–14:00 (UK time)." in section
    assert "<dd>Online</dd>" in section
    assert 'href="tel:01314960000"' in section


def test_groups_near_you_lists_each_group_by_region_and_organisation_linking_its_format(site_with_local_groups):
    html = (site_with_local_groups / "groups" / "near-you" / "index.html").read_text()
    england, scotland = html.index(">In England</h2>"), html.index(">In Scotland</h2>")
    assert england < scotland, "the hub's own region (GB-ENG in the kit's site.yml) comes first"
    assert england < html.index("<h3>Northgate General Hospital</h3>") < html.index("Ward 7 Balint group") < scotland
    assert scotland < html.index("<h3>Eastfield Health Board</h3>") < html.index("First Friday online reflective group")
    assert 'href="../balint-groups/">Balint groups</a>' in html
    assert 'href="../reflective-practice-groups/">Reflective practice groups</a>' in html
    assert "No local groups are listed yet" not in html


def test_groups_near_you_fits_a_phone_screen(site_with_local_groups, phone):
    phone.goto((site_with_local_groups / "groups" / "near-you" / "index.html").as_uri())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


def test_with_no_local_groups_the_pages_say_so_and_point_to_groups_near_you(built_site):
    """The kit lists no local groups (each organisation lists its own, in its own folder), so its own build is a
    site with none."""
    assert [path.name for path in (ROOT / "data" / "local-groups").iterdir()] == ["README.md"]
    for path in (ROOT / "data" / "groups").glob("*.yml"):
        format_page = (built_site / "groups" / path.stem / "index.html").read_text()
        assert "No local group of this format is listed on this site yet." in format_page
        assert '<a href="../near-you/">Groups near you</a>' in format_page
    near_you = (built_site / "groups" / "near-you" / "index.html").read_text()
    assert "No local groups are listed yet." in near_you
    assert "data/local-groups/" in near_you, "the page tells a wellbeing lead where groups are added"


@pytest.mark.parametrize("old, new, at, expected", [
    ("format: balint-groups", "format: balint-group", None,
     'format "balint-group" is not a known group format (expected the name of a file in data/groups/ without .yml: '),
    ("start_time: 13:00", "start_time: 25:00", "start_time:",
     'schedule.start_time "25:00" is not valid (expected a 24-hour time written HH:MM, such as 13:00 or 08:30)'),
    ("day: tuesday", "day: someday", "day:",
     'schedule.day "someday" is not one of the allowed values (expected one of: monday, tuesday'),
    ("kind: email\n    value: ward7-balint@example.org", "kind: web\n    value: javascript:alert(document.cookie)", "value:",
     'facilitator.contact.value "javascript:alert(document.cookie)" uses an unsafe kind of link (javascript:) '
     "(expected a web address starting with https://"),
], ids=["unknown-format", "bad-time", "unknown-day", "unsafe-link"])
def test_a_bad_local_group_stops_the_build_and_writes_nothing(tmp_path, local_data, old, new, at, expected):
    replace_in(local_data, WARD_7, old, new)
    if at:
        line = next(n for n, text in enumerate((local_data / WARD_7).read_text().splitlines(), 1) if text.strip().startswith(at))
        expected = f"line {line}: {expected}"
    project = copy_project(tmp_path / "project", data=local_data)
    result = build(project)
    assert result.returncode != 0
    assert "The site was not built" in result.stdout + result.stderr
    assert f"data/local-groups/ward-7-balint.yml: {expected}" in result.stdout + result.stderr
    assert not (project / "site").exists()


def test_a_local_group_can_be_found_by_search(site_with_local_groups):
    index = (site_with_local_groups / "search" / "search-index.js").read_text(encoding="utf-8")
    assert '"t":"Ward 7 Balint group"' in index
    assert '"u":"groups/balint-groups/#local-' in index
