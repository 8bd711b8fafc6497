"""Region codes (ISO 3166 and 3166-2) and how they nest."""

REGION_NAMES = {
    "GB": "United Kingdom",
    "GB-ENG": "England",
    "GB-SCT": "Scotland",
    "GB-WLS": "Wales",
    "GB-NIR": "Northern Ireland",
    "IM": "Isle of Man",
    "JE": "Jersey",
    "GG": "Guernsey",
    "IE": "Ireland",
    "US": "United States",
    "ZA": "South Africa",
    "AU": "Australia",
    "NZ": "New Zealand",
    "CA": "Canada",
    "CA-AB": "Alberta",
    "CA-BC": "British Columbia",
    "CA-MB": "Manitoba",
    "CA-NS": "Nova Scotia",
    "CA-ON": "Ontario",
    "CA-QC": "Québec",
}


NAMES_WITH_THE = {"GB", "US"}


def region_name(code: str) -> str:
    return REGION_NAMES.get(code, code)


def the_region(code: str) -> str:
    """'England', 'the United States': a region's name inside a sentence."""
    return f"{'the ' if code in NAMES_WITH_THE else ''}{region_name(code)}"


def in_region(code: str) -> str:
    """'In England', 'In the United States': a heading for a region's section."""
    return f"In {'the ' if code in NAMES_WITH_THE else ''}{region_name(code)}"


def country_of(code: str) -> str:
    return code.split("-", 1)[0]


def covers(available_in: str, wanted: str) -> bool:
    """True if something available in `available_in` serves people in `wanted`.

    A country-wide service serves each part of the country (GB covers GB-ENG), and a
    request for a whole country includes services for its parts (GB-SCT is shown for GB).
    """
    return (
        available_in == wanted
        or wanted.startswith(available_in + "-")
        or available_in.startswith(wanted + "-")
    )


def serves(available_in: str, wanted: str) -> bool:
    """True if something available in `available_in` serves everyone in `wanted`.

    Stricter than `covers`: a country-wide number serves each part of the country (GB's 999 serves GB-SCT),
    but a line for one part does not serve the whole country (a GB-SCT line does not serve GB or GB-ENG).
    """
    return available_in == wanted or wanted.startswith(available_in + "-")


# Where to go in person in an emergency, in the words used there.
EMERGENCY_DEPARTMENT = {"GB": "A&E", "IE": "A&E"}


def emergency_department(code: str) -> str:
    """'A&E' in the UK and Ireland, 'the emergency department' elsewhere."""
    return EMERGENCY_DEPARTMENT.get(country_of(code), "the emergency department")


def help_now_title(code: str) -> str:
    """'Help now in Scotland', 'Help now in the United States': the title of a region's help-now page."""
    where = in_region(code)
    return f"Help now {where[0].lower()}{where[1:]}"


def help_now_page(code: str) -> str:
    """The page (as if in docs/) with one region's emergency numbers and crisis lines: help-now/au.md."""
    return f"help-now/{code.lower()}.md"


def serves_any(regions: list[str], wanted: list[str]) -> bool:
    return any(covers(have, want) for have in regions for want in wanted)
