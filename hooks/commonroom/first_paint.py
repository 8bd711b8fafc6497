"""Paint a page from its first round trip: the styles the first screen needs go inline, the full stylesheets load
without holding up the first paint.

A server's first round trip carries about 14,600 bytes. With Material's stylesheet (22.7 KB gzip) in <head>, a phone
on one bar of signal cannot show the help-now numbers until several round trips have come back. Here the rules the
first screen uses are taken from the site's own stylesheets (so they always match the Material version installed
and the hub's colours) and put in a <style> in <head>; the <link rel="stylesheet"> tags move to the end of <body>,
where the browser paints everything above them first and then applies the full styles. No script is needed, so it
works with JavaScript off and under a Content-Security-Policy that lists the inline style's hash (csp.py, run by
finish, reads it from the built pages).

With every stylesheet failing, Material's icons (inline SVG) would fill a phone's screen: each gets a size in its
own attributes.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from typing import Callable, Iterator

# Material's classes that lay out the first screen: the banner, header, page grid, sidebars (closed, on a phone) and
# the text. Rules naming any other Material class (search, tabs, admonitions, the footer...) wait for the full
# stylesheet. Every class of this site's own stylesheet starts with "cr-" and is kept.
FIRST_SCREEN_CLASSES = frozenset("""
    md-banner md-banner__inner md-grid md-typeset md-header md-header__inner md-header__button md-header__title
    md-header__ellipsis md-header__topic md-header__option md-header--shadow md-logo md-icon md-ellipsis md-option
    md-toggle md-overlay md-skip md-container md-main md-main__inner md-sidebar md-sidebar--primary
    md-sidebar--secondary md-sidebar__scrollwrap md-sidebar__inner md-content md-content__inner
    md-nav md-nav--primary md-nav--secondary md-nav__title md-nav__button md-nav__list md-nav__item md-nav__link
    md-nav__link--active md-nav__item--active md-nav__item--nested md-nav__toggle md-nav__icon md-nav__container
    md-top no-js js
""".split())
ALLOWED_PREFIXES = ("cr-",)
# Elements a rule may name: text, lists and forms. Tables, code listings, details and the like are further down a
# page and wait for the full stylesheet.
FIRST_SCREEN_ELEMENTS = frozenset("""
    html body div span section nav header main article aside form label input select button a p h1 h2 h3 h4 h5 h6
    ul ol li dl dt dd strong b em small hr img svg code
""".split())
# Right-to-left variants, hover effects, scroll bars and the back-to-top button are not needed for a first look.
LATER = ("[dir=rtl]", ":hover", "scrollbar", "md-top")
ELEMENT = re.compile(r"(?:^|[\s>+~(,])([a-z][a-z0-9]*)")

CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
VARIABLE_USE = re.compile(r"var\(\s*(--[\w-]+)")
STYLESHEET_LINK = re.compile(r"""[ \t]*<link\b(?=[^>]*\brel=["']?stylesheet\b)[^>]*>\n?""", re.I)
SVG_WITHOUT_SIZE = re.compile(r"<svg\b(?![^>]*\swidth=)([^>]*\sviewBox=\"0 0 (\d+) (\d+)\"[^>]*)>")


def _split_top(text: str, separator: str) -> list[str]:
    """Split on `separator` outside brackets and quotes (a data: URL in a value has ; and , of its own)."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(text):
        if quote:
            if char == quote and text[index - 1] != "\\":
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def css_blocks(css: str) -> Iterator[tuple[str, str]]:
    """(prelude, body) of each top-level block: a rule (`a{color:red}`) or an at-rule with a block
    (`@media print{...}`). Comments are dropped; statements such as @charset or @import are skipped."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    index, length = 0, len(css)
    while index < length:
        opening = css.find("{", index)
        if opening == -1:
            return
        prelude = css[index:opening]
        if ";" in prelude and prelude.lstrip().startswith("@"):  # `@charset "x";` before the block
            prelude = prelude[prelude.rfind(";") + 1:]
        depth, quote, cursor = 1, "", opening + 1
        while cursor < length and depth:
            char = css[cursor]
            if quote:
                if char == quote and css[cursor - 1] != "\\":
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
            cursor += 1
        yield prelude.strip(), css[opening + 1:cursor - 1]
        index = cursor


def first_screen_selector(selector: str) -> bool:
    """True if every class and element the selector names is one the first screen uses."""
    if any(marker in selector for marker in LATER):
        return False
    without_attributes = re.sub(r"\[[^\]]*\]", "", selector)
    return (all(name in FIRST_SCREEN_CLASSES or name.startswith(ALLOWED_PREFIXES) for name in CLASS.findall(selector))
            and all(name in FIRST_SCREEN_ELEMENTS for name in ELEMENT.findall(re.sub(r"::?[\w-]+", "", without_attributes))))


def _pick(css: str, keep: Callable[[str], bool]) -> list[str]:
    rules = []
    for prelude, body in css_blocks(css):
        if prelude.startswith("@"):
            name = prelude.split(None, 1)[0].lower()
            if name in ("@media", "@supports") and "print" not in prelude:
                inner = _pick(body, keep)
                if inner:
                    rules.append(prelude + "{" + "".join(inner) + "}")
            continue  # @font-face, @keyframes, @page and print styles wait for the full stylesheet
        selectors = [s.strip() for s in _split_top(prelude, ",") if keep(s.strip())]
        if selectors:
            rules.append(",".join(selectors) + "{" + body.strip() + "}")
    return rules


def _declarations(rule_body: str) -> list[str]:
    return [d.strip() for d in _split_top(rule_body, ";") if d.strip()]


def _drop_unused_variables(rules: list[str]) -> list[str]:
    """Material defines a few hundred custom properties (many are whole SVG icons); keep those the kept rules use,
    following var() inside variables too."""
    definitions: dict[str, list[str]] = {}
    used: set[str] = set()

    def walk(rule: str, visit: Callable[[str], None]) -> None:
        for prelude, body in css_blocks(rule):
            if prelude.startswith("@"):
                walk(body, visit)
            else:
                for declaration in _declarations(body):
                    visit(declaration)

    def collect(declaration: str) -> None:
        name, _, value = declaration.partition(":")
        if name.strip().startswith("--"):
            definitions.setdefault(name.strip(), []).append(value)
        else:
            used.update(VARIABLE_USE.findall(value))

    for rule in rules:
        walk(rule, collect)
    pending = list(used)
    while pending:
        for value in definitions.get(pending.pop(), []):
            for name in VARIABLE_USE.findall(value):
                if name not in used:
                    used.add(name)
                    pending.append(name)

    def rebuild(css: str) -> str:
        out = []
        for prelude, body in css_blocks(css):
            if prelude.startswith("@"):
                inner = rebuild(body)
                if inner:
                    out.append(prelude + "{" + inner + "}")
                continue
            kept = [d for d in _declarations(body) if not d.startswith("--") or d.partition(":")[0].strip() in used]
            if kept:
                out.append(prelude + "{" + ";".join(kept) + "}")
        return "".join(out)

    return [text for text in (rebuild(rule) for rule in rules) if text]


def critical_css(stylesheets: list[str], keep: Callable[[str], bool] = first_screen_selector) -> str:
    """The rules of `stylesheets` (in page order) that the first screen needs, with the variables they use.
    A subset of the full styles in the same order, so nothing changes when the full stylesheets arrive."""
    rules = [rule for css in stylesheets for rule in _pick(css, keep)]
    return "".join(_drop_unused_variables(rules)).replace("</", "<\\/")


def size_icons(html: str) -> str:
    """Give each inline SVG icon without a width the size its viewBox implies (Material's are 24 x 24), so it stays
    icon-sized if no stylesheet arrives; the stylesheets' own sizes win once they do."""
    return SVG_WITHOUT_SIZE.sub(lambda m: f'<svg width="{m[2]}" height="{m[3]}"{m[1]}>', html)


def paint_first(html: str, critical: str) -> str:
    """Inline `critical` where the first stylesheet was in <head>, and move the stylesheets to the end of <body>."""
    head_end = html.find("</head>")
    body_end = html.rfind("</body>")
    if head_end == -1 or body_end == -1:
        return html
    head = html[:head_end]
    links = STYLESHEET_LINK.findall(head)
    if not links:
        return size_icons(html)
    first = STYLESHEET_LINK.search(head).start()
    head = STYLESHEET_LINK.sub("", head)
    head = head[:first] + f"<style>{critical}</style>\n" + head[first:]
    rest = html[head_end:body_end]
    moved = "".join(link.strip() + "\n" for link in links)
    return size_icons(head + rest + moved + html[body_end:])


HREF = re.compile(r"""\bhref=["']?([^"'\s>]+)""")


def page_stylesheets(html: str, page_dest: str, site: Path, base: str) -> tuple[Path, ...] | None:
    """The files of the stylesheets <head> links to, in order; None if one is not a file of this site.
    `base` is the path of the site's address (/wellbeing/ under a sub-path), for links that start with /."""
    found = []
    for link in STYLESHEET_LINK.findall(html[:html.find("</head>")]):
        href = HREF.search(link)
        if not href or urlsplit(href[1]).scheme or urlsplit(href[1]).netloc:
            return None
        path = urlsplit(href[1]).path
        if path.startswith("/"):
            target = site / (path[len(base):] if path.startswith(base) else path.lstrip("/"))
        else:
            target = site / PurePosixPath(page_dest).parent / path
        if not target.resolve().is_file():
            return None
        found.append(target.resolve())
    return tuple(found)


class FirstPaint:
    """First-paint inlining for the pages of one built site; each set of stylesheets is reduced once."""

    def __init__(self, site: Path, site_url: str | None):
        self.site = Path(site)
        self.base = urlsplit(site_url or "").path or "/"
        self.cache: dict[tuple[Path, ...], str] = {}

    def __call__(self, html: str, page_dest: str) -> str:
        sheets = page_stylesheets(html, page_dest, self.site, self.base)
        if not sheets:
            return html
        if sheets not in self.cache:
            self.cache[sheets] = critical_css([sheet.read_text(encoding="utf-8") for sheet in sheets])
        return paint_first(html, self.cache[sheets])
