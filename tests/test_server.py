"""The production server: gunicorn with several workers, and conversations that cross workers."""
from __future__ import annotations

import json
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


LIMIT = 1024  # a small body limit, so that each request below reaches the server in one piece


@pytest.fixture(scope="module")
def edge_server(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("edge"), env={"CAREERBOT_MAX_BODY_BYTES": str(LIMIT)}) as base:
        yield urlsplit(base).hostname, urlsplit(base).port


def _exchange(address, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes, read until the server closes; return (status, headers by lower-case name, body)."""
    with socket.create_connection(address, timeout=30) as sock:
        sock.sendall(request)
        data = b""
        try:
            while chunk := sock.recv(65536):
                data += chunk
        except ConnectionResetError:
            assert data, "the server reset the connection before answering"
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, value in (line.split(":", 1) for line in lines)}
    return int(status_line.split()[1]), headers, body


def _chunked(body: bytes) -> bytes:
    return (b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            b"Connection: close\r\n\r\n%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))


def _message(size: int) -> bytes:
    """Return a chat body of exactly `size` bytes."""
    return b'{"message": "what do coders earn?"' + b" " * (size - 35) + b"}"


# Requests the server must refuse, each with the status and code of its JSON error.
EDGES = [
    ("chunked body over the limit", _chunked(_message(LIMIT + 1)), 413, "too_large"),
    ("chunked body far over the limit", _chunked(_message(LIMIT * 4)), 413, "too_large"),
    ("chunk size that is not hex", b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                   b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
     400, "bad_body"),
    ("request line over 4094 bytes", b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "uri_too_long"),
    ("more than 100 headers", b"GET /api/health HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-%d: a\r\n" % n for n in range(120))
     + b"\r\n", 431, "headers_too_large"),
    ("Content-Length not a number", b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400, "bad_request"),
    ("Content-Length negative", b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400, "bad_request"),
    ("two Content-Lengths", b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
     400, "bad_request"),
    ("not HTTP at all", b"GARBAGE\r\n\r\n", 400, "bad_request"),
]


@pytest.mark.parametrize("request_bytes, status, code", [e[1:] for e in EDGES], ids=[e[0] for e in EDGES])
def test_server_refuses_edge_requests_in_the_error_shape(edge_server, request_bytes, status, code):
    got, headers, body = _exchange(edge_server, request_bytes)
    assert got == status and headers["content-type"] == "application/json"
    assert json.loads(body) == {"error": {"status": status, "code": code, "message": json.loads(body)["error"]["message"]}}
    for name, value in {"x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
                        "cache-control": "no-store", "x-frame-options": "DENY"}.items():
        assert headers[name] == value, name
    assert headers["content-security-policy"].startswith("default-src 'none'")


@pytest.mark.parametrize("size", [40, LIMIT])
def test_server_answers_a_chunked_body_up_to_the_limit(edge_server, size):
    status, _, body = _exchange(edge_server, _chunked(_message(size)))
    assert status == 200 and "$43,828" in json.loads(body)["answer"]
