"""MkDocs hook: publish the directory as Open Referral HSDS JSON and each local group's sessions as a calendar file.

They are added as files of the site (not written after the build), so pages link to them as to any other file:
MkDocs checks those links in a strict build, works out relative addresses under a sub-path, and `mkdocs serve`
serves them.
"""

import json

from mkdocs.structure.files import File

from commonroom.calendar import calendar_path, group_address, group_calendar_file
from commonroom.hsds import api_description, hsds_export

HSDS_FOLDER = "open-data/hsds"


def on_files(files, config):
    data = config.extra["commonroom"]
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    files.append(File.generated(config, f"{HSDS_FOLDER}/services.json", content=json.dumps(hsds_export(data), **compact)))
    files.append(File.generated(config, f"{HSDS_FOLDER}/index.json", content=json.dumps(api_description(data.site), **compact)))
    site_url = config.site_url or data.site.get("site_url")  # the hub's public address, from mkdocs.yml or site.yml
    for group_id, group in data.local_groups.items():
        format_page = files.get_file_from_path(f"groups/{group['format']}.md")
        page_url = group_address(site_url, format_page.url, group_id) if format_page else None
        content = group_calendar_file(group_id, group, data.groups[group["format"]]["name"], page_url)
        files.append(File.generated(config, calendar_path(group_id), content=content))
    return files
