"""Sessions: issued by the engine, isolated, bounded in count and age."""
from __future__ import annotations

from careerbot.ops.session import Context, SessionStore


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_session_store_issues_new_ids_for_unknown_ones():
    store = SessionStore()
    sid, ctx = store.open("f" * 32)
    assert sid != "f" * 32 and len(sid) == 32 and ctx == Context()


def test_session_store_keeps_context_per_session():
    store = SessionStore()
    a, b = _new(store), _new(store)
    store.save(a, Context("earnings", ("setting:hospitals",), (2008,), ("wage-hospitals",)))
    assert store.open(a)[1].intent == "earnings"
    assert store.open(b)[1] == Context()


def _new(store) -> str:
    sid, context = store.open(None)
    store.save(sid, context)
    return sid


def test_session_store_keeps_a_session_only_once_saved():
    store = SessionStore()
    sid, _ = store.open(None)
    assert len(store) == 0 and store.open(sid)[0] != sid
    store.save(sid, Context())
    assert store.open(sid)[0] == sid


def test_session_store_drops_oldest_beyond_its_maximum():
    store = SessionStore(max_sessions=100)
    ids = [_new(store) for _ in range(1000)]
    assert len(store) == 100
    assert store.open(ids[0])[0] != ids[0]
    assert store.open(ids[-1])[0] == ids[-1]


def test_session_store_expires_idle_sessions():
    clock = Clock()
    store = SessionStore(ttl_seconds=60, clock=clock)
    sid = _new(store)
    clock.now = 30
    assert store.open(sid)[0] == sid
    clock.now = 100
    assert store.open(sid)[0] != sid
    assert len(store) == 0


def test_session_store_reset_forgets_a_session():
    store = SessionStore()
    sid = _new(store)
    store.reset(sid)
    assert store.open(sid)[0] != sid
