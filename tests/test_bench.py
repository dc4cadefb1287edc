"""The benchmark script in smoke form: it runs end to end and writes every figure (no timing asserted)."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT


def test_bench_smoke_writes_every_section(tmp_path):
    out = tmp_path / "bench.json"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "bench.py"), "--smoke", "--json", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(out.read_text())
    assert figures["smoke"] is True
    assert set(figures) >= {"engine", "scaling", "worst_question", "redact", "cold_start", "http", "sessions", "machine",
                            "pay_table"}
    assert figures["pay_table"]["rows"] > 0 and figures["pay_table"]["engine_ms"]["p50"] > 0 and "Pay table" in result.stdout
    assert figures["engine"]["engine_us"]["p50"] > 0 and figures["engine"]["baseline_us"]["p50"] > 0
    assert [row["factor"] for row in figures["scaling"]] == [1, 2]
    small, big = figures["worst_question"]
    assert small["worst_ms"]["p50"] > 0 and big["vocabulary"] > small["vocabulary"]  # the vocabulary grows too
    assert figures["http"]["chat"]["errors"] == 0 and figures["http"]["health"]["errors"] == 0
    assert figures["http"]["chat"]["requests"] > 0 and figures["http"]["worker_rss_mb"]
    assert "ratio engine/baseline" in result.stdout and "chat/health throughput" in result.stdout
    assert "Worst accepted question" in result.stdout and "redact() before a question is logged" in result.stdout
    assert [row["chars"] for row in figures["redact"]["sizes"]] == [1_000, 2_000]
    assert all(row["fts5_us"]["p50"] > 0 for row in figures["scaling"]) and "FTS5" in result.stdout
    one, two = figures["kb_load"]
    assert (one["factor"], two["factor"], two["facts"]) == (1, 2, 2 * one["facts"])
    assert all(row["yaml_mb"] > 0 and row["cached_mb"] > 0 and row["compiled_mb"] > 0 for row in figures["kb_load"])
    assert figures["served"]["factor"] == 2 and len(figures["served"]["workers"]) == 2
    assert all(0 < w["uss_mb"] < w["rss_mb"] for w in figures["served"]["workers"])  # workers share pages
    if figures["http"]["client"] == "wrk":  # .ci/run installs wrk; elsewhere the bench says it fell back
        assert figures["http"]["chat"]["cpu_us_per_request"] > 0 and figures["http"]["health"]["cpu_us_per_request"] > 0
    assert all(row["worst_ms"] > 0 for row in figures["redact"]["sizes"])
