"""Write the checker's field tables as a JSON Schema per KB file, for editors to validate as the curator types."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from .schema import (BOOL, DERIVE_OPS, FIELDS, HTTPS, INT_OR_NULL, LIST, MAPPING, NUMBER, RANK, STR, TEXT_LIST,
                     TOP_KEYS, UNITS)

# Where the schemas ship: package data beside this module (`careerbot/kb/schemas/facts.schema.json`).
FOLDER = Path(__file__).parent / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The checker's value kinds in JSON Schema; each agrees with schema._is (a test holds them to it).
KINDS: dict[str, dict] = {
    STR: {"type": "string", "pattern": r"\S"},
    TEXT_LIST: {"type": "array", "items": {"type": "string", "pattern": r"\S"}},
    NUMBER: {"type": "number"},
    INT_OR_NULL: {"type": ["integer", "null"]},
    BOOL: {"type": "boolean"},
    MAPPING: {"type": "object"},
    LIST: {"type": "array"},
    RANK: {"type": "integer", "minimum": 1},
    HTTPS: {"type": "string", "pattern": r"""^https://[^\s<>"'/?#]*\.[^\s<>"'/?#]*([/?#][^\s<>"']*)?$"""},
}

# Fields whose values the checker narrows beyond their kind: record kind -> field -> extra schema.
NARROWER: dict[str, dict[str, dict]] = {
    "fact": {"figures": {"items": {"$ref": "#/$defs/figure"}}},
    "figure": {"unit": {"enum": list(UNITS)}, "period": {"pattern": r"^\d{4}-\d{4}$"},
               "scope": {"additionalProperties": {"type": "string"}}, "derived": {"$ref": "#/$defs/derived"}},
    "derived": {"op": {"enum": list(DERIVE_OPS)}},
}
# A figure says its year (null if the article does not) or its period, never both.
ONE_OF = {"figure": [{"required": ["year"], "not": {"required": ["period"]}},
                     {"required": ["period"], "not": {"required": ["year"]}}]}


def record_schema(kind: str) -> dict:
    """Return the JSON Schema of one kind of record, field by field from schema.FIELDS."""
    fields = FIELDS[kind]
    out: dict = {"type": "object", "additionalProperties": False,
                 "properties": {name: KINDS[want] | NARROWER.get(kind, {}).get(name, {}) for name, (want, _) in fields.items()},
                 "required": [name for name, (_, required) in fields.items() if required]}
    if kind in ONE_OF:
        out["oneOf"] = ONE_OF[kind]
    return out


def _mapping_of(schema: dict) -> dict:
    return {"type": "object", "additionalProperties": schema}


# file -> top-level key -> its schema, with the record kinds each file defines.
TOPS: dict[str, tuple[dict[str, dict], tuple[str, ...]]] = {
    "sources": ({"sources": {"type": "array", "items": {"$ref": "#/$defs/source"}}}, ("source",)),
    "facts": ({"facts": {"type": "array", "items": {"$ref": "#/$defs/fact"}}}, ("fact", "figure", "derived")),
    "topics": ({"topics": _mapping_of({"$ref": "#/$defs/topic"})}, ("topic",)),
    "lexicon": ({"measures": _mapping_of(KINDS[STR]), "entities": _mapping_of(_mapping_of({"$ref": "#/$defs/entity"})),
                 "synonyms": _mapping_of(KINDS[TEXT_LIST]), "out_of_scope": _mapping_of({"$ref": "#/$defs/out_of_scope"}),
                 "ambiguous": _mapping_of(KINDS[TEXT_LIST]), "question_kinds": _mapping_of(KINDS[TEXT_LIST])},
                ("entity", "out_of_scope")),
    "chitchat": ({"intents": _mapping_of({"$ref": "#/$defs/chitchat"}), "decline": {"$ref": "#/$defs/decline"},
                  "about": KINDS[STR]}, ("chitchat", "decline")),
}


def file_schema(file: str) -> dict:
    """Return the JSON Schema of one KB file (sources, facts, lexicon, topics or chitchat)."""
    tops, kinds = TOPS[file]
    return {"$schema": DIALECT, "$id": f"https://careerbot.invalid/schemas/{file}.schema.json",
            "title": f"careerbot KB: {file}.yaml", "type": "object", "additionalProperties": False,
            "properties": {key: tops[key] for key in TOP_KEYS[file]},
            "required": [key for key, required in TOP_KEYS[file].items() if required],
            "$defs": {kind: record_schema(kind) for kind in kinds}}


def render(file: str) -> str:
    """Return the schema file's text as it ships."""
    return json.dumps(file_schema(file), indent=2) + "\n"


def main() -> None:
    """Rewrite the shipped schema files from the field tables (run after changing schema.py)."""
    FOLDER.mkdir(exist_ok=True)
    for file in TOP_KEYS:
        (FOLDER / f"{file}.schema.json").write_text(render(file), encoding="utf-8")
        sys.stdout.write(f"wrote {FOLDER / file}.schema.json\n")


if __name__ == "__main__":
    main()
