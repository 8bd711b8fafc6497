"""The project's own settings file (mkdocs.yml) and folders, read without the generator.

mkdocs.yml stays the one place a hospital sets its navigation, theme and Markdown options; prepare reads it and
writes the configuration the generator actually runs (engines.py). Tags other than plain YAML (`!ENV`,
`!!python/name:` for a Markdown extension's option) are kept as they are, for the generator to resolve.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CONFIG = "mkdocs.yml"


class Tagged:
    """A value with a tag this module does not resolve: written back with the same tag."""

    def __init__(self, tag: str, value: Any):
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, ..., default]`, as MkDocs reads it."""
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node, deep=True)
    default = names.pop() if len(names) > 1 else None
    for name in names:
        if name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else None
    return default


def _represent(dumper: yaml.SafeDumper, value: Tagged) -> yaml.Node:
    if isinstance(value.value, list):
        return dumper.represent_sequence(value.tag, value.value)
    if isinstance(value.value, dict):
        return dumper.represent_mapping(value.tag, value.value)
    return dumper.represent_scalar(value.tag, value.value)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
_Dumper.add_representer(Tagged, _represent)


def read_config(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


def dump_config(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


@dataclass(frozen=True)
class Project:
    root: Path
    config: dict[str, Any]

    @classmethod
    def at(cls, root: Path) -> "Project":
        root = Path(root).resolve()
        return cls(root, read_config(root / CONFIG))

    @property
    def docs(self) -> Path:
        return self.root / self.config.get("docs_dir", "docs")

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def overrides(self) -> Path:
        return self.root / self.config.get("theme", {}).get("custom_dir", "overrides")

    @property
    def templates(self) -> Path:
        """The templates prepare renders pages from (the engine's own are the rest of overrides/)."""
        return self.overrides / "commonroom"

    @property
    def hooks(self) -> Path:
        return self.root / "hooks"

    def prepared(self, purpose: str) -> Path:
        """Where prepare writes for `purpose` (build, offline, serve): one folder each, so a preview and a build
        can run side by side."""
        return self.root / ".commonroom" / purpose
