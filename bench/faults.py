#!/usr/bin/env python3
"""What the server does while its state folder is faulty: the faults of tests/test_faults.py, counted.

For each fault: a 2-worker server with a rate limit, a question and its follow-up, then the fault,
then N questions (each followed by GET /api/health and GET /api/ready), then the fault cleared and
the time until health is ok and follow-ups keep their context again. Needs root (a tmpfs in a
private mount namespace, chattr +i); a fault this machine cannot produce is reported as skipped.

    python bench/faults.py --questions 30
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from live import post, stop_server, worker_pids  # noqa: E402 - the tests' server runner
from test_faults import (FAULTS, QUESTION, _get, _keeps_context, _requirement, _shell,  # noqa: E402
                         start_faultable, unflag)


def _post(url: str, body: dict) -> int:
    try:
        return post(url, body)[0]
    except OSError:  # the worker died under the request
        return 0


def run(fault, questions: int, scratch: Path) -> dict:
    """Fault a fresh server and count what its clients saw."""
    reason = _requirement(fault, scratch / "probe")
    if reason:
        return {"fault": fault.name, "skipped": reason}
    state = scratch / "state"
    state.mkdir()
    proc, base = start_faultable(fault, state)
    try:
        workers = worker_pids(proc, 2)
        _keeps_context(base)
        _shell(fault, proc, fault.start.format(state=state))
        chats, health, ready = Counter(), Counter(), Counter()
        for _ in range(questions):
            chats[_post(f"{base}/api/chat", {"message": QUESTION})] += 1
            try:
                health[_get(f"{base}/api/health")[1].get("status", "?")] += 1
                ready[_get(f"{base}/api/ready")[0]] += 1
            except OSError:
                health["no answer"] += 1
        died = worker_pids(proc, 2) != workers
        _shell(fault, proc, fault.clear.format(state=state))
        cleared, healed = time.monotonic(), None
        while healed is None and time.monotonic() - cleared < 30:
            try:
                kept = [_keeps_context(base) for _ in range(4)]
                states = [_get(f"{base}/api/health")[1].get("status") for _ in range(4)]
            except (OSError, AssertionError):
                kept, states = [], []
            if kept == [True] * 4 and states == ["ok"] * 4:
                healed = round(time.monotonic() - cleared, 2)
            time.sleep(0.1)
        return {"fault": fault.name, "answered": chats[200], "of": questions, "statuses": dict(chats),
                "health": dict(health), "ready": dict(ready), "worker_died": died or worker_pids(proc, 2) != workers,
                "healed_after_s": healed}
    finally:
        stop_server(proc)
        unflag(fault, state)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=30)
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args()
    rows = []
    for fault in FAULTS:
        with tempfile.TemporaryDirectory() as scratch:
            rows.append(run(fault, args.questions, Path(scratch)))
        print(json.dumps(rows[-1]), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
