"""`python -m commonroom new-site DIR`: a starter folder for an organisation's own site, which builds at once.

The folder has the kit's shape (data/site.yml, data/services/, data/local-groups/, data/campaigns/,
data/emergency-numbers/, docs/), so what
a person learns in one applies to the other. Every YAML file names its schema on its first line, pointing at the
kit's schemas, so an editor checks the file as it is typed. Nothing in it is required to build: a setting left out
keeps the kit's value, and the build lists what to fill in before going live.
"""

from __future__ import annotations

import os
from pathlib import Path

from .kit import running_release
from .release_setting import with_kit_release


class SiteExists(Exception):
    """new-site never writes over a folder that already holds files: it may be someone's site."""


SETTINGS = """\
# Your site's settings, laid over the kit's data/site.yml. Give only what you change: a setting you leave out keeps
# the kit's value, and settings the kit adds later still arrive. Remove the # at the start of a line to use it.
# Before you go live, fill in at least these (the build lists what is still missing):
#
# organisation:
#   name: Example City Hospital Staff Wellbeing   # the hub's name, in the header and every page's title
#   checker: Staff Wellbeing Team                 # the team that checks the numbers your site shows
# site_url: https://intranet.example.org/wellbeing/
# regions:                                        # where your staff are: sets the emergency numbers shown first
#   - GB-ENG
# hub_contact:
#   name: Staff Wellbeing Team
#   email: wellbeing@example.org                  # where readers report a wrong number
#
# Optional:
# colours:
#   primary: "#005eb8"
# hide_services: []        # kit services your site does not list
# hide_pages: []           # kit pages your site does not show (their addresses still lead somewhere useful)
# help_now:
#   add: []                # your own 24-hour lines, from your services folder
#   hide: []               # kit lines you do not show on the help-now page
"""

CHECKS = """\
# Your team's checks of the kit's services and emergency numbers: one entry per check. A check holds while the
# kit's record is the one you checked (kit_hash); if the kit changes it, the build names it for a re-check.
# An entry looks like this:
#
# - record: services/samaritans
#   verified_on: "2027-01-10"
#   checked_by: Staff Wellbeing Team
#   checked_how: live page
#   kit_hash: "3f2a9c1b7d4e"
"""

OVERRIDES = """\
# Your corrections of the kit's services and emergency numbers, laid over the kit's records. If the kit changes a
# record you corrected, the build names your correction, so you can see whether it is still needed.
# An entry looks like this:
#
# - record: services/samaritans
#   set:
#     alert: The local branch is closed for repairs until March; the helpline answers as usual.
#   reason: Our local branch told us on 8 January
#   made_on: "2027-01-10"
#   made_by: Staff Wellbeing Team
#   checked_how: phone call to the service
#   kit_hash: "3f2a9c1b7d4e"
"""

FOLDER_READMES = {
    "services": ("Your own services", "local services, such as Occupational Health or the chaplaincy",
                 "data/services/samaritans.yml", "service"),
    "local-groups": ("Your local groups", "groups that meet at a set time and place, such as a ward's Balint group",
                     "the worked example in the kit's data/local-groups/README.md", "local-group"),
    "campaigns": ("Your posters", "poster campaigns, each printed with a QR code",
                  "the worked example in the kit's data/campaigns/README.md", "campaign"),
    "emergency-numbers": ("Your emergency numbers", "an emergency number for a region the kit has none for",
                          "one of the kit's files in data/emergency-numbers/", "emergency-number"),
}

README = """\
# {name}: this organisation's Common Room site

This folder is yours. The kit (its services, emergency numbers, pages and templates) lives in its own folder and is
never edited here, so every kit update arrives without a conflict.

| What | Where |
| --- | --- |
| Settings (name, colours, regions, contact) | `data/site.yml` |
| Your own services, local groups, posters | `data/services/`, `data/local-groups/`, `data/campaigns/` |
| Your checks and corrections of kit facts | `data/checks.yml`, `data/overrides.yml` |
| Your pages and images | `docs/`: a page at a kit page's path replaces it |

In the folder that holds this one (the kit's own checkout, or any folder where the kit is installed as a package):

    python -m commonroom serve --site {folder}   # preview, updates when you save
    python -m commonroom check --site {folder}   # data, links and the site's promises
    python -m commonroom build --site {folder}   # writes {folder}/site
"""


def schema_line(file_folder: Path, kit: Path, schema: str) -> str:
    """The first line naming the kit's schema, relative when it can be (the two folders move together)."""
    target = kit / "data" / "schema" / schema
    try:
        shared = os.path.commonpath([target, file_folder.resolve()])
        where = Path(os.path.relpath(target, file_folder.resolve())).as_posix() if Path(shared).parent != Path(shared) \
            else target.as_uri()
    except ValueError:  # another drive on Windows
        where = target.as_uri()
    return f"# yaml-language-server: $schema={where}\n"


def new_site(folder: Path, kit: Path) -> list[Path]:
    """Write the starter folder; returns the files written. Raises SiteExists if the folder holds anything."""
    folder, kit = Path(folder), Path(kit).resolve()
    if folder.exists() and any(folder.iterdir()):
        raise SiteExists(f"{folder} already holds files: new-site writes only into a new or empty folder")
    data = folder / "data"
    files = {
        data / "site.yml": with_kit_release(schema_line(data, kit, "organisation-site.schema.json") + SETTINGS,
                                            running_release()),
        data / "checks.yml": schema_line(data, kit, "checks.schema.json") + CHECKS,
        data / "overrides.yml": schema_line(data, kit, "overrides.schema.json") + OVERRIDES,
        folder / "README.md": README.format(name=folder.resolve().name, folder=folder.resolve().name),
        folder / "docs" / "images" / ".keep": "",
        folder / ".gitignore": "site/\n.commonroom/\n.site.building/\n",
    }
    for name, (title, what, example, kind) in FOLDER_READMES.items():
        files[data / name / "README.md"] = (
            f"# {title}\n\nOne YAML file per record: {what}. The file name is its id, in lower-case letters, digits "
            f"and hyphens (`my-record.yml`). Only `.yml` files are read; this README is not.\n\n"
            f"Copy {example} to start. Give the file this first line, so your editor checks it as you type:\n\n"
            f"    {schema_line(data / name, kit, f'{kind}.schema.json').strip()}\n\n"
            "A file with the same name as a kit record is refused: record a check of a kit record in "
            "`data/checks.yml`, or a local correction in `data/overrides.yml`.\n")
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(files)
