"""The knowledge lives in kb/ only: no figure, name or sentence of the article in src/ or web/."""
from __future__ import annotations

from pathlib import Path

import pytest

from careerbot.kb.numbers import plain
from conftest import ROOT

CODE = [p for folder in ("src", "web") for p in (ROOT / folder).rglob("*")
        if p.suffix in {".py", ".js", ".html", ".css", ".json", ".txt"} and p.is_file()]


def _needles(bot) -> list[str]:
    """Return strings that only the article could have put in code."""
    kb = bot.kb
    needles = set()
    for fig in kb.figures.values():
        if fig.value >= 100 or fig.value != int(fig.value):  # small whole numbers occur in any code
            needles |= {plain(fig.value), f"{fig.value:g}"}
    needles |= {s.organization for s in kb.sources.values()}
    needles |= {e.label for e in kb.entities.values() if len(e.label) > 12}
    needles |= {fact.text[:40] for fact in kb.facts}
    return sorted(needles)


def test_code_files_are_found():
    assert any(p.name == "bot.py" for p in CODE)


@pytest.mark.parametrize("path", CODE, ids=[str(p.relative_to(ROOT)) for p in CODE])
def test_code_holds_no_article_knowledge(bot, path: Path):
    text = path.read_text(encoding="utf-8")
    found = [n for n in _needles(bot) if n in text]
    assert found == [], f"{path.relative_to(ROOT)} holds KB content: {found}"
