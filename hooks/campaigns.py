"""MkDocs hook: the campaign kit. A QR code (SVG and PNG) for every page and campaign, a short address per campaign
(go/<short_path>/), its A4 and A3 posters, and the 'Posters and QR codes' page that lists them all.

The plain Python is in commonroom/campaigns.py; this file only adds the files and renders the pages.
"""

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from commonroom import campaigns as kit
from commonroom.loading import DataError
from commonroom.render import Renderer, renderer_for_page


def _templates(config) -> Path:
    return Path(config.config_file_path).parent / "overrides" / "commonroom"


def public_site_url(config) -> str | None:
    """site_url, unless it is the preview address `mkdocs serve` puts there (http://127.0.0.1:8000/ in place of the
    one from mkdocs.yml): a QR code must never hold an address that only works on the editor's computer."""
    host, port = config.dev_addr
    if config.site_url and urlsplit(config.site_url).netloc == f"{host}:{port}":
        return None
    return config.site_url


@event_priority(-50)  # after the other hooks have added the pages made from data, so a campaign can target one
def on_files(files, config):
    data = config.extra["commonroom"]
    pages = {f.src_uri: f.url for f in files.documentation_pages()}
    problems = kit.campaign_problems(data, public_site_url(config), pages, {f.dest_uri for f in files})
    if problems:
        raise Abort(str(DataError(problems)))

    def add(src_uri: str, content, page: bool = False) -> None:
        inclusion = InclusionLevel.NOT_IN_NAV if page else InclusionLevel.UNDEFINED
        files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))

    def add_qr(url: str) -> None:
        svg, png = kit.qr_images(kit.absolute_url(site_url, url))
        add(kit.qr_stem(url) + ".svg", svg)
        add(kit.qr_stem(url) + ".png", png)

    site_url = kit.public_address(public_site_url(config))
    add(kit.INDEX_PAGE, kit.index_stub(), page=True)
    if site_url is None:
        config.extra["campaign_kit"] = {"site_url": None, "titles": {}, "pages": pages, "with_qr": []}
        return files  # no QR code can name the site's address; the posters page says how to set it
    campaigns = kit.campaigns_of(data)
    with_qr = [src_uri for src_uri in pages if kit.wants_qr(src_uri, data)]
    titles = {src_uri: kit.page_title(files.get_file_from_path(src_uri).content_string, src_uri)
              for src_uri in with_qr + [c.target for c in campaigns]}
    config.extra["campaign_kit"] = {"site_url": site_url, "titles": titles, "pages": pages, "with_qr": with_qr}
    short_link = Renderer(data, _templates(config), link=None)  # these pages work out their own relative links
    for campaign in campaigns:
        target = pages[campaign.target]
        for src_uri, url in kit.short_link_files(campaign, config.use_directory_urls).items():
            add(src_uri, short_link.campaign_page(
                "short-link.html", campaign=campaign, href=kit.relative_url(target, url),
                canonical=kit.absolute_url(site_url, target), title=titles[campaign.target],
                help_now=kit.relative_url(pages["help-now.md"], url) if "help-now.md" in pages else None,
            ))
        add_qr(kit.short_url_path(campaign))
        for paper in kit.PAPERS:
            add(kit.poster_src(campaign, paper), kit.poster_stub(campaign, paper), page=True)
    for src_uri in with_qr:
        add_qr(pages[src_uri])
    return files


def on_page_markdown(markdown, page, config, files):
    made = page.meta.get("campaign_kit")
    if not made:
        return markdown
    data = config.extra["commonroom"]
    state = config.extra["campaign_kit"]
    renderer = renderer_for_page(data, _templates(config), page.file, files)
    link = renderer.context["link"]
    if made["kind"] == "poster":
        campaign = next(c for c in kit.campaigns_of(data) if c.id == made["id"])
        sections = renderer.help_now_routes()["sections"]
        return renderer.campaign_page("poster.html", **kit.poster_context(
            campaign, made["paper"], state["site_url"], state["titles"], link, sections))
    return renderer.campaign_page("posters.html", **kit.index_context(
        data, state["site_url"], state["titles"], state["pages"], state["with_qr"], link))
