"""Keep the copy for opening from disk (`--offline`) free of outside requests.

Material's offline plugin adds a script from unpkg.com (iframe-worker) so that Material's own search can run its
worker from file://. This site does not use Material's search (its index is a script file that loads from disk as
it is), and a hospital PC opening the zip may have no internet and must not be tracked. The generated
configuration leaves that plugin off; this drops the script from any page that has it all the same.
"""

import re

OUTSIDE_SCRIPT = re.compile(r'<script src="https://unpkg\.com/iframe-worker[^"]*"></script>\n?')


def drop_outside_scripts(html: str) -> str:
    return OUTSIDE_SCRIPT.sub("", html) if "iframe-worker" in html else html
