"""`careerbot kb import-oews`: the committed pay table is exactly what the real BLS OEWS file gives."""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from careerbot.kb import oews
from conftest import ROOT, run_cli

TABLE = ROOT / "kb" / oews.FOLDER


def _committed() -> dict[str, str]:
    return {name: (TABLE / name).read_text(encoding="utf-8") for name in oews.TABLE_FILES}


def test_import_rebuilds_the_committed_table_byte_for_byte(oews_db):
    built = oews.build(oews_db, list(oews.industries_of(ROOT / "kb").values()))
    assert built == _committed()


def test_import_command_writes_the_table_into_a_kb_folder(oews_db, tmp_path):
    kb = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", kb, ignore=shutil.ignore_patterns(oews.FOLDER))
    result = run_cli("kb", "import-oews", str(kb), "--from", str(oews_db.database))
    assert result.returncode == 0, result.stderr
    for name in oews.TABLE_FILES[:-1]:  # release.yaml names the manifest's files only when it is beside the database
        assert (kb / oews.FOLDER / name).read_bytes() == (TABLE / name).read_bytes()


def test_fetch_checks_the_manifest_sums(oews_db):
    manifest = json.loads((oews_db.database.parent / "manifest.json").read_text())
    assert oews.sha256(oews_db.database) == manifest["database_sha256"]
    assert manifest["release"]["description"] == "May 2025"


@pytest.mark.parametrize("marker, footnote, column", [("#", "5", 15), ("*", "8", 13), ("**", "8", 1), ("-", "4", 8)])
def test_import_keeps_what_bls_footnotes_mean(oews_db, marker, footnote, column):
    """A cell BLS publishes no number for keeps the footnote's meaning; no value is made up."""
    db = sqlite3.connect(oews_db.database)
    key = db.execute(f"select key from cell where substr(key, 4, 1) in ('N', 'S') and substr(key, 12, 6) = '000000' "
                     f"and f{column:02d} = ? and substr(key, 18) in (select occupation_code from occupation "
                     f"where display_level in (0, 3)) order by key limit 1", (footnote,)).fetchone()[0]
    names = [name for name, n in oews.COLUMNS if int(n) == column]
    header, *rows = (TABLE / "wages.tsv").read_text().splitlines()
    row = dict(zip(header.split("\t"), next(r.split("\t") for r in rows if r.startswith(f"{oews.soc(key[17:])}\t{key[4:6]}\t000000\t"))))
    assert row[names[0]] == marker


def test_import_refuses_a_file_that_does_not_match_its_manifest(tmp_path):
    fake = tmp_path / "oews-2025.sqlite"
    fake.write_bytes(b"not the database")
    (tmp_path / "manifest.json").write_text(json.dumps({"database_sha256": "0" * 64}))
    result = run_cli("kb", "import-oews", str(tmp_path), "--from", str(fake))
    assert result.returncode == 1
    assert "does not match the database SHA-256" in result.stderr and "Traceback" not in result.stderr


def test_import_refuses_a_missing_file(tmp_path):
    result = run_cli("kb", "import-oews", str(tmp_path), "--from", str(tmp_path / "nope.sqlite"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
