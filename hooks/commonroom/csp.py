"""The Content-Security-Policy the built site works under, made from the inline scripts and styles it actually has.

Material's page template puts a few small scripts inline (one names the site's base path, so it differs with a
page's depth) and so does overrides/main.html. A policy that allows only 'self' must name each of them by its
hash, and the hashes change whenever Material or a template changes: reading them from the built HTML means the
policy in the deployment guide is never stale.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Iterable

INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
INLINE_STYLE = re.compile(r"<style\b[^>]*>(?P<body>.*?)</style\s*>", re.S | re.I)
HAS_SRC = re.compile(r"\ssrc\s*=", re.I)
SCRIPT_TYPE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Script types a browser runs. Others (Material's "application/json" settings block) are data that CSP ignores.
RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def source_hash(text: str) -> str:
    """A CSP hash source for an inline block: sha256 of its exact text, as browsers compute it."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_hashes(html: str) -> tuple[set[str], set[str]]:
    """Hash sources of the inline scripts a browser would run, and of the inline <style> blocks, in one page."""
    scripts = set()
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        kind = SCRIPT_TYPE.search(attrs)
        if HAS_SRC.search(attrs) or (kind and kind.group(1).lower() not in RUNNABLE_TYPES):
            continue
        scripts.add(source_hash(match["body"]))
    styles = {source_hash(match["body"]) for match in INLINE_STYLE.finditer(html)}
    return scripts, styles


def content_security_policy(script_hashes: Iterable[str], style_hashes: Iterable[str]) -> str:
    """One header value: everything from the site itself, inline code only where its hash is listed, no plugins,
    no framing by other sites. `data:` images are Material's icons, drawn from its stylesheet."""
    script_src = " ".join(["'self'", *sorted(set(script_hashes))])
    style_src = " ".join(["'self'", *sorted(set(style_hashes))])
    directives = [
        "default-src 'self'",
        f"script-src {script_src}",
        f"style-src {style_src}",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
    return "; ".join(directives)


def site_policy(pages_html: Iterable[str]) -> str:
    """The policy for a whole built site: the union of every page's inline hashes."""
    scripts: set[str] = set()
    styles: set[str] = set()
    for html in pages_html:
        page_scripts, page_styles = inline_hashes(html)
        scripts |= page_scripts
        styles |= page_styles
    return content_security_policy(scripts, styles)
