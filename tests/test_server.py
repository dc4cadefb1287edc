"""The production server: gunicorn with several workers, and conversations that cross workers."""
from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import pytest
import yaml

from conftest import KBS, TESTS
from live import get, post, running_server, start_server, stop_server

CONVERSATIONS = yaml.safe_load((TESTS / "conversations.yaml").read_text())["conversations"]


def _converse(base: str, turns: list[dict]) -> None:
    session = None
    for turn in turns:
        status, answer = post(f"{base}/api/chat", {"message": turn["q"], "session_id": session})
        assert status == 200, answer
        session = answer["session_id"]
        for phrase in turn.get("says", []):
            assert phrase in answer["answer"], (turn["q"], answer["answer"])


def test_server_with_two_workers_holds_conversations(tmp_path):
    proc, base = start_server(tmp_path, workers=2)
    try:
        deadline, children = time.monotonic() + 20, []
        while len(children) < 2 and time.monotonic() < deadline:  # workers fork just after "serving"
            children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
            time.sleep(0.1)
        assert len(children) == 2, "gunicorn runs two worker processes"
        assert get(f"{base}/api/health")[1]["worker"] in {int(c) for c in children}
        for conversation in CONVERSATIONS:
            _converse(base, conversation["turns"])
    finally:
        stop_server(proc)


def test_follow_up_works_on_another_server_process(tmp_path):
    # Two servers on one session database stand for two workers: the follow-up reaches the other one.
    with running_server(tmp_path) as first, running_server(tmp_path) as second:
        assert get(f"{first}/api/health")[1]["worker"] != get(f"{second}/api/health")[1]["worker"]
        status, answer = post(f"{first}/api/chat", {"message": "median wage in hospitals"})
        status, follow = post(f"{second}/api/chat", {"message": "what about nursing homes?",
                                                    "session_id": answer["session_id"]})
        assert status == 200 and "$30,660" in follow["answer"]
        assert follow["session_id"] == answer["session_id"]


def test_server_refuses_a_broken_kb_with_located_messages(tmp_path):
    result = subprocess.run([sys.executable, "-m", "careerbot", "serve", "--port", "0",
                             "--kb", str(KBS / "broken-growth-disagrees")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "facts.yaml:25: growth:" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("path", ["/", "/api/health"])
def test_server_sends_security_headers(tmp_path, path):
    with running_server(tmp_path) as base:
        with urllib.request.urlopen(base + path, timeout=30) as response:
            headers = response.headers
    assert "script-src 'self'" in headers["Content-Security-Policy"] or path.startswith("/api/")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Server"].startswith("gunicorn")
