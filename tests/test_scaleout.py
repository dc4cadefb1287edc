"""Two careerbot instances behind the README's nginx, sharing one real redis-server."""
from __future__ import annotations

import http.client
import json
import sqlite3
import subprocess
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
import yaml

from conftest import ROOT, TESTS
from live import free_port, need_program, start_redis, start_server, stop_server

NGINX_EXAMPLE = ROOT / "deploy" / "nginx-careerbot.conf"
CONVERSATIONS = yaml.safe_load((TESTS / "conversations.yaml").read_text())["conversations"]
# Questions a minute per client: more than the conversations (and the rating test) ask of one client,
# however many conversations the own set grows to.
LIMIT = max(100, sum(len(c["turns"]) for c in CONVERSATIONS) + 20)
QUESTION, FOLLOW_UP, CONTEXT_SAYS = "median wage in hospitals", "what about nursing homes?", "$30,660"
# The test's own main configuration around the example: every file nginx writes stays in the folder.
MAIN = """\
pid {folder}/nginx.pid;
worker_processes 1;
events {{ worker_connections 256; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/careerbot.conf;
}}
"""


@dataclass
class Cluster:
    """Redis, two careerbot instances and nginx in front, all real processes."""

    port: int  # nginx's
    redis_folder: Path
    redis_port: int
    logs: tuple[Path, Path]  # each instance keeps its own conversation log
    redis: subprocess.Popen | None = None


def example_config(a: int, b: int, listen: int) -> str:
    """Return the README's nginx example with only its ports changed."""
    text = NGINX_EXAMPLE.read_text()
    for old, new in (("127.0.0.1:8001", f"127.0.0.1:{a}"), ("127.0.0.1:8002", f"127.0.0.1:{b}"),
                     ("listen 8080;", f"listen 127.0.0.1:{listen};")):
        assert text.count(old) == 1, f"the example no longer says {old!r}: update this test's template"
        text = text.replace(old, new)
    return text


def start_nginx(folder: Path, upstreams: tuple[int, int], timeout: float = 20) -> tuple[subprocess.Popen, int]:
    """Run nginx in the foreground on the example configuration; return it and the port it listens on."""
    port = free_port()
    (folder / "careerbot.conf").write_text(example_config(*upstreams, port))
    (folder / "nginx.conf").write_text(MAIN.format(folder=folder))
    proc = subprocess.Popen(["nginx", "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e",
                             str(folder / "error.log"), "-g", "daemon off;"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if request(port, "GET", "/api/health")[0] == 200:
                return proc, port
        except OSError:
            time.sleep(0.05)
    stop_server(proc)
    raise RuntimeError(f"nginx did not start: {(folder / 'error.log').read_text()}")


def request(port: int, method: str, path: str, body: dict | None = None,
            client: str = "127.0.0.1") -> tuple[int, dict]:
    """Send one request to nginx from the address `client` (any of 127.0.0.0/8: a client of its own)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(client, 0))
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    need_program("redis-server", "redis-server")
    need_program("nginx", "nginx")
    root = tmp_path_factory.mktemp("cluster")
    cluster = Cluster(0, root / "redis", free_port(), (root / "a" / "log.sqlite3", root / "b" / "log.sqlite3"))
    cluster.redis = start_redis(cluster.redis_folder, cluster.redis_port)
    started: list[subprocess.Popen] = []  # the instances and nginx; the restart test replaces cluster.redis
    try:
        env = {"CAREERBOT_SESSION_DB": f"redis://127.0.0.1:{cluster.redis_port}/0", "CAREERBOT_TRUSTED_PROXIES": "1",
               "CAREERBOT_RATE_LIMIT": f"{LIMIT} per minute", "CAREERBOT_SECRET_KEY": "one key for both"}
        ports = []
        for log in cluster.logs:
            log.parent.mkdir()
            proc, url = start_server(log.parent, workers=1, env=env)
            started.append(proc)
            ports.append(int(url.rsplit(":", 1)[1]))
        (root / "nginx").mkdir()
        nginx, cluster.port = start_nginx(root / "nginx", tuple(ports))
        started.append(nginx)
        yield cluster
    finally:
        for proc in [*reversed(started), cluster.redis]:
            if proc is not None:
                stop_server(proc)


def logged(cluster: Cluster, sessions: set[str], turns: int) -> dict[str, list[int]]:
    """Wait for both instances' logs to hold `turns` rows of these sessions; return each session's
    instances (0 or 1) in the order its turns were answered."""
    rows: list[tuple[str, str, int]] = []
    for _ in range(100):  # the logs are written off the answer path, in batches: bounded polling
        rows = []
        for instance, path in enumerate(cluster.logs):
            if path.exists():
                with sqlite3.connect(path) as db:
                    rows += [(time, session, instance) for time, session in
                             db.execute("SELECT time, session FROM questions")]
        rows = [row for row in rows if row[1] in sessions]
        if len(rows) >= turns:
            break
        time.sleep(0.1)
    order: dict[str, list[int]] = defaultdict(list)
    for _, session, instance in sorted(rows):
        order[session].append(instance)
    return order


def test_conversations_alternate_between_instances_and_keep_context(cluster):
    sessions, turns = set(), 0
    for conversation in CONVERSATIONS:
        session = None
        for turn in conversation["turns"]:
            status, answer = request(cluster.port, "POST", "/api/chat", {"message": turn["q"], "session_id": session},
                                     client="127.0.0.2")
            assert status == 200, answer
            assert answer["session_id"] == (session or answer["session_id"]), "the conversation was lost"
            session = answer["session_id"]
            for phrase in turn.get("says", []):
                assert phrase in answer["answer"], (conversation["name"], turn["q"], answer["answer"])
        sessions.add(session)
        turns += len(conversation["turns"])
    stored = redis.Redis(port=cluster.redis_port).exists(*(f"careerbot:session:{s}" for s in sessions))
    assert stored == len(sessions), "the conversations live in Redis"
    order = logged(cluster, sessions, turns)
    assert sum(len(instances) for instances in order.values()) == turns
    # Round robin: each follow-up was answered by the other instance than the turn before it.
    assert all(a != b for instances in order.values() for a, b in zip(instances, instances[1:])), order


def test_rating_reaches_either_instance(cluster):
    status, answer = request(cluster.port, "POST", "/api/chat", {"message": QUESTION}, client="127.0.0.5")
    assert status == 200
    for _ in range(2):  # one rating per instance: each checks an answer id the other issued
        status, body = request(cluster.port, "POST", "/api/feedback", {"answer_id": answer["answer_id"], "rating": "up"},
                               client="127.0.0.5")
        assert (status, body) == (200, {"status": "ok"})


def test_rate_limit_holds_across_instances(cluster):
    statuses = [request(cluster.port, "POST", "/api/chat", {"message": "hi"}, client="127.0.0.3")[0]
                for _ in range(LIMIT + 40)]
    assert set(statuses) == {200, 429}
    # Counted per instance, one client would get twice the limit through two of them.
    assert abs(statuses.count(200) - LIMIT) <= LIMIT // 10, statuses.count(200)
    assert request(cluster.port, "POST", "/api/chat", {"message": "hi"}, client="127.0.0.4")[0] == 200


def _health(cluster: Cluster) -> list[dict]:
    """Ask health twice, so that both instances say how they are (round robin)."""
    return [request(cluster.port, "GET", "/api/health")[1] for _ in range(2)]


def test_redis_restart_costs_no_answer_and_heals(cluster):
    client = "127.0.0.6"
    status, first = request(cluster.port, "POST", "/api/chat", {"message": QUESTION}, client=client)
    assert status == 200
    status, follow = request(cluster.port, "POST", "/api/chat", {"message": FOLLOW_UP,
                                                                  "session_id": first["session_id"]}, client=client)
    assert status == 200 and CONTEXT_SAYS in follow["answer"]
    stop_server(cluster.redis)
    cluster.redis = None
    session, during = follow["session_id"], []
    for _ in range(6):
        status, answer = request(cluster.port, "POST", "/api/chat", {"message": QUESTION, "session_id": session},
                                 client=client)
        assert status == 200 and answer["answered"], answer
        session = answer["session_id"]
        during += _health(cluster)
        ready = [request(cluster.port, "GET", "/api/ready") for _ in range(2)]
        assert [status for status, _ in ready] == [503, 503], ready
    assert len({health["worker"] for health in during}) == 2, "both instances were asked"
    assert all(health["status"] == "degraded" and "sessions" in health["problems"]
               and "rate_limit" in health["problems"] for health in during), during
    cluster.redis = start_redis(cluster.redis_folder, cluster.redis_port)
    healed = False
    for _ in range(60):  # heals by itself: bounded polling, not a timing test
        if all(health["status"] == "ok" for health in _health(cluster) + _health(cluster)):
            healed = True
            break
        time.sleep(0.25)
    assert healed, _health(cluster)
    status, first = request(cluster.port, "POST", "/api/chat", {"message": QUESTION}, client=client)
    status, follow = request(cluster.port, "POST", "/api/chat", {"message": FOLLOW_UP,
                                                                  "session_id": first["session_id"]}, client=client)
    assert status == 200 and CONTEXT_SAYS in follow["answer"] and follow["session_id"] == first["session_id"]


def test_readme_shows_the_tested_nginx_example():
    example = NGINX_EXAMPLE.read_text().split("\n\n", 1)[1]  # all but the file's opening comment
    assert f"```nginx\n{example}```" in (ROOT / "README.md").read_text()
