"""Sessions in a real redis-server: the session store's behaviour, a bound, and a Redis that goes away."""
from __future__ import annotations

import subprocess
import sys

import pytest
import redis

from careerbot.engine.context import Context
from careerbot.ops.sessiondb import TRIM_EVERY
from careerbot.ops.sessionredis import RedisSessions
from conftest import ROOT
from live import free_port, need_program, start_redis, stop_server


class Clock:
    def __init__(self):
        self.now = 1_000_000.0

    def __call__(self):
        return self.now


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    """Run one redis-server for the module; yield (folder, port)."""
    need_program("redis-server", "redis-server")
    folder, port = tmp_path_factory.mktemp("redis"), free_port()
    proc = start_redis(folder, port)
    yield folder, port
    stop_server(proc)


@pytest.fixture()
def url(redis_server):
    """Return the URL of an empty Redis database."""
    address = f"redis://127.0.0.1:{redis_server[1]}/3"
    redis.Redis.from_url(address).flushdb()
    return address


def _new(store) -> str:
    sid, context = store.open(None)
    store.save(sid, context)
    return sid


CONTEXT = Context("earnings", ("setting:hospitals",), (2008,), ("wage-hospitals",), asked=("median wage?",))


def test_redis_sessions_keep_context_per_session(url):
    store = RedisSessions(url)
    a, b = _new(store), _new(store)
    store.save(a, CONTEXT)
    assert store.open(a) == (a, CONTEXT)
    assert store.open(b) == (b, Context())


def test_redis_sessions_are_shared_between_stores(url):
    # Two stores on one Redis stand for two hosts: what one saved, the other continues.
    first, second = RedisSessions(url), RedisSessions(url)
    sid = _new(first)
    first.save(sid, CONTEXT)
    assert second.open(sid) == (sid, CONTEXT)


@pytest.mark.parametrize("given", [None, "f" * 32, "F" * 32, "f" * 32 + "\n", "../x", ""])
def test_redis_sessions_issue_new_ids_for_unknown_ones(url, given):
    sid, context = RedisSessions(url).open(given)
    assert sid != given and len(sid) == 32 and context == Context()


def test_redis_sessions_keep_a_session_only_once_saved(url):
    store = RedisSessions(url)
    sid, _ = store.open(None)
    assert len(store) == 0 and store.open(sid)[0] != sid
    store.save(sid, Context())
    assert store.open(sid)[0] == sid and len(store) == 1


def test_redis_sessions_drop_oldest_beyond_their_maximum(url):
    clock = Clock()
    store = RedisSessions(url, max_sessions=100, clock=clock)
    ids = []
    for _ in range(10 * TRIM_EVERY):
        clock.now += 1
        ids.append(_new(store))
    assert len(store) == 100
    assert store.open(ids[0])[0] != ids[0] and store.open(ids[-100])[0] == ids[-100]
    assert redis.Redis.from_url(url).dbsize() == 100 + 1  # the keys went too (and the index)


def test_redis_sessions_expire_idle_sessions(url):
    clock = Clock()
    store = RedisSessions(url, ttl_seconds=60, clock=clock)
    sid = _new(store)
    clock.now += 30
    assert store.open(sid)[0] == sid
    clock.now += 100
    assert store.open(sid)[0] != sid
    assert 0 < redis.Redis.from_url(url).pttl(f"careerbot:session:{sid}") <= 60_000  # Redis drops it too


def test_redis_sessions_reset_forgets_a_session(url):
    store = RedisSessions(url)
    sid = _new(store)
    store.reset(sid)
    assert store.open(sid)[0] != sid and len(store) == 0


def test_redis_gone_costs_context_not_answers_and_heals(tmp_path):
    need_program("redis-server", "redis-server")
    port = free_port()  # a server of its own, to stop and start again on the same port
    proc = start_redis(tmp_path, port)
    try:
        store = RedisSessions(f"redis://127.0.0.1:{port}/0", retry_seconds=0)
        sid = _new(store)
        store.save(sid, CONTEXT)
        assert store.check() is None
        stop_server(proc)
        assert store.open(sid) != (sid, CONTEXT)  # a new conversation, and no exception
        store.save(sid, CONTEXT)
        assert "Connection refused" in store.check()
        proc = start_redis(tmp_path, port)  # empty: nothing was kept on disk
        assert store.check() is None  # the first call after the retry time reconnects
        store.save(sid, CONTEXT)
        assert store.open(sid) == (sid, CONTEXT)
    finally:
        stop_server(proc)


def test_redis_setting_without_its_client_stops_start_up_clearly(tmp_path):
    code = "import sys; sys.modules['redis'] = None; from careerbot.cli import main; main()"
    result = subprocess.run([sys.executable, "-c", code, "serve", "--port", "0"], capture_output=True, text=True,
                            cwd=ROOT, timeout=60, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                                       "CAREERBOT_SESSION_DB": "redis://127.0.0.1:1/0"})
    assert result.returncode == 1
    assert "CAREERBOT_SESSION_DB" in result.stderr and "pip install 'careerbot[redis]'" in result.stderr
    assert "Traceback" not in result.stderr
