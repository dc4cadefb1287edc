"""Check the shape of the KB's raw YAML against declared field tables."""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from .files import Marked, Problem

STR, TEXT_LIST, NUMBER, INT_OR_NULL, BOOL, MAPPING, LIST, RANK, HTTPS = (
    "a string", "a list of strings", "a number", "a whole number or null", "true or false",
    "a mapping", "a list", "a whole number from 1", "an https address such as https://www.bls.gov/ooh/",
)
# Figure units, the ones `careerbot kb draft` proposes: counts, shares, pay a year or an hour, counts each
# year (a rate, never a total over a period), and durations.
UNITS = ("people", "percent", "USD/year", "USD/hour", "people/year", "years", "months", "hours")
DERIVE_OPS = ("percent_change", "difference", "sum", "ratio")

# field -> (kind, required). One table per kind of record; unknown fields are errors (typos).
FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "source": {"id": (STR, True), "organization": (STR, True), "year": (INT_OR_NULL, True),
               "section": (STR, True), "note": (STR, False), "url": (HTTPS, False),
               "rank": (RANK, False)},
    "fact": {"id": (STR, True), "text": (STR, True), "topics": (TEXT_LIST, True), "source": (STR, True),
             "keywords": (TEXT_LIST, False), "figures": (LIST, False), "defines": (TEXT_LIST, False),
             "explains": (TEXT_LIST, False)},
    "figure": {"id": (STR, True), "measure": (STR, True), "value": (NUMBER, True), "unit": (STR, True),
               "stat": (STR, False), "year": (INT_OR_NULL, False), "period": (STR, False),
               "scope": (MAPPING, False), "projection": (BOOL, False), "part_of": (STR, False),
               "share_of": (STR, False), "includes": (TEXT_LIST, False), "rest": (TEXT_LIST, False), "parts": (TEXT_LIST, False), "derived": (MAPPING, False)},
    "derived": {"op": (STR, True), "inputs": (TEXT_LIST, True)},
    "entity": {"label": (STR, True), "aliases": (TEXT_LIST, True), "no_figures": (BOOL, False),
               "baseline": (BOOL, False)},
    "topic": {"label": (STR, True), "cues": (TEXT_LIST, True), "overview": (TEXT_LIST, False),
              "suggestions": (TEXT_LIST, False)},
    "out_of_scope": {"reason": (STR, True), "terms": (TEXT_LIST, True), "whole": (BOOL, False)},
    "chitchat": {"patterns": (TEXT_LIST, True), "response": (STR, True), "cues": (TEXT_LIST, False),
                 "courtesy": (BOOL, False)},
    "decline": {"message": (STR, True), "with_reason": (STR, True), "suggestions": (TEXT_LIST, True)},
}

# file -> its top-level keys (required or not); any other key at the top of a file is an error (a typo).
TOP_KEYS: dict[str, dict[str, bool]] = {
    "sources": {"sources": True},
    "facts": {"facts": True},
    "topics": {"topics": True},
    "lexicon": {"measures": True, "entities": True, "synonyms": True, "out_of_scope": True,
                "ambiguous": False, "question_kinds": False},
    "chitchat": {"intents": True, "decline": True, "about": True},
}


def https_url(value: object) -> bool:
    """Tell whether value is a link readers may follow: https, to a named host, nothing a browser would mangle."""
    if not isinstance(value, str) or any(c.isspace() or c in "<>\"'" for c in value):
        return False
    parts = urlsplit(value)
    return parts.scheme == "https" and bool(parts.hostname) and "." in (parts.hostname or "")


def _is(kind: str, value: object) -> bool:
    """Tell whether a YAML value is of a declared kind."""
    if kind == STR:
        return isinstance(value, str) and bool(value.strip())
    if kind == TEXT_LIST:
        return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    if kind == NUMBER:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == INT_OR_NULL:
        return value is None or (isinstance(value, int) and not isinstance(value, bool))
    if kind == RANK:
        return isinstance(value, int) and not isinstance(value, bool) and value >= 1
    if kind == BOOL:
        return isinstance(value, bool)
    if kind == HTTPS:
        return https_url(value)
    return isinstance(value, dict if kind == MAPPING else list)


def record(kind: str, value: object, where: Marked, item: str) -> list[Problem]:
    """Check one record against its field table."""
    if not isinstance(value, Marked):
        return [Problem(where.file, where.line, item, f"each {kind} must be a mapping")]
    found = []
    for name, (want, required) in FIELDS[kind].items():
        if name not in value:
            if required:
                found.append(Problem(value.file, value.line, item, f"missing field '{name}'"))
        elif not _is(want, value[name]):
            found.append(Problem(value.file, value.key_lines.get(name, value.line), item,
                                 f"field '{name}' must be {want}"))
    for name in value:
        if name not in FIELDS[kind]:
            found.append(Problem(value.file, value.key_lines.get(name, value.line), item,
                                 f"unknown field '{name}' (expected one of: {', '.join(FIELDS[kind])})"))
    return found


def items(raw: dict[str, Marked], file: str, key: str) -> Iterator[tuple[str, object, Marked]]:
    """Yield (id, record, parent) for a list of records with `id` fields or a mapping of records."""
    top = raw.get(file)
    if top is None:
        return
    body = top.get(key)
    if isinstance(body, list):
        for value in body:
            ident = value.get("id") if isinstance(value, dict) else None
            yield (ident if isinstance(ident, str) else "-"), value, (value if isinstance(value, Marked) else top)
    elif isinstance(body, Marked):
        for ident, value in body.items():
            yield str(ident), value, body


def check_shape(raw: dict[str, Marked]) -> list[Problem]:
    """Check every record of every file for its fields and their types."""
    found: list[Problem] = []
    layout = {("sources", "sources"): (list, "source"), ("facts", "facts"): (list, "fact"),
              ("topics", "topics"): (dict, "topic"), ("lexicon", "out_of_scope"): (dict, "out_of_scope"),
              ("chitchat", "intents"): (dict, "chitchat")}
    for file, top in raw.items():
        for name in top:
            if name not in TOP_KEYS[file]:
                found.append(Problem(top.file, top.key_lines.get(name, top.line), str(name),
                                     f"unknown key at the top of the file (expected one of: {', '.join(TOP_KEYS[file])})"))
    for (file, key), (container, kind) in layout.items():
        top = raw.get(file)
        if top is None:
            continue
        if not isinstance(top.get(key), container):
            found.append(Problem(top.file, top.line, key, f"'{key}' must be {'a list' if container is list else 'a mapping'}"))
            continue
        for ident, value, parent in items(raw, file, key):
            found += record(kind, value, parent, ident)
            if kind == "fact" and isinstance(value, Marked):
                found += _figures(value, ident)
    found += _lexicon(raw.get("lexicon"))
    if "chitchat" in raw:
        decline = raw["chitchat"].get("decline")
        found += record("decline", decline, raw["chitchat"], "decline")
        if not _is(STR, raw["chitchat"].get("about")):
            found.append(Problem(raw["chitchat"].file, raw["chitchat"].line, "about",
                                 "'about' must say in a sentence what careerbot answers from"))
    return found


def _figures(fact: Marked, fact_id: str) -> list[Problem]:
    """Check the figures of one fact."""
    found = []
    for fig in fact.get("figures") or []:
        found += record("figure", fig, fact, fact_id)
        if not isinstance(fig, Marked):
            continue
        if fig.get("unit") not in UNITS:
            found.append(Problem(fig.file, fig.line, fact_id, f"figure unit must be one of {', '.join(UNITS)}"))
        if ("year" in fig) == ("period" in fig):
            found.append(Problem(fig.file, fig.line, fact_id, "figure needs exactly one of 'year' (null if the article does not say) or 'period'"))
        period = fig.get("period")
        if isinstance(period, str) and not _is_period(period):
            found.append(Problem(fig.file, fig.line, fact_id, f"period '{period}' must look like 2001-2011"))
        if isinstance(fig.get("derived"), Marked):
            found += record("derived", fig["derived"], fig, fact_id)
            if fig["derived"].get("op") not in DERIVE_OPS:
                found.append(Problem(fig.file, fig.line, fact_id, f"derived op must be one of {', '.join(DERIVE_OPS)}"))
        for key, value in (fig.get("scope") or {}).items():
            if not isinstance(value, str):
                found.append(Problem(fig.file, fig.line, fact_id, f"scope '{key}' must name an entity id"))
    return found


def _is_period(text: str) -> bool:
    """Tell whether text is a period of years such as 2008-2018."""
    parts = text.split("-")
    return len(parts) == 2 and all(p.isdigit() and len(p) == 4 for p in parts) and parts[0] < parts[1]


# Optional lexicon tables of lists, and what they map.
OPTIONAL_LISTS = {
    "ambiguous": "a phrase to a list of entity tags (kind:id) it may also mean",
    "question_kinds": "a question type (who, where) to a list of entity kinds",
}


def _lexicon(lex: Marked | None) -> list[Problem]:
    """Check the lexicon's entity tables and synonym lists."""
    if lex is None:
        return []
    found = []
    entities, synonyms, measures = lex.get("entities"), lex.get("synonyms"), lex.get("measures")
    if not isinstance(measures, Marked) or not all(_is(STR, v) for v in measures.values()):
        found.append(Problem(lex.file, lex.key_lines.get("measures", lex.line), "measures",
                             "'measures' must map each measure id to a label"))
    if not isinstance(entities, Marked):
        found.append(Problem(lex.file, lex.line, "entities", "'entities' must be a mapping of kinds"))
    else:
        for kind, table in entities.items():
            if not isinstance(table, Marked):
                found.append(Problem(entities.file, entities.key_lines.get(kind, entities.line), str(kind),
                                     "an entity kind must be a mapping of entities"))
                continue
            for ident, value in table.items():
                found += record("entity", value, table, f"{kind}:{ident}")
    for key, what in OPTIONAL_LISTS.items():
        table = lex.get(key, {})
        if not isinstance(table, dict) or not all(_is(TEXT_LIST, v) for v in table.values()):
            found.append(Problem(lex.file, lex.key_lines.get(key, lex.line), key, f"'{key}' must map {what}"))
    if not isinstance(synonyms, Marked):
        found.append(Problem(lex.file, lex.line, "synonyms", "'synonyms' must be a mapping"))
    else:
        for canonical, variants in synonyms.items():
            if not _is(TEXT_LIST, variants):
                found.append(Problem(synonyms.file, synonyms.key_lines.get(canonical, synonyms.line),
                                     str(canonical), "synonyms must be a list of strings"))
    return found
