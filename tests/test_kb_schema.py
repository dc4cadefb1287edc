"""The JSON Schemas shipped for editors and the checker's structural rules agree, field by field."""
from __future__ import annotations

import json

import jsonschema
import pytest

from careerbot.kb.files import FILES, read_kb
from careerbot.kb.jsonschema import FOLDER, KINDS, file_schema, render
from careerbot.kb.schema import FIELDS, TOP_KEYS, _is, check_shape
from conftest import KBS, ROOT, run_cli

# Every KB folder the tests hold whose files parse: the bundled one, the good ones and the broken ones.
FOLDERS = [ROOT / "kb", *sorted(p for p in KBS.iterdir() if p.is_dir() and (p / "facts.yaml").is_file())]

# Values of every kind and edge the checker tells apart.
SAMPLES = ["x", " ", "", 3, 2.5, 0, -1, True, None, [], ["a"], ["a", 3], [" "], {}, {"a": 1},
           "https://www.bls.gov/ooh/", "http://www.bls.gov/", "https://localhost/", "https://a.b/c d"]


@pytest.mark.parametrize("file", FILES)
def test_shipped_schema_is_generated_from_the_field_tables(file):
    shipped = (FOLDER / f"{file}.schema.json").read_text(encoding="utf-8")
    assert shipped == render(file), "run `python -m careerbot.kb.jsonschema` after changing kb/schema.py"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_schema_kind_accepts_what_the_checker_accepts(kind):
    validator = jsonschema.Draft202012Validator(KINDS[kind])
    for value in SAMPLES:
        assert validator.is_valid(value) == _is(kind, value), (kind, value)


@pytest.mark.parametrize("kind,field", [(k, f) for k, fields in FIELDS.items() for f in fields])
def test_schema_declares_each_checked_field(kind, field):
    schemas = [s["$defs"][kind] for s in map(file_schema, FILES) if kind in s.get("$defs", {})]
    assert schemas, f"no file schema defines a {kind}"
    for schema in schemas:
        assert field in schema["properties"] and schema["additionalProperties"] is False
        assert (field in schema["required"]) == FIELDS[kind][field][1]


@pytest.mark.parametrize("file", FILES)
def test_schema_declares_each_top_level_key(file):
    schema = file_schema(file)
    assert set(schema["properties"]) == set(TOP_KEYS[file]) and schema["additionalProperties"] is False
    assert set(schema["required"]) == {k for k, required in TOP_KEYS[file].items() if required}


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_schema_and_checker_judge_every_kb_file_alike(folder):
    raw, _ = read_kb(folder)
    problems = check_shape(raw)
    for file, data in raw.items():
        by_checker = [p for p in problems if p.file.endswith(f"{file}.yaml")]
        by_schema = list(jsonschema.Draft202012Validator(file_schema(file)).iter_errors(json.loads(json.dumps(data))))
        assert bool(by_checker) == bool(by_schema), (file, by_checker, [e.message for e in by_schema])


@pytest.mark.parametrize("file,key", [(f, next(iter(keys))) for f, keys in TOP_KEYS.items()])
def test_kb_check_refuses_an_unknown_key_at_the_top_of_any_file(tmp_path, file, key):
    folder = tmp_path / "kb"
    folder.mkdir()
    for name in FILES:
        (folder / f"{name}.yaml").write_text((KBS / "tidepool" / f"{name}.yaml").read_text())
    path = folder / f"{file}.yaml"
    path.write_text(f"{key}s_typo: []\n" + path.read_text())
    result = run_cli("kb", "check", str(folder))
    assert result.returncode == 1
    assert f"{path}:1: {key}s_typo: unknown key at the top of the file (expected one of: " in result.stderr
