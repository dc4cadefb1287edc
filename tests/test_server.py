"""The production server: gunicorn with several workers, and conversations that cross workers."""
from __future__ import annotations

import socket
import subprocess
import sys
import urllib.request
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import KBS, TESTS
from live import get, post, running_server, start_server, stop_server, worker_pids

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
        children = worker_pids(proc, 2)
        assert len(children) == 2, "gunicorn runs two worker processes"
        assert get(f"{base}/api/health")[1]["worker"] in children
        for conversation in CONVERSATIONS:
            _converse(base, conversation["turns"])
    finally:
        stop_server(proc)


# What a stalled client sends before it stops: (what it is, bytes).
STALLS = [
    ("headers never finished", b"POST /api/chat HTTP/1.1\r\nHost: x\r\n"),
    ("body never finished", b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            b"Content-Length: 100\r\n\r\n{\"mess"),
    ("nothing at all", b""),
    ("an answered request, then idle", b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"),
]


def test_server_answers_beside_stalled_clients_and_closes_them(tmp_path):
    env = {"CAREERBOT_READ_TIMEOUT_SECONDS": "2", "CAREERBOT_KEEPALIVE_SECONDS": "2"}
    proc, base = start_server(tmp_path, workers=2, env=env)
    stalled: list[socket.socket] = []
    try:
        assert len(worker_pids(proc, 2)) == 2
        address = (urlsplit(base).hostname, urlsplit(base).port)
        for n in range(64):
            stalled.append(socket.create_connection(address, timeout=30))
            stalled[-1].sendall(STALLS[n % len(STALLS)][1])
        # Liveness, not timing: each call may take up to its 30 s timeout.
        assert get(f"{base}/api/health")[0] == 200
        status, answer = post(f"{base}/api/chat", {"message": "what do coders earn?"})
        assert status == 200 and "$43,828" in answer["answer"]
        for n, sock in enumerate(stalled):  # the server closes each once its timeout passes (30 s at most here)
            try:
                while sock.recv(4096):
                    pass  # a stalled body gets its error answer first
            except TimeoutError:
                pytest.fail(f"the server kept a stalled connection open: {STALLS[n % len(STALLS)][0]}")
    finally:
        for sock in stalled:
            sock.close()
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
