"""The kit's modules stack in layers without a circle, so each can be read, tested and moved on its own.

The data model (model.py) is at the bottom and imports nothing of ours; loading and the checks build on it; the
renderers (render.py and render_*.py) sit on top and nothing below imports them. A circle, even one only for type
hints, means no module in it can be understood or moved without the others.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "hooks" / "commonroom"


def module_names(package: Path) -> dict[str, Path]:
    """Every module of the package by dotted name ("commonroom.loading"; the package itself for __init__.py)."""
    names = {}
    for path in sorted(package.rglob("*.py")):
        parts = (package.name, *path.relative_to(package).with_suffix("").parts)
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def imported_modules(name: str, path: Path, ours: set[str]) -> set[str]:
    """Our modules that `name` imports anywhere in its file: at the top, inside a function or under TYPE_CHECKING."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # `from . import vocabulary` imports a module; `from .roles import role_page` imports from one.
            targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {target for target in targets if target in ours}
    # A module's own packages are always imported before it, so an edge to them can never close a circle.
    return {target for target in found if target != name and not name.startswith(target + ".")}


def import_graph(package: Path) -> dict[str, set[str]]:
    """Which of our modules each of our modules imports."""
    modules = module_names(package)
    return {name: imported_modules(name, path, set(modules)) for name, path in modules.items()}


def find_circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One circle of imports as the modules along it, first module repeated at the end; None if there is none."""
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> list[str] | None:
        if module in path:
            return path[path.index(module):] + [module]
        if module in done:
            return None
        for target in sorted(graph.get(module, ())):
            circle = visit(target, path + [module])
            if circle:
                return circle
        done.add(module)
        return None

    for module in sorted(graph):
        circle = visit(module, [])
        if circle:
            return circle
    return None


def short(module: str) -> str:
    return module.removeprefix(PACKAGE.name + ".")


def test_the_modules_import_each_other_without_a_circle():
    circle = find_circle(import_graph(PACKAGE))
    assert circle is None, "hooks/commonroom imports in a circle: " + " -> ".join(short(m) for m in circle)


def test_the_data_model_imports_nothing_of_ours():
    graph = import_graph(PACKAGE)
    assert "commonroom.model" in graph, "hooks/commonroom/model.py (the data model) is missing"
    assert not graph["commonroom.model"], f"model.py imports {sorted(map(short, graph['commonroom.model']))}"


# The build's steps sit above the renderers: prepare renders the pages made from data (made_pages.py, the campaign
# kit's campaign_pages.py), and the entry point runs prepare.
STEPS = {"prepare", "made_pages", "campaign_pages", "build", "serve", "__main__"}


def test_only_renderers_import_the_renderers():
    renderers = lambda module: short(module) == "render" or short(module).startswith("render_")  # noqa: E731
    below = {short(module): sorted(short(t) for t in targets if renderers(t))
             for module, targets in import_graph(PACKAGE).items() if not renderers(module) and short(module) not in STEPS}
    assert not {m: t for m, t in below.items() if t}, "these modules reach up into the renderers"


def test_a_circle_is_found_and_named_even_through_type_hints(tmp_path):
    package = tmp_path / "commonroom"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "model.py").write_text("from dataclasses import dataclass\n")
    (package / "loading.py").write_text("from .model import dataclass\nfrom .coverage import region_problems\n")
    (package / "coverage.py").write_text("from . import listing\n")
    (package / "listing.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                        "    from .loading import Dataset\n")
    graph = import_graph(package)
    assert graph["commonroom.model"] == set()
    assert find_circle(graph) == ["commonroom.coverage", "commonroom.listing", "commonroom.loading", "commonroom.coverage"]
    (package / "listing.py").write_text("from .model import dataclass\n")
    assert find_circle(import_graph(package)) is None
