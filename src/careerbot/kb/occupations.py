"""The occupations a KB does not cover: SOC titles turned into the phrases people use for them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .files import Marked, Problem, read_optional
from .tokens import tokenize

FILE = "occupations.yaml"
LISTS = ("occupations", "former")  # today's titles, and earlier editions' titles that differ
# What a title says besides the occupation: "Physicians, All Other", "Teachers, Except Special Education".
NOISE_RE = re.compile(r",?\s*(all other|except .*)$|\([^)]*\)")
SPLIT_RE = re.compile(r",\s*and\s+|,\s*or\s+|,\s*|\s+and\s+|\s+or\s+")
# How people shorten the last word of a job title ("pharmacy tech"); any other word stays as written.
# Endings of a plural that names people: a part of a title that ends otherwise is a modifier of the
# title's last word ("Compensation, Benefits, and Job Analysis Specialists": benefits specialists).
AGENT = ("ers", "ors", "ists", "ians", "ants", "ents", "als", "ics", "eons", "ives", "ains", "ees", "ards", "men")
SHORT = {"technicians": ("tech", "techs"), "technologists": ("tech", "techs")}


@dataclass(frozen=True)
class Occupations:
    """SOC titles with the KB's own and related codes, and the out-of-scope group that declines the rest."""

    titles: tuple[tuple[str, str], ...]  # (code, title)
    own: frozenset[str]
    related: frozenset[str]
    group: str

    def others(self) -> list[str]:
        """Return the titles of every occupation the KB neither covers nor talks about."""
        skip = self.own | self.related
        return [title for code, title in self.titles if code not in skip]


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def phrases_of(title: str) -> set[str]:
    """Return the ways people name one SOC title: each part of it, singular and plural, and its head noun."""
    text = NOISE_RE.sub("", title.lower().replace("’", "'")).strip(" ,")
    segments = [s.strip() for s in text.split(",") if s.strip()]
    while len(segments) > 1 and not segments[-1].split()[-1].endswith("s"):
        segments.pop()  # a qualifier after the title: "Packers and Packagers, Hand"; "..., Metal and Plastic"
    parts = [p.strip() for p in SPLIT_RE.split(", ".join(segments)) if p.strip()]
    if not parts:
        return set()
    head = parts[-1].split()[-1]
    lead = parts[0].split()[:-1]  # "Veterinary Technologists and Technicians": veterinary technicians too
    out = set()
    for n, part in enumerate(parts):
        words = part.split()
        if n and len(words) == 1 and lead:
            words = lead + words
        plural = words[-1].endswith("s") and not words[-1].endswith("ss")  # "Medical Secretaries and ...": a name already
        if words[-1] != head and not words[-1].endswith(AGENT) and not plural:
            words.append(head)  # "Licensed Practical and ... Nurses": licensed practical nurses
        *lead, last = words
        for end in {last, _singular(last), *SHORT.get(last, ())} if lead else {last, _singular(last)}:
            out.add(" ".join([*lead, end]))
    out |= {head, _singular(head)}
    return out


def read_occupations(folder: Path, out_of_scope: set[str]) -> tuple[Occupations | None, list[Problem]]:
    """Read a KB's optional occupations.yaml; None when the KB has none."""
    path = folder / FILE
    data, problems = read_optional(path)
    if data is None:
        return None, problems
    label, titles = str(path), []
    for key in set(data) - {*LISTS, "own", "related", "out_of_scope"}:
        problems.append(Problem(label, data.key_lines.get(key, data.line), str(key), "unknown key"))
    for key in LISTS:
        for row in data.get(key) or []:
            if not isinstance(row, Marked) or not isinstance(row.get("code"), str) or not isinstance(row.get("title"), str):
                problems.append(Problem(label, getattr(row, "line", data.line), key, "each occupation needs a code and a title"))
                continue
            titles.append((row["code"], row["title"]))
    codes = {c for c, _ in titles}
    for key in ("own", "related"):
        for code in data.get(key) or []:
            if code not in codes:
                problems.append(Problem(label, data.key_lines.get(key, data.line), key, f"unknown occupation code '{code}'"))
    group = data.get("out_of_scope")
    if group not in out_of_scope:
        problems.append(Problem(label, data.key_lines.get("out_of_scope", data.line), "out_of_scope",
                                f"must name an out_of_scope group of lexicon.yaml, not '{group}'"))
    if problems:
        return None, problems
    return Occupations(tuple(titles), frozenset(data.get("own") or ()), frozenset(data.get("related") or ()), group), []


def occupation_phrases(occupations: Occupations, taken: set[tuple[str, ...]], kb_words: set[str]) -> dict[tuple[str, ...], str]:
    """Map the phrases for every other occupation to the out-of-scope term, leaving the KB's own phrases
    and words alone: a lexicon phrase keeps its meaning, and a head noun the article uses is not a job."""
    own = {p for code, title in occupations.titles if code in occupations.own | occupations.related for p in phrases_of(title)}
    out = {}
    for title in occupations.others():
        for phrase in phrases_of(title) - own:
            words = tuple(tokenize(phrase))
            # A one-word name also meets its plural in questions ("workers" finds "worker"): check both.
            if words and words not in taken and not (len(words) == 1 and {words[0], words[0] + "s"} & kb_words):
                out[words] = f"oos:{occupations.group}"
    return out
