"""Many threads at once, and memory that stays bounded however many sessions come."""
from __future__ import annotations

import tracemalloc
from concurrent.futures import ThreadPoolExecutor

import yaml

from careerbot import Bot
from careerbot.kb import load
from careerbot.ops.session import Context, SessionStore
from careerbot.ops.sessiondb import TRIM_EVERY, SQLiteSessions
from conftest import ROOT, TESTS
from live import post, running_server

CONVERSATIONS = yaml.safe_load((TESTS / "conversations.yaml").read_text())["conversations"]


def _check(answer: dict, turn: dict) -> None:
    for phrase in turn.get("says", []):
        assert phrase in answer["answer"], (turn["q"], answer["answer"])


def _converse(ask, conversation: dict) -> int:
    session = None
    for turn in conversation["turns"]:
        answer = ask(turn["q"], session)
        session = answer["session_id"]
        _check(answer, turn)
    return len(conversation["turns"])


def test_bot_answers_correctly_from_many_threads(tmp_path):
    bot = Bot(load(ROOT / "kb"), SQLiteSessions(tmp_path / "sessions.sqlite3"))

    def ask(text, session):
        return bot.ask(text, session).to_dict()

    with ThreadPoolExecutor(16) as pool:
        turns = sum(pool.map(lambda c: _converse(ask, c), CONVERSATIONS * 8))
    assert turns == 8 * sum(len(c["turns"]) for c in CONVERSATIONS)


def test_threaded_server_answers_correctly_under_concurrent_requests(tmp_path):
    with running_server(tmp_path, workers=1) as base:  # one process, one event loop: shared state is tested
        def ask(text, session):
            status, answer = post(f"{base}/api/chat", {"message": text, "session_id": session})
            assert status == 200, answer
            return answer

        with ThreadPoolExecutor(32) as pool:
            turns = sum(pool.map(lambda c: _converse(ask, c), CONVERSATIONS * 4))
    assert turns == 4 * sum(len(c["turns"]) for c in CONVERSATIONS)


def test_memory_session_store_stays_bounded_over_100000_sessions():
    store = SessionStore(max_sessions=10_000)
    context = Context("earnings", ("setting:hospitals",), (2008,), ("wage-hospitals",), ("wage-hospitals",))
    tracemalloc.start()
    for _ in range(10_000):
        store.save(store.open(None)[0], context)
    full = tracemalloc.get_traced_memory()[0]
    for _ in range(90_000):
        store.save(store.open(None)[0], context)
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert len(store) == 10_000
    assert after - full < 512 * 1024, f"memory grew by {after - full} bytes after the store was full"


def test_sqlite_session_store_stays_bounded_over_100000_sessions(tmp_path):
    store = SQLiteSessions(tmp_path / "sessions.sqlite3", max_sessions=1_000)
    for _ in range(100_000):
        store.save(store.open(None)[0], Context())
    assert len(store) <= 1_000 + TRIM_EVERY
    store.trim()
    assert len(store) == 1_000


def test_bot_caches_are_bounded():
    bot = Bot.load(ROOT / "kb")
    for n in range(6_000):
        bot.ask(f"zqxw{n:05d} salary")
    assert bot.normalizer.repair.cache_info().currsize <= bot.normalizer.repair.cache_info().maxsize
