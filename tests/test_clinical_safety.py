"""The hazard log (docs/clinical-safety.md) is only as good as its controls: each must name a test that exists, or
say why none can. And a closed service, one of its hazards, says so instead of looking open."""

from __future__ import annotations

import ast
import re
import shutil

import pytest
import yaml

from conftest import FIXTURES, ROOT, build, copy_project

LOG = ROOT / "docs" / "clinical-safety.md"
TEST_REFERENCE = re.compile(r"`(tests/[a-z_]+\.py)::(test_[a-z0-9_]+)`")
HAZARDS = ["wrong number", "stale", "closed service", "misread", "help now cannot be found", "offline",
           "privacy", "unsafe messaging"]


def defined_tests(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def control_rows(text: str) -> list[tuple[str, str]]:
    """(control, proof) for every row of every controls table."""
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 2 and cells[0] not in ("Control", "---") and not set(cells[0]) <= {"-"}:
            rows.append((cells[0], cells[1]))
    return rows


def test_every_control_in_the_hazard_log_names_a_test_that_exists_or_a_reason():
    text = LOG.read_text(encoding="utf-8")
    rows = control_rows(text)
    assert len(rows) >= 30
    for control, proof in rows:
        assert TEST_REFERENCE.fullmatch(proof) or proof.startswith("No automated test: "), f"{control!r} has no proof: {proof!r}"
    missing = [f"{file}::{name}" for file, name in TEST_REFERENCE.findall(text)
               if not (ROOT / file).is_file() or name not in defined_tests(ROOT / file)]
    assert not missing, f"the hazard log names tests that do not exist: {missing}"


def test_the_hazard_log_covers_each_hazard_with_causes_controls_residual_risk_and_actions():
    text = LOG.read_text(encoding="utf-8")
    sections = re.split(r"^## H\d+\. ", text, flags=re.MULTILINE)[1:]
    headings = " ".join(section.splitlines()[0].lower() for section in sections)
    assert all(hazard in headings for hazard in HAZARDS), headings
    for section in sections:
        for part in ("**Harm**", "**Causes**", "**Controls in this kit**", "**Residual risk**", "**What your organisation must do**"):
            assert part in section, f"{section.splitlines()[0]}: {part} is missing"
    assert "does not claim" in text  # describes the standards' spirit; claims no compliance


def test_the_hazard_log_is_in_the_navigation_under_about_this_site():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")  # has !ENV tags, so read as text
    about = config.split("\n  - About this site:\n", 1)[1].split("\n\n", 1)[0]
    assert "\n      - Hazard log (clinical safety): clinical-safety.md" in about


@pytest.mark.slow
def test_a_closed_service_says_so_on_its_page_and_leaves_the_directory_and_help_now(tmp_path, minimal_data):
    service = yaml.safe_load((FIXTURES / "minimal" / "services" / "test-line.yml").read_text())
    service.update(name="Closed Line", status="inactive", summary="A line that has closed, kept for old posters.")
    (minimal_data / "services" / "closed-line.yml").write_text(yaml.safe_dump(service, sort_keys=False))
    site = yaml.safe_load((minimal_data / "site.yml").read_text())
    site["help_now_services"] = ["test-line", "closed-line"]
    (minimal_data / "site.yml").write_text(yaml.safe_dump(site, sort_keys=False))
    project = copy_project(tmp_path / "project", data=minimal_data)
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project / "site" / "services" / "closed-line" / "index.html").read_text()
    assert "This service has closed" in page and "no longer reach the service" in page
    assert "tel:" not in page.split('id="contact"')[1].split('id="what-they-offer"')[0], "its old numbers are not shown"
    for listing in ("services/index.html", "help-now/index.html"):
        html = (project / "site" / listing).read_text()
        assert 'data-id="test-line"' in html and 'data-id="closed-line"' not in html, listing
