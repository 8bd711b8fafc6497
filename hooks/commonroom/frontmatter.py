"""A written page's title and description, read from its Markdown (front matter, else its first heading)."""

from __future__ import annotations

import html
import re
from typing import Any

import yaml

FRONT = re.compile(r"^---\s*\n(.*?)\n---\s*\n", re.DOTALL)
HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def title_and_description(markdown: str, src_uri: str) -> tuple[str, str]:
    """The front matter's title (else the first heading, else the file name) and its description ("" if none).

    Pages made from data carry their title escaped for Material, which prints it as it is; it is unescaped here.
    """
    fallback = src_uri.removesuffix(".md").removesuffix("/index").rsplit("/", 1)[-1].replace("-", " ").capitalize()
    meta: dict[str, Any] = {}
    front = FRONT.match(markdown)
    if front:
        try:
            meta = yaml.safe_load(front.group(1)) or {}
        except yaml.YAMLError:
            meta = {}
        markdown = markdown[front.end():]
    heading = HEADING.search(markdown)
    title = html.unescape(str(meta.get("title") or (heading.group(1) if heading else fallback)))
    return title, str(meta.get("description") or "")
