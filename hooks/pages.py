"""MkDocs hook: add one page per service, group format, pathway step, region (help now) and role, the directory's
pages of results per need and region, and the help-now wallet card, out of the navigation, rendered from templates;
and the compact directory file the filters load."""

import json
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

from commonroom.directory import DATA_FILE, Directory, compact_directory
from commonroom.pages import generated_pages
from commonroom.render import renderer_for_page
from commonroom.wallet_card import CARD_PAGE

CARD_STUB = """---
title: Wallet card of urgent numbers
description: A card the size of a bank card with the urgent and crisis numbers, to print and keep with your ID badge.
render_macros: false
commonroom: {kind: wallet-card}
---
"""


def on_files(files, config):
    data = config.extra["commonroom"]
    directory = config.extra["commonroom_directory"] = Directory(data)
    for src_uri, stub in {**generated_pages(data), **directory.pages()}.items():
        files.append(File.generated(config, src_uri, content=stub, inclusion=InclusionLevel.NOT_IN_NAV))
    files.append(File.generated(config, CARD_PAGE, content=CARD_STUB, inclusion=InclusionLevel.NOT_IN_NAV))
    service_url = "{id}/" if config.use_directory_urls else "{id}.html"  # relative to /services/
    compact = json.dumps(compact_directory(data, service_url), ensure_ascii=False, separators=(",", ":"))
    # A script, not JSON: it loads from a zip opened from disk too, where fetch() is refused.
    files.append(File.generated(config, DATA_FILE, content=f"window.commonroomDirectory={compact};\n"))
    return files


# A generated page's HTML is complete when the template has rendered it: it skips Python-Markdown, whose HTML parser
# would only pass it through (at 20,000 services that parse was a third of the build). The Markdown is this marker,
# replaced by the HTML once MkDocs has converted the page.
GENERATED = "<!-- commonroom:generated -->"


def on_page_markdown(markdown, page, config, files):
    generated = page.meta.get("commonroom")
    if not generated:
        return markdown
    templates = Path(config.config_file_path).parent / "overrides" / "commonroom"
    renderer = renderer_for_page(config.extra["commonroom"], templates, page.file, files)
    if generated["kind"] == "services":
        html = renderer.service_page(generated["id"])
    elif generated["kind"] == "help-now":
        html = renderer.region_help_now(generated["id"])
    elif generated["kind"] == "roles":
        html = renderer.role_page(generated["role"], generated["region"])
    elif generated["kind"] == "pathways":
        html = renderer.pathway_step(generated["id"], generated["step"])
    elif generated["kind"] == "wallet-card":
        html = renderer.wallet_card()
    elif generated["kind"] == "listing":
        html = renderer.listing_page(config.extra["commonroom_directory"], generated["listing"], generated["key"],
                                     generated["number"])
    else:
        html = renderer.group_page(generated["id"])
    config.extra.setdefault("commonroom_generated", {})[page.file.src_uri] = html
    return GENERATED


def on_page_content(html, page, config, files):
    generated = config.extra.get("commonroom_generated", {}).pop(page.file.src_uri, None)
    return html.replace(GENERATED, generated, 1) if generated is not None else html
