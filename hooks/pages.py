"""MkDocs hook: add one page per service, group format, pathway step and region (help now), out of the navigation,
rendered from templates."""

from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

from commonroom.pages import generated_pages
from commonroom.render import renderer_for_page


def on_files(files, config):
    for src_uri, stub in generated_pages(config.extra["commonroom"]).items():
        files.append(File.generated(config, src_uri, content=stub, inclusion=InclusionLevel.NOT_IN_NAV))
    return files


def on_page_markdown(markdown, page, config, files):
    generated = page.meta.get("commonroom")
    if not generated:
        return markdown
    templates = Path(config.config_file_path).parent / "overrides" / "commonroom"
    renderer = renderer_for_page(config.extra["commonroom"], templates, page.file, files)
    if generated["kind"] == "services":
        return renderer.service_page(generated["id"])
    if generated["kind"] == "help-now":
        return renderer.region_help_now(generated["id"])
    if generated["kind"] == "roles":
        return renderer.role_page(generated["role"], generated["region"])
    if generated["kind"] == "pathways":
        return renderer.pathway_step(generated["id"], generated["step"])
    return renderer.group_page(generated["id"])
