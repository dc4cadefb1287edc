"""Reload without restart: SIGHUP to a running `careerbot serve` answers from the changed KB, after its check."""
from __future__ import annotations

import os
import shutil
import signal
import time

import pytest

from conftest import KBS
from live import get, post, start_server, stop_server, worker_pids

QUESTION = "what is the median wage?"


def _wait_for(what, deadline: float = 60):
    """Return what() once it is truthy; fail when it is not within the deadline (liveness, not speed)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        found = what()
        if found:
            return found
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {what.__doc__}")


def _answers_from_new_workers(base: str, proc, old: set[int]) -> set[str]:
    """Ask until both new workers answered; return what they said."""
    def new_workers() -> list[int]:
        """new workers in place of the old ones"""
        pids = set(worker_pids(proc, 2, timeout=1))
        return sorted(pids) if len(pids) == 2 and not pids & old else []
    fresh = set(_wait_for(new_workers))
    said, seen = set(), set()
    for _ in range(200):  # the kernel deals connections to both workers; 200 tries meet each
        if seen >= fresh:
            break
        status, answer = post(f"{base}/api/chat", {"message": QUESTION})
        worker = get(f"{base}/api/health")[1]["worker"]
        assert status == 200, answer
        said.add(answer["answer"])
        seen.add(worker)
    return said


@pytest.fixture
def served(tmp_path):
    """A two-worker server answering from a copy of the tidepool KB: (process, base URL, KB folder)."""
    kb = tmp_path / "kb"
    shutil.copytree(KBS / "tidepool", kb)
    proc, base = start_server(tmp_path, workers=2, env={"CAREERBOT_KB": str(kb), "CAREERBOT_KB_CACHE": str(tmp_path / "cache")})
    try:
        yield proc, base, kb
    finally:
        stop_server(proc)


def _edit(kb, *pairs: tuple[str, str]) -> None:
    facts = kb / "facts.yaml"
    text = facts.read_text()
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    facts.write_text(text)


def test_sighup_reloads_a_changed_kb_in_a_two_worker_server(served):
    proc, base, kb = served
    old = set(worker_pids(proc, 2))
    assert len(old) == 2
    assert "$48,500" in post(f"{base}/api/chat", {"message": QUESTION})[1]["answer"]
    _edit(kb, ("earned $48,500 a year", "earned $49,900 a year"), ("value: 48500", "value: 49900"))
    os.kill(proc.pid, signal.SIGHUP)
    said = _answers_from_new_workers(base, proc, old)
    assert said and all("$49,900" in s and "$48,500" not in s for s in said), said
    assert any("careerbot: reloaded the KB at" in line for line in proc.log)


def test_broken_kb_on_sighup_keeps_the_old_one_serving_and_logs_why(served):
    proc, base, kb = served
    old = set(worker_pids(proc, 2))
    _edit(kb, ("value: 48500", "value: 49900"))  # the text still says $48,500: the check fails
    os.kill(proc.pid, signal.SIGHUP)

    def refused() -> list[str]:
        """the log's refusal"""
        return [line for line in proc.log if "was not reloaded" in line]
    assert "2 problem(s); the old KB goes on serving" in _wait_for(refused)[0]
    reason = f"{kb}/facts.yaml:34: wage-median: figure 'wage-median' value 49900 does not appear in the fact's text"
    assert any(line.strip() == reason for line in proc.log), "".join(proc.log)
    said = _answers_from_new_workers(base, proc, old)
    assert said and all("$48,500" in s for s in said), said
    assert get(f"{base}/api/health")[1]["status"] == "ok"
