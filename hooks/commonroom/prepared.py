"""What prepare hands to the generator and to finish: the prepared folder and its manifest.

    <prepared>/docs/           the docs tree the generator builds (written pages, stubs of pages made from data,
                               data files)
    <prepared>/mkdocs.yml      the configuration the generator runs (engines.py)
    <prepared>/made/<page>.html the body of each page made from data, which finish puts in place
    <prepared>/manifest.json   every page in build order, the settings finish needs, the search index's data entries
    <prepared>/dataset.pickle  the checked data, for the macros of written pages (hooks/macros.py)
"""

from __future__ import annotations

import json
import os
import pickle
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .model import Dataset

ENVIRONMENT = "COMMONROOM_PREPARED"  # set for the generator, so macros find the prepared folder


@dataclass
class Manifest:
    engine: str
    use_directory_urls: bool
    site_url: str | None
    templates: str
    # Every page in the order the generator builds them: {"src": path, "made": bool, "nav_title": str | None}
    pages: list[dict[str, Any]] = field(default_factory=list)
    search_data: list[dict[str, Any]] = field(default_factory=list)


class Prepared:
    def __init__(self, root: Path):
        self.root = Path(root)

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    def made_html(self, src_uri: str) -> Path:
        return self.root / "made" / (src_uri + ".html")

    def manifest(self) -> Manifest:
        return Manifest(**json.loads((self.root / "manifest.json").read_text(encoding="utf-8")))

    def write_manifest(self, manifest: Manifest) -> bool:
        return _replace(self.root / "manifest.json", json.dumps(asdict(manifest), ensure_ascii=False).encode("utf-8"))

    def dataset(self) -> Dataset:
        with open(self.root / "dataset.pickle", "rb") as file:
            return pickle.load(file)

    def write_dataset(self, data: Dataset) -> bool:
        return _replace(self.root / "dataset.pickle", pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def _replace(path: Path, data: bytes) -> bool:
    """Write whole or not at all, and leave an unchanged file alone. True if the file changed."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)
    return True
