"""Rate limiting per client: 429 in the one error shape, with Retry-After; other clients unaffected."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from careerbot.http import create_app
from careerbot.settings import StartupError
from conftest import ROOT, config
from live import post, running_server


@pytest.fixture()
def limited(tmp_path):
    return create_app(config(tmp_path, RATE_LIMIT="3 per minute")).test_client()


def _chat(client, address="10.0.0.1", **headers):
    return client.post("/api/chat", json={"message": "hi"}, environ_base={"REMOTE_ADDR": address}, headers=headers)


def test_rate_limit_answers_429_with_retry_after(limited):
    assert [_chat(limited).status_code for _ in range(3)] == [200, 200, 200]
    response = _chat(limited)
    assert response.status_code == 429
    assert response.get_json()["error"]["code"] == "too_many_requests"
    assert int(response.headers["Retry-After"]) > 0


def test_rate_limit_is_per_client(limited):
    for _ in range(3):
        _chat(limited, "10.0.0.1")
    assert _chat(limited, "10.0.0.1").status_code == 429
    assert _chat(limited, "10.0.0.2").status_code == 200


def test_rate_limit_spares_health_and_counts_ratings(limited):
    for _ in range(3):
        _chat(limited)
    assert limited.get("/api/health", environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 200
    rating = limited.post("/api/feedback", json={"answer_id": "a" * 32, "rating": "up"},
                          environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert rating.status_code == 429


def test_trusted_proxy_reports_the_client(tmp_path):
    client = create_app(config(tmp_path, RATE_LIMIT="1 per minute", TRUSTED_PROXIES=1)).test_client()
    assert _chat(client, "10.9.9.9", **{"X-Forwarded-For": "203.0.113.5"}).status_code == 200
    assert _chat(client, "10.9.9.9", **{"X-Forwarded-For": "203.0.113.6"}).status_code == 200
    assert _chat(client, "10.9.9.9", **{"X-Forwarded-For": "203.0.113.5"}).status_code == 429


def test_untrusted_forwarded_for_is_ignored(tmp_path):
    client = create_app(config(tmp_path, RATE_LIMIT="1 per minute")).test_client()
    assert _chat(client, "10.9.9.9", **{"X-Forwarded-For": "203.0.113.5"}).status_code == 200
    assert _chat(client, "10.9.9.9", **{"X-Forwarded-For": "203.0.113.6"}).status_code == 429


@pytest.mark.parametrize("body, code", [
    ({"answer_id": "x", "rating": "up"}, "bad_answer_id"),
    ({"answer_id": "a" * 32, "rating": "meh"}, "bad_rating"),
    ({"rating": "up"}, "bad_answer_id"),
])
def test_feedback_rejects_bad_ratings(tmp_path, body, code):
    client = create_app(config(tmp_path)).test_client()
    response = client.post("/api/feedback", json=body)
    assert response.status_code == 400 and response.get_json()["error"]["code"] == code


@pytest.mark.parametrize("workers", [2, 4])
def test_rate_limit_holds_across_workers_by_default(tmp_path, workers):
    # Each request on a new connection, so every worker takes some; before, each worker counted alone.
    with running_server(tmp_path, workers=workers, env={"CAREERBOT_RATE_LIMIT": "30 per minute"}) as base:
        statuses = [post(f"{base}/api/chat", {"message": "hi"})[0] for _ in range(30 * workers)]
    assert statuses[:30] == [200] * 30
    assert set(statuses[30:]) == {429}


def test_redis_storage_without_its_client_stops_start_up_clearly(tmp_path):
    # Run as if the optional client were not installed (an import of it fails), whether or not it is.
    code = "import sys; sys.modules['redis'] = None; from careerbot.cli import main; main()"
    result = subprocess.run([sys.executable, "-c", code, "serve", "--port", "0"], capture_output=True, text=True,
                            cwd=ROOT, timeout=60, env={**config_env(tmp_path),
                                                       "CAREERBOT_RATE_LIMIT_STORAGE": "redis://127.0.0.1:6379"})
    assert result.returncode == 1
    assert "pip install 'careerbot[redis]'" in result.stderr and "Traceback" not in result.stderr


def config_env(state) -> dict:
    """Return the environment of a server whose files stay in the test's folder."""
    return {**os.environ, **{f"CAREERBOT_{k}": str(v) for k, v in config(state, RATE_LIMIT="30 per minute").items()}}


def test_rate_limit_headers_count_down_per_client(limited):
    # The headers reuse the window the limiter just counted (one query per question, not two): they must
    # still say what is left for this client, and not another's.
    remaining = [_chat(limited, "10.0.0.1").headers["X-RateLimit-Remaining"] for _ in range(2)]
    other = _chat(limited, "10.0.0.2").headers["X-RateLimit-Remaining"]
    assert remaining + [other, _chat(limited, "10.0.0.1").headers["X-RateLimit-Remaining"]] == ["2", "1", "2", "0"]


@pytest.mark.parametrize("rate", ["lots", "30 per fortnight"])
def test_rate_limit_setting_that_says_no_rate_stops_start_up(tmp_path, rate):
    with pytest.raises(StartupError, match="CAREERBOT_RATE_LIMIT must be like"):
        create_app(config(tmp_path, RATE_LIMIT=rate))


def test_rate_limit_counts_each_limit_and_headers_name_the_refusing_one(tmp_path):
    client = create_app(config(tmp_path, RATE_LIMIT="5 per minute; 2 per hour")).test_client()
    responses = [_chat(client) for _ in range(3)]
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert [r.headers["X-RateLimit-Limit"] for r in responses] == ["5", "5", "2"]
    assert 60 < int(responses[-1].headers["Retry-After"]) <= 3600
