"""Run the app under gunicorn: several worker processes, each an event loop (see worker.py)."""
from __future__ import annotations

import gc
import sys

from gunicorn.app.base import BaseApplication

from ..kb import KB
from . import create_app
from .worker import Worker


def _announce(server) -> None:
    """Print the address once the server listens (port 0 picks a free one)."""
    for listener in server.LISTENERS:
        host, port = listener.sock.getsockname()[:2]
        print(f"careerbot: serving http://{host}:{port}/ with {server.num_workers} worker(s); "
              f"Ctrl+C stops it", flush=True)


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
        "accesslog": None, "errorlog": "-", "loglevel": "warning", "proc_name": "careerbot",
    }, kb).run()
    sys.exit(0)
