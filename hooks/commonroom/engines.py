"""Everything that differs between the generators that can build the prepared tree, in one place.

MkDocs (with Material and mkdocs-macros-plugin) is the default. Zensical reads the same mkdocs.yml format and
overrides/; it runs no MkDocs hooks, so nothing the site needs may live in one. Each engine gets the project's
mkdocs.yml with the prepared tree, the settings from data/site.yml and the build's own options filled in.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from pathlib import Path
from typing import Any

from .site_urls import relative_url

ENGINES = ("mkdocs", "zensical")
LINK_MARK = "commonroom-link:"  # a link in a macro's output under Zensical, until finish (macro_link)
_MARKED = re.compile(re.escape(LINK_MARK) + r"([^\s\"'<>]*)")
ZENSICAL_SITE = "site"  # Zensical's output, inside the prepared folder
PREVIEW_HOOK = "preview.py"  # hooks/preview.py: finish, after each rebuild of `mkdocs serve`


def generated_config(base: dict[str, Any], engine: str, *, docs_dir: Path, overrides: Path, hooks_dir: Path,
                     prepared: Path, settings: dict[str, Any], extra_css: list[str], not_in_nav: list[str],
                     offline: bool, serve: bool, site: dict[str, Any]) -> dict[str, Any]:
    """The configuration the engine runs: the project's mkdocs.yml, pointed at the prepared tree."""
    config = {key: value for key, value in base.items() if key not in ("hooks", "site_dir")}
    # Relative to the configuration's folder, as both read it: Zensical 0.0.73 stops (a Rust panic) on an absolute one.
    config["docs_dir"] = os.path.relpath(docs_dir, prepared)
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
            options["module_name"] = macros_module(engine, hooks_dir, prepared)
        if name == "offline":
            # Its one job here is page.html links (set above); the script it adds from unpkg.com is not wanted.
            options["enabled"] = False
        plugins.append({name: options})
    config["plugins"] = plugins
    if engine == "zensical":
        # Zensical writes only inside the configuration's folder; generate moves the site from there.
        config["site_dir"] = ZENSICAL_SITE
    if engine == "mkdocs":
        # Pages made from data are in no navigation on purpose: MkDocs would warn about each.
        config["not_in_nav"] = "\n".join(not_in_nav)
        if serve:
            config["hooks"] = [str(hooks_dir / PREVIEW_HOOK)]
    return config


def macros_module(engine: str, hooks_dir: Path, prepared: Path) -> str:
    """Where the engine finds hooks/macros.py. mkdocs-macros-plugin takes a path. Zensical's macros extension loads
    a file only by a path relative to the configuration's folder (the prepared folder), so the same file is named
    from there; loaded by such a path, the module runs again for each page, so what it reads is cached in
    commonroom.macro_data, which stays loaded."""
    if engine == "mkdocs":
        return str(hooks_dir / "macros")
    return os.path.relpath(Path(hooks_dir).resolve() / "macros", Path(prepared).resolve()).replace(os.sep, "/")


def built_site(engine: str, prepared: Path, site_dir: Path) -> Path:
    """Where the engine writes the site: MkDocs where it is told, Zensical in the prepared folder (see above)."""
    return Path(prepared) / ZENSICAL_SITE if engine == "zensical" else Path(site_dir)


def macro_link(engine: str, target_url: str, page_url: str) -> str:
    """How a macro writes a link from a written page (at `page_url`) to the file at `target_url` into its raw HTML.

    MkDocs leaves raw HTML as written: the link is relative to the page's address, as everywhere. Zensical 0.0.73
    rewrites relative links in some raw HTML (a href, link href, script src) as if they were relative to the
    source .md file, and not in others (a form's action, data-* attributes, <noscript>): no one way of writing
    them is right in both. So under Zensical the macro writes a marker that no engine touches, and finish puts in
    the link relative to the page's address (resolve_marked_links), the same text MkDocs would have kept."""
    if engine == "zensical":
        return LINK_MARK + (target_url if target_url != "./" else "")
    return relative_url(target_url, page_url)


def resolve_marked_links(html: str, page_url: str) -> str:
    """A written page's marked links (macro_link), relative to its address. Run by finish on every written page."""
    if LINK_MARK not in html:
        return html

    def resolve(match: re.Match) -> str:
        target, _, rest = match.group(1).partition("#")
        return relative_url(target or "./", page_url) + (f"#{rest}" if rest else "")

    return _MARKED.sub(resolve, html)


def check_installed(engine: str) -> None:
    """Stop with the command that installs the engine, rather than Python's "No module named ..."."""
    if importlib.util.find_spec(engine) is None:
        raise ValueError(f"The site was not built: {engine} is not installed here (Zensical comes with the test tools: "
                         "pip install -r requirements-test.txt, or make test).")


def build_command(engine: str, config_file: Path, site_dir: Path, strict: bool, quiet: bool = False) -> list[str]:
    if engine == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config_file), "--site-dir",
                str(site_dir), *(["--strict"] if strict else []), *(["--quiet"] if quiet else [])]
    # Zensical has no --site-dir (see built_site) and no --quiet. --clean: its cache of earlier builds keys a page
    # on its own text, but a macro's output changes with the data, so every build starts clean.
    return [sys.executable, "-m", "zensical", "build", "--config-file", str(config_file), "--clean",
            *(["--strict"] if strict else [])]


def serve_command(engine: str, config_file: Path, dev_addr: str) -> list[str]:
    if engine == "mkdocs":
        # --dirty: rebuild only the pages whose file prepare changed (or marked), so a saved edit shows in seconds.
        return [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(config_file), "--dev-addr", dev_addr,
                "--dirty"]
    return [sys.executable, "-m", "zensical", "serve", "--config-file", str(config_file), "--dev-addr", dev_addr]
