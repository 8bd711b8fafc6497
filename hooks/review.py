"""MkDocs hook: say which services, emergency numbers and local groups are overdue for a check, and tell the
organisation what it has not yet checked itself.

Overdue records do not stop the build (unless data/site.yml sets strict_review: true and the build is strict): their pages say a re-check is
due, and the build lists them as an INFO notice, which a strict build survives (commonroom/review.py says why).
What the organisation has not checked itself (and a missing report-a-problem address) is also an INFO notice: the
kit's own defaults were checked by its maintainers, so a warning there would fail every strict build of the kit and
CI. `make report` lists the same details in report/index.html.
"""

import datetime as dt
import logging

from mkdocs.exceptions import Abort

from commonroom.checking import go_live_notices
from commonroom.review import review_outcome

log = logging.getLogger("mkdocs.hooks.review")


def on_config(config):
    data = config.extra["commonroom"]
    notice, stop = review_outcome(data, dt.date.today(), config.strict)
    if stop:
        raise Abort(stop)
    for go_live in go_live_notices(data.site, data.services, lambda service_id: data.source_of("services", service_id)):
        log.info("Before you go live: %s", go_live)
    if notice:  # last, so the long go-live list does not push it out of sight
        log.info(notice)
