"""Run the app under gunicorn: several worker processes, each an event loop (see worker.py)."""
from __future__ import annotations

import gc
import sys

from gunicorn.app.base import BaseApplication

from ..bot import Bot
from ..kb import KB, check, resolve_path
from . import create_app
from .worker import Worker


def _announce(server) -> None:
    """Print the address once the server listens (port 0 picks a free one)."""
    for listener in server.LISTENERS:
        host, port = listener.sock.getsockname()[:2]
        print(f"careerbot: serving http://{host}:{port}/ with {server.num_workers} worker(s); "
              f"kill -HUP {server.pid} reloads the KB, Ctrl+C stops it", flush=True)


def _reload_kb(arbiter) -> None:
    """On SIGHUP, before gunicorn forks the new workers: answer from the KB folder as it is now, if it passes its check.

    The master built the app once (preload_app), so gunicorn's own reload would fork the old KB again;
    this swaps the master's Bot for one over the checked KB, keeping the session store and the answer-id
    key, so conversations and ratings carry across. A KB that fails leaves the old one serving, and the
    log says why with the same located messages as `careerbot kb check`.
    """
    app = arbiter.app.wsgi()
    path = resolve_path(app.config["KB"])
    try:
        kb, problems = check(path)
    except Exception as exc:  # noqa: BLE001 - whatever a reload meets, the server must go on serving
        kb, problems = None, [f"{path}: {type(exc).__name__}: {exc}"]
    if kb is None:
        arbiter.log.error("careerbot: the KB at %s was not reloaded, %d problem(s); the old KB goes on serving:\n%s",
                          path, len(problems), "\n".join(str(p) for p in problems))
        return
    old = app.extensions["careerbot"]
    app.extensions["careerbot"] = Bot(kb, old.sessions, old.answer_ids)
    gc.unfreeze()  # so the collector may free the old KB's cycles
    gc.collect()
    gc.freeze()  # as at start: the new KB's pages stay shared with the workers
    arbiter.log.warning("careerbot: reloaded the KB at %s (%d facts); new workers answer from it", path, len(kb.facts))


class Server(BaseApplication):
    """gunicorn, configured from Python rather than a config file."""

    def __init__(self, options: dict, kb: KB | None = None):
        self.options, self.kb = options, kb
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        # Built once in the master with preload_app and shared by the forked workers.
        app = create_app(kb=self.kb)
        # Move what is built so far out of the collector's reach: a collection in a worker would
        # otherwise write to every object's header and so copy the KB's pages into each worker.
        gc.collect()
        gc.freeze()
        return app


def serve(host: str, port: int, workers: int, connections: int, kb: KB | None = None) -> None:
    """Serve until stopped; `kb`, if given, is the checked KB to answer from (else the app loads it)."""
    Server({
        "bind": f"{host}:{port}", "workers": workers, "worker_connections": connections, "worker_class": Worker,
        # keepalive only switches keep-alive on here: the worker's deadlines come from the app's settings.
        "keepalive": 1, "preload_app": True, "when_ready": _announce, "timeout": 30, "graceful_timeout": 10,
        "accesslog": None, "errorlog": "-", "loglevel": "warning", "proc_name": "careerbot", "on_reload": _reload_kb,
    }, kb).run()
    sys.exit(0)
