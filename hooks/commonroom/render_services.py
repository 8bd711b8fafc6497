"""A service's own page and its contact card, and the hub's own contact details."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from .coverage import is_crisis_line
from .render_help_now import HelpNowPages
from .safe_messaging import mentions_suicide


class ServicePages(HelpNowPages):
    """Service pages and cards. A service page names the emergency numbers of its regions, so it builds on the
    help-now part."""

    def service_page(self, service_id: str) -> str:
        """A service's page; if its words mention suicide (a suicide crisis line's), the home regions' routes too."""
        service = self.service(service_id)
        context = {"s": service, "source": self.data.source_of("services", service_id),
                   "banner": self.emergency_banner(service)}
        html = self._render("service-page.html", **context)
        if mentions_suicide(html):
            html = self._render("service-page.html", **context, urgent=Markup(self.urgent_routes()))
        return html

    def contact_card(self, service_id: str) -> str:
        return self._render("contact-card.html", s=self.service(service_id))

    def hub_contact(self) -> str:
        return self._render("hub-contact.html")

    def emergency_banner(self, service: dict[str, Any]) -> dict[str, Any]:
        """What a service page says about emergencies: for a crisis line, the emergency numbers of its regions (never
        a link back to a page that lists the line); for any other service, those numbers and the help-now page."""
        return {"crisis_line": is_crisis_line(service), "places": self.emergency_places(service["regions"])}
