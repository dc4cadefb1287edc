"""Load a KB folder: read its files, check their shape, build the typed model, check it; never half-load."""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from ..paths import shipped
from . import cache
from .check import check_kb
from .files import FILES, KBError, Marked, Problem, read_kb, todos
from .language import Language, read_language
from .model import (KB, ChitChat, Decline, Derivation, Entity, Fact, Figure, Loc, OutOfScope, Source, Topic)
from .occupations import Occupations, read_occupations
from .paytable import check_links, read_pay
from .schema import check_shape, items
from .tokens import tokenize


def _loc(value: Marked) -> Loc:
    return (value.file, value.line)


def _build(raw: dict[str, Marked], path: Path, language: Language, occupations: Occupations | None = None) -> KB:
    """Turn shape-checked raw data into typed records."""
    sources = {i: Source(i, v["organization"], v["year"], v["section"], v.get("note", ""), v.get("url"),
                         _loc(v), v.get("rank", 1))
               for i, v, _ in items(raw, "sources", "sources")}
    facts = []
    for fid, v, _ in items(raw, "facts", "facts"):
        figures = tuple(
            Figure(
                id=f["id"], fact_id=fid, measure=f["measure"], value=f["value"], unit=f["unit"],
                stat=f.get("stat"), year=f.get("year"), period=f.get("period"),
                scope=tuple(sorted((f.get("scope") or {}).items())), projection=f.get("projection", False),
                part_of=f.get("part_of"), share_of=f.get("share_of"), includes=tuple(f.get("includes") or ()),
                rest=tuple(f.get("rest") or ()), parts=tuple(f.get("parts") or ()),
                derived=Derivation(f["derived"]["op"], tuple(f["derived"]["inputs"])) if "derived" in f else None,
                loc=_loc(f),
            )
            for f in v.get("figures") or []
        )
        missing = Source(v["source"], "?", None, "?")
        facts.append(Fact(fid, v["text"], tuple(v["topics"]), sources.get(v["source"], missing),
                          tuple(v.get("keywords") or ()), figures, _loc(v), tuple(v.get("defines") or ()),
                          tuple(v.get("explains") or ())))
    lex = raw["lexicon"]
    entities = {}
    for kind, table in lex["entities"].items():
        for ident, v in table.items():
            ent = Entity(str(kind), str(ident), v["label"], tuple(v["aliases"]), _loc(v), v.get("no_figures", False),
                         v.get("baseline", False))
            entities[ent.tag] = ent
    syn = lex["synonyms"]
    topics = {i: Topic(i, v["label"], tuple(v["cues"]), tuple(v.get("overview") or ()),
                       tuple(v.get("suggestions") or ()), _loc(v)) for i, v, _ in items(raw, "topics", "topics")}
    oos = {i: OutOfScope(i, v["reason"], tuple(v["terms"]), _loc(v), v.get("whole", False))
           for i, v, _ in items(raw, "lexicon", "out_of_scope")}
    chat = {i: ChitChat(i, tuple(v["patterns"]), v["response"], tuple(v.get("cues") or ()), v.get("courtesy", False), _loc(v))
            for i, v, _ in items(raw, "chitchat", "intents")}
    d = raw["chitchat"]["decline"]
    return KB(path, sources, tuple(facts), {str(k): v for k, v in lex["measures"].items()}, entities, {str(k): tuple(v) for k, v in syn.items()},
              {str(k): (syn.file, syn.key_lines.get(k, syn.line)) for k in syn}, topics, oos, chat,
              Decline(d["message"], d["with_reason"], tuple(d["suggestions"])), raw["chitchat"]["about"], language,
              {str(k): tuple(v) for k, v in (lex.get("question_kinds") or {}).items()}, occupations,
              {str(k): tuple(v) for k, v in (lex.get("ambiguous") or {}).items()})


def bundled_path() -> Path:
    """Return the KB folder that ships inside the package."""
    return shipped("kb")


def resolve_path(path: str | os.PathLike | None = None) -> Path:
    """Pick the KB folder: an explicit path, then $CAREERBOT_KB, then the bundled KB."""
    chosen = path or os.environ.get("CAREERBOT_KB")
    return Path(chosen) if chosen else bundled_path()


# What stands in for a file that cannot be used, so the checks that do not read it still run.
PLACEHOLDERS: dict[str, dict] = {
    "sources": {"sources": []}, "facts": {"facts": []}, "topics": {"topics": {}},
    "lexicon": {"measures": {}, "entities": {}, "synonyms": {}, "out_of_scope": {}},
    "chitchat": {"intents": {}, "decline": {"message": "", "with_reason": "", "suggestions": []}, "about": ""},
}


def _placeholder(name: str, folder: Path) -> Marked:
    """Return an empty stand-in for a broken file: marked, so lookups of its lines still work."""
    def mark(value):
        if not isinstance(value, dict):
            return value
        out = Marked({k: mark(v) for k, v in value.items()})
        out.file, out.line, out.key_lines = str(folder / f"{name}.yaml"), 1, {}
        return out
    return mark(PLACEHOLDERS[name])


def _order(problems: list[Problem]) -> list[Problem]:
    """Sort problems the way a curator works through them: file by file, top to bottom."""
    rank = {name: i for i, name in enumerate(FILES)}
    return sorted(problems, key=lambda p: (rank.get(Path(p.file).stem, len(FILES)), p.file, p.line))


def check(path: str | os.PathLike | None = None) -> tuple[KB | None, list[Problem]]:
    """Read and check a KB; return it (or None) with every problem found, all in one run.

    A file that cannot be read or has the wrong shape is set aside; every check that does not read
    it still runs, so a YAML error in one file does not hide a duplicate id in another.
    """
    folder = resolve_path(path)
    if not folder.is_dir():
        return None, [Problem(str(folder), 1, "-", "KB folder not found")]
    digest = cache.key(folder)
    kb = cache.read(digest)
    if kb is not None:  # it passed this very check before
        return kb, []
    raw, problems = read_kb(folder)
    language, found = read_language(folder)
    problems += found
    shape = check_shape(raw)
    problems += shape
    sound = {name for name in raw if not any(Path(p.file).stem == name for p in problems)}
    problems += [todo for name in FILES for todo in todos(folder / f"{name}.yaml", str(folder / f"{name}.yaml"))]
    occupations = None
    if "lexicon" in sound:
        occupations, found = read_occupations(folder, set(raw["lexicon"]["out_of_scope"]))
        problems += found
    if language is None:
        return None, _order(problems)
    whole = {name: raw[name] if name in sound else _placeholder(name, folder) for name in FILES}
    kb = _build(whole, folder, language, occupations)
    problems += check_kb(kb, frozenset(sound))
    if "lexicon" in sound:  # the table's names leave the lexicon's phrases their meaning
        pay, found = read_pay(folder, {p.words for p in kb.phrases()}, {w for f in kb.facts for w in tokenize(f.text)})
        problems += found or (check_links(pay, kb) if pay else [])
        kb = replace(kb, pay=pay)
    if problems:
        return None, _order(problems)
    cache.write(kb, digest)
    return kb, []


def load(path: str | os.PathLike | None = None) -> KB:
    """Load a KB that passes its check, or raise KBError with every problem."""
    kb, problems = check(path)
    if kb is None:
        raise KBError(problems)
    return kb
