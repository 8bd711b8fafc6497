"""MkDocs hook: load and check everything in data/ before anything is built, then apply the site settings
(name, logo, web address, colours) from data/site.yml.

Any problem stops the build with the full list, so nothing half-built is written.
"""

from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from commonroom.branding import brand_css, site_settings
from commonroom.loading import DataError, load_dataset

STYLESHEET = "stylesheets/commonroom.css"  # the site's one stylesheet: brand colours join it, so no extra request


@event_priority(100)  # before the other hooks and plugins read the data
def on_config(config):
    data_dir = Path(config.config_file_path).parent / "data"
    try:
        config.extra["commonroom"] = load_dataset(data_dir, docs=Path(config.docs_dir))
    except DataError as error:
        raise Abort(str(error)) from None
    settings = site_settings(config.extra["commonroom"].site)
    config["site_name"] = settings["site_name"]
    if "site_url" in settings:
        config["site_url"] = settings["site_url"]
    if "logo" in settings:
        config.theme["logo"] = config.theme["favicon"] = settings["logo"]
    return config


@event_priority(50)  # before any hook that fingerprints or bundles the stylesheets
def on_files(files, config):
    css = brand_css(config.extra["commonroom"].site.get("colours", {}))
    if not css:
        return files
    sheet = files.get_file_from_path(STYLESHEET)
    if sheet is not None:
        sheet.content_string = sheet.content_string + css
    else:
        files.append(File.generated(config, "stylesheets/brand.css", content=css))
        config.extra_css.append("stylesheets/brand.css")
    return files
