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
    # The organisation's layer over the kit (layers.py), when the site has one: its folder, the real file of every
    # record (labels in `sources` read "our-hub/data/..."), what a kit update asks it to look at again (never an
    # error), its corrections of kit facts with whether the kit changed since, and the kit facts it has checked
    # or corrected itself (fingerprint keys, such as services/samaritans).
    organisation: Path | None = None
    paths: dict[tuple[str, str], Path] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    overrides: list[dict[str, Any]] = field(default_factory=list)
    checked_here: set[str] = field(default_factory=set)
    kit_facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # each kit fact as the kit ships it, by key
    kit_release: str | None = None  # the kit release the organisation's settings name (release_setting.py)

    def source_of(self, folder: str, record_id: str) -> str:
        """The data file a record came from, relative to the project (for edit links and messages)."""
        return self.sources.get((folder, record_id), f"data/{folder}/{record_id}.yml")
