"""Run question files against a bot and grade every turn: the library behind `careerbot kb test`."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engine.answer import Answer
from .bot import Bot
from .kb.files import Marked, Problem, read_file
from .kb.numbers import numbers_in

# Keys a turn may carry, with what each checks (the README and tests/corpus/FORMAT.md document them).
TURN_KEYS = frozenset({"q", "declined", "says", "says_any", "not_says", "cites", "result", "op", "intent",
                       "unit", "inputs", "agrees_with"})
LIST_KEYS = ("says", "says_any", "not_says", "cites", "inputs")
# The layouts a question file may use: conversations of turns, or one-turn rows.
ROW_LISTS = ("questions", "calculations")


@dataclass(frozen=True)
class Turn:
    """One question of a conversation with what its answer must show."""

    q: str
    expect: dict[str, Any]
    where: str  # file:line, for failure messages


@dataclass(frozen=True)
class Case:
    """A conversation: its turns are asked in one fresh session."""

    id: str
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class TurnResult:
    """How one turn went."""

    case: str
    turn: Turn
    answer: Answer
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        """Tell whether every expectation held."""
        return not self.failures

    def to_dict(self) -> dict:
        """Return the turn's JSON shape for `kb test --json`."""
        return {"case": self.case, "where": self.turn.where, "q": self.turn.q, "passed": self.passed,
                "failures": list(self.failures), "answer": self.answer.answer, "answered": self.answer.answered,
                "intent": self.answer.intent, "cited": [c.fact_id for c in self.answer.citations],
                "calculations": [c.to_dict() for c in self.answer.calculations]}


@dataclass(frozen=True)
class Report:
    """Every turn of every file, graded."""

    results: tuple[TurnResult, ...] = field(default_factory=tuple)

    @property
    def passed(self) -> int:
        """Return how many turns passed."""
        return sum(r.passed for r in self.results)

    @property
    def rate(self) -> float:
        """Return the share of turns that passed, in percent."""
        return 100.0 * self.passed / len(self.results) if self.results else 0.0


def load_cases(path: str | Path) -> tuple[list[Case], list[Problem]]:
    """Read one question file; return its conversations, or the located problems that stop it."""
    label = str(path)
    data, problems = read_file(Path(path), label)
    if data is None or problems:
        return [], problems
    unknown = sorted(set(data) - {"conversations", *ROW_LISTS})
    if unknown:
        return [], [Problem(label, data.key_lines[k], k, "unknown top-level key (use 'conversations')") for k in unknown]
    cases: list[Case] = []
    for key in ROW_LISTS:
        for n, row in enumerate(_list(data, key, label, problems), start=1):
            turn = _turn(row, label, problems)
            if turn:
                cases.append(Case(f"{key}-{n}", (turn,)))
    for n, conv in enumerate(_list(data, "conversations", label, problems), start=1):
        if not isinstance(conv, Marked) or not isinstance(conv.get("turns"), list) or not conv["turns"]:
            problems.append(Problem(label, getattr(conv, "line", data.line), f"conversation {n}",
                                    "a conversation needs a non-empty 'turns' list"))
            continue
        turns = [_turn(t, label, problems) for t in conv["turns"]]
        ident = str(conv.get("id") or conv.get("name") or f"conversation-{n}")
        cases.append(Case(ident, tuple(t for t in turns if t)))
    return cases, problems


def _list(data: Marked, key: str, label: str, problems: list[Problem]) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        problems.append(Problem(label, data.key_lines.get(key, data.line), key, "must be a list"))
        return []
    return value


def _turn(row: Any, label: str, problems: list[Problem]) -> Turn | None:
    """Check one turn's keys and types; a broken turn is reported, never half-run."""
    line = getattr(row, "line", 0)
    if not isinstance(row, Marked) or not isinstance(row.get("q"), str) or not row["q"].strip():
        problems.append(Problem(label, line, "turn", "a turn needs 'q', a non-empty question"))
        return None
    wrong = sorted(set(row) - TURN_KEYS - {"name", "id", "note"})
    if wrong:
        problems.append(Problem(label, row.key_lines[wrong[0]], wrong[0], f"unknown key; use one of {', '.join(sorted(TURN_KEYS))}"))
        return None
    for key in LIST_KEYS:
        if key in row and not (isinstance(row[key], list) and all(isinstance(s, str) for s in row[key])):
            problems.append(Problem(label, row.key_lines[key], key, "must be a list of strings"))
            return None
    if "result" in row and (isinstance(row["result"], bool) or not isinstance(row["result"], (int, float))):
        problems.append(Problem(label, row.key_lines["result"], "result", "must be a number"))
        return None
    expect = {k: v for k, v in row.items() if k in TURN_KEYS and k != "q"}
    return Turn(row["q"], expect, f"{label}:{line}")


def grade(turn: Turn, answer: Answer, bot: Bot) -> tuple[str, ...]:
    """Return what an answer fails of its turn's expectations (nothing: it passes)."""
    e, text = turn.expect, answer.answer.lower()
    cited = [c.fact_id for c in answer.citations]
    out = [f"the grounding guard replaced an answer stating {answer.debug['ungrounded']}"] \
        if answer.debug.get("ungrounded") else []
    if e.get("declined"):
        if answer.answered or cited:
            out.append("expected a decline")
        return tuple(out)
    if not answer.answered:
        out.append("declined, expected an answer")
    out += [f"does not say {s!r}" for s in e.get("says", []) if s.lower() not in text]
    if e.get("says_any") and not any(s.lower() in text for s in e["says_any"]):
        out.append(f"says none of {e['says_any']}")
    out += [f"says {s!r}" for s in e.get("not_says", []) if s.lower() in text]
    out += [f"does not cite {f}" for f in e.get("cites", []) if f not in cited]
    if "intent" in e and answer.intent != e["intent"]:
        out.append(f"intent {answer.intent}, expected {e['intent']}")
    out += _calculation_failures(e, answer)
    bad = bot.ungrounded(answer)
    if bad:
        out.append(f"ungrounded numbers {bad}")
    return tuple(out)


def _calculation_failures(e: dict, answer: Answer) -> list[str]:
    calcs = answer.calculations
    out = []
    if "op" in e and not any(c.op == e["op"] for c in calcs):
        out.append(f"no {e['op']} calculation (got {[c.op for c in calcs] or 'none'})")
    if "result" in e and not any(_close(c.result, e["result"]) for c in calcs) \
            and not _states(answer.answer, e["result"]):
        out.append(f"no calculation gives {e['result']} (got {[c.result for c in calcs] or 'none'})")
    if "unit" in e and not any(c.unit == e["unit"] for c in calcs):
        out.append(f"no calculation in {e['unit']}")
    if "inputs" in e and not any(set(c.inputs) == set(e["inputs"]) for c in calcs):
        out.append(f"no calculation reads {e['inputs']}")
    if "agrees_with" in e and not any(c.agrees_with == e["agrees_with"] for c in calcs):
        out.append(f"no calculation agrees with {e['agrees_with']}")
    return out


def _close(value: float, expected: float) -> bool:
    """Tell whether a result equals an expected one within the rounding either may carry."""
    return abs(value - expected) <= max(0.051, abs(expected) * 0.0005)


def _states(text: str, expected: float) -> bool:
    """Tell whether the answer text states the expected number (a computed figure said in words)."""
    return any(_close(n, expected) for n in numbers_in(text))


def run(bot: Bot, cases: list[Case]) -> Report:
    """Ask every conversation in a fresh session and grade each turn."""
    results = []
    for case in cases:
        session = None
        for turn in case.turns:
            answer = bot.ask(turn.q, session)
            session = answer.session_id
            results.append(TurnResult(case.id, turn, answer, grade(turn, answer, bot)))
    return Report(tuple(results))
