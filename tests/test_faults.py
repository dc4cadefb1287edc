"""Faults of the disk under the real server: answers keep coming, health says why, and it heals by itself."""
from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from live import post, start_server, stop_server, worker_pids

# The limiter counts in the same folder, so its file meets the fault too (a limit no client reaches here).
ENV = {"CAREERBOT_RATE_LIMIT": "100000 per minute"}
QUESTION, FOLLOW_UP, CONTEXT_SAYS = "median wage in hospitals", "what about nursing homes?", "$30,660"


@dataclass(frozen=True)
class Fault:
    """A fault of the state folder: shell commands that start and clear it ({state} is the folder)."""

    name: str
    start: str
    clear: str
    tmpfs: str | None = None  # the folder is a tmpfs with these options, in the server's own mount namespace
    degrades: bool = True  # health must say "degraded" while it lasts


FAULTS = [
    # CI runs as root, which writes through file permissions: a full disk needs a size-capped mount.
    Fault("disk full", "cat /dev/zero > {state}/fill", "rm {state}/fill", tmpfs="size=2m"),
    # Read-only for root too: the immutable flag. (Remounting read-only is refused while files are open.)
    Fault("files immutable", "chattr +i {state}/*", "chattr -i {state}/*"),
    # Deleted while open: the store notices the new file at once and recreates its table; nothing degrades.
    Fault("session file deleted", "rm {state}/sessions.sqlite3", "true", degrades=False),
]


def _requirement(fault: Fault, scratch: Path) -> str | None:
    """Return why this machine cannot produce the fault, or None."""
    scratch.mkdir()
    if fault.tmpfs:
        probe = subprocess.run(["unshare", "-m", "--propagation", "private", "mount", "-t", "tmpfs", "-o", fault.tmpfs,
                                "tmpfs", str(scratch)], capture_output=True, text=True)
        if probe.returncode:
            return f"a size-capped tmpfs needs a private mount namespace (root or CAP_SYS_ADMIN): {probe.stderr.strip()}"
    if "chattr" in fault.start:
        (scratch / "probe").touch()
        probe = subprocess.run(["chattr", "+i", str(scratch / "probe")], capture_output=True, text=True)
        subprocess.run(["chattr", "-i", str(scratch / "probe")], capture_output=True)
        if probe.returncode:
            return f"the immutable flag needs root and a file system that has it (ext4, xfs): {probe.stderr.strip()}"
    return None


def start_faultable(fault: Fault, state: Path) -> tuple[subprocess.Popen, str]:
    """Start the 2-worker server on `state` (in its own mount namespace, on a tmpfs, if the fault needs one)."""
    prefix = ("unshare", "-m", "--propagation", "private", "sh", "-c",
              f'mount -t tmpfs -o {fault.tmpfs} tmpfs "{state}" && exec "$@"', "sh") if fault.tmpfs else ()
    return start_server(state, workers=2, env=ENV, prefix=prefix)


def unflag(fault: Fault, state: Path) -> None:
    """Take the immutable flag off what the fault flagged, so the folder can be removed."""
    if "chattr" in fault.start:
        subprocess.run(["sh", "-c", f"chattr -i {state}/*"], capture_output=True)


def _shell(fault: Fault, proc: subprocess.Popen, command: str) -> None:
    """Run a command where the server sees its files: in its mount namespace if it has its own."""
    enter = ["nsenter", "-t", str(proc.pid), "-m", "--"] if fault.tmpfs else []
    subprocess.run([*enter, "sh", "-c", command], capture_output=True, timeout=60)


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def _keeps_context(base: str) -> bool:
    """Ask a question and its follow-up; say whether the follow-up knew what it followed (both must answer)."""
    status, first = post(f"{base}/api/chat", {"message": QUESTION})
    assert status == 200, first
    status, second = post(f"{base}/api/chat", {"message": FOLLOW_UP, "session_id": first["session_id"]})
    assert status == 200, second
    return CONTEXT_SAYS in second["answer"]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_state_fault_never_costs_an_answer_and_heals(tmp_path, fault):
    reason = _requirement(fault, tmp_path / "probe")
    if reason:
        pytest.skip(reason)
    state = tmp_path / "state"
    state.mkdir()
    proc, base = start_faultable(fault, state)
    try:
        workers = worker_pids(proc, 2)
        assert len(workers) == 2 and _keeps_context(base)
        _shell(fault, proc, fault.start.format(state=state))
        during = []
        for _ in range(30):  # both workers meet the fault: each answer, then what health and readiness say
            status, answer = post(f"{base}/api/chat", {"message": QUESTION})
            assert status == 200 and answer["answered"], answer
            during.append((_get(f"{base}/api/health")[1], _get(f"{base}/api/ready")))
        for health, (status, ready) in during:
            assert (health["status"] == "degraded") == bool(health["problems"])
            assert health["ready"] == ("sessions" not in health["problems"])
            assert (status, ready["ready"]) == ((200, True) if "sessions" not in ready["problems"] else (503, False))
        sessions_down = [health for health, _ in during if "sessions" in health["problems"]]
        assert bool(sessions_down) == fault.degrades, during
        _shell(fault, proc, fault.clear.format(state=state))
        healed = False
        for _ in range(60):  # heals by itself: bounded polling, not a timing test
            kept = [_keeps_context(base) for _ in range(4)]  # the log heals by writing: it needs questions
            if kept == [True] * 4 and [_get(f"{base}/api/health")[1]["status"] for _ in range(4)] == ["ok"] * 4:
                healed = True
                break
            time.sleep(0.5)
        assert healed, ("the store did not recover once the fault cleared", [_get(f"{base}/api/health")[1] for _ in range(4)])
        assert worker_pids(proc, 2) == workers, "a worker died (SIGBUS?) and was replaced"
    finally:
        stop_server(proc)
        unflag(fault, state)
