"""MkDocs hook: warn about services, emergency numbers and local groups whose facts are overdue for a check, and
tell the organisation what it has not yet checked itself.

A strict build stops before writing anything, so a number nobody has re-checked is never published by CI.
What the organisation has not checked itself (and a missing report-a-problem address) is logged at INFO level, as a
notice: the kit's own defaults were checked by its maintainers, so a warning there would fail every strict build
of the kit and CI. `make report` lists the same details in report/index.html.
"""

import datetime as dt
import logging

from mkdocs.exceptions import Abort

from commonroom.checking import go_live_notices
from commonroom.review import overdue_reviews

log = logging.getLogger("mkdocs.hooks.review")


def on_config(config):
    data = config.extra["commonroom"]
    overdue = overdue_reviews(data, dt.date.today())
    for warning in overdue:
        log.warning(warning)
    if overdue and config.strict:
        raise Abort(f"The site was not built: {len(overdue)} record(s) overdue for a check (see the warnings above).")
    for notice in go_live_notices(data.site, data.services, lambda service_id: data.source_of("services", service_id),
                                  data.checked_here):
        log.info("Before you go live: %s", notice)
    for notice in data.notices:  # a kit update changed a record the organisation checked or corrected
        log.info("After the kit's update: %s", notice)
