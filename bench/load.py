#!/usr/bin/env python3
"""Load test: the production server on 127.0.0.1 under concurrent conversations, every answer checked.

Prints requests per second, p50/p99 latency and the error count, then checks that the conversation
log holds a row for every answer. Exits 1 on any error or lost log row. With --stalled N, N more
connections send half a request and stop (reconnecting when the server closes them) all along.

    python bench/load.py --seconds 30 --clients 32
    python bench/load.py --seconds 30 --clients 32 --stalled 64
"""
from __future__ import annotations

import argparse
import http.client
import json
import socket
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from live import start_server, stop_server, worker_pids  # noqa: E402 - the tests' server runner

from careerbot.engine.answer import Answer  # noqa: E402 - one definition of the answer's shape

KEYS = set(Answer.keys())


def scripts() -> list[list[dict]]:
    """Return the conversations to replay: the test conversations and every question of the question set."""
    tests = ROOT / "tests"
    convs = [c["turns"] for c in yaml.safe_load((tests / "conversations.yaml").read_text())["conversations"]]
    singles = [[{"q": r["q"], "says": r.get("says", []), "declined": r.get("declined", False)}]
               for r in yaml.safe_load((tests / "questions.yaml").read_text())["questions"]]
    calcs = [[{"q": r["q"], "says": r["says"]}] for r in yaml.safe_load((tests / "calculations.yaml").read_text())["calculations"]]
    return convs + singles + calcs


class Client(threading.Thread):
    """One user: replays conversations over a kept-alive connection until the deadline."""

    def __init__(self, url: str, plays: list[list[dict]], offset: int, deadline: float):
        super().__init__(daemon=True)
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.plays, self.offset, self.deadline = plays, offset, deadline
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def run(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        n = self.offset
        while time.monotonic() < self.deadline:
            session = None
            for turn in self.plays[n % len(self.plays)]:
                started = time.perf_counter()
                try:
                    conn.request("POST", "/api/chat", json.dumps({"message": turn["q"], "session_id": session}),
                                 {"Content-Type": "application/json"})
                    response = conn.getresponse()
                    body = json.loads(response.read())
                except (OSError, http.client.HTTPException, ValueError) as exc:
                    self.errors.append(f"{turn['q']!r}: {exc!r}")
                    conn.close()
                    conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                    break
                self.latencies.append((time.perf_counter() - started) * 1000)
                problem = check(turn, response.status, body)
                if problem:
                    self.errors.append(f"{turn['q']!r}: {problem}")
                    break
                session = body["session_id"]
            n += 1
        conn.close()


class Stalls(threading.Thread):
    """Slow clients: connections that send the start of a request and then nothing, reopened when closed."""

    START = b"POST /api/chat HTTP/1.1\r\nHost: x\r\n"

    def __init__(self, url: str, count: int, deadline: float):
        super().__init__(daemon=True)
        parts = urlsplit(url)
        self.address, self.count, self.deadline = (parts.hostname, parts.port), count, deadline
        self.reopened = 0

    def _open(self) -> socket.socket:
        sock = socket.create_connection(self.address, timeout=5)
        sock.sendall(self.START)
        sock.setblocking(False)
        return sock

    def run(self) -> None:
        socks = [self._open() for _ in range(self.count)]
        while time.monotonic() < self.deadline:
            time.sleep(0.5)
            for n, sock in enumerate(socks):
                try:
                    closed = sock.recv(4096) == b""
                except BlockingIOError:
                    continue  # still held open by the server
                except OSError:
                    closed = True
                if closed:
                    sock.close()
                    socks[n] = self._open()
                    self.reopened += 1
        for sock in socks:
            sock.close()


def check(turn: dict, status: int, body: dict) -> str | None:
    """Return what is wrong with an answer, or None."""
    if status != 200:
        return f"status {status}: {body}"
    if set(body) != KEYS:
        return f"shape {sorted(body)}"
    if turn.get("declined") and body["answered"]:
        return "answered what it must decline"
    missing = [p for p in turn.get("says", []) if p not in body["answer"]]
    return f"missing {missing} in {body['answer']!r}" if missing else None


def logged_since(path: Path, since: str) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        return db.execute("SELECT COUNT(*) FROM questions WHERE time >= ?", (since,)).fetchone()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the server started here")
    parser.add_argument("--stalled", type=int, default=0, help="slow clients that send half a request and stop")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--session-db", metavar="URL", help="where the server keeps conversations, e.g. "
                        "redis://127.0.0.1:6379/0 (default: an SQLite file in the run's folder)")
    args = parser.parse_args()

    state = Path(tempfile.mkdtemp(prefix="careerbot-load-"))
    proc, url = start_server(state, workers=args.workers,
                             env={"CAREERBOT_SESSION_DB": args.session_db} if args.session_db else None)
    try:
        since = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        plays = scripts()
        worker_pids(proc, args.workers)  # measure the workers, not their start
        deadline = time.monotonic() + args.seconds + (1 if args.stalled else 0)
        stalls = Stalls(url, args.stalled, deadline)
        if args.stalled:
            stalls.start()
            time.sleep(1)  # let the workers take the stalled connections before the clients come
        started = time.monotonic()
        clients = [Client(url, plays, i * 7, deadline) for i in range(args.clients)]
        for c in clients:
            c.start()
        for c in clients:
            c.join()
        elapsed = time.monotonic() - started
        latencies = sorted(x for c in clients for x in c.latencies)
        errors = [e for c in clients for e in c.errors]
        rows, waited = 0, 0.0
        while waited < 15:  # the log is written off the answer path, a moment later
            rows = logged_since(state / "log.sqlite3", since)
            if rows >= len(latencies):
                break
            time.sleep(0.25)
            waited += 0.25
    finally:
        stop_server(proc)
    lost = max(0, len(latencies) - rows)
    figures = {
        "seconds": round(elapsed, 1), "clients": args.clients, "workers": args.workers, "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))], 1) if latencies else None,
        "errors": len(errors), "log_rows": rows, "lost_log_rows": lost, "stalled": args.stalled,
        "stalled_reopened": stalls.reopened,
    }
    print(f"{figures['requests']} requests in {figures['seconds']} s from {args.clients} clients "
          f"({args.workers} workers): {figures['requests_per_second']} requests/s, "
          f"p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, {len(errors)} errors, "
          f"{rows} log rows ({lost} lost)" + (f"; {args.stalled} stalled connections beside them, "
                                              f"{stalls.reopened} closed by the server and reopened"
                                              if args.stalled else ""))
    for error in errors[:5]:
        print("  error:", error)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 1 if errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())
