"""The campaign kit: QR codes, short addresses and printable posters, for the campaigns in data/campaigns/ and for
the site's pages.

A poster stays on a staff-room wall for years and is scanned by a phone on the hospital's network. So a campaign's
QR code encodes a short address under the site's public address (site_url + go/<short_path>/), not the page's own:
it is short enough to type from the poster, it makes a smaller code that scans from further away, and the posters
on the walls stay right when the page moves (change the campaign's target, keep its short_path). The short address
is a tiny static page that forwards with <meta http-equiv="refresh"> and relative links: no script and no server
rules, so it works on any static host and under any sub-path.

Every page gets a QR code of its own address too (the 'Posters and QR codes' page lists them), except the one page
per service and the later steps of each pathway: a directory of thousands would add minutes to the build (about
13 ms a code), and a campaign gives any page, a service's included, a code, a poster and a short address in three
lines of YAML.
"""

from __future__ import annotations

import difflib
import html
import io
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Mapping
from urllib.parse import urlsplit

import segno

from .frontmatter import title_and_description
from .model import Dataset
from .pathways import START_PAGE
from .yamlfile import YamlProblem, line_of, read_yaml

GO, POSTERS, QR = "go", "posters", "qr"
INDEX_PAGE = f"{POSTERS}/index.md"
PAPERS = ("A4", "A3")
SITE_URL_EXAMPLE = "https://intranet.example.nhs.uk/wellbeing/"
QR_PNG_SCALE = 10  # pixels per module: a sharp print at A3, and small enough for a newsletter


@dataclass(frozen=True)
class Campaign:
    id: str
    headline: str
    text: str
    target: str  # a page's src_uri, such as groups/balint-groups.md
    short_path: str
    active: bool
    source: str  # data/campaigns/<id>.yml, for messages


def campaigns_of(data: Dataset) -> list[Campaign]:
    return [
        Campaign(id=campaign_id, headline=record["headline"], text=record["text"], target=record["target"],
                 short_path=record.get("short_path", campaign_id), active=record.get("status", "active") == "active",
                 source=data.source_of("campaigns", campaign_id))
        for campaign_id, record in sorted(data.campaigns.items())
    ]


def public_site_url(site_url: str | None, dev_addr: str | None) -> str | None:
    """site_url, unless it is the preview address (127.0.0.1:8000): a QR code must never hold an address that only
    works on the editor's computer."""
    if site_url and dev_addr and urlsplit(site_url).netloc == dev_addr:
        return None
    return site_url


def public_address(site_url: str | None) -> str | None:
    """The site's public address ending in /, or None if the site has none."""
    site_url = (site_url or "").strip()
    if not site_url:
        return None
    return site_url if site_url.endswith("/") else site_url + "/"


def absolute_url(site_url: str, url: str) -> str:
    """A page's full address from its address inside the site, as MkDocs gives it (File.url: ./, help-now/,
    help-now.html). site_url may have a sub-path; the page's address is added under it."""
    url = url.removeprefix("./")
    return site_url + ("" if url == "." else url)


def relative_url(target: str, start: str) -> str:
    """A link to `target` from the page at `start`, both addresses inside the site (help-now/, go/balint/index.html)."""
    base = start if start.endswith("/") else posixpath.dirname(start) + "/"
    path = posixpath.relpath("/" + target.removeprefix("./"), "/" + base.removeprefix("./"))
    if target.endswith("/") or target in ("", ".", "./"):
        path = "./" if path == "." else path + "/"
    return path


def short_url_path(campaign: Campaign) -> str:
    return f"{GO}/{campaign.short_path}/"


def short_link_files(campaign: Campaign, use_directory_urls: bool) -> dict[str, str]:
    """The files that make a campaign's short address work, each with its own address inside the site.

    go/<short>/index.html always (a web server opens it for go/<short>/, the address on the poster); with
    use_directory_urls off, go/<short>.html as well, like the site's other page addresses."""
    folder = f"{GO}/{campaign.short_path}/index.html"
    files = {folder: folder.removesuffix("index.html") if use_directory_urls else folder}
    if not use_directory_urls:
        files[f"{GO}/{campaign.short_path}.html"] = f"{GO}/{campaign.short_path}.html"
    return files


def qr_stem(url: str) -> str:
    """Where the QR code of the address `url` (inside the site) is written, without .svg or .png: the same path
    under qr/. help-now/ → qr/help-now, go/balint/ → qr/go/balint, the home page → qr/index."""
    path = url.removeprefix("./").removesuffix("/").removesuffix(".html")
    return f"{QR}/{path or 'index'}"


@lru_cache(maxsize=None)  # the preview prepares again in one process: each code is drawn once (about 13 ms)
def qr_images(address: str) -> tuple[bytes, bytes]:
    """The QR code of `address` as SVG (scales to any size, for posters) and PNG (for documents and newsletters).

    Error correction M (15% of the code can be damaged or covered) and the standard 4-module quiet zone; the
    SVG has its own white background, so it scans on a dark page too."""
    code = segno.make(address, error="m", micro=False)
    svg, png = io.BytesIO(), io.BytesIO()
    code.save(svg, kind="svg", border=4, omitsize=True, dark="#000", light="#fff", xmldecl=False,
              title=f"QR code: {address}")
    code.save(png, kind="png", border=4, scale=QR_PNG_SCALE, dark="#000", light="#fff")
    return svg.getvalue(), png.getvalue()


def wants_qr(src_uri: str, data: Dataset) -> bool:
    """Every page gets its own QR code, except the one-per-service pages and the directory's later pages of results
    (their number grows with the directory), the later steps of a pathway (a route starts at its first question)
    and the kit's own pages."""
    service = re.fullmatch(r"services/([a-z0-9-]+)\.md", src_uri)
    step = re.fullmatch(r"pathways/([a-z0-9-]+)/([a-z0-9-]+)\.md", src_uri)
    return not (
        (service and service.group(1) in data.services)
        or (step and step.group(1) in data.pathways and step.group(2) != START_PAGE)
        or src_uri.startswith(f"{POSTERS}/")
        or re.fullmatch(r"services/(need|in)/[a-z0-9-]+/\d+\.md", src_uri)
    )


def page_title(markdown: str, src_uri: str) -> str:
    """A page's title from its Markdown: the front matter's title, else its first heading, else its file name."""
    return title_and_description(markdown, src_uri)[0]


def _line(data: Dataset, campaign: Campaign, field: str) -> str:
    path = data.paths.get(("campaigns", campaign.id)) or data.root / "campaigns" / campaign.source.rsplit("/", 1)[-1]
    try:
        _, node = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return ""
    line = line_of(node, [field])
    return f"line {line}: " if line else ""


def campaign_problems(data: Dataset, site_url: str | None, pages: Mapping[str, str], taken: set[str]) -> list[str]:
    """Every reason the campaigns cannot be built, each naming the file, the field and what was expected.

    `pages` maps each page of the site (as written in docs/, or made from data) to its address; `taken` holds the
    paths of every file already in the site, so a short address never overwrites a page."""
    campaigns = campaigns_of(data)
    problems: list[str] = []
    if not campaigns:
        return problems
    if public_address(site_url) is None:
        files = ", ".join(c.source for c in campaigns)
        problems.append(f"{files}: a campaign needs the site's public address to print in its QR code (expected "
                        f"site_url in data/site.yml or mkdocs.yml, such as {SITE_URL_EXAMPLE})")
    elif urlsplit(site_url).scheme not in ("http", "https") or not urlsplit(site_url).netloc:
        problems.append(f'site_url "{site_url}" is not a web address a phone can open (expected an address starting '
                        f"with https:// or http://, such as {SITE_URL_EXAMPLE})")
    short_paths: dict[str, Campaign] = {}
    for campaign in campaigns:
        if campaign.target not in pages:
            close = difflib.get_close_matches(campaign.target, list(pages), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]}? " if close else ""
            problems.append(f'{campaign.source}: {_line(data, campaign, "target")}target "{campaign.target}" is not a '
                            f"page of this site ({hint}expected the path of a page ending in .md: a page in docs/ such "
                            "as help-now.md or guides/starting-a-group.md, or a page made from data such as "
                            "groups/balint-groups.md or services/samaritans.md)")
        service = re.fullmatch(r"services/([a-z0-9-]+)\.md", campaign.target)
        if campaign.active and service and data.services.get(service.group(1), {}).get("status") == "inactive":
            problems.append(f'{campaign.source}: {_line(data, campaign, "target")}target "{campaign.target}" is a '
                            "service marked inactive (expected a service that is open now, or status: inactive "
                            "on the campaign)")
        field = "short_path" if "short_path" in data.campaigns[campaign.id] else "headline"
        if campaign.short_path in short_paths:
            problems.append(f'{campaign.source}: {_line(data, campaign, field)}the short address '
                            f'{short_url_path(campaign)} is also used by {short_paths[campaign.short_path].source} '
                            "(expected each campaign to have its own: set short_path to another word)")
        short_paths.setdefault(campaign.short_path, campaign)
        if (set(short_link_files(campaign, True)) | set(short_link_files(campaign, False))) & taken:
            problems.append(f"{campaign.source}: {_line(data, campaign, field)}the short address "
                            f"{short_url_path(campaign)} is already a page of the site (expected a short_path "
                            "that no page uses)")
    return problems


def poster_src(campaign: Campaign, paper: str) -> str:
    """The poster pages: posters/<id>/ for A4 and posters/<id>/a3/ for A3."""
    return f"{POSTERS}/{campaign.id}/{'index' if paper == 'A4' else paper.lower()}.md"


def poster_meta(campaign: Campaign, paper: str) -> dict[str, Any]:
    return {
        # Material prints page titles without escaping them.
        "title": html.escape(f"Poster ({paper}): {campaign.headline}"),
        "description": html.escape(f"A printable {paper} poster with a QR code: {campaign.headline}"),
        "template": "poster.html",
        "render_macros": False,
        "search": {"exclude": True},
        "campaign_kit": {"kind": "poster", "id": campaign.id, "paper": paper},
    }


def index_meta() -> dict[str, Any]:
    return {
        "title": "Posters and QR codes",
        "description": "Printable A4 and A3 posters with QR codes and short addresses, and a QR code for every page.",
        "keywords": ["poster", "posters", "QR code", "print", "campaign", "awareness", "leaflet", "short link"],
        "render_macros": False,
        "campaign_kit": {"kind": "index"},
    }


def poster_context(campaign: Campaign, paper: str, site_url: str, titles: Mapping[str, str],
                   link: Callable[[str], str], help_routes: list[dict[str, Any]]) -> dict[str, Any]:
    """What a poster page shows. `link` resolves a page or file (as in docs/) relative to the poster page;
    `help_routes` are the help-now page's sections for the home regions (emergency numbers, crisis lines)."""
    short = short_url_path(campaign)
    other = next(p for p in PAPERS if p != paper)
    return {
        "campaign": campaign, "paper": paper, "other_paper": other, "other_href": link(poster_src(campaign, other)),
        "short_url": absolute_url(site_url, short),
        "qr_svg": link(qr_stem(short) + ".svg"), "qr_png": link(qr_stem(short) + ".png"),
        "target_href": link(campaign.target), "target_title": titles.get(campaign.target, campaign.target),
        "index_href": link(INDEX_PAGE), "sections": help_routes,
    }


def index_context(data: Dataset, site_url: str | None, titles: Mapping[str, str], pages: Mapping[str, str],
                  with_qr: list[str], link: Callable[[str], str]) -> dict[str, Any]:
    """What the 'Posters and QR codes' page lists: each campaign with its posters, short address and QR code, then
    a QR code for every page. Without site_url it says how to set it, and lists nothing to print."""
    if site_url is None:
        return {"site_url": None, "campaigns": [], "past": [], "pages": [], "example": SITE_URL_EXAMPLE}
    listed = []
    for campaign in campaigns_of(data):
        short = short_url_path(campaign)
        listed.append({
            "campaign": campaign, "short_url": absolute_url(site_url, short),
            "short_href": link(next(iter(short_link_files(campaign, True)))),
            "a4_href": link(poster_src(campaign, "A4")), "a3_href": link(poster_src(campaign, "A3")),
            "qr_svg": link(qr_stem(short) + ".svg"), "qr_png": link(qr_stem(short) + ".png"),
            "target_href": link(campaign.target), "target_title": titles.get(campaign.target, campaign.target),
        })
    every_page = sorted(
        ({"title": titles[src_uri], "address": absolute_url(site_url, pages[src_uri]), "href": link(src_uri),
          "qr_svg": link(qr_stem(pages[src_uri]) + ".svg"), "qr_png": link(qr_stem(pages[src_uri]) + ".png")}
         for src_uri in with_qr),
        key=lambda page: page["address"],
    )
    return {"site_url": site_url, "campaigns": [c for c in listed if c["campaign"].active],
            "past": [c for c in listed if not c["campaign"].active], "pages": every_page, "example": SITE_URL_EXAMPLE}

