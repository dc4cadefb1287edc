"""Rate limiting per client: 429 in the one error shape, with Retry-After; other clients unaffected."""
from __future__ import annotations

import pytest

from careerbot.http import create_app
from conftest import config


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
