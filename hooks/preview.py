"""MkDocs hook for the live preview only (`python -m commonroom serve`): finish each rebuild, as a build does."""

from pathlib import Path

from commonroom.finish import finish_preview
from commonroom.prepared import Prepared


def on_post_build(config):
    finish_preview(Path(config.site_dir), Prepared(config.extra["commonroom"]["prepared"]), config.site_url)
