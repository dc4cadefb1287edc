"""Write a drafted KB as the five YAML files, with a `# TODO` comment wherever a person must decide."""
from __future__ import annotations

import json
from pathlib import Path

from .draft import Draft, DraftFact
from .files import FILES, TODO
from .jsonschema import FOLDER

OVERVIEW_FACTS = 4  # facts a drafted topic overview starts with
WORDS_SHOWN = 110  # characters of the words around a figure a TODO quotes
GENERIC_ABOUT = "I answer questions from one career article and cite its sources."


def _q(value: object) -> str:
    """Write a value as YAML (JSON is YAML): strings quoted, lists and mappings in flow style."""
    return json.dumps(value, ensure_ascii=False)


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _header(article: str, what: str, name: str) -> list[str]:
    # The first line lets editors with a YAML language server validate the file as the curator types.
    return [f"# yaml-language-server: $schema={(FOLDER / f'{name}.schema.json').as_uri()}",
            f"# {what} Drafted by `careerbot kb draft` from {article}.",
            "# Each TODO comment is a decision left to you: `careerbot kb check` lists them in order; delete each when decided."]


def _fact(fact: DraftFact, stats: set[str]) -> list[str]:
    lines = []
    if fact.question:
        lines.append(f"  {TODO}: a question, not a statement: fold it into a fact or delete it")
    if not fact.topics:
        lines.append(f"  {TODO}: no bundled topic's cues meet this fact: name its topics")
    lines += [f"  - id: {fact.id}", f"    text: {_q(fact.text)}", f"    topics: {_q(list(fact.topics))}",
              f"    source: {fact.source}"]
    reading = fact.reading
    if reading.scope_hints:
        lines.append(f"    {TODO}: add a scope entity for {', '.join(reading.scope_hints)} to the figures below")
    if reading.candidates:
        lines.append("    figures:")
    for n, c in enumerate(reading.candidates):
        fields = {"id": f"{fact.id}-{chr(ord('a') + n)}", "measure": c.measure or "todo", "value": _number(c.value),
                  "unit": c.unit}
        if c.stat in stats:
            fields["stat"] = c.stat
        fields |= {"period": c.period} if c.period else {"year": c.year if c.year else "null"}
        if c.projection:
            fields["projection"] = "true"
        words = c.words if len(c.words) <= WORDS_SHOWN else "..." + c.words[-WORDS_SHOWN:]
        lines.append(f"      {TODO}: {'measure? ' if not c.measure else ''}scope? {c.unit} from {_q(words)}")
        lines.append("      - {" + ", ".join(f"{k}: {v}" for k, v in fields.items()) + "}")
    return lines


def facts_yaml(found: Draft, article: str) -> str:
    stats = set((found.bundled["lexicon"].get("entities") or {}).get("stat") or {})
    lines = _header(article, "The article's statements, one fact each.", "facts") + ["facts:"]
    section = None
    for fact in found.facts:
        if fact.section != section:
            section = fact.section
            lines.append(f"  # --- {section} ---")
        lines += _fact(fact, stats)
    return "\n".join(lines) + "\n"


def sources_yaml(found: Draft, article: str) -> str:
    lines = _header(article, "Who states each fact, per section of the article.", "sources") + ["sources:"]
    for src in found.sources:
        lines += [f"  {TODO}: check the organization's name and the year its figures describe; add an https url if it has a page",
                  f"  - id: {src.id}", f"    organization: {_q(src.organization)}",
                  f"    year: {src.year if src.year else 'null'}", f"    section: {_q(src.section)}"]
    return "\n".join(lines) + "\n"


def topics_yaml(found: Draft, article: str) -> str:
    topics = found.bundled["topics"].get("topics") or {}
    used = {t for f in found.facts for t in f.topics}
    lines = _header(article, "Topics proposed from the bundled KB's cues.", "topics") + ["topics:"]
    for ident, topic in topics.items():
        if ident not in used:
            continue
        overview = [f.id for f in found.facts if f.topics[:1] == (ident,)][:OVERVIEW_FACTS]
        lines += [f"  {TODO}: keep, rename or drop this topic; fit its cues and overview to the article; add suggestions",
                  f"  {ident}:", f"    label: {_q(topic.get('label', ident))}", f"    cues: {_q(list(topic.get('cues') or []))}",
                  f"    overview: {_q(overview)}"]
    return "\n".join(lines) + "\n"


def lexicon_yaml(found: Draft, article: str) -> str:
    lex = found.bundled["lexicon"]
    labels = lex.get("measures") or {}
    measures = dict.fromkeys(c.measure or "todo" for c in found.candidates)
    lines = _header(article, "Measures, entities and ways of asking.", "lexicon") + ["measures:"]
    for m in measures:
        lines += [f"  {TODO}: check the label of measure '{m}'", f"  {m}: {_q(labels.get(m, m.replace('_', ' ')))}"]
    lines += ["entities:", f"  {TODO}: add the settings, roles, groups and other things the figures' scopes name (kind: id: label, aliases)"]
    stat = (lex.get("entities") or {}).get("stat") or {}
    if stat:
        lines.append("  stat:")
        lines += [f"    {ident}: {_q(dict(value))}" for ident, value in stat.items()]
    lines += ["synonyms:", f"  {TODO}: these are the bundled KB's ways of asking: keep what fits this career"]
    lines += [f"  {_q(str(k))}: {_q(list(v))}" for k, v in (lex.get("synonyms") or {}).items()]
    lines += [f"{TODO}: add what the article does not cover and why, so such questions are declined with a reason",
              "out_of_scope: {}"]
    return "\n".join(lines) + "\n"


def chitchat_yaml(found: Draft, article: str) -> str:
    chat = found.bundled["chitchat"]
    lines = _header(article, "Small talk and the decline message, copied from the bundled KB.", "chitchat")
    lines += [f"{TODO}: say in a sentence what this KB answers from, and how old its figures are",
              f"about: {_q(GENERIC_ABOUT)}", "intents:", f"  {TODO}: read each response: it was written for another career"]
    lines += [f"  {_q(str(k))}: {_q(dict(v))}" for k, v in (chat.get("intents") or {}).items()]
    decline = dict(chat.get("decline") or {"message": "Sorry, I don't have information on that.",
                                           "with_reason": "Sorry, I can't answer that: {reason}"})
    decline["suggestions"] = []
    lines += [f"{TODO}: suggest questions this KB answers well", f"decline: {_q(decline)}"]
    return "\n".join(lines) + "\n"


WRITERS = {"sources": sources_yaml, "facts": facts_yaml, "lexicon": lexicon_yaml, "topics": topics_yaml,
           "chitchat": chitchat_yaml}


def write(found: Draft, folder: Path, article: str) -> list[Path]:
    """Write the draft's five files into folder (created if need be); return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in FILES:
        path = folder / f"{name}.yaml"
        path.write_text(WRITERS[name](found, article), encoding="utf-8")
        paths.append(path)
    return paths
