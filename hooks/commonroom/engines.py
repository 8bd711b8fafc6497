"""Everything that differs between the generators that can build the prepared tree, in one place.

MkDocs (with Material and mkdocs-macros-plugin) is the default. Zensical reads the same mkdocs.yml format and
overrides/; it runs no MkDocs hooks, so nothing the site needs may live in one. Each engine gets the project's
mkdocs.yml with the prepared tree, the settings from data/site.yml and the build's own options filled in.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ENGINES = ("mkdocs", "zensical")
PREVIEW_HOOK = "preview.py"  # hooks/preview.py: finish, after each rebuild of `mkdocs serve`


def generated_config(base: dict[str, Any], engine: str, *, docs_dir: Path, overrides: Path, hooks_dir: Path,
                     prepared: Path, settings: dict[str, Any], extra_css: list[str], not_in_nav: list[str],
                     offline: bool, serve: bool, site: dict[str, Any]) -> dict[str, Any]:
    """The configuration the engine runs: the project's mkdocs.yml, pointed at the prepared tree."""
    config = {key: value for key, value in base.items() if key not in ("hooks", "site_dir")}
    config["docs_dir"] = str(docs_dir)
    config.update(settings)
    theme = config["theme"] = dict(config.get("theme", {}))
    theme["custom_dir"] = str(overrides)
    if "logo" in settings:
        theme["logo"] = theme["favicon"] = config.pop("logo")
    config["extra_css"] = list(config.get("extra_css", [])) + extra_css
    # Main.html reads the site's settings (quick exit, hub contact); macros find what prepare wrote.
    config["extra"] = {**config.get("extra", {}), "commonroom": {"site": site, "prepared": str(prepared)}}
    if offline:
        config["use_directory_urls"] = False  # page.html links, for a copy opened from disk
    plugins = []
    for plugin in config.get("plugins", []):
        name, options = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()))
        options = dict(options or {})
        if name == "macros":
            options["module_name"] = str(hooks_dir / "macros")
        if name == "offline":
            # Its one job here is page.html links (set above); the script it adds from unpkg.com is not wanted.
            options["enabled"] = False
        plugins.append({name: options})
    config["plugins"] = plugins
    if engine == "mkdocs":
        # Pages made from data are in no navigation on purpose: MkDocs would warn about each.
        config["not_in_nav"] = "\n".join(not_in_nav)
        if serve:
            config["hooks"] = [str(hooks_dir / PREVIEW_HOOK)]
    return config


def build_command(engine: str, config_file: Path, site_dir: Path, strict: bool) -> list[str]:
    if engine == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file), "--site-dir",
                str(site_dir), *(["--strict"] if strict else [])]
    return [sys.executable, "-m", "zensical", "build", "--config-file", str(config_file), *(["--strict"] if strict else [])]


def serve_command(engine: str, config_file: Path, dev_addr: str) -> list[str]:
    if engine == "mkdocs":
        # --dirty: rebuild only the pages whose file prepare changed (or marked), so a saved edit shows in seconds.
        return [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config_file), "--dev-addr", dev_addr,
                "--dirty"]
    return [sys.executable, "-m", "zensical", "serve", "--config-file", str(config_file), "--dev-addr", dev_addr]
