"""The kit as a versioned package, for a hospital without git: a wheel built from this repository carries the code
and the kit's files (setup.py), and `python -m commonroom` run from it, in a folder with no kit in it, builds an
organisation's site as a checkout does, writing nothing inside the installed package.

One wheel and one install (into a folder, with pip's --target) are shared by the file's tests (a module fixture,
marked slow in conftest.py: they run pip and build whole sites). The rest runs the checkout's code on small folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from commonroom import __version__
from commonroom.__main__ import find_kit
from commonroom.kit import kit_root
from commonroom.manifest import shipped_files

# What a wheel is built from: the repository's tracked source, copied so pip's build folder is not left in the kit.
SOURCE = ("setup.py", "pyproject.toml", "MANIFEST.in", "requirements.txt", "mkdocs.yml", "CHANGELOG.md", "data",
          "docs", "overrides", "releases", "tests", "hooks")
SKIPPED = shutil.ignore_patterns("__pycache__", ".pytest_cache", "*.egg-info", "build")


def pip(*args: str) -> None:
    result = subprocess.run([sys.executable, "-m", "pip", *args, "--quiet", "--disable-pip-version-check"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def commonroom(folder: Path, code: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m commonroom ...` run in `folder`, with the package found first in `code`."""
    env = {**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "commonroom", *args], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=600)


def files_of(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under `folder`, with its size and modification time: two differ when anything was written."""
    return {path.relative_to(folder).as_posix(): (path.stat().st_size, path.stat().st_mtime_ns)
            for path in folder.rglob("*") if path.is_file()}


def pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


@pytest.fixture(scope="module")
def kit_wheel(tmp_path_factory) -> Path:
    """The wheel `pip wheel . --no-deps` builds from this repository."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    for name in SOURCE:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=SKIPPED)
        elif (ROOT / name).is_file():
            source.mkdir(exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    pip("wheel", str(source), "--no-deps", "--wheel-dir", str(base / "dist"))
    return next((base / "dist").glob("*.whl"))


@pytest.fixture(scope="module")
def installed_kit(kit_wheel, tmp_path_factory) -> Path:
    """The wheel installed as pip installs it, into a folder of its own (pip install --target)."""
    target = tmp_path_factory.mktemp("installed")
    pip("install", "--no-deps", "--target", str(target), str(kit_wheel))
    return target


@pytest.fixture(scope="module")
def hub_built_both_ways(installed_kit, tmp_path_factory) -> dict[str, Path]:
    """examples/our-hub built twice at once: from the installed package, run in a folder with no kit in it, and
    from this checkout. Also the installed package's files before and after."""
    base = tmp_path_factory.mktemp("hubs")
    for name in ("package", "checkout"):
        shutil.copytree(ROOT / "examples" / "our-hub", base / name / "our-hub")
    before = files_of(installed_kit)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    builds = [subprocess.Popen([sys.executable, "-m", "commonroom", "build", "--site", "our-hub"], cwd=base / name,
                               env={**env, "PYTHONPATH": str(code)}, text=True, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
              for name, code in (("package", installed_kit), ("checkout", ROOT / "hooks"))]
    for process in builds:
        output, _ = process.communicate(timeout=600)
        assert process.returncode == 0, output[-4000:]
    assert not (base / "package" / "mkdocs.yml").exists()
    return {"package": base / "package" / "our-hub", "checkout": base / "checkout" / "our-hub",
            "before": before, "after": files_of(installed_kit)}


def test_the_wheel_is_named_for_the_release_and_carries_the_code_and_every_kit_file(kit_wheel):
    assert kit_wheel.name == f"commonroom-{__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(kit_wheel).namelist())
    code = {f"commonroom/{path.name}" for path in (ROOT / "hooks" / "commonroom").glob("*.py")}
    assert code <= names, f"code missing from the wheel: {sorted(code - names)}"
    assert "commonroom/templates/maintainers-report.html" in names
    kit = {f"commonroom/kit/{rel}" for rel in shipped_files(ROOT)}
    kit |= {f"commonroom/kit/{path.relative_to(ROOT).as_posix()}" for path in (ROOT / "releases").glob("*.json")}
    kit |= {f"commonroom/kit/hooks/{name}" for name in ("macros.py", "preview.py")}
    kit |= {"commonroom/kit/tests/conftest.py"}
    assert kit <= names, f"kit files missing from the wheel: {sorted(kit - names)[:10]}"
    assert not [n for n in names if "__pycache__" in n or "/.commonroom/" in n or n.startswith("commonroom/kit/site/")]


def test_the_wheel_depends_on_the_exact_pins_of_requirements_txt(kit_wheel):
    with zipfile.ZipFile(kit_wheel) as archive:
        metadata = archive.read(f"commonroom-{__version__}.dist-info/METADATA").decode("utf-8")
    required = {line.split(":", 1)[1].strip() for line in metadata.splitlines() if line.startswith("Requires-Dist:")}
    pinned = {line.strip() for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith(("#", "-"))}
    assert required == pinned and "mkdocs==1.6.1" in required


def test_an_installed_package_finds_its_own_kit_and_a_checkout_is_its_own_kit(installed_kit):
    assert kit_root(installed_kit / "commonroom") == installed_kit / "commonroom" / "kit"
    assert kit_root() == ROOT, "an editable install or the checkout's hooks/ run the checkout as the kit"


def test_a_site_builds_from_the_installed_package_with_the_same_pages_as_from_the_checkout(hub_built_both_ways):
    package, checkout = hub_built_both_ways["package"], hub_built_both_ways["checkout"]
    assert pages(package / "site") == pages(checkout / "site")
    assert len(pages(package / "site")) > 50
    assert "Staff Support Line" in (package / "site" / "help-now" / "index.html").read_text(encoding="utf-8")


def test_a_build_from_the_installed_package_writes_nothing_inside_it(hub_built_both_ways, installed_kit):
    before, after = hub_built_both_ways["before"], hub_built_both_ways["after"]
    assert after == before, f"written inside the package: {sorted(set(after) ^ set(before))[:10]}"
    assert (hub_built_both_ways["package"] / ".commonroom").is_dir(), "the scratch folders are in the site's folder"


def test_new_site_and_check_work_from_the_installed_package(installed_kit, tmp_path):
    """new-site's starter folder passes check (a strict build, every link and every promise, without a browser),
    run as a hospital without git runs it; its scratch folders are in its own folder, never in the kit."""
    before = files_of(installed_kit)
    made = commonroom(tmp_path, installed_kit, "new-site", "hub")
    assert made.returncode == 0, made.stderr
    schema = (tmp_path / "hub" / "data" / "site.yml").read_text(encoding="utf-8").splitlines()[0].split("$schema=")[1]
    assert (tmp_path / "hub" / "data" / schema).resolve().is_file(), "the schema line names the installed kit's file"
    checked = commonroom(tmp_path, installed_kit, "check", "--site", "hub")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "The check passed" in checked.stdout
    assert files_of(installed_kit) == before
    assert (tmp_path / "hub" / ".commonroom" / "check").is_dir(), "check's scratch folder is in the site's folder"


def test_a_folder_with_no_site_says_how_to_start_one(tmp_path):
    result = commonroom(tmp_path, ROOT / "hooks", "build")
    assert result.returncode == 2
    assert "python -m commonroom new-site our-hub" in result.stderr
    assert "build --site our-hub" in result.stderr
    assert not any(tmp_path.iterdir()), "nothing written"


def test_the_kit_is_the_folder_with_mkdocs_yml_else_the_installed_one(tmp_path):
    assert find_kit(ROOT, project_given=False, site_given=False) == (ROOT, None)
    assert find_kit(tmp_path, project_given=False, site_given=True) == (kit_root(), None)
    root, problem = find_kit(tmp_path, project_given=True, site_given=True)
    assert problem and "has no mkdocs.yml" in problem, "a --project given that is no kit is never replaced"


def test_the_site_tests_run_from_the_installed_package_and_write_nothing_inside_it(installed_kit, hub_built_both_ways):
    before = files_of(installed_kit)
    tested = commonroom(hub_built_both_ways["package"].parent, installed_kit, "test", "--site", "our-hub", "--",
                        "-m", "any_site and not browser and not slow", "-k", "tel_link or help_now")
    assert tested.returncode == 0, tested.stdout[-3000:] + tested.stderr[-3000:]
    assert "3 passed" in tested.stdout
    assert files_of(installed_kit) == before, "no cache, bytecode or build inside the installed kit"
