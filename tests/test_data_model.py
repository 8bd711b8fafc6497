"""The data model is documented where editors see it, and every number has one source of truth."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import ROOT

SCHEMAS = sorted((ROOT / "data" / "schema").glob("*.schema.json"))


def properties(schema: dict, path: str = ""):
    """Every (path, property schema) pair in a schema, nested objects and $defs included."""
    for name, prop in schema.get("properties", {}).items():
        yield f"{path}{name}", prop
        yield from properties(prop, f"{path}{name}.")
        if isinstance(prop.get("items"), dict):
            yield from properties(prop["items"], f"{path}{name}[].")
    for name, definition in schema.get("$defs", {}).items():
        yield from properties(definition, f"{path}$defs.{name}.")
    if isinstance(schema.get("additionalProperties"), dict):
        yield from properties(schema["additionalProperties"], f"{path}*.")


@pytest.mark.parametrize("schema_file", SCHEMAS, ids=lambda p: p.name)
def test_every_schema_is_valid_and_closed_and_every_property_is_described(schema_file):
    schema = json.loads(schema_file.read_text())
    Draft202012Validator.check_schema(schema)
    assert schema.get("description"), schema_file.name
    for path, prop in properties(schema):
        assert prop.get("description"), f"{schema_file.name}: {path} has no description"
    if schema.get("type") == "object":
        assert schema.get("additionalProperties") is False, f"{schema_file.name} must reject unknown fields"


def test_every_data_file_names_its_schema_for_editors():
    for folder, kind in (("services", "service"), ("groups", "group"), ("pathways", "pathway")):
        for path in (ROOT / "data" / folder).glob("*.yml"):
            first = path.read_text().splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json", path
    assert (ROOT / "data" / "site.yml").read_text().startswith("# yaml-language-server: $schema=schema/site.schema.json")


def test_no_service_number_is_written_into_a_page_by_hand():
    numbers = set()
    for path in (ROOT / "data" / "services").glob("*.yml"):
        for contact in yaml.safe_load(path.read_text())["contacts"]:
            if contact["kind"] in ("phone", "text"):
                numbers.add(re.sub(r"\D", "", contact["value"]))
    for entry in yaml.safe_load((ROOT / "data" / "site.yml").read_text())["emergency_numbers"]:
        numbers.add(re.sub(r"\D", "", entry["number"]))
    assert numbers
    for page in (ROOT / "docs").rglob("*.md"):
        # Macro calls name services by id ({{ contact_card("988-lifeline") }}): an id is not a number written by hand.
        prose = re.sub(r"\{\{.*?\}\}", "", page.read_text(), flags=re.S)
        # A phone number stands alone: "000" inside "12,000" is a count, not Australia's emergency number, and
        # "999" in the id `gb-999` names a record, as a macro call does.
        digits_in_page = {re.sub(r"\D", "", m) for m in re.findall(r"(?<![\d,.])(?<![a-z]-)\+?\d[\d -]{1,18}\d(?![,.]?\d)", prose)}
        written = numbers & digits_in_page
        assert not written, f"{page.relative_to(ROOT)} writes {written} by hand: use contact_card() or help_now_routes()"
