"""Benchmarks of scale, for bench.py: KB load time and memory by size, a served large KB's memory per
worker, retrieval against SQLite FTS5 (an indexed engine), and HTTP throughput measured with wrk."""
from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kbgen import generate
from live import start_server, stop_server, worker_pids

HERE = Path(__file__).resolve().parent
TICK_US = 1e6 / os.sysconf("SC_CLK_TCK")

# Run in a fresh process, so its peak memory is the load's and not the benchmark's.
LOAD_CHILD = """
import json, re, sys, time
from pathlib import Path
from careerbot import Bot
from careerbot.kb import load
# VmHWM, not ru_maxrss: exec keeps the parent's ru_maxrss, and the benchmark's own process is large.
peak = lambda: int(re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024
started = time.perf_counter()
kb = load(sys.argv[1])
loaded, load_mb = time.perf_counter(), peak()
Bot(kb)
print(json.dumps({"facts": len(kb.facts), "load_s": loaded - started, "load_mb": load_mb,
                  "bot_s": time.perf_counter() - loaded, "bot_mb": peak()}))
"""


def _child(kb: Path, cache: Path) -> dict:
    env = {**os.environ, "CAREERBOT_KB_CACHE": str(cache)}
    out = subprocess.run([sys.executable, "-c", LOAD_CHILD, str(kb)], capture_output=True, text=True, env=env, check=True)
    return {k: round(v, 2) if isinstance(v, float) else v for k, v in json.loads(out.stdout).items()}


def kb_load(factors: list[int], work: Path) -> list[dict]:
    """Per KB size: YAML load (first, checked) and compiled load (cached), each with peak memory, and the
    Bot's index build; each in a new process."""
    rows = []
    for factor in factors:
        kb, cache = generate(work / f"kb{factor}", factor), work / f"cache{factor}"
        first, cached = _child(kb, cache), _child(kb, cache)
        rows.append({"factor": factor, "facts": first["facts"], "yaml_s": first["load_s"], "yaml_mb": first["load_mb"],
                     "cached_s": cached["load_s"], "cached_mb": cached["load_mb"], "bot_s": cached["bot_s"],
                     "bot_mb": cached["bot_mb"], "compiled_mb": round(sum(p.stat().st_size for p in cache.iterdir()) / 2**20, 1)})
    return rows


def memory_mb(pid: int) -> dict:
    """Return a process's resident memory and its private part (USS: what it does not share), in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        fields[name] = int(value.split()[0])
    return {"rss_mb": round(fields["Rss"] / 1024, 1),
            "uss_mb": round((fields["Private_Clean"] + fields["Private_Dirty"]) / 1024, 1)}


def served(factor: int, work: Path, workers: int = 2) -> dict:
    """Serve a KB of `factor` occupations: time to ready, and each process's memory after some answers."""
    kb = work / f"kb{factor}"
    if not kb.exists():
        generate(kb, factor)
    with tempfile.TemporaryDirectory() as state:
        started = time.perf_counter()
        proc, url = start_server(Path(state), workers, env={"CAREERBOT_KB": str(kb), "CAREERBOT_KB_CACHE": str(work / f"cache{factor}")},
                                 timeout=300)
        ready = time.perf_counter() - started
        try:
            pids = worker_pids(proc, workers)
            # every worker answers, as it will once it has served a while
            _wrk(url, "/api/chat", 2, 4) if have_wrk() else _ask_many(url, 40)
            return {"factor": factor, "ready_s": round(ready, 1), "master": memory_mb(proc.pid),
                    "workers": [memory_mb(p) for p in pids]}
        finally:
            stop_server(proc)


class FTS5:
    """The same fact terms in an SQLite FTS5 table, ranked by its bm25(): an indexed engine as the baseline."""

    def __init__(self, docs: list[list[str]]):
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE facts USING fts5(terms, tokenize=\"unicode61 tokenchars ':-'\")")
        self.db.executemany("INSERT INTO facts (rowid, terms) VALUES (?, ?)", ((i, " ".join(d)) for i, d in enumerate(docs)))

    def top(self, terms: tuple[str, ...]) -> int | None:
        """Return the best fact's position for a query's terms, or None."""
        if not terms:
            return None
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in dict.fromkeys(terms))
        row = self.db.execute("SELECT rowid FROM facts WHERE facts MATCH ? ORDER BY rank LIMIT 1", (match,)).fetchone()
        return row[0] if row else None


def _cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def _wrk(url: str, path: str, seconds: float, connections: int) -> dict:
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(HERE / "chat.lua"), url],
                         capture_output=True, text=True, env={**os.environ, "WRK_PATH": path}, check=True).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    latency = {p: _ms(re.search(rf"\s{p}%\s+(\S+)", out).group(1)) for p in ("50", "99")}
    return {"requests": requests, "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50_ms": latency["50"], "p99_ms": latency["99"],
            "errors": (int(bad.group(1)) if bad else 0) + (sum(map(int, errors.groups())) if errors else 0)}


def _ask_many(url: str, count: int) -> None:
    """POST chat questions from four threads, each as its own client, when wrk is not installed."""
    def ask(n: int) -> None:
        body = json.dumps({"message": "what do coders earn?"}).encode()
        headers = {"Content-Type": "application/json", "X-Forwarded-For": f"10.0.{n}.1"}
        with urllib.request.urlopen(urllib.request.Request(f"{url}/api/chat", body, headers), timeout=30) as response:
            response.read()

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(ask, range(count)))


def _ms(text: str) -> float:
    """Read a wrk duration ("812.00us", "1.20ms", "2.01s") in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit], 2)


def have_wrk() -> bool:
    """Say whether wrk, a client that can saturate the server, is installed."""
    return shutil.which("wrk") is not None


def http_wrk(connections: int, seconds: float) -> dict:
    """GET /api/health, then POST /api/chat, on one production server with its default settings (limiter,
    sessions and log on), from wrk: requests per second and the server's CPU microseconds per request.

    The server trusts one proxy, and wrk's requests name 4,096 client addresses in X-Forwarded-For, so the
    limiter counts each request at its default limit, as for a site's many visitors, and refuses none.
    """
    with tempfile.TemporaryDirectory() as state:
        proc, url = start_server(Path(state), workers=2, env={"CAREERBOT_RATE_LIMIT": "30 per minute",
                                                              "CAREERBOT_TRUSTED_PROXIES": "1"})
        try:
            pids = [proc.pid, *worker_pids(proc, 2)]
            results = {}
            for name, path in (("health", "/api/health"), ("chat", "/api/chat")):
                before = _cpu_ticks(pids)
                result = _wrk(url, path, seconds, connections)
                result["cpu_us_per_request"] = round((_cpu_ticks(pids) - before) * TICK_US / max(1, result["requests"]))
                results[name] = result
            memory = {"master_rss_mb": memory_mb(proc.pid)["rss_mb"], "worker_rss_mb": [memory_mb(p)["rss_mb"] for p in pids[1:]]}
        finally:
            stop_server(proc)
    return {"client": "wrk", **results,
            "chat_over_health": round(results["chat"]["requests_per_second"] / results["health"]["requests_per_second"], 2),
            **memory}
