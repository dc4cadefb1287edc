"""A compiled cache of checked KBs: the typed model pickled under the hash of what made it.

Parsing YAML is most of a large KB's load (about 10 s at 49,000 facts, even with libyaml, whose events
PyYAML still turns into objects in Python); reading the pickled model back takes 0.5 s. The key covers every KB file's bytes, the KB package's own code (a
changed rule checks again) and the Python version, so a cached KB is always one that passes today's
check. Only a KB that passed is written; a broken KB is read from YAML every time, for its located
problems. A cache that cannot be read or written is skipped: it costs time, never a load.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from contextlib import suppress
from pathlib import Path

from .model import KB

log = logging.getLogger("careerbot")

CODE = Path(__file__).resolve().parent  # the loader, the schema and the checks: their code is in the key
OFF = ("off", "none", "0")
KEEP = 4  # compiled KBs kept: each edit of a KB makes a new one, and a large one takes 20 MB


def folder() -> Path | None:
    """Return where compiled KBs are kept: $CAREERBOT_KB_CACHE, else ~/.cache/careerbot/kb; None when off."""
    setting = os.environ.get("CAREERBOT_KB_CACHE", "").strip()
    if setting.lower() in OFF:
        return None
    return Path(setting) if setting else Path.home() / ".cache" / "careerbot" / "kb"


def _code_digest() -> bytes:
    """Return the hash of the loader's code as this process imported it."""
    digest = hashlib.sha256(sys.version.encode())
    for path in [*sorted(CODE.glob("*.py")), *sorted(CODE.glob("*.yaml"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


# Read once, at import: a process that runs while its code is edited must not file the KB its old code
# built under the new code's key (the next process would load an object its classes do not match).
CODE_DIGEST = _code_digest()


def key(kb_folder: Path) -> str | None:
    """Return the hash of a KB folder's files and of the code that checks them, or None if one is unreadable."""
    # The folder is in the key as given: problems and warnings name files the way the user did.
    digest = hashlib.sha256(CODE_DIGEST + f"\0{kb_folder}\0".encode())
    try:
        for path in [*sorted(kb_folder.glob("*.yaml")), *sorted(kb_folder.glob("oews/*"))]:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def read(digest: str | None) -> KB | None:
    """Return the KB compiled under this key, or None."""
    where = folder()
    if where is None or digest is None:
        return None
    try:
        data = (where / f"{digest}.pickle").read_bytes()
    except OSError:
        return None
    try:
        kb = pickle.loads(data)  # noqa: S301 - written by `write` below, in the user's own cache folder
    except Exception as exc:  # a truncated or foreign file: read the YAML instead
        log.warning("ignoring the compiled KB %s: %s", digest[:12], exc)
        return None
    return kb if isinstance(kb, KB) else None


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def write(kb: KB, digest: str | None) -> None:
    """Keep a checked KB under its key (atomically: a reader never sees half a file)."""
    where = folder()
    if where is None or digest is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where, suffix=".tmp", delete=False) as out:
            pickle.dump(kb, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, where / f"{digest}.pickle")
        for old in sorted(where.glob("*.pickle"), key=_mtime, reverse=True)[KEEP:]:
            with suppress(OSError):  # another process may have pruned it first
                old.unlink()
    except OSError as exc:
        log.warning("cannot keep the compiled KB in %s: %s", where, exc)
        with suppress(OSError, UnboundLocalError):
            os.unlink(out.name)
