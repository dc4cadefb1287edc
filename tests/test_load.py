"""The load test in short form, and a server killed in the middle of a load run."""
from __future__ import annotations

import http.client
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

from conftest import ROOT
from live import post, start_server, stop_server


def test_load_script_runs_clean(tmp_path):
    out = tmp_path / "load.json"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "load.py"), "--seconds", "5", "--clients", "8",
                             "--json", str(out)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(out.read_text())
    assert figures["requests"] > 0 and figures["errors"] == 0 and figures["lost_log_rows"] == 0
    assert "requests/s" in result.stdout


def test_killed_server_keeps_its_log_and_restarts_at_once(tmp_path):
    proc, url = start_server(tmp_path, workers=2)
    stop = threading.Event()

    def load():
        while not stop.is_set():
            try:
                post(f"{url}/api/chat", {"message": "what do coders earn?"})
            except (OSError, http.client.HTTPException):
                return  # the server is gone, perhaps mid-answer

    threads = [threading.Thread(target=load, daemon=True) for _ in range(8)]
    for t in threads:
        t.start()
    log_db = tmp_path / "log.sqlite3"
    deadline = time.monotonic() + 30
    committed: set[str] = set()
    while len(committed) < 50 and time.monotonic() < deadline:
        time.sleep(0.2)
        with sqlite3.connect(f"file:{log_db}?mode=ro", uri=True) as db:
            committed = {row[0] for row in db.execute("SELECT id FROM questions")}
    assert len(committed) >= 50, "the load run wrote too little to test"
    os.killpg(proc.pid, signal.SIGKILL)  # master and workers, mid-load
    proc.wait()
    stop.set()
    for t in threads:
        t.join(10)
    with sqlite3.connect(log_db) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        after = {row[0] for row in db.execute("SELECT id FROM questions")}
    assert committed <= after, f"{len(committed - after)} committed rows are missing"
    proc, url = start_server(tmp_path, workers=2)
    try:
        status, answer = post(f"{url}/api/chat", {"message": "what do coders earn?"})
        assert status == 200 and "$43,828" in answer["answer"]
    finally:
        stop_server(proc)
