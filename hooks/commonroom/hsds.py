"""The services directory as Open Referral HSDS 3.0 JSON, so other directories can reuse it without scraping pages.

Most service fields already carry their HSDS names (see data/schema/service.schema.json), so this is a mapping.
Where HSDS has no field of its own, the fact goes where a consumer will show it: confidentiality and "not an
emergency service" close the description, a route's hours go in a schedule's description (HSDS cannot hold
"Monday to Friday 8am to 8pm, closed on bank holidays" as structured times without inventing them), web routes
become virtual locations, and the page the facts were checked against is a metadata record of that check.

Every id is a UUID derived from the record's id (uuid5), so a service keeps its id from one build to the next
and a consumer can update their copy instead of duplicating it.
"""

from __future__ import annotations

import uuid
from functools import lru_cache
from typing import Any

from . import vocabulary
from .listing import listed_services
from .model import Dataset
from .regions import region_name
from .sources import is_tappable, source_words

HSDS_VERSION = "3.0"
# Fixed for ever: changing it would give every exported record a new id.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:commonroom:open-referral-hsds")
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
NOT_AN_EMERGENCY = "This is not an emergency service. If a life is at risk now, call your local emergency number."
TAXONOMIES = {"audience": "Common Room audiences", "need": "Common Room needs"}  # the directory's own words


@lru_cache(maxsize=4096)
def stable_id(*parts: str) -> str:
    """The same UUID for the same parts in every build (a small cache: taxonomy terms recur in every service)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def service_id(record_id: str) -> str:
    return stable_id("service", record_id)


def exported_services(data: Dataset) -> dict[str, dict[str, Any]]:
    """The services the directory lists (open, not hidden by site.yml), ordered by id so the file is stable."""
    return dict(sorted(listed_services(data).items()))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _description(record: dict[str, Any]) -> str:
    confidentiality = "Confidentiality: " + " ".join(record["confidentiality"].split())
    # HSDS has no list of exceptions either: one case a line keeps them readable in any consumer.
    confidentiality += "".join("\n- " + case for case in record.get("confidentiality_exceptions", []))
    parts = [record["description"].strip(), confidentiality]
    if record.get("regulator_reporting"):
        parts.append(" ".join(record["regulator_reporting"].split()))
    if record["not_for_emergencies"]:
        parts.append(NOT_AN_EMERGENCY)
    return "\n\n".join(parts)


def _route_key(contact: dict[str, Any]) -> str:
    return f"{contact['kind']}:{contact['value']}:{contact.get('keyword', '')}"


def _route_name(contact: dict[str, Any]) -> str:
    return contact.get("label") or vocabulary.CONTACT_KINDS[contact["kind"]]


def _phone(record_id: str, contact: dict[str, Any], source: str | None = None) -> dict[str, Any]:
    """A phone or text route. Texts use HSDS's phone type "text" (RFC 6350's word for SMS) and say what to send.
    `source` says where a number whose only source is a secondary copy was found, so a consumer can say so too."""
    sid = service_id(record_id)
    key = _route_key(contact)
    is_text = contact["kind"] == "text"
    what = f"Text {contact['keyword']} to {contact['value']}" if is_text and contact.get("keyword") else None
    details = [_sentence(part) for part in (what, contact.get("label"), contact.get("hours"), contact.get("cost"), source) if part]
    phone: dict[str, Any] = {
        "id": stable_id("phone", record_id, key),
        "service_id": sid,
        "number": contact["value"],
        "type": "text" if is_text else "voice",
        "description": " ".join(details),
    }
    if contact.get("languages"):
        phone["languages"] = [{"id": stable_id("language", record_id, key, name), "phone_id": phone["id"], "name": name}
                              for name in contact["languages"]]
    return phone


def _internal_phone(record_id: str, contact: dict[str, Any]) -> dict[str, Any]:
    """An extension or bleep with a number to call from outside, as an HSDS phone: phone.number is the outside
    number (what any consumer can dial), an extension goes in phone.extension, and the description says how to reach
    it. HSDS has no field for a bleep, so its description says to ask the switchboard."""
    value = contact["value"]
    how = (f"Bleep {value}: call the switchboard on this number and ask for it." if contact["kind"] == "bleep"
           else f"Extension {value} from a hospital phone, or this number from outside.")
    details = [how] + [_sentence(part) for part in (contact.get("label"), contact.get("hours"), contact.get("cost")) if part]
    phone: dict[str, Any] = {
        "id": stable_id("phone", record_id, _route_key(contact)),
        "service_id": service_id(record_id),
        "number": contact["external"],
        "type": "voice",
        "description": " ".join(details),
    }
    if contact["kind"] == "extension" and not value.startswith("0"):  # HSDS holds an extension as a number
        phone["extension"] = int(value)
    return phone


def _phones(record_id: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    """Phone and text routes, and internal numbers that have an outside number. An extension or bleep without one is
    left out: no one reading another directory can dial it."""
    found_only_in = None if is_tappable(record) else (f"Found only in {record['source_note']}, not on the service's "
                                                      "or a government's page: check it before you rely on it")
    return [_phone(record_id, c, found_only_in) if c["kind"] in ("phone", "text") else _internal_phone(record_id, c)
            for c in record["contacts"]
            if c["kind"] in ("phone", "text") or (c["kind"] in ("extension", "bleep") and c.get("external"))]


def _schedules(record_id: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    """A structured every-day 00:00 to 23:59 schedule for a 24-hour service (HSDS's own advice for "open 24h"),
    then each route's hours in words."""
    sid = service_id(record_id)
    schedules = []
    if record["is_24_7"]:
        schedules.append({
            "id": stable_id("schedule", record_id, "24-7"), "service_id": sid, "freq": "WEEKLY", "byday": EVERY_DAY,
            "opens_at": "00:00", "closes_at": "23:59",
            "description": "At least one way to contact this service is answered 24 hours a day, every day.",
        })
    for contact in record["contacts"]:
        if contact.get("hours"):
            schedules.append({
                "id": stable_id("schedule", record_id, _route_key(contact)), "service_id": sid,
                "description": f"{_route_name(contact)}: {_sentence(contact['hours'])}",
            })
    return schedules


def _locations(record_id: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    """Web routes (chat, forms, other pages) as virtual locations, places to go as physical ones."""
    sid = service_id(record_id)
    found = []
    for contact in record["contacts"]:
        if contact["kind"] not in ("web", "in-person"):
            continue
        key = _route_key(contact)
        location: dict[str, Any] = {"id": stable_id("location", record_id, key), "name": _route_name(contact)}
        if contact["kind"] == "web":
            location.update(location_type="virtual", url=contact["value"])
        else:
            location.update(location_type="physical", description=contact["value"])
        found.append({"id": stable_id("service_at_location", record_id, key), "service_id": sid,
                      "location_id": location["id"], "location": location})
    return found


def _taxonomy_term(taxonomy: str, code: str) -> dict[str, Any]:
    if taxonomy == "need":
        name, description = vocabulary.NEEDS[code]
    else:
        name = vocabulary.AUDIENCES[code]
        description = f"The service is for {name[0].lower() + name[1:]}."
    return {
        "id": stable_id("taxonomy_term", taxonomy, code), "code": code, "name": name, "description": description,
        "taxonomy": TAXONOMIES[taxonomy], "taxonomy_id": stable_id("taxonomy", taxonomy),
    }


def _attributes(record_id: str, record: dict[str, Any]) -> list[dict[str, Any]]:
    sid = service_id(record_id)
    return [
        {
            "id": stable_id("attribute", record_id, taxonomy, code), "link_id": sid, "link_type": taxonomy,
            "link_entity": "service", "taxonomy_term_id": stable_id("taxonomy_term", taxonomy, code),
            "taxonomy_term": _taxonomy_term(taxonomy, code),
        }
        for taxonomy, field in (("audience", "audiences"), ("need", "needs"))
        for code in record[field]
    ]


def _organization(record: dict[str, Any], hub_name: str) -> dict[str, Any]:
    """Who runs the service. Services that name the same organisation share its id."""
    name = record.get("organization") or record["name"]
    return {"id": stable_id("organization", name), "name": name,
            "description": f"Runs support services listed in the {hub_name} directory."}


def hsds_service(record_id: str, record: dict[str, Any], site: dict[str, Any]) -> dict[str, Any]:
    """One service record (checked against data/schema/service.schema.json) as an HSDS 3.0 service object."""
    sid = service_id(record_id)
    hub = site.get("hub_contact", {})
    organization = _organization(record, site.get("organisation", {}).get("name", "Common Room"))
    emails = [c for c in record["contacts"] if c["kind"] == "email"]
    web = [c["value"] for c in record["contacts"] if c["kind"] == "web"]
    service: dict[str, Any] = {
        "id": sid,
        "organization_id": organization["id"],
        "name": record["name"],
        "description": _description(record),
        "status": record.get("status", "active"),
        "eligibility_description": " ".join(record["eligibility_description"].split()),
        "assured_date": record["verified_on"],
        # The data records the day its facts were last checked, not the hour they changed.
        "last_modified": f"{record['verified_on']}T00:00:00Z",
    }
    optional = {
        "alternate_name": record.get("alternate_name"),
        "url": record.get("url") or (web[0] if web else None),
        "email": emails[0]["value"] if emails else None,
        "application_process": record.get("application_process"),
        "fees_description": record.get("fees_description"),
        "alert": record.get("alert"),
        "assurer_email": hub.get("email"),
    }
    service.update({key: value for key, value in optional.items() if value})
    service["phones"] = _phones(record_id, record)
    service["schedules"] = _schedules(record_id, record)
    service["service_areas"] = [
        {"id": stable_id("service_area", record_id, code), "service_id": sid, "name": region_name(code),
         "extent": code, "extent_type": "text", "description": f"{region_name(code)} (ISO 3166 code {code})"}
        for code in record["regions"]
    ]
    service["service_at_locations"] = _locations(record_id, record)
    service["contacts"] = [
        {"id": stable_id("contact", record_id, _route_key(c)), "service_id": sid, "name": _route_name(c), "email": c["value"]}
        for c in emails
    ]
    service["organization"] = organization
    service["attributes"] = _attributes(record_id, record)
    service["metadata"] = [{
        # HSDS records provenance as a log of actions; ours is one check of every fact against the source page.
        "id": stable_id("metadata", record_id, "verified", record["verified_on"]),
        "resource_id": sid, "resource_type": "service",
        "last_action_date": record["verified_on"], "last_action_type": "verified",
        "field_name": "source_url", "previous_value": record["source_url"], "replacement_value": record["source_url"],
        # who checked, how, and against whose page
        "updated_by": f"{record['checked_by']} ({record['checked_how']} of {source_words(record)}"
                      f"{': ' + record['source_note'] if record.get('source_note') else ''})",
    }]
    return service


def service_page(services: list[dict[str, Any]]) -> dict[str, Any]:
    """Every service in one page of the HSDS API's paginated list shape (GET /services), as a static file
    cannot answer ?page=. Each entry is the fully nested service, which also satisfies the list schema."""
    return {
        "total_items": len(services), "total_pages": 1, "page_number": 1, "size": len(services),
        "first_page": True, "last_page": True, "empty": not services, "contents": services,
    }


def api_description(site: dict[str, Any]) -> dict[str, Any]:
    """What the HSDS API's root (GET /) says: the version, and who publishes the data."""
    hub = site.get("hub_contact", {})
    publisher = {"name": site.get("organisation", {}).get("name", "Common Room")}
    publisher.update({key: hub[field] for key, field in (("email", "email"), ("website", "url")) if hub.get(field)})
    return {
        "version": HSDS_VERSION,
        "description": "The support services directory of this wellbeing hub, as Open Referral HSDS 3.0. "
                       "services.json holds every service the directory lists, fully nested.",
        "publisher": publisher,
    }


def hsds_export(data: Dataset) -> dict[str, Any]:
    """The whole directory as one HSDS page of services."""
    return service_page([hsds_service(i, s, data.site) for i, s in exported_services(data).items()])
