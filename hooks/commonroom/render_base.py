"""Turn checked data into HTML through the Jinja templates in overrides/commonroom/: what every kind of page shares.

Autoescaping is on, so every piece of text from data is escaped. Links to other pages go through a
`link` function given by the caller, which knows where the current page sits (MkDocs resolves them
from its file list, so a sub-path or `use_directory_urls: false` both work). Each kind of page has its own
module (render_services.py, render_help_now.py, ...); render.py puts them together as one Renderer.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from . import vocabulary
from .assessment import hours
from .checking import checked_against
from .coverage import emergency_places
from .model import Dataset
from .regions import help_now_title, in_region, region_name, the_region
from .sources import copy_date, is_tappable, source_words
from .review import is_overdue


def dial(number: str) -> str:
    """The digits of a number as a tel: or sms: link needs them (keeps a leading +)."""
    return ("+" if number.strip().startswith("+") else "") + re.sub(r"\D", "", number)


def long_date(value: str) -> str:
    day = dt.date.fromisoformat(value)
    return f"{day.day} {day:%B %Y}"


def paragraphs(text: str) -> Markup:
    """Plain text to escaped HTML paragraphs: a blank line starts a new paragraph."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return Markup("\n").join(Markup("<p>{}</p>").format(" ".join(p.split())) for p in parts)


def domain(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).split("/", 1)[0]


@lru_cache(maxsize=None)
def template_environment(templates: str) -> Environment:
    """One Jinja environment per templates folder, so each template compiles once per build, not once per page.
    auto_reload (on by default) still picks up edited templates under `mkdocs serve`."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        audience_names=lambda codes: ", ".join(vocabulary.AUDIENCES[c] for c in codes),
        checked_against=checked_against, dial=dial, long_date=long_date, paragraphs=paragraphs, region_name=region_name, in_region=in_region, domain=domain,
        hours=hours, overdue=is_overdue,
        help_now_title=help_now_title,
        the_region=the_region,
        copy_date=copy_date, tappable=is_tappable, source_words=source_words,
    )
    env.tests["tappable"] = is_tappable  # {% for e in numbers if e is tappable %}: secondary-only numbers are text
    env.globals.update(vocab=vocabulary, emergency_places=emergency_places)
    return env


class BaseRenderer:
    """The data, the templates and the link function every kind of page renders with."""

    def __init__(self, data: Dataset, templates: Path, link: Callable[[str], str], today: dt.date | None = None):
        self.data = data
        self.today = today or dt.date.today()  # local groups past their ends_on are no longer listed
        self.env = template_environment(str(templates))
        self.context = {"link": link, "site": data.site, "data": data, "today": self.today}  # today: is a check overdue?

    def _render(self, template: str, **context: Any) -> str:
        # No blank lines: Python-Markdown would end the raw HTML block at the first one.
        html = self.env.get_template(template).render(**self.context, **context)
        return "\n".join(line for line in html.splitlines() if line.strip())

    def service(self, service_id: str) -> dict[str, Any]:
        if service_id not in self.data.services:
            known = ", ".join(sorted(self.data.services))
            raise KeyError(f'"{service_id}" is not a known service (expected one of: {known})')
        return {"id": service_id, "status": "active", **self.data.services[service_id]}

    def campaign_page(self, template: str, **context: Any) -> str:
        """A poster, the list of posters, or a short address's forwarding page (campaigns.py works out their content)."""
        return self._render(template, **context)
