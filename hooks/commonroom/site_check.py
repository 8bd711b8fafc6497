"""`python -m commonroom check [--site DIR]`: the checks a hospital can run on its own PC, with no browser or Java.

It builds the site (which runs every data check and stops on bad data with its usual messages), then reads the
built HTML for what the site promises a reader: no link inside the site leads nowhere; every page links to
help-now; every tel: link dials; no page asks another site for anything (a script, a style, a font, an image);
and each region the site offers shows its emergency number and a 24-hour line. It prints a plain list of what is
wrong and exits non-zero, so it can stand in a scheduled task or CI.
"""

from __future__ import annotations

import posixpath
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .build import BuildFailed, build
from .coverage import around_the_clock, emergency_numbers_for, offered_regions
from .loading import DataError
from .model import Dataset
from .prepared import Prepared
from .project import Project
from .review import Overdue

DIALLABLE = re.compile(r"\+?[0-9]{3,15}")
# What a browser fetches by itself when it reads the page: each of these at another site is a third-party request.
FETCHED = {"script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "source": ("src", "srcset"),
           "audio": ("src",), "video": ("src", "poster"), "embed": ("src",), "object": ("data",)}
FETCHED_LINKS = {"stylesheet", "preload", "modulepreload", "icon", "apple-touch-icon", "manifest", "prefetch",
                 "preconnect", "dns-prefetch", "mask-icon"}
OUTSIDE_IN_STYLE = re.compile(r"(url\(\s*['\"]?|@import\s+['\"])(https?:)?//", re.IGNORECASE)


class PageLinks(HTMLParser):
    """The links of one page (a href), what it fetches (with the tag), and its inline styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.fetched: list[tuple[str, str]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        for name in FETCHED.get(tag, ()):
            if values.get(name):
                urls = [part.strip().split(" ")[0] for part in values[name].split(",")] if name == "srcset" else [values[name]]
                self.fetched += [(tag, url) for url in urls if url]
        if tag == "link" and values.get("href") and FETCHED_LINKS & set(values.get("rel", "").lower().split()):
            self.fetched.append(("link", values["href"]))
        if tag == "link" and values.get("href") and "canonical" not in values.get("rel", ""):
            self.links.append(values["href"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def read_page(path: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def is_outside(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or url.startswith("//")


def target_of(site: Path, page: str, url: str, base_path: str) -> Path | None:
    """The file a link inside the site leads to (which may not exist), or None for a link that is not to a file of
    the site (another site, mailto:, tel:, a place on the same page)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(base_path):
            return site / ".." / "outside-the-site"
        rel = path[len(base_path):]
    else:
        rel = posixpath.join(posixpath.dirname(page), path)
    trailing = rel.endswith("/") or rel == ""
    rel = posixpath.normpath(rel) if rel else "."
    if rel.startswith(".."):
        return site / ".." / "outside-the-site"
    target = site / rel
    return target / "index.html" if trailing or target.is_dir() else target


def page_problems(site: Path, base_path: str, own_host: str) -> tuple[list[str], dict[str, set[str]]]:
    """Every broken link, third-party request, undialable tel: link and page without a way to help-now; and the
    tel:/sms: numbers each page links to (for the region check)."""
    problems: list[str] = []
    numbers: dict[str, set[str]] = {}
    help_now = {site / "help-now" / "index.html", site / "help-now.html"}
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        links = read_page(path)
        found_help = False
        for url in dict.fromkeys(links.links):
            if url.startswith(("tel:", "sms:")):
                number = url.split(":", 1)[1].split("?")[0]
                numbers.setdefault(page, set()).add(number)
                if url.startswith("tel:") and not DIALLABLE.fullmatch(number):
                    problems.append(f"{page}: the phone link {url!r} does not dial (expected tel: then digits, "
                                    "such as tel:08001234567)")
                continue
            target = target_of(site, page, url, base_path)
            if target is None:
                continue
            if target.resolve() in {h.resolve() for h in help_now}:
                found_help = True
            if not target.is_file():
                problems.append(f"{page}: the link {url!r} leads to no page of the site")
        if not found_help:
            problems.append(f"{page}: no link to the help-now page (every page must be one tap from help)")
        for tag, url in links.fetched:
            if is_outside(url) and urlsplit(url).netloc != own_host:
                problems.append(f"{page}: <{tag}> fetches {url!r} from another site (expected every file on this "
                                "site: a reader's visit must not be seen by anyone else)")
        for style in links.styles:
            if OUTSIDE_IN_STYLE.search(style):
                problems.append(f"{page}: an inline style fetches a file from another site")
    return problems, numbers


def digits(value: str) -> str:
    return re.sub(r"[^0-9+]", "", value)


def region_problems(data: Dataset, numbers: dict[str, set[str]]) -> list[str]:
    """Each region the site offers shows, on its help-now pages, an emergency number and a line open at all hours."""
    on_help_now = set().union(*[n for page, n in numbers.items()
                                if page.startswith("help-now/") or page in ("help-now.html",)] or [set()])
    problems = []
    for code in offered_regions(data):
        emergency = [digits(e["number"]) for e in emergency_numbers_for(data.site, code)]
        if not any(number in on_help_now for number in emergency):
            problems.append(f"{code}: no emergency number on the help-now pages (expected one of "
                            f"{', '.join(emergency) or 'none in the data'})")
        lines = around_the_clock(data, code)
        dialled = {digits(c["value"]) for i in lines for c in data.services[i]["contacts"]
                   if c["kind"] in ("phone", "text")}
        if not lines or not dialled & on_help_now:
            problems.append(f"{code}: no line that answers at all hours on the help-now pages")
    return problems


def check_site(site: Path, data: Dataset, site_url: str | None) -> list[str]:
    """Every promise the built `site` breaks, as plain lines."""
    parts = urlsplit(site_url or "")
    base_path = parts.path if parts.path.endswith("/") else (parts.path or "") + "/"
    problems, numbers = page_problems(site, base_path, parts.netloc)
    return problems + region_problems(data, numbers)


def check(root: Path, site: Path | None = None, out=sys.stdout) -> int:
    """Build into the site's own check folder (the published site/ is left alone), then check what was built."""
    project = Project.at(root, site)
    built = project.work / "check" / "site"
    try:
        build(root, built, strict=True, quiet=True, site=site)
    except (DataError, Overdue, BuildFailed, ValueError) as error:
        print(f"The check failed: the site does not build.\n{error}", file=out)
        return 1
    prepared = Prepared(project.prepared("build"))
    problems = check_site(built, prepared.dataset(), prepared.manifest().site_url)
    if problems:
        print(f"The check failed: {len(problems)} problem{'s' if len(problems) != 1 else ''} in the built site.",
              file=out)
        print("\n".join(f"  - {p}" for p in problems), file=out)
        return 1
    print(f"The check passed: the data, every link inside the site and the site's promises ({built}).", file=out)
    return 0
