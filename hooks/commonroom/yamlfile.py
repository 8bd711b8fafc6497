"""Safe YAML reading that keeps line numbers, so error messages can point at the line to fix."""

from __future__ import annotations

from typing import Any

import yaml


class YamlProblem(Exception):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


# libyaml's parser when PyYAML has it (its wheels do): at 5,000 service files the pure-Python one took most of
# the build. The constructors below are Python either way, so both read files the same.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping (PyYAML keeps the last one silently)."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise YamlProblem(
                    f'"{key}" is written twice (first on line {seen[key]}); keep one of them',
                    key_node.start_mark.line + 1,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _keep_dates_as_text(loader, node):
    # Dates stay as the text the editor wrote, so the schema checks one form (YYYY-MM-DD).
    return loader.construct_scalar(node)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _keep_dates_as_text)


def _keep_clock_times_as_text(loader, node):
    # YAML 1.1 reads 13:00 as the number 780 (base 60). A time of day stays as the text the editor wrote.
    text = loader.construct_scalar(node)
    return text if ":" in text else loader.construct_yaml_int(node)


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:int", _keep_clock_times_as_text)


def read_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """Parse YAML text into plain data and its node tree (for line numbers).

    Raises YamlProblem with a line number and a plain-English reason.
    """
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()  # parsed once: the tree gives line numbers, the data is built from it
        data = loader.construct_document(node) if node is not None else None
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or "the YAML could not be read"
        raise YamlProblem(
            f"YAML syntax error: {reason} (check the indentation, and put text containing a colon in quotes)",
            mark.line + 1 if mark else None,
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"YAML syntax error: {error}") from None
    finally:
        loader.dispose()
    return data, node


def line_of(node: yaml.Node | None, path: list[str | int]) -> int | None:
    """The line (1-based) where the value at `path` is written, or the nearest parent that exists."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            match = node.value[step]
        else:
            match = None
        if match is None:
            break
        node = match
        line = node.start_mark.line + 1
    return line
