"""Load Material's script with `defer`, so it never holds up the first paint.

Material puts its bundle at the end of <body> without `defer`; Lighthouse counts it as render-blocking on a
slow phone (about 0.6 s of first paint). Deferred, it still runs before the page's other deferred scripts
and before DOMContentLoaded, as Material expects.
"""

import re

BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def defer_bundle(html: str) -> str:
    return BUNDLE.sub(r'<script src="\1" defer></script>', html)
