#!/usr/bin/env python3
"""How many requests of one client get through a rate limit, by workers and limiter storage.

Starts the production server on 127.0.0.1 with each number of workers and each storage, sends one
client's requests on new connections (so every worker takes some) as fast as it can, and prints how
many were answered (the limit should let through exactly its amount) and what a request cost.

    python bench/ratelimit.py                                   # 2 and 4 workers, memory:// and the default
    python bench/ratelimit.py --workers 2 --storage memory:// --storage default
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from live import post, running_server  # noqa: E402 - the tests' server runner


def measure(workers: int, storage: str, limit: int, sent: int) -> dict:
    """Send `sent` questions from one client to a fresh server; return what got through and the latencies."""
    env = {"CAREERBOT_RATE_LIMIT": f"{limit} per minute"}
    if storage != "default":
        env["CAREERBOT_RATE_LIMIT_STORAGE"] = storage
    with tempfile.TemporaryDirectory() as state, running_server(Path(state), workers=workers, env=env) as base:
        statuses, latencies = [], []
        for _ in range(sent):
            started = time.perf_counter()
            statuses.append(post(f"{base}/api/chat", {"message": "hi"})[0])
            latencies.append((time.perf_counter() - started) * 1000)
    return {"workers": workers, "storage": storage, "limit": limit, "sent": sent, "answered": statuses.count(200),
            "refused": statuses.count(429), "other": len(statuses) - statuses.count(200) - statuses.count(429),
            "p50_ms": round(statistics.median(latencies), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, action="append", help="worker counts (default: 2 and 4)")
    parser.add_argument("--storage", action="append", help="limiter storages (default: memory:// and default)")
    parser.add_argument("--limit", type=int, default=30, help="the limit per minute (default: 30)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    args = parser.parse_args()
    rows = []
    print(f"{'workers':>7}  {'storage':<10} {'limit':>5} {'sent':>5} {'answered':>8} {'refused':>7} {'p50 ms':>7}")
    for storage in args.storage or ["memory://", "default"]:
        for workers in args.workers or [2, 4]:
            row = measure(workers, storage, args.limit, sent=args.limit * (workers + 1))
            rows.append(row)
            print(f"{row['workers']:>7}  {row['storage']:<10} {row['limit']:>5} {row['sent']:>5} {row['answered']:>8} "
                  f"{row['refused']:>7} {row['p50_ms']:>7}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2))
    sys.exit(1 if any(r["other"] for r in rows) else 0)


if __name__ == "__main__":
    main()
