"""The campaign kit's files, for prepare: a QR code (SVG and PNG) for every page and campaign, a short address per
campaign (go/<short_path>/), its A4 and A3 posters, and the 'Posters and QR codes' page that lists them all.

What they hold is worked out in campaigns.py; this module decides which files the site gets and renders the pages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from . import campaigns as kit
from .loading import DataError
from .model import Dataset
from .render import Renderer
from .site_urls import SiteFiles, dest_uri, is_page


def campaign_kit(data: Dataset, site_url: str | None, files: SiteFiles, markdown_of: Callable[[str], str],
                 templates: Path, add_file: Callable[[str, str | bytes], None],
                 add_page: Callable[[str, dict], None],
                 qr_images: Callable[[str], tuple[bytes, bytes]] = kit.qr_images) -> Callable[[], dict[str, str]]:
    """Add the kit's files (`add_file`) and pages (`add_page`, with their front matter) once every other page and
    file is known, so a campaign can target a page made from data. Returns a function that renders the kit's pages
    once every file is in place (their links must resolve): their path → HTML.

    `qr_images` draws an address's QR code (SVG, PNG): kit.qr_images, or the same kept between builds (qr_cache.py).
    Stops with a DataError naming the campaign file if a campaign cannot be built."""
    pages = {src_uri: url for src_uri, url in files.urls.items() if is_page(src_uri)}
    taken = {dest_uri(src_uri, files.use_directory_urls) for src_uri in files.urls}
    problems = kit.campaign_problems(data, site_url, pages, taken)
    if problems:
        raise DataError(problems)

    def add_qr(url: str) -> None:
        svg, png = qr_images(kit.absolute_url(address, url))
        add_file(kit.qr_stem(url) + ".svg", svg)
        add_file(kit.qr_stem(url) + ".png", png)

    address = kit.public_address(site_url)
    made: dict[str, dict] = {kit.INDEX_PAGE: {"kind": "index"}}
    add_page(kit.INDEX_PAGE, kit.index_meta())
    titles: dict[str, str] = {}
    with_qr: list[str] = []
    campaigns = kit.campaigns_of(data)
    if address is not None:
        with_qr = [src_uri for src_uri in pages if kit.wants_qr(src_uri, data)]
        titles = {src_uri: kit.page_title(markdown_of(src_uri), src_uri) for src_uri in with_qr + [c.target for c in campaigns]}
        short_link = Renderer(data, templates, link=None)  # these pages work out their own relative links
        for campaign in campaigns:
            target = pages[campaign.target]
            for src_uri, url in kit.short_link_files(campaign, files.use_directory_urls).items():
                add_file(src_uri, short_link.campaign_page(
                    "short-link.html", campaign=campaign, href=kit.relative_url(target, url),
                    canonical=kit.absolute_url(address, target), title=titles[campaign.target],
                    help_now=kit.relative_url(pages["help-now.md"], url) if "help-now.md" in pages else None,
                ))
            add_qr(kit.short_url_path(campaign))
            for paper in kit.PAPERS:
                src_uri = kit.poster_src(campaign, paper)
                add_page(src_uri, kit.poster_meta(campaign, paper))
                made[src_uri] = {"kind": "poster", "id": campaign.id, "paper": paper}
        for src_uri in with_qr:
            add_qr(pages[src_uri])

    def render() -> dict[str, str]:
        html = {}
        by_id = {c.id: c for c in campaigns}
        for src_uri, what in made.items():
            renderer = Renderer(data, templates, files.link_from(src_uri))
            link = renderer.context["link"]
            if what["kind"] == "poster":
                sections = renderer.help_now_routes()["sections"]
                html[src_uri] = renderer.campaign_page("poster.html", **kit.poster_context(
                    by_id[what["id"]], what["paper"], address, titles, link, sections))
            else:
                html[src_uri] = renderer.campaign_page("posters.html", **kit.index_context(
                    data, address, titles, pages, with_qr, link))
        return html

    return render
