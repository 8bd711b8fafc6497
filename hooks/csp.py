"""MkDocs hook: work out the Content-Security-Policy this build runs under, and publish it where hospital IT looks.

Writes the header value to deploy/csp.txt in the built site and puts it into any page that contains the
placeholder below (the deployment guide's server snippets), so the guide always matches the site it ships with.
"""

from html import escape
from pathlib import Path

from mkdocs.plugins import event_priority

from commonroom.csp import site_policy

POLICY_FILE = "deploy/csp.txt"
PLACEHOLDER = "CSP-OF-THIS-BUILD"


@event_priority(-100)  # last, so every page and every file other hooks write is already in the site folder
def on_post_build(config):
    site = Path(config.site_dir)
    showing_it = []

    def pages():
        for path in site.rglob("*.html"):
            html = path.read_text(encoding="utf-8")
            if PLACEHOLDER in html:
                showing_it.append(path)
            yield html

    policy = site_policy(pages())
    target = site / POLICY_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(policy + "\n", encoding="utf-8")
    for path in showing_it:  # the placeholder is text, never inside an inline script, so the hashes still hold
        html = path.read_text(encoding="utf-8")
        path.write_text(html.replace(PLACEHOLDER, escape(policy)), encoding="utf-8")
