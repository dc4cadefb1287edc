"""Run the real production server (careerbot serve, gunicorn) for tests, on a free port."""
from __future__ import annotations

import http.server
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

READY = re.compile(r"serving (http://[\d.]+:\d+)/")


def start_server(state: Path, workers: int = 1, env: dict | None = None, timeout: float = 60,
                 prefix: tuple[str, ...] = ()):
    """Start `careerbot serve --port 0` in its own process group; return (process, base URL).

    The process's `log` attribute collects what the server prints (its log) as it goes.

    `prefix` runs the server through another command (which must exec it, keeping its process id).
    """
    full_env = {**os.environ, "CAREERBOT_SESSION_DB": str(state / "sessions.sqlite3"),
                "CAREERBOT_LOG_DB": str(state / "log.sqlite3"), "CAREERBOT_RATE_LIMIT": "off", **(env or {})}
    proc = subprocess.Popen([*prefix, sys.executable, "-m", "careerbot", "serve", "--port", "0", "--workers", str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=full_env,
                            start_new_session=True)
    lines: queue.Queue[str] = queue.Queue()
    proc.log = []  # everything the server printed so far (its log), for tests that read it later

    def read() -> None:
        for line in proc.stdout:
            proc.log.append(line)
            lines.put(line)
    threading.Thread(target=read, daemon=True).start()
    seen = []
    while True:
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            stop_server(proc)
            raise RuntimeError(f"server did not start: {''.join(seen)}") from None
        seen.append(line)
        match = READY.search(line)
        if match:
            return proc, match.group(1)


def worker_pids(proc: subprocess.Popen, count: int, timeout: float = 20) -> list[int]:
    """Wait for the server's worker processes, which fork just after "serving", and return their ids."""
    deadline, children = time.monotonic() + timeout, []
    while len(children) < count and time.monotonic() < deadline:
        children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        time.sleep(0.1)
    return [int(c) for c in children]


def stop_server(proc: subprocess.Popen) -> None:
    """Stop a server gracefully, or kill it."""
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def running_server(state: Path, workers: int = 1, env: dict | None = None, timeout: float = 60):
    """Run the server for the duration of a with-block and yield its base URL."""
    proc, url = start_server(state, workers, env, timeout)
    try:
        yield url
    finally:
        stop_server(proc)


def post(url: str, body: dict | bytes, content_type: str = "application/json") -> tuple[int, dict]:
    """POST to the server and return (status, JSON body)."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def get(url: str) -> tuple[int, dict, dict]:
    """GET from the server and return (status, JSON body, headers)."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, json.loads(response.read()), dict(response.headers)


@contextmanager
def host_site(pages: dict[str, tuple[str, str]], html_headers: dict[str, str] | None = None):
    """Serve a few static pages on another port: a third-party site that embeds the widget.

    pages maps a path to (content type, body) and html_headers are sent with HTML pages; both are read
    at each request, so a test can fill them in once it knows the bot's address.
    """
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the http.server API
            page = pages.get(self.path.split("?")[0])
            if page is None:
                self.send_error(404)
                return
            content_type, body = page
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            for name, value in (html_headers or {}).items() if content_type.startswith("text/html") else ():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield origin
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """Return a TCP port nothing listens on now (for servers that cannot pick their own, like nginx)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(folder: Path, port: int, timeout: float = 20) -> subprocess.Popen:
    """Start a real redis-server on 127.0.0.1:port that keeps nothing on disk; return once it answers."""
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                             "--appendonly", "no", "--dir", str(folder), "--logfile", str(folder / "redis.log")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(64).startswith(b"+PONG"):
                    return proc
        except OSError:
            time.sleep(0.05)
    stop_server(proc)
    raise RuntimeError(f"redis-server did not start: {(folder / 'redis.log').read_text()}")


def need_program(program: str, package: str) -> str:
    """Return a system program's path, or fail (CI: CAREERBOT_SYSTEM_TESTS=required) / skip with the reason."""
    path = shutil.which(program)
    if path is None:
        reason = f"this test runs a real {program}: apt-get install {package}"
        if os.environ.get("CAREERBOT_SYSTEM_TESTS") == "required":
            pytest.fail(reason)
        pytest.skip(reason)
    return path
