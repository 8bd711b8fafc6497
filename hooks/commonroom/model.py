"""The data model: what the checked data of one site holds, and nothing that reads, checks or renders it.

Every other module takes `Dataset` from here, so the model sits at the bottom of the import graph and imports
nothing of ours: loading and the checks build on it, and the renderers build on those.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Dataset:
    root: Path
    site: dict[str, Any]
    services: dict[str, dict[str, Any]] = field(default_factory=dict)
    groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    pathways: dict[str, dict[str, Any]] = field(default_factory=dict)
    local_groups: dict[str, dict[str, Any]] = field(default_factory=dict)  # from data/local-groups/
    campaigns: dict[str, dict[str, Any]] = field(default_factory=dict)  # posters and QR codes (campaigns.py)
    sources: dict[tuple[str, str], str] = field(default_factory=dict)
    docs: Path | None = None  # the written pages, when known: pathway answers may point at them
    assessment: dict[str, Any] | None = None  # the leaders' self-assessment (data/assessment.yml), if the site has one

    def source_of(self, folder: str, record_id: str) -> str:
        """The data file a record came from, relative to the project (for edit links and messages)."""
        return self.sources.get((folder, record_id), f"data/{folder}/{record_id}.yml")
