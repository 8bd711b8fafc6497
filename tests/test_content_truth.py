"""Every sentence true to its source, and readable by someone in distress (issue 9).

What is checked, on the built pages and in the source files:

- Statistics (standardised mean differences, confidence intervals, p values, odds ratios, a percentage with an
  interval) appear only on the evidence page. Group pages and guides say what was found in plain words and link
  there, so a tired reader is not handed numbers they cannot weigh.
- Jargon ("psychodynamic", "realist" review or evaluation, NHS "band 5", qualification "level 6" or "level 7",
  "A-EQUIP") never appears without a plain explanation close by.
- The privacy pages say exactly what is and is not recorded: browser history, the web server's logs, and work
  networks and devices; and what to do about it.
- No sentence of a service's confidentiality, eligibility or regulator text runs over 30 words: a person deciding
  whether it is safe to call reads these. A list of exceptions is a list, not a 90-word sentence.
- Phrasings that said more than their sources, fixed in issue 9, do not come back (see BANNED for each reason).
- No page or data text promises what a service, a group or the law may not keep: "the one limit" to privacy,
  "nobody at work will know" (see ABSOLUTE_PROMISES for each reason).
- No sentence a reader sees in the written pages (docs/**/*.md, without code or macros) or in the kit's own data
  text runs over 30 words.
- The realist review (Carrieri and others, 2020) proposes explanations and measures nothing: every sentence that
  cites it says so ("suggests", "proposes", "may", "an idea to test").
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from commonroom.loading import DataError, load_dataset
from conftest import ROOT, html_pages
from test_guides import Prose
from test_guides import sentences as reader_sentences
from test_guides import words as reader_words

EVIDENCE_PAGE = "guides/evidence/index.html"
MAX_WORDS = 30

STATISTICS = [
    r"\bSMD\b",
    r"standardi[sz]ed mean difference",
    r"confidence interval",
    r"\b95\s*%\s*CI\b",
    r"\bCI\s+\d",
    r"\bp\s*[=<>]\s*0?\.\d",
    r"odds ratio",
    r"\d+(\.\d+)?\s*%\s*\(\s*\d",  # a percentage followed by its interval in brackets
]

# Each term, and what must be said within a short distance of it so a reader knows what it means.
JARGON = {
    r"psychodynamic": r"talking therapy|feelings and relationships",
    r"realist": r"how and why|how,? why|how .{0,40}may (work|help)|ideas? to test|explanations|not measur|did not measure",
    r"\bband 5\b": r"pay band|NHS pay",
    r"\blevel 7\b": r"master",
    r"\blevel 6\b": r"degree",
    r"A-EQUIP": r"Advocating and Educating",
}
NEARBY = 400  # characters either side

# Phrasings that overclaimed, each with why it is wrong. Matched against Markdown and data source text with
# whitespace collapsed, case-insensitive.
BANNED = [
    (r"Nobody can see which pages", "browser history, server logs and work proxies can; say what is recorded"),
    (r"without anyone knowing", "the privacy page itself lists who can know"),
    (r"Belonging protects you", "Hoare's belief from experience, not a finding: she measured nothing"),
    (r"(?<!believes that )feeling (that )?you belong at work (helps )?protects?",
     "Hoare's belief; attribute it to her"),
    (r"help(s)? people feel less alone", "stated as a finding; it is Hoare's and Gerada's view"),
    (r"review (of the research )?found that timely support", "the realist review proposes this; it measured nothing"),
    (r"Aim for 5 to 20|How many \| 5 to 20", "5 to 20 is how many came to Hoare's groups, not advice"),
    (r"(had|showed|saw) a 19% fall", "an association among 51 regular attenders with a wide interval: say 'was linked to'"),
    (r"survey of 18 groups", "the paper surveyed 18 cohorts"),
    (r"often free for health staff", "not every counselling service is free; each page says what it costs"),
    (r"for doctors and other staff", "who each service is for is on its own page"),
]


# Promises nobody can keep, each with why. Matched like BANNED, against every Markdown page and data file
# (data/services too: a promise there is read by someone deciding whether to call).
ABSOLUTE_PROMISES = [
    (r"(?<!not )(?<!not the )\bthe (one|only) (limit|exception)\b|\bonly (limit|exception) to (privacy|confidentiality)",
     "privacy has several limits (danger to life, safeguarding, a court order, a duty to report a colleague), "
     "and they differ by country and profession"),
    (r"(nobody|no one|no-one) at work (will|would|need ever) know",
     "a service may act on a risk to life, some ask to contact your own doctor, and some are run by your employer"),
    (r"(managers|your manager|your employer|anyone|nobody|no one) (will|would) (not|never) know who",
     "the site cannot know who each service tells: say how care is kept private instead"),
    (r"(?<!not )(?<!not a )(completely|totally|fully|100%|entirely) (confidential|anonymous|private)",
     "no service or group is confidential without limits"),
    (r"\bwe guarantee\b|\bguaranteed (to be )?(confidential|private|anonymous|safe)",
     "nothing on this site can guarantee what a service, a court or a regulator will do"),
    (r"(health )?records stay yours",
     "a consent rule limits who may ask for your records; it does not keep them from everyone"),
    (r"(for most people,? )?thoughts of suicide pass|for most people they pass",
     "no source says so; say that thoughts can change, and that help is there meanwhile"),
]

# Words that show a sentence reports what the realist review proposes, not what it measured.
PROPOSES = r"suggest|propos|\bmay\b|\bmight\b|idea|explanation|puts? (this |these |it )?forward|not a measured"
CARRIERI = "s12916-020-01532-x"


class ProseBeforeSources(Prose):
    """The article's prose, stopping at a References or Sources heading: titles of sources are quoted, not ours."""

    def handle_endtag(self, tag):
        if tag in {"h2", "h3"} and self.heading.strip().lower().startswith("sources"):
            self.stopped = True
        super().handle_endtag(tag)


def article_blocks(html: str) -> list[str]:
    parser = ProseBeforeSources()
    parser.feed(html)
    parser.flush()
    return parser.blocks


def article_text(path: Path) -> str:
    return "\n".join(article_blocks(path.read_text(encoding="utf-8")))


def pages_except_evidence(site: Path) -> list[Path]:
    return [p for p in html_pages(site) if p.relative_to(site).as_posix() != EVIDENCE_PAGE]


def statistics_in(text: str) -> list[str]:
    return [m.group(0) for pattern in STATISTICS for m in re.finditer(pattern, text, re.I if "CI" not in pattern else 0)]


def unexplained_jargon(text: str) -> list[str]:
    found = []
    for term, explanation in JARGON.items():
        for match in re.finditer(term, text, re.I):
            window = text[max(0, match.start() - NEARBY):match.end() + NEARBY]
            if not re.search(explanation, window, re.I):
                found.append(f"{match.group(0)!r} in: ...{text[max(0, match.start() - 60):match.end() + 60]}...")
    return found


def source_texts() -> dict[str, str]:
    files = sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "data").glob("*/*.yml"))
    return {p.relative_to(ROOT).as_posix(): " ".join(p.read_text(encoding="utf-8").split()) for p in files}


def all_source_texts() -> dict[str, str]:
    """Every written page and every data file, the site's own settings and the leaders' check included."""
    files = sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "data").rglob("*.yml"))
    return {p.relative_to(ROOT).as_posix(): " ".join(p.read_text(encoding="utf-8").split()) for p in files}


def markdown_blocks(text: str) -> list[str]:
    """The paragraphs, list items and table cells of a Markdown page, links and all: no front matter, headings,
    code blocks or macros. Each is a block, as the reader sees it on the page."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"^[ \t]*(```|~~~).*?^[ \t]*\1[ \t]*$", "", text, flags=re.S | re.M)
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<!--.*?-->", " ", text, flags=re.S)
    blocks: list[str] = []
    current: list[str] = []

    def end_block() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or re.match(r"(!!!|\?\?\?)", line) or re.match(r"\|?\s*:?-{3,}", line):
            end_block()
        elif line.startswith("|"):
            end_block()
            blocks += line.strip("|").split("|")
        elif re.match(r"([-*+]|\d+\.)\s", line):
            end_block()
            current.append(re.sub(r"^([-*+]|\d+\.)\s+", "", line))
        else:
            current.append(line)
    end_block()
    return [b.strip() for b in blocks if re.search(r"[A-Za-z]", b)]


def plain(block: str) -> str:
    """What a reader sees of a Markdown block: link text without its address, and each piece of code as one word."""
    block = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", block)
    block = re.sub(r"`[^`]+`", "Code", block)
    block = re.sub(r"<[^>]+>|\{:[^}]*\}|\*\*|\*", " ", block)
    return " ".join(block.split())


def data_strings(value, field: str = "") -> list[tuple[str, str]]:
    """(field, text) for every string in a data record, except addresses and the titles of sources (quoted)."""
    if isinstance(value, dict):
        return [found for key, item in value.items() if key not in {"citation", "title", "short"}
                for found in data_strings(item, f"{field}.{key}".lstrip("."))]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in data_strings(item, f"{field}[{i}]")]
    if isinstance(value, str) and not re.match(r"(https?|mailto|tel):", value):
        return [(field, value)]
    return []


def long_sentences(texts: list[str]) -> list[str]:
    return [f"{len(reader_words(s))} words: {s}" for s in reader_sentences(texts) if len(reader_words(s)) > MAX_WORDS]


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?:;])\s+", " ".join(text.split())) if s]


def word_count(sentence: str) -> int:
    return len(re.findall(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*", sentence))


# --- statistics stay on the evidence page ---------------------------------------------------------------------

def test_the_statistics_check_catches_the_figures_that_used_to_be_on_group_pages():
    old_balint = "increased empathy (standardised mean difference 1.46, 95% confidence interval 0.86 to 2.06)."
    old_rounds = "had a 19% fall in psychological distress (odds ratio 0.197, 95% CI 0.047 to 0.823)"
    assert len(statistics_in(old_balint)) >= 2 and len(statistics_in(old_rounds)) >= 2
    assert not statistics_in("Of 6 sessions planned, 2 were cancelled. Only 4% needed to be referred on.")


def test_no_page_but_the_evidence_page_shows_statistics(built_site):
    shown = {p.relative_to(built_site).as_posix(): statistics_in(article_text(p)) for p in pages_except_evidence(built_site)}
    assert not {page: found for page, found in shown.items() if found}


def test_the_evidence_page_keeps_the_figures_and_explains_them(built_site):
    text = article_text(built_site / EVIDENCE_PAGE)
    assert statistics_in(text), "the figures moved off the group pages must be on the evidence page"
    assert re.search(r"Standardised mean difference \(SMD\):", text) and re.search(r"confidence interval \(CI\):", text, re.I)


def test_every_group_page_links_to_its_own_section_of_the_evidence_page(built_site):
    evidence = (built_site / EVIDENCE_PAGE).read_text(encoding="utf-8")
    for path in sorted((ROOT / "data" / "groups").glob("*.yml")):
        page = (built_site / "groups" / path.stem / "index.html").read_text(encoding="utf-8")
        assert f'href="../../guides/evidence/#{path.stem}"' in page, path.stem
        assert f'id="{path.stem}"' in evidence, f"the evidence page has no section for {path.stem}"


# --- jargon is explained --------------------------------------------------------------------------------------

def test_the_jargon_check_catches_an_unexplained_term():
    assert unexplained_jargon("A good pair is a GP and someone with psychodynamic training.")
    assert not unexplained_jargon("someone trained in a talking therapy that looks at feelings (psychodynamic therapy)")


def test_jargon_is_explained_wherever_it_appears(built_site):
    found = {p.relative_to(built_site).as_posix(): unexplained_jargon(article_text(p)) for p in html_pages(built_site)}
    assert not {page: terms for page, terms in found.items() if terms}


# --- privacy says exactly what is recorded --------------------------------------------------------------------

def test_the_privacy_page_names_every_way_a_visit_can_be_recorded_and_what_to_do(built_site):
    text = article_text(built_site / "privacy" / "index.html")
    for must in (r"browser.{0,20}history", r"web server.{0,120}log", r"work network", r"prox(y|ies)|firewall",
                 r"work (computer|device)", r"local storage", r"private window", r"mobile data", r"cookies"):
        assert re.search(must, text, re.I | re.S), f"privacy page does not mention {must}"
    assert not re.search(r"without anyone knowing|nobody can see", text, re.I)


def test_the_home_page_does_not_promise_more_privacy_than_the_privacy_page(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    text = article_text(built_site / "index.html")
    assert re.search(r"browser history", text, re.I) and re.search(r"server.{0,10}logs", text, re.I)
    assert re.search(r"work network", text, re.I) and 'href="privacy/"' in html
    assert not re.search(r"nobody can see|without anyone knowing", text, re.I)


# --- service text a person in distress reads ------------------------------------------------------------------

@pytest.mark.parametrize("path", sorted((ROOT / "data" / "services").glob("*.yml")), ids=lambda p: p.stem)
def test_no_sentence_about_confidentiality_or_eligibility_runs_over_30_words(path):
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = [record.get(field, "") for field in ("confidentiality", "eligibility_description", "regulator_reporting")]
    texts += record.get("confidentiality_exceptions", [])
    long = [s for text in texts for s in sentences(text) if word_count(s) > MAX_WORDS]
    assert not long, f"{path.name}: {[f'{word_count(s)} words: {s}' for s in long]}"


def test_samaritans_lists_when_it_may_share_what_you_say(built_site):
    html = (built_site / "services" / "samaritans" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="confidentiality"'):html.index('id="cost"')]
    assert section.count("<li>") >= 6 and '<ul class="cr-exceptions">' in section
    export = json.loads((built_site / "open-data" / "hsds" / "services.json").read_text(encoding="utf-8"))
    [samaritans] = [s for s in export["contents"] if s["name"] == "Samaritans"]
    assert "\n- you agree to it" in samaritans["description"]


def test_an_empty_list_of_confidentiality_exceptions_is_rejected_with_what_was_expected(minimal_data):
    path = minimal_data / "services" / "test-line.yml"
    record = yaml.safe_load(path.read_text())
    record["confidentiality_exceptions"] = []
    path.write_text(yaml.safe_dump(record, sort_keys=False))
    with pytest.raises(DataError) as caught:
        load_dataset(minimal_data)
    [message] = caught.value.problems
    assert message.startswith("data/services/test-line.yml: line ")
    assert message.endswith("confidentiality_exceptions is empty (expected at least 1 item)")


# --- overclaims do not come back ------------------------------------------------------------------------------

def test_the_banned_phrasings_match_what_they_are_meant_to_catch():
    assert re.search(BANNED[3][0], "feeling that you belong at work helps protect your mental health", re.I)
    assert not re.search(BANNED[3][0], "Hoare believes that feeling you belong at work protects", re.I)
    assert re.search(BANNED[7][0], "staff who went to Rounds regularly had a 19% fall in distress", re.I)
    assert not re.search(BANNED[7][0], "going to Rounds was linked to a 19% fall in distress", re.I)


@pytest.mark.parametrize("pattern,reason", BANNED, ids=[b[0][:30] for b in BANNED])
def test_overclaims_fixed_in_issue_9_do_not_come_back(pattern, reason):
    found = [name for name, text in source_texts().items() if re.search(pattern, text, re.I)]
    assert not found, f"{found}: {reason}"


def test_the_balint_page_cites_only_studies_of_balint_groups():
    """Hoare ran Balint-style support groups of 5 to 20: not evidence about Balint groups, whose size the Balint
    Society sets at 6 to 10."""
    record = yaml.safe_load((ROOT / "data" / "groups" / "balint-groups.yml").read_text(encoding="utf-8"))
    assert not [e for e in record["evidence"] if "Hoare" in e["citation"] or "13010-023-00143-7" in e["url"]]
    assert "5 to 20" not in record["size"] and "6 to 10" in record["size"]


def test_the_reflective_practice_page_cites_the_pilot_whose_figures_it_uses():
    record = yaml.safe_load((ROOT / "data" / "groups" / "reflective-practice-groups.yml").read_text(encoding="utf-8"))
    urls = {s["url"] for s in record["sources"]} | {e["url"] for e in record["evidence"]}
    assert any("bjpsych-open" in url for url in urls), "the 50-minute, 2-weekly, 2-of-6-cancelled figures are its"
    assert not any("bmj.n1074" in url for url in urls), "Gerada supports nothing on this page"


def test_the_feedback_loop_is_credited_to_the_sustaining_clinicians_commentary(built_site):
    html = (built_site / "guides" / "for-leaders" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="6-keep-a-feedback-loop-open-all-year"'):html.index('id="7-fix-the-work-too"')]
    assert "evidence/#sustaining-clinicians" in section and "s12916-020-01532-x" not in section
    assert 'id="sustaining-clinicians"' in (built_site / EVIDENCE_PAGE).read_text(encoding="utf-8")


def test_the_browser_keeps_only_what_the_privacy_page_says(phone, site_url):
    """No cookies, nothing sent to other sites, and local storage holds the colour setting and nothing else."""
    elsewhere = []
    phone.on("request", lambda request: elsewhere.append(request.url) if not request.url.startswith(site_url) else None)
    for path in ("", "services/", "services/?for=nurses", "search/?q=burnout", "groups/balint-groups/", "privacy/"):
        phone.goto(site_url + path)
        phone.wait_for_load_state("networkidle")
    stored = phone.evaluate("Object.keys(localStorage).concat(Object.keys(sessionStorage))")
    assert phone.context.cookies() == [] and elsewhere == []
    assert all(key.endswith("__palette") for key in stored), stored


# --- service files say no more than their sources ------------------------------------------------------------

# Details that were in no source file, each with why it went. Matched against the data files' text.
UNSOURCED = [
    (r"usually within 5 minutes", "Shout's reply time is in no stored source"),
    (r"you choose who you see", "Practitioner Health's choice of clinician is in no stored source"),
    (r"bomb warning|threaten or abuse a volunteer|or the law requires it",
     "Samaritans' page lists consent, an ambulance, a court order, terrorism or a threat to life, safeguarding and "
     "serious harm to others: nothing more"),
    (r"national backup center|crisis center near you", "988's routing is in no stored source"),
    (r"NHS 24.{0,80}press 2|press 2.{0,80}Scotland", "no official page gives a menu option for NHS 24's hub"),
]

@pytest.mark.parametrize("pattern,reason", UNSOURCED, ids=[u[0][:30] for u in UNSOURCED])
def test_details_found_in_no_source_do_not_come_back(pattern, reason):
    found = [name for name, text in source_texts().items() if name.startswith("data/") and re.search(pattern, text, re.I)]
    assert not found, f"{found}: {reason}"


def test_practitioner_health_asks_hospital_staff_to_check_eligibility_on_its_page(built_site):
    html = (built_site / "services" / "practitioner-health" / "index.html").read_text(encoding="utf-8")
    who = html[html.index('id="who-it-is-for"'):html.index('id="how-to-start"')]
    first = re.search(r"<p>(?!<strong>)(.*?)</p>", who, re.S).group(1)
    assert "Check eligibility on the service&#39;s page" in first and "hospital" in first, first
    assert "April 2025" in who


# --- no promise the site cannot keep ---------------------------------------------------------------------------

def test_the_promise_check_catches_the_promises_that_were_on_the_guides():
    old = ["The one limit: if someone may be in danger, the facilitator will act.",
           "The one exception is if someone may be in danger.",
           "Staff know about confidential services outside the organisation, where nobody at work will know.",
           "Say that care is private. Managers will not know who gets care.",
           "Your health records stay yours.",
           "For most people, thoughts of suicide pass, and help is there while they do."]
    new = ["If a life may be in danger, the facilitator will act. That is not the only limit.",
           "This is not a fully confidential service: it includes monitoring.",
           "Staff know about confidential services outside the organisation, and what each one may share.",
           "Thoughts of suicide can change, and help is there in the meantime."]
    assert all(any(re.search(p, s, re.I) for p, _ in ABSOLUTE_PROMISES) for s in old)
    assert not any(re.search(p, s, re.I) for p, _ in ABSOLUTE_PROMISES for s in new)


@pytest.mark.parametrize("pattern,reason", ABSOLUTE_PROMISES, ids=[p[0][:30] for p in ABSOLUTE_PROMISES])
def test_no_page_or_data_text_promises_what_a_service_or_the_law_may_not_keep(pattern, reason):
    found = [name for name, text in all_source_texts().items() if re.search(pattern, text, re.I)]
    assert not found, f"{found}: {reason}"


def test_the_group_guides_name_the_limits_of_privacy_and_link_the_registration_guide():
    """A facilitator in South Africa or New Zealand must not promise what the law may not allow."""
    text = (ROOT / "docs" / "guides" / "starting-a-group.md").read_text(encoding="utf-8")
    limits = text[text.index("### The limits of privacy"):]
    limits = limits[:limits.index("\n## ")]
    for must in (r"danger to life", r"child", r"adult at risk", r"court", r"duty to report a colleague",
                 r"South Africa", r"New Zealand", r"differ", r"\(asking-for-help-and-registration\.md\)"):
        assert re.search(must, limits, re.I), must
    for guide in ("running-a-group-safely", "supporting-a-colleague"):
        guide_text = (ROOT / "docs" / "guides" / f"{guide}.md").read_text(encoding="utf-8")
        assert re.search(r"court|report a colleague", guide_text) and "registration" in guide_text, guide


# --- sentences a tired reader can hold --------------------------------------------------------------------------

def test_the_sentence_check_reads_markdown_as_the_page_shows_it():
    page = ("---\ntitle: T\n---\n# Heading with many many many words\n\nOne short sentence "
            "([a link](https://example.org/a.b)). Another.\n\n- An item\n- `data/site.yml` is code.\n\n"
            "```text\n" + "word " * 40 + "\n```\n\n{{ contact_card(\"samaritans\") }}\n")
    assert markdown_blocks(page) == ["One short sentence ([a link](https://example.org/a.b)). Another.",
                                     "An item", "`data/site.yml` is code."]
    assert [plain(b) for b in markdown_blocks(page)][0] == "One short sentence (a link). Another."
    assert not long_sentences([plain(b) for b in markdown_blocks(page)])
    old = ("We want everyone who works in health care to be able to use this site, on any phone or computer, "
           "including people who use a screen reader, a keyboard, voice control or zoom.")
    assert long_sentences([old])


@pytest.mark.parametrize("path", sorted((ROOT / "docs").rglob("*.md")), ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_no_sentence_in_the_written_pages_runs_over_30_words(path):
    blocks = [plain(b) for b in markdown_blocks(path.read_text(encoding="utf-8"))]
    assert not long_sentences(blocks), long_sentences(blocks)


@pytest.mark.parametrize("path", sorted(p for p in (ROOT / "data").rglob("*.yml")
                                        if "services" not in p.parts and "schema" not in p.parts),
                         ids=lambda p: p.relative_to(ROOT / "data").as_posix())
def test_no_sentence_in_the_kits_own_data_text_runs_over_30_words(path):
    """The services' descriptions are checked field by field above; this covers groups, pathways, campaigns, local
    groups, the leaders' check and the site's settings."""
    found = {field: long_sentences([text]) for field, text in data_strings(yaml.safe_load(path.read_text(encoding="utf-8")))}
    assert not {field: long for field, long in found.items() if long}


# --- a review that proposes is cited for what it proposes -------------------------------------------------------

def unhedged_citations(blocks: list[str], doi: str = CARRIERI) -> list[str]:
    """Sentences that cite the review without saying, in that sentence or the one before, that it proposes."""
    found = []
    for block in blocks:
        said = reader_sentences([block])
        for i, sentence in enumerate(said):
            if doi in sentence and not re.search(PROPOSES, " ".join(said[max(0, i - 1):i + 1]), re.I):
                found.append(plain(sentence))
    return found


def test_the_citation_check_tells_a_finding_from_a_proposal():
    old = ("It matters. When leaders review support and act on what they find, staff feel supported, and they help "
           "to shape it ([Carrieri and others, 2020](https://doi.org/10.1186/s12916-020-01532-x)).")
    new = ("A review proposes an idea. When leaders act on what they find, staff may feel supported "
           "([Carrieri and others, 2020](https://doi.org/10.1186/s12916-020-01532-x)).")
    assert unhedged_citations([old]) and not unhedged_citations([new])


@pytest.mark.parametrize("path", sorted((ROOT / "docs").rglob("*.md")), ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_the_realist_review_is_cited_only_for_what_it_proposes(path):
    """Carrieri and others (2020) is a realist review of doctors' mental health: it proposes how support may work
    and measures nothing."""
    text = re.split(r"^## (References|Sources)", path.read_text(encoding="utf-8"), flags=re.M)[0]  # titles, quoted
    blocks = markdown_blocks(text) + re.findall(r"^```text\n(.*?)^```", text, re.S | re.M)
    assert not unhedged_citations(blocks)


def test_the_leaders_check_cites_the_review_and_the_commentaries_as_views():
    case = yaml.safe_load((ROOT / "data" / "assessment.yml").read_text(encoding="utf-8"))["case"]["evidence"]
    for item in case:
        if set(item["sources"]) & {"carrieri-2020", "hoare-2023", "gerada-2021"}:
            assert re.search(r"propos|argues|believes|writes|view", item["says"]), item["says"]
