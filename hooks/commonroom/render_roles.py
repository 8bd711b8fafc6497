"""Support by role: the list of roles, each role's page and its page for one region (roles.py finds the services)."""

from __future__ import annotations

from . import vocabulary
from .regions import the_region
from .render_base import BaseRenderer
from .roles import (MAX_CARDS, PREVIEW, index_page, region_page, role_label, role_page, role_page_heading, role_regions,
                    role_support, role_title)


class RolePages(BaseRenderer):
    """Pages of support for each part of the workforce."""

    def role_links(self) -> str:
        """The list of roles, each linking to its page: the home page's "Support for your role"."""
        link = self.context["link"]
        roles = [{"code": r, "name": role_label(r), "href": link(role_page(r))} for r in vocabulary.ROLES]
        return self._render("role-links.html", roles=roles)

    def role_summary(self, role: str, region: str) -> str:
        """One line saying what a role's region page holds, for pathway answers that lead there."""
        found = role_support(self.data, role, region)
        people, where = vocabulary.ROLES[role], the_region(region)
        if found.made_for:
            count = len(found.made_for)
            return f"{count} service{'s' if count != 1 else ''} made for {people} in {where}."
        return f"No service just for {people} in {where}: where to go instead."

    def role_page(self, role: str | None, region: str | None) -> str:
        """The list of roles (no role), a role's page (no region: each region in brief), or a role's page for one
        region (its services in full, or the plain answer that there is none and the best general route)."""
        link = self.context["link"]
        if role is None:
            return self._render("role-index.html", roles=[
                {"name": role_label(r), "href": link(role_page(r))} for r in vocabulary.ROLES])
        people = vocabulary.ROLES[role]
        if region is None:
            sections = []
            for code in role_regions(self.data.site):
                found = role_support(self.data, role, code)
                sections.append({"region": code, "href": link(region_page(role, code)), "found": found,
                                 "preview": [self.service(i) for i in found.made_for[:PREVIEW]]})
            return self._render("role-page.html", role=role, role_label=role_label(role), people=people, sections=sections,
                                title=role_page_heading(role_page(role))[0], index=link(index_page()))
        found = role_support(self.data, role, region)
        lists = {key: [self.service(i) for i in getattr(found, key)[:limit]] for key, limit in MAX_CARDS.items()}
        more = {key: max(len(getattr(found, key)) - limit, 0) for key, limit in MAX_CARDS.items()}
        # Past MAX_CARDS, the rest are one tap away in the directory, filtered to this role and region.
        directory = link("services/index.md") + f"?for={role}&region={region}"
        return self._render("role-region.html", role=role, people=people, role_name=role_title(role), region=region, found=found, lists=lists,
                            more=more, directory=directory, title=role_page_heading(region_page(role, region))[0], up=link(role_page(role)))
