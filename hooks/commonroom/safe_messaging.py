"""Safe messaging: wherever a page mentions suicide, the way to urgent help is on the same page.

Written pages ask for the routes with {{ urgent_routes() }}; a page made from data (a service, a pathway step, an
area of the leaders' check) gets them when its own words mention suicide. Only the words a reader sees count: a
web address that contains the word (a source's link) is not a mention.
"""

from __future__ import annotations

import re

SUICIDE = re.compile(r"suicid", re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")


def mentions_suicide(html: str) -> bool:
    """True if the text of `html`, without its tags and their attributes, mentions suicide."""
    return bool(SUICIDE.search(TAG.sub(" ", html)))
