"""MkDocs hook: load and check everything in data/ before anything is built.

Any problem stops the build with the full list, so nothing half-built is written.
"""

from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from commonroom.loading import DataError, load_dataset


@event_priority(100)  # before the other hooks and plugins read the data
def on_config(config):
    data_dir = Path(config.config_file_path).parent / "data"
    try:
        config.extra["commonroom"] = load_dataset(data_dir)
    except DataError as error:
        raise Abort(str(error)) from None
    return config
