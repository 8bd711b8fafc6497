"""Check records against the JSON Schemas in data/schema/ and explain failures in plain English."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

TYPE_WORDS = {
    "boolean": "true or false",
    "string": "text",
    "array": "a list (one item per line, each starting with -)",
    "object": "a set of fields (name: value)",
    "integer": "a whole number",
    "number": "a number",
}


@lru_cache(maxsize=None)
def _validators(schema_dir: str) -> dict[str, Draft202012Validator]:
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in Path(schema_dir).glob("*.schema.json")}
    registry = Registry().with_resources((name, Resource.from_contents(s)) for name, s in schemas.items())
    return {
        name.removesuffix(".schema.json"): Draft202012Validator(s, registry=registry, format_checker=FormatChecker())
        for name, s in schemas.items()
    }


def field_path(path: list[str | int]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def show(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return '"' + (text if len(text) <= 80 else text[:77] + "...") + '"'


def _expected(error: ValidationError) -> str:
    hint = error.schema.get("x-expected") if isinstance(error.schema, dict) else None
    return hint or error.schema.get("description", "") if isinstance(error.schema, dict) else ""


def explain(error: ValidationError) -> tuple[list[str | int], str]:
    """A (path, sentence) pair for one schema error, worded for someone editing YAML."""
    path = list(error.absolute_path)
    where = field_path(path) or "the file"
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1]
        about = error.schema.get("properties", {}).get(missing, {}).get("description", "")
        return path + [missing], f"{field_path(path + [missing])} is missing" + (f" (expected: {about})" if about else "")
    if kind == "additionalProperties":
        allowed = ", ".join(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in error.schema.get("properties", {})]
        where_in = f" in {where}" if path else ""
        return path, f'"{", ".join(extras)}" is not a field allowed{where_in} (check the spelling; allowed fields: {allowed})'
    if kind == "enum":
        return path, f"{where} {show(error.instance)} is not one of the allowed values (expected one of: {', '.join(map(str, error.validator_value))})"
    if kind == "const":
        return path, f"{where} {show(error.instance)} is not allowed (expected {show(error.validator_value)})"
    if kind == "type" and error.instance is None:
        # Often a value YAML read as a comment: a colour such as #00695c needs quotes.
        wanted = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        return path, f"{where} is empty (expected {_expected(error) or TYPE_WORDS.get(wanted, wanted)})"
    if kind == "type":
        wanted = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        return path, f"{where} {show(error.instance)} is the wrong kind of value (expected {TYPE_WORDS.get(wanted, wanted)})"
    if kind in ("pattern", "format"):
        return path, f"{where} {show(error.instance)} is not valid (expected {_expected(error) or error.validator_value})"
    if kind == "minLength":
        return path, f"{where} {show(error.instance)} is too short (expected {_expected(error) or f'at least {error.validator_value} characters'})"
    if kind == "maxLength":
        return path, f"{where} is too long: {len(error.instance)} characters (expected at most {error.validator_value})"
    if kind == "minItems":
        return path, f"{where} is empty (expected at least {error.validator_value} item)"
    if kind == "uniqueItems":
        return path, f"{where} lists the same item twice (expected each item once)"
    return path, f"{where}: {error.message}"


def schema_errors(kind: str, record: Any, schema_dir: Path) -> Iterator[tuple[list[str | int], str]]:
    """Yield (path, sentence) for every way `record` breaks the `kind` schema, in file order."""
    validator = _validators(str(schema_dir))[kind]
    for error in sorted(validator.iter_errors(record), key=lambda e: [str(p) for p in e.absolute_path]):
        yield explain(error)
