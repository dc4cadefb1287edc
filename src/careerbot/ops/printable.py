"""Make logged text safe to print: for a terminal, for a spreadsheet, as JSON."""
from __future__ import annotations

import re
import unicodedata

# What a terminal acts on instead of showing: C0 controls (ESC starts colour and clear-screen sequences, a
# newline forges a row), DEL and C1 (0x9b is a one-byte ESC [), and what reorders or breaks a line: the
# bidirectional controls (U+202E turns text around) and the line and paragraph separators.
BEYOND_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
UNSAFE = re.compile(f"[\x00-\x1f{BEYOND_C0}]")
UNSAFE_IN_JSON = re.compile(f"[{BEYOND_C0}]")  # json.dumps escapes C0 itself, and only C0
# A cell a spreadsheet runs as a formula starts with one of these, once it has dropped what it ignores in
# front (spaces, NBSP, zero-width characters) and read full-width forms as ASCII ("＝" is "=").
FORMULA_STARTS = ("=", "+", "-", "@")
ELLIPSIS = "\u2026"
SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    return SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def line(text: str, limit: int) -> str:
    """Return text as one printable line of at most `limit` characters before escaping, cut with an ellipsis."""
    if len(text) > limit:
        text = text[: limit - 1] + ELLIPSIS
    return UNSAFE.sub(_escaped, text)


def _ignored(char: str) -> bool:
    """Say whether a spreadsheet skips this character in front of a formula (white space or invisible)."""
    return char.isspace() or unicodedata.category(char) == "Cf"


def cell(value: object, limit: int) -> object:
    """Return a CSV cell: text as one printable line that a spreadsheet shows and never runs as a formula."""
    if not isinstance(value, str):
        return value
    text = line(value, limit)
    first = next((c for c in text if not _ignored(c)), "")
    if unicodedata.normalize("NFKC", first).startswith(FORMULA_STARTS):
        return "'" + text
    return text


def json_text(text: str) -> str:
    """Escape, in JSON text, what json.dumps leaves raw but a terminal would act on (C1, bidi controls)."""
    return UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
