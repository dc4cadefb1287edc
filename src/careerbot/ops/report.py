"""The curators' report: what people asked that careerbot could not answer, and how it went."""
from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

from .printable import cell, json_text, line

TOP = 20  # rows per list
WIDTH = 120  # characters of a question shown in the table and the CSV; JSON keeps it whole


@dataclass(frozen=True)
class Report:
    """Figures a curator reads to decide which facts to add."""

    since: str | None
    questions: int
    answered_rate: float | None
    latency_ms: dict[str, float | None]
    intents: list[dict]
    declined: list[dict]  # grouped by normalized question: count and an example
    ratings: dict[str, int]
    disliked: list[dict]  # questions whose answers were rated down


def _percentile(values: list[float], share: float) -> float | None:
    """Return the nearest-rank percentile of sorted values."""
    if not values:
        return None
    rank = max(0, min(len(values) - 1, math.ceil(share * len(values)) - 1))
    return round(values[rank], 2)


def build(path: str | Path, since: str | None = None) -> Report:
    """Read the conversation log at path (read-only) and summarize it."""
    # A URI, so that "?" and "%" in the path are the file's name, not a query or an escape.
    uri = f"{Path(path).absolute().as_uri()}?mode=ro"
    with sqlite3.connect(uri, uri=True) as db:
        where, args = ("WHERE time >= ?", (since,)) if since else ("", ())
        rows = db.execute(f"SELECT intent, answered, latency_ms FROM questions {where}", args).fetchall()
        intents = db.execute(f"SELECT intent, COUNT(*) AS n FROM questions {where} GROUP BY intent "
                             f"ORDER BY n DESC, intent", args).fetchall()
        declined = db.execute(
            f"SELECT normalized, COUNT(*) AS n, MIN(question) FROM questions {where} "
            f"{'AND' if since else 'WHERE'} answered = 0 GROUP BY normalized ORDER BY n DESC, normalized LIMIT ?",
            (*args, TOP)).fetchall()
        ratings = dict(db.execute(
            f"SELECT rating, COUNT(*) FROM feedback JOIN questions ON questions.id = feedback.answer_id "
            f"{where.replace('time', 'questions.time')} GROUP BY rating", args).fetchall())
        disliked = db.execute(
            f"SELECT questions.question, questions.intent FROM feedback JOIN questions "
            f"ON questions.id = feedback.answer_id WHERE rating = 'down' "
            f"{'AND questions.time >= ?' if since else ''} ORDER BY feedback.time DESC LIMIT ?",
            (*args, TOP)).fetchall()
    latencies = sorted(r[2] for r in rows)
    total = len(rows)
    return Report(
        since=since,
        questions=total,
        answered_rate=round(sum(r[1] for r in rows) / total, 4) if total else None,
        latency_ms={"p50": _percentile(latencies, 0.5), "p90": _percentile(latencies, 0.9),
                    "p99": _percentile(latencies, 0.99)},
        intents=[{"intent": i, "count": n} for i, n in intents],
        declined=[{"question": q, "count": n, "example": ex} for q, n, ex in declined],
        ratings={"up": ratings.get("up", 0), "down": ratings.get("down", 0)},
        disliked=[{"question": q, "intent": i} for q, i in disliked],
    )


def as_json(report: Report) -> str:
    """Render the report as JSON."""
    return json_text(json.dumps(asdict(report), indent=2, ensure_ascii=False))


def as_csv(report: Report) -> str:
    """Render the report as CSV rows: section, item, count, detail."""
    rate = "" if report.answered_rate is None else f"{report.answered_rate:.1%}"
    rows = [["section", "item", "count", "detail"], ["summary", "questions", report.questions, f"answered {rate}"]]
    rows += [["latency_ms", name, "", "" if value is None else value] for name, value in report.latency_ms.items()]
    rows += [["intent", row["intent"], row["count"], ""] for row in report.intents]
    rows += [["declined", row["question"], row["count"], row["example"]] for row in report.declined]
    rows += [["rating", name, count, ""] for name, count in report.ratings.items()]
    rows += [["rated_down", row["question"], "", row["intent"]] for row in report.disliked]
    out = io.StringIO()
    csv.writer(out).writerows([[cell(c, WIDTH) for c in row] for row in rows])
    return out.getvalue()


def as_table(report: Report) -> str:
    """Render the report for a terminal."""
    rate = "-" if report.answered_rate is None else f"{report.answered_rate:.1%}"
    lat = report.latency_ms
    lines = [
        f"careerbot report{' since ' + report.since if report.since else ''}",
        f"questions: {report.questions}   answered: {rate}   "
        f"latency ms p50 {lat['p50']} / p90 {lat['p90']} / p99 {lat['p99']}",
        f"ratings: {report.ratings['up']} up, {report.ratings['down']} down",
        "",
        "Most frequent declined questions (what to add to the KB):",
    ]
    lines += [f"  {row['count']:5}  {line(row['example'], WIDTH)}" for row in report.declined] or ["  none"]
    lines += ["", "Intents by volume:"]
    lines += [f"  {row['count']:5}  {line(row['intent'], WIDTH)}" for row in report.intents] or ["  none"]
    if report.disliked:
        lines += ["", "Answers rated down:"] + [f"  [{line(row['intent'], WIDTH)}] {line(row['question'], WIDTH)}"
                                                for row in report.disliked]
    return "\n".join(lines)


FORMATS = {"table": as_table, "csv": as_csv, "json": as_json}
