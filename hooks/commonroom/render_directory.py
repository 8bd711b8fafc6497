"""The services directory (/services/) and, for a large one, its pages of results per need and region."""

from __future__ import annotations

from . import vocabulary
from .directory import DATA_FILE, Directory, listing_page
from .render_base import BaseRenderer


class DirectoryPages(BaseRenderer):
    """The directory of services; directory.py works out what each page holds."""

    def directory(self) -> str:
        """/services/: every service under each need it meets, or, for a large directory, each need and region with
        a link to its pages of results (directory.py). The filters cover the whole directory either way."""
        directory = Directory(self.data)
        active = directory.services  # open, and not hidden by data/site.yml
        complete = directory.shows_every_card
        by_need = {need: [self.service(i) for i in ids] if complete else ids
                   for need, ids in directory.members["need"].items()}
        # Every need keeps its section (and anchor), so links to it from guides never break.
        used = lambda field: {value for s in active.values() for value in s[field]}  # noqa: E731
        filters = {
            # Every role a visitor may be, once any service names it (a porter is served by all-staff services too).
            "audiences": [a for a in vocabulary.AUDIENCES if a in used("audiences") or a in vocabulary.ROLES],
            "regions": list(directory.members["region"]),
            "contacts": [k for k in vocabulary.CONTACT_KINDS if k in {c["kind"] for s in active.values() for c in s["contacts"]}],
        }
        return self._render("directory.html", by_need=by_need, filters=filters, complete=complete,
                            regions=directory.members["region"], listing_page=listing_page, data_file=DATA_FILE)

    def listing_page(self, directory: Directory, kind: str, key: str, number: int) -> str:
        """One page of results for a need or a region (directory.py)."""
        listing = directory.listing(kind, key, number)
        return self._render("directory-listing.html", listing=listing,
                            services=[self.service(i) for i in listing["ids"]])
