"""The search box and the search results page (the index itself is built by search.py)."""

from __future__ import annotations

from .render_base import BaseRenderer


class SearchPages(BaseRenderer):
    """Where people search the site."""

    def search_box(self, place: str) -> str:
        return self._render("search-box.html", place=place)

    def search_results(self) -> str:
        return self._render("search-results.html")
