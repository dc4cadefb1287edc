"""Read a career article (plain text or Markdown) into statements: sentences with their section, source and years."""
from __future__ import annotations

import re
from dataclasses import dataclass

# A line that names the source of a chart or table: "...Source: Bureau of Labor Statistics".
CAPTION_RE = re.compile(r"\s*\bSource:\s*(?P<org>.+?)\s*$")
_ORG = r"(?P<org>(?:O\*NET|[A-Z][\w&.'*-]*)(?: (?:(?:of|and|for|the|on)\b|[A-Z][\w&.'*-]*|\([A-Z*.&]+\)))*)"
# How an article says who stated something; the first that matches names the statement's source.
ATTRIBUTION_RES = (
    re.compile(r"\bAccording to,\s*(?P<org>[^,]+),"),  # the article left the name out
    re.compile(rf"\bAccording to (?:the )?{_ORG}"),
    re.compile(rf"\b(?:[Tt]he )?{_ORG} (?:reports|predicts|projects|notes|counted|counts|estimates|says|found)\b"),
)
ABBREVIATION_RE = re.compile(r"^(?P<name>.+?) \((?P<short>[A-Z][A-Z*.&]+)\)$")
YEAR_RE = re.compile(r"(?<![\d$,.])(?:19|20)\d\d(?!\d|%|[.,]\d)")
PERIOD_RE = re.compile(r"(?<![\d$,.])((?:19|20)\d\d)\s*(?:-|–|to|through)\s*((?:19|20)\d\d)(?![\d%])")
BULLET_RE = re.compile(r"^\s*(?:[•*+-]|\d+\.)\s+")
# Words that end a sentence without ending it: "U.S.", "Pharm.D.", "e.g.".
NO_BREAK_RE = re.compile(r"(?:\b[A-Z]\.|\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Ms|Mrs|St|No)\.|\.[A-Z]\.)$")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9$])")
HEADING_WORDS = 10  # a plain-text heading is short ...
TITLE_SHARE = 0.6  # ... and most of its longer words are capitalized


@dataclass(frozen=True)
class Statement:
    """One sentence of the article, with what the text around it says about it."""

    text: str
    section: str
    org: str | None  # who the article says stated it, if anyone, as the article names it
    org_key: str | None  # the same organization under one name however it is written ("BLS")
    context_years: tuple[int, ...]  # years stated earlier under the same source, nearest last
    lead: str = ""  # the line that introduced a list this statement is an item of
    line: int = 0


def _clean(line: str) -> str:
    """Drop Markdown emphasis and links, keep their words."""
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
    return re.sub(r"(\*\*|__|`)", "", line).strip()


def is_heading(line: str) -> bool:
    """Tell a plain-text or Markdown heading from a sentence."""
    if line.startswith("#"):
        return True
    words = line.split()
    if not words or len(words) > HEADING_WORDS or line[-1] in ".:;," or ": " in line:
        return False
    long = [w for w in words if len(w) > 3]
    return bool(long) and sum(w[0].isupper() for w in long) / len(long) >= TITLE_SHARE


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences on end marks, keeping abbreviations whole (no nltk data needed)."""
    out, start = [], 0
    for match in SENTENCE_END_RE.finditer(text):
        head = text[start:match.start()].rstrip("\"')]")
        if NO_BREAK_RE.search(head):
            continue
        out.append(text[start:match.start()].strip())
        start = match.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def attribution(text: str) -> str | None:
    """Return the organization a sentence says stated it, if any."""
    for pattern in ATTRIBUTION_RES:
        match = pattern.search(text)
        if match:
            return match.group("org").strip(" ,")
    return None


def years_in(text: str) -> list[int]:
    """Return the years a text names, in order."""
    return [int(y) for y in YEAR_RE.findall(text)]


def org_key(name: str, known: dict[str, str]) -> str:
    """Return one key for the ways an article names an organization: "Bureau of Labor Statistics" is "BLS"."""
    match = ABBREVIATION_RE.match(name)
    if match:
        known[match.group("name")] = match.group("short")
        return match.group("short")
    if name in known:
        return known[name]
    initials = "".join(w[0] for w in name.split() if w[0].isupper())
    return name if name.isupper() or len(initials) < 2 else initials


def statements(article: str) -> list[Statement]:
    """Read an article into statements, carrying section, source and years from sentence to sentence."""
    out: list[Statement] = []
    known: dict[str, str] = {}
    section, org, speaker, years, lead = "Introduction", None, None, [], ""
    for number, raw in enumerate(article.splitlines(), start=1):
        line = _clean(raw)
        if not line:
            continue
        bullet = bool(BULLET_RE.match(raw))
        if is_heading(line) and not bullet:
            section, org, speaker, years, lead = line.lstrip("# ").strip(), None, None, [], ""
            continue
        line = BULLET_RE.sub("", line) if bullet else line
        caption = CAPTION_RE.search(line)
        if caption:  # a chart's caption: its own source; its title is a statement only if it says something
            line, named = line[:caption.start()].strip(), caption.group("org")
            if line and (line[-1] in ".!" or re.search(r"\d", line)):
                out.append(Statement(line, section, named, org_key(named, known), tuple(years), "", number))
            continue
        if not bullet:
            lead, org = "", None  # a new paragraph speaks for the article until it names a source
        for sentence in sentences(line):
            named = attribution(sentence)
            if named:
                key = org_key(named, known)
                if key != speaker:  # another source: the years said before were another's
                    speaker, years = key, []
                org = named
            earlier = tuple(years)
            if not bullet:
                years += years_in(sentence)
            if sentence.endswith(":") and not bullet:
                lead = sentence  # introduces the list below: its items read with it
                continue
            key = org_key(org, known) if org else None
            out.append(Statement(sentence, section, org, key, earlier if not bullet else tuple(years), lead if bullet else "", number))
    return out
