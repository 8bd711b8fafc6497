"""The kit's emergency numbers are files of their own (data/emergency-numbers/<id>.yml) and its help-now picks are
data/help-now.yml, so an organisation never edits the file that holds its own settings to receive a corrected
number. Data in, dataset out: no site build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from commonroom.loading import DataError, load_dataset


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    return Path(shutil.copytree(ROOT / "data", tmp_path / "data"))


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as error:
        load_dataset(data)
    return error.value.problems


def test_each_emergency_number_comes_from_its_file_with_the_file_name_as_its_id(kit):
    numbers = load_dataset(kit).site["emergency_numbers"]
    gb = next(n for n in numbers if n["id"] == "gb-999")
    assert gb == {"id": "gb-999", **yaml.safe_load((kit / "emergency-numbers" / "gb-999.yml").read_text())}


def test_the_numbers_keep_the_order_the_picks_give(kit):
    picks = yaml.safe_load((kit / "help-now.yml").read_text())
    picks["emergency_numbers"] = picks["emergency_numbers"][::-1]
    (kit / "help-now.yml").write_text(yaml.safe_dump(picks, sort_keys=False))
    assert [n["id"] for n in load_dataset(kit).site["emergency_numbers"]] == picks["emergency_numbers"]


def test_a_number_file_the_picks_do_not_list_is_an_error_because_it_would_never_be_shown(kit):
    shutil.copy2(kit / "emergency-numbers" / "ie-112.yml", kit / "emergency-numbers" / "ie-1122.yml")
    assert problems(kit) == ["data/emergency-numbers/ie-1122.yml: this number is not listed in data/help-now.yml "
                             "emergency_numbers, so it would never be shown (add its id where it belongs in that list)"]


def test_a_picked_number_without_a_file_is_an_error(kit):
    (kit / "emergency-numbers" / "nz-111.yml").unlink()
    found = problems(kit)
    assert found[0].startswith('data/help-now.yml: emergency_numbers[9] "nz-111" is not a file in '
                               "data/emergency-numbers/ (expected one of: au-000, ca-911, gb-999"), found


def test_numbers_in_both_places_are_an_error_naming_the_one_to_remove(kit):
    site = yaml.safe_load((kit / "site.yml").read_text())
    site["help_now_services"] = ["samaritans"]
    (kit / "site.yml").write_text(yaml.safe_dump(site, sort_keys=False))
    assert problems(kit) == ["data/site.yml: help_now_services is given here and in data/help-now.yml (expected it "
                             "in data/help-now.yml only: remove it from data/site.yml)"]


def test_number_files_without_the_picks_file_are_an_error(kit):
    (kit / "help-now.yml").unlink()
    assert problems(kit) == ["data/help-now.yml: the file is missing (expected the help-now page's picks: "
                             "emergency_numbers, the ids of the files in data/emergency-numbers/ in the order shown, "
                             "and services)"]


@pytest.mark.parametrize("file, text, expected", [
    ("emergency-numbers/gb-999.yml", "region: GB\nnumber: 999a\n",
     'data/emergency-numbers/gb-999.yml: line 2: number "999a" is not valid (expected a number written with digits'),
    ("emergency-numbers/gb-999.yml", "region: GB\nnumber: \"999\"\nsource_kind: secondary\n",
     "data/emergency-numbers/gb-999.yml: line 1: source_note is missing"),
    ("help-now.yml", "emergency_numbers: [GB 999]\nservices: []\n",
     'data/help-now.yml: line 1: emergency_numbers[0] "GB 999" is not valid (expected the region code and the number'),
    ("help-now.yml", "services: [samaritans]\n", "data/help-now.yml: line 1: emergency_numbers is missing"),
])
def test_a_bad_number_or_picks_file_is_named_with_its_field(kit, file, text, expected):
    (kit / file).write_text(text)
    found = problems(kit)
    assert any(p.startswith(expected) for p in found), found


def test_a_picked_service_that_does_not_exist_is_named_in_the_picks_file(kit):
    picks = yaml.safe_load((kit / "help-now.yml").read_text())
    picks["services"].append("no-such-line")
    (kit / "help-now.yml").write_text(yaml.safe_dump(picks, sort_keys=False))
    assert problems(kit)[0].startswith(f'data/help-now.yml: services[{len(picks["services"]) - 1}] "no-such-line" is '
                                       "not a known service")


def test_the_number_schema_is_the_one_a_single_file_site_uses_without_the_id():
    schemas = ROOT / "data" / "schema"
    number = json.loads((schemas / "emergency-number.schema.json").read_text())
    in_site = json.loads((schemas / "site.schema.json").read_text())["properties"]["emergency_numbers"]["items"]
    assert {k: v for k, v in in_site["properties"].items() if k != "id"} == number["properties"]
    assert [r for r in in_site["required"] if r != "id"] == number["required"] and in_site["allOf"] == number["allOf"]
