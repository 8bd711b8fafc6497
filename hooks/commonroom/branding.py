"""A hospital's own name, logo, web address and colours, from data/site.yml.

Colours are checked before anything is built: a light brand colour would make the header and every link hard to
read, and nobody editing YAML can be expected to measure contrast. Contrast follows WCAG 2.2
(https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio); level AA asks for 4.5:1 for normal text.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable

from .yamlfile import line_of, read_yaml

AA_TEXT = 4.5  # WCAG 2.2 AA, normal-size text
WHITE = "#ffffff"
BLACK = "#000000"
# Material's dark ("slate") scheme: the page, and the slightly lighter boxes on it (hsl(225 15% 14%) and 18%).
DARK_BACKGROUNDS = ("#1e2129", "#272a35")
# Links in the dark scheme are a light tint of the brand colour: at least 7:1, near the kit's own tints (about 8:1).
DARK_SCHEME_TARGET = 7.0
# The kit's own colours, set in docs/stylesheets/commonroom.css; they stay when site.yml gives none.
DEFAULT_COLOURS = {"primary": "#00695c", "accent": "#a63000"}
COLOUR_USES = {
    "primary": "white text on it (the header) and links in it on a white page",
    "accent": "white text on it (a button under the pointer) and links in it on a white page",
}


def _channels(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def _hex(channels: tuple[float, ...]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in channels)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _channels(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def shown_ratio(ratio: float) -> str:
    """A ratio as people read it, rounded down so a colour that fails never looks as if it passes (4.49, not 4.5)."""
    return f"{math.floor(ratio * 100) / 100:.2f}:1"


def mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0 to 1) of the way towards `other`."""
    return _hex(tuple(a + (b - a) * amount for a, b in zip(_channels(colour), _channels(other))))


def _first_shade(colour: str, towards: str, passes: Callable[[str], bool]) -> str:
    for step in range(101):
        shade = mix(colour, towards, step / 100)
        if passes(shade):
            return shade
    return towards


def darker_shade_that_passes(colour: str) -> str:
    """The nearest darker shade of `colour` that white text can be read on (a suggestion for the error message)."""
    return _first_shade(colour, BLACK, lambda shade: contrast_ratio(shade, WHITE) >= AA_TEXT + 0.1)


def dark_scheme_tint(colour: str) -> str:
    """The nearest lighter tint of `colour` that reads well as link text on every dark-scheme background.

    A colour dark enough for white text on it (4.5:1) cannot also reach 4.5:1 on a dark page, so the dark scheme
    uses a tint of it instead, as Material does with its own palette.
    """
    return _first_shade(colour, WHITE,
                        lambda tint: min(contrast_ratio(tint, bg) for bg in DARK_BACKGROUNDS) >= DARK_SCHEME_TARGET)


def colour_problems(site: dict[str, Any], line: Callable[[list], int | None]) -> list[str]:
    """Brand colours that would fail WCAG AA, each with the contrast found, the contrast expected and a shade that
    passes. `line(path)` gives the line of a field in data/site.yml. Run after the schema has checked the format."""
    problems = []
    for name, colour in site.get("colours", {}).items():
        ratio = contrast_ratio(colour, WHITE)
        if ratio < AA_TEXT:
            problems.append(
                f'data/site.yml: line {line(["colours", name])}: colours.{name} "{colour}" is too light to read: '
                f"{COLOUR_USES[name]} have a contrast of {shown_ratio(ratio)} (expected at least {AA_TEXT}:1, "
                f'WCAG AA; a darker shade such as "{darker_shade_that_passes(colour)}" passes)'
            )
    return problems


def logo_problems(site: dict[str, Any], docs: Path | None, line: Callable[[list], int | None]) -> list[str]:
    """A logo that is not a file in docs/ would show as a broken image on every page."""
    logo = site.get("organisation", {}).get("logo")
    if logo is None or docs is None or (Path(docs) / logo).is_file():
        return []
    return [f'data/site.yml: line {line(["organisation", "logo"])}: organisation.logo "{logo}" is not a file in the '
            f"docs folder (expected the path of an SVG or PNG image inside docs/, such as images/logo.svg: "
            f"put the image at docs/{logo}, or correct the path)"]


def site_settings(site: dict[str, Any]) -> dict[str, Any]:
    """The MkDocs settings that site.yml decides: the site's name, and its logo and address when given."""
    organisation = site.get("organisation", {})
    settings: dict[str, Any] = {"site_name": organisation["name"]}
    if organisation.get("logo"):
        settings["logo"] = organisation["logo"]
    if site.get("site_url"):
        settings["site_url"] = site["site_url"]
    return settings


def brand_css(colours: dict[str, str]) -> str:
    """CSS custom properties for Material's custom palette, for whichever colours site.yml gives.

    Appended after the kit's own palette (same selectors, later in the file), so it wins without !important.
    Empty when site.yml gives no colours, so the kit's hand-picked defaults stay as they are.
    """
    rules = []
    primary, accent = colours.get("primary"), colours.get("accent")
    if primary:
        rules.append(
            ':root,\n[data-md-color-primary="custom"] {\n'
            f"  --md-primary-fg-color: {primary};\n"
            f"  --md-primary-fg-color--light: {mix(primary, WHITE, 0.1)};\n"
            f"  --md-primary-fg-color--dark: {mix(primary, BLACK, 0.25)};\n"
            f"  --md-typeset-a-color: {primary};\n}}"
        )
        rules.append('[data-md-color-scheme="slate"][data-md-color-primary="custom"] {\n'
                     f"  --md-typeset-a-color: {dark_scheme_tint(primary)};\n}}")
    if accent:
        rules.append('[data-md-color-accent="custom"] {\n'
                     f"  --md-accent-fg-color: {accent};\n  --md-accent-fg-color--transparent: {accent}1a;\n}}")
        tint = dark_scheme_tint(accent)
        rules.append('[data-md-color-scheme="slate"][data-md-color-accent="custom"] {\n'
                     f"  --md-accent-fg-color: {tint};\n  --md-accent-fg-color--transparent: {tint}1a;\n}}")
    if not rules:
        return ""
    return "\n/* ---- brand colours from data/site.yml (colours), added at build time ---- */\n" + "\n".join(rules) + "\n"


def site_problems(site: dict[str, Any], text: str, docs: Path | None) -> list[str]:
    """Checks on data/site.yml that its schema cannot make. `text` is the file as read (for line numbers);
    run once the file matches its schema."""
    _, node = read_yaml(text)
    line = lambda path: line_of(node, path)  # noqa: E731
    return logo_problems(site, docs, line) + colour_problems(site, line)
