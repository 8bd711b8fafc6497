"""MkDocs hook: warn about services and local groups whose facts are overdue for a check.

A strict build stops before writing anything, so a number nobody has re-checked is never published by CI.
"""

import datetime as dt
import logging

from mkdocs.exceptions import Abort

from commonroom.review import overdue_reviews

log = logging.getLogger("mkdocs.hooks.review")


def on_config(config):
    overdue = overdue_reviews(config.extra["commonroom"], dt.date.today())
    for warning in overdue:
        log.warning(warning)
    if overdue and config.strict:
        raise Abort(f"The site was not built: {len(overdue)} record(s) overdue for a check (see the warnings above).")
