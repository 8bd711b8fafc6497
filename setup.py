"""The kit as a wheel: `pip wheel . --no-deps` writes commonroom-<version>-py3-none-any.whl, for hospitals without git.

pyproject.toml says what the package is; this file adds the two things its table cannot say simply:

- the kit's own files (mkdocs.yml, data/, docs/, overrides/, ...) go into the wheel as commonroom/kit/, where
  commonroom.kit.kit_root() finds them, so an installed package builds a site with no checkout anywhere;
- the wheel depends on the exact pins of requirements.txt (its one list), so `pip install <the wheel>` brings the
  same MkDocs and Material that a checkout's `make build` uses.

An editable install (`pip install -e .`, the last line of requirements.txt) copies nothing: there the checkout is
the kit, and kit_root() finds it above hooks/commonroom/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# Everything a build, `new-site` or `test --site` reads from the kit (requirements-test.txt: the pins `test` names
# when the test tools are missing). hooks/*.py are the generator's entry files (the macros, the preview hook); the
# code they import is the package itself.
KIT_FILES = ("mkdocs.yml", "CHANGELOG.md", "data", "docs", "overrides", "releases", "tests", "requirements-test.txt",
             "hooks/macros.py", "hooks/preview.py", "hooks/guard.py")
SKIPPED = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")


def pins(requirements: Path = HERE / "requirements.txt") -> list[str]:
    """The pinned requirements of requirements.txt, without comments or pip options (its `-e .` line is this)."""
    lines = (line.split("#", 1)[0].strip() for line in requirements.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("-")]


class BuildWithKit(build_py):
    """build_py, then the kit's files copied into commonroom/kit/ beside the code."""

    def run(self) -> None:
        package = Path(self.build_lib) / "commonroom"
        if not getattr(self, "editable_mode", False):
            # A build folder left by an earlier build may hold a file since deleted: start from nothing.
            shutil.rmtree(package, ignore_errors=True)
        super().run()
        if getattr(self, "editable_mode", False):
            return
        kit = package / "kit"
        for name in KIT_FILES:
            source = HERE / name
            if source.is_dir():
                shutil.copytree(source, kit / name, ignore=SKIPPED)
            elif source.is_file():
                (kit / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, kit / name)


setup(cmdclass={"build_py": BuildWithKit}, install_requires=pins())
