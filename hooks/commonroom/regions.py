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


def serves_any(regions: list[str], wanted: list[str]) -> bool:
    return any(covers(have, want) for have in regions for want in wanted)
