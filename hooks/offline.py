"""MkDocs hook: keep the copy for opening from disk (`make offline`, Material's offline plugin) free of outside requests.

The offline plugin adds a script from unpkg.com (iframe-worker) so that Material's own search can run its worker
from file://. This site does not use Material's search (its index is a script file that loads from disk as it is),
and a hospital PC opening the zip may have no internet and must not be tracked, so the script is dropped.
"""

from mkdocs.plugins import event_priority


@event_priority(-100)  # after the offline plugin has added it
def on_config(config):
    polyfills = config.extra.get("polyfills")
    if polyfills:
        config.extra["polyfills"] = [script for script in polyfills if "iframe-worker" not in str(script)]
    return config
