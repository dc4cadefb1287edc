"""Split a message into the questions it asks ("decent pay? enough jobs?"), so each gets its answer."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..kb.language import Language

CLAUSE_RE = re.compile(r"(,\s*(?:and\s+|or\s+|but\s+)?|\s+and\s+|\s+or\s+|\s+but\s+)(\w[\w']*)", re.IGNORECASE)
MIN_CLAUSE_WORDS = 2  # "what about pay, and" is not a question of its own


@dataclass(frozen=True)
class Part:
    """One piece of a message and whether it reads as a question rather than a statement about the asker."""

    text: str
    question: bool
    alternative: bool = False  # "... or do you have to go in every day?": the other branch of the question before


def _breaks(text: str, language: Language) -> list[tuple[str, bool]]:
    """Cut text at sentence breaks; remember which pieces ended in a question mark."""
    pattern = "|".join(re.escape(b) for b in sorted(language.part_breaks, key=len, reverse=True))
    pieces, start = [], 0
    for match in re.finditer(pattern, text):
        pieces.append((text[start : match.start()], "?" in match.group()))
        start = match.end()
    pieces.append((text[start:], False))
    return [(p.strip(), asked) for p, asked in pieces if p.strip()]


def _clauses(text: str, language: Language) -> list[tuple[str, bool]]:
    """Cut a sentence before a comma or "and" that starts a new question ("..., is the field growing");
    say which clauses are a yes/no question's other branch ("or do you have to go in?")."""
    out, start, alternative = [], 0, False
    for match in CLAUSE_RE.finditer(text):
        nxt = [w.lower().strip("'\",") for w in text[match.start(2):].split()[:2]]
        # "and roughly what's the tuition" starts a question too; ", like what degrees" explains the last one.
        starts = nxt[0] in language.clause_starts or (
            len(nxt) > 1 and nxt[0] in language.clause_leads and nxt[1] in language.clause_starts)
        starts = starts and nxt[1:2] != ["not"]  # "and can not really go to an office": said, not asked
        if starts and len(text[start : match.start()].split()) >= MIN_CLAUSE_WORDS:
            out.append((text[start : match.start()], alternative))
            start = match.start(2)
            alternative = match.group(1).strip(" ,").lower() == "or" and nxt[0] in language.polar["asks"]
    out.append((text[start:], alternative))
    return [(c.strip(), alt) for c, alt in out if c.strip()]


def split(text: str, language: Language) -> list[Part]:
    """Return the parts of a message, in order; a message of one question is one part."""
    parts = []
    for piece, asked in _breaks(text, language):
        for clause, alternative in _clauses(piece, language):
            words = [w.lower().strip("'\"") for w in clause.split()[:2]]
            opening = set(words) & language.clause_starts and "not" not in words
            parts.append(Part(clause, asked or bool(opening), alternative))
    return parts
