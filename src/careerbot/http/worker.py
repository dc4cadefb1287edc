"""The gunicorn worker: one event loop per process, deadlines for clients that stall, JSON refusals."""
from __future__ import annotations

import json
import weakref
from contextlib import suppress
from http import HTTPStatus

import gevent
from gevent import monkey, socket
from gunicorn import util
from gunicorn.workers.ggevent import GeventWorker

from .errors import error_body
from .headers import FRONT_ERROR


class _Reply:
    """Stands in for the client's socket while gunicorn writes its own error page, and keeps the status."""

    def __init__(self) -> None:
        self.status = 500

    def gettimeout(self) -> float:
        return 0.0  # so gunicorn's writer calls sendall at once

    def sendall(self, data: bytes) -> None:
        self.status = int(data.split(b" ", 2)[1])  # "HTTP/1.1 431 Request Header Fields Too Large"


def front_error(status: int) -> bytes:
    """Return a whole HTTP reply for a request refused before the app: the JSON error shape, its headers."""
    body = json.dumps(error_body(status)).encode()
    head = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}", "Connection: close",
            "Content-Type: application/json", f"Content-Length: {len(body)}",
            *(f"{name}: {value}" for name, value in FRONT_ERROR.items())]
    return "\r\n".join(head).encode("latin-1") + b"\r\n\r\n" + body


class Worker(GeventWorker):
    """gunicorn's gevent worker, which closes the connections of clients that stall or idle.

    A connection waiting for its client costs a greenlet, not a thread, so slow clients cannot take
    the capacity that answers need; the deadlines then free even that. A request's headers must
    arrive within READ_TIMEOUT_SECONDS of connecting (KEEPALIVE_SECONDS of the previous answer on a
    kept-alive connection), and a body, or an answer the client is slow to take, may pause for no
    longer than READ_TIMEOUT_SECONDS. Both are the app's settings (CAREERBOT_*).
    """

    def patch(self) -> None:
        # Threads stay OS threads: the conversation log's writer goes on writing beside the event loop
        # (a slow disk never holds up an answer), and the session store keeps one SQLite connection per
        # thread, which the requests of a worker share; each of its statements runs to the end without
        # yielding, so greenlets cannot interleave inside one.
        monkey.patch_all(thread=False, queue=False)
        self.sockets = [socket.socket(s.FAMILY, socket.SOCK_STREAM, fileno=s.sock.detach()) for s in self.sockets]

    def load_wsgi(self) -> None:
        super().load_wsgi()
        self.read_timeout = float(self.wsgi.config["READ_TIMEOUT_SECONDS"])
        self.keepalive_timeout = float(self.wsgi.config["KEEPALIVE_SECONDS"])
        self.served = weakref.WeakSet()  # the connections (their greenlets) that have sent a request

    def timeout_ctx(self) -> gevent.Timeout:
        """Return the deadline for the next request's headers on this connection; past it, it closes."""
        connection = gevent.getcurrent()
        seconds = self.keepalive_timeout if connection in self.served else self.read_timeout
        self.served.add(connection)
        return gevent.Timeout(seconds, False)

    def handle_error(self, req, client, addr, exc) -> None:
        # gunicorn answers what it refuses itself (a request line over 4094 bytes: 414, headers too large:
        # 431, a bad Content-Length: 400) with an HTML page. Let it choose the status and log as it does,
        # then send that status in the API's JSON error shape with the app's security headers.
        reply = _Reply()
        super().handle_error(req, reply, addr, exc)
        with suppress(OSError):
            util.write_nonblock(client, front_error(reply.status))

    def handle_request(self, listener_name, req, sock, addr):
        # Past the headers the socket's own timeout bounds each pause in the body or the answer.
        sock.settimeout(self.read_timeout)
        try:
            keep = super().handle_request(listener_name, req, sock, addr)
            # Take turns: a client whose next request is already waiting (pipelined, or quick) would
            # otherwise be answered again and again before any other connection of this worker.
            gevent.sleep(0)
            return keep
        except TimeoutError:
            raise StopIteration from None  # the client stalled: close without a traceback in the log
        finally:
            with suppress(OSError):
                sock.settimeout(None)  # the headers of the next request wait under timeout_ctx instead
