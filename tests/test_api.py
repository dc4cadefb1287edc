"""The HTTP API: statuses, the one error shape, headers, and responses that match the OpenAPI description."""
from __future__ import annotations

import re

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate

from careerbot.http import create_app
from careerbot.settings import SETTINGS
from conftest import config


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    state = tmp_path_factory.mktemp("state")
    app = create_app(config(state, MAX_MESSAGE_CHARS=200, MAX_BODY_BYTES=2048))

    @app.get("/api/test-crash")
    def crash():  # stands for any bug: the client must see the error shape, not the details
        raise RuntimeError("secret internals /etc/passwd")

    return app


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def spec(app):
    return app.test_client().get("/api/openapi.json").get_json()


def _matches(spec: dict, name: str, data: dict) -> None:
    schema = {**spec["components"]["schemas"][name], "components": spec["components"]}
    OAS30Validator(schema).validate(data)


def test_openapi_description_is_valid(spec):
    validate(spec)
    assert spec["components"]["schemas"]["ChatRequest"]["properties"]["message"]["maxLength"] == 200


@pytest.mark.parametrize("question", ["what do coders earn?", "how many people work in hospitals?",
                                      "where do technicians work?", "hi", "what's the weather?"])
def test_chat_answers_in_the_documented_shape(client, spec, question):
    response = client.post("/api/chat", json={"message": question})
    assert response.status_code == 200
    _matches(spec, "Answer", response.get_json())


def test_chat_continues_a_session(client):
    first = client.post("/api/chat", json={"message": "median wage in hospitals"}).get_json()
    follow = client.post("/api/chat", json={"message": "what about nursing homes?",
                                            "session_id": first["session_id"]}).get_json()
    assert follow["session_id"] == first["session_id"] and "$30,660" in follow["answer"]


@pytest.mark.parametrize("kwargs, status, code", [
    ({"data": "{not json", "content_type": "application/json"}, 400, "bad_json"),
    ({"data": "null", "content_type": "application/json"}, 400, "bad_request"),  # valid JSON, but no object
    ({"json": ["a list"]}, 400, "bad_request"),
    ({"json": {}}, 400, "bad_message"),
    ({"json": {"message": ""}}, 400, "bad_message"),
    ({"json": {"message": "   "}}, 400, "bad_message"),
    ({"json": {"message": "\t\u00a0\ufeff\u3000"}}, 400, "bad_message"),  # white space by the description's pattern
    ({"json": {"message": 42}}, 400, "bad_message"),
    ({"json": {"message": "x" * 201}}, 400, "message_too_long"),
    ({"json": {"message": "hi", "session_id": 7}}, 400, "bad_session_id"),
    ({"data": '{"message": "' + "x" * 4000 + '"}', "content_type": "application/json"}, 413, "too_large"),
    ({"data": "message=hi", "content_type": "application/x-www-form-urlencoded"}, 415, "unsupported_media_type"),
    ({"data": "hi", "content_type": "text/plain"}, 415, "unsupported_media_type"),
])
def test_chat_rejects_bad_requests_with_json_errors(client, spec, kwargs, status, code):
    response = client.post("/api/chat", **kwargs)
    assert response.status_code == status
    assert response.is_json
    _matches(spec, "Error", response.get_json())
    assert response.get_json()["error"]["code"] == code


@pytest.fixture(scope="module")
def roomy(tmp_path_factory):
    """A client of an app with the default body limit, which holds JSON nested thousands deep."""
    return create_app(config(tmp_path_factory.mktemp("roomy"))).test_client()


@pytest.mark.parametrize("path, field", [("/api/chat", "message"), ("/api/feedback", "answer_id")])
@pytest.mark.parametrize("depth", [1_000, 8_000])
def test_deeply_nested_json_is_bad_json(roomy, spec, path, field, depth):
    body = '{"%s": %s%s}' % (field, "[" * depth, "]" * depth)
    response = roomy.post(path, data=body, content_type="application/json")
    assert response.status_code == 400
    _matches(spec, "Error", response.get_json())
    assert response.get_json()["error"]["code"] == "bad_json"


@pytest.mark.parametrize("method, path, status", [
    ("get", "/api/nope", 404), ("get", "/nope", 404), ("get", "/api/chat", 405), ("delete", "/api/health", 405),
    ("put", "/", 405),
])
def test_unknown_routes_and_methods_get_json_errors(client, spec, method, path, status):
    response = getattr(client, method)(path)
    assert response.status_code == status and response.is_json
    _matches(spec, "Error", response.get_json())


def test_server_error_carries_no_internals(client, spec):
    response = client.get("/api/test-crash")
    assert response.status_code == 500
    _matches(spec, "Error", response.get_json())
    assert "secret" not in response.get_data(as_text=True) and "Traceback" not in response.get_data(as_text=True)


def test_health_and_about(client, spec):
    health = client.get("/api/health").get_json()
    _matches(spec, "Health", health)
    assert health["status"] == "ok" and health["facts"] >= 40
    about = client.get("/api/about").get_json()
    _matches(spec, "About", about)
    assert about["suggestions"] and about["max_message_chars"] == 200


@pytest.mark.parametrize("path", ["/api/health", "/api/chat"])
def test_api_responses_carry_security_headers(client, path):
    response = client.post(path, json={"message": "hi"}) if path.endswith("chat") else client.get(path)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_page_has_strict_csp_and_no_inline_script(client):
    with client.get("/") as response:
        html = response.get_data(as_text=True)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "<script>" not in html and 'src="/widget.js"' in html
    for path in ("/widget.js", "/static/style.css", "/embed", "/static/embed.js"):
        with client.get(path) as asset:
            assert asset.status_code == 200, path
    with client.get("/widget.js") as widget:
        assert widget.mimetype == "text/javascript"


@pytest.mark.parametrize("path", ["/", "/embed", "/widget.js", "/static/style.css", "/static/embed.js"])
def test_page_assets_load_nothing_from_other_sites(client, path):
    with client.get(path) as response:
        text = re.sub(r"<pre.*?</pre>", "", response.get_data(as_text=True), flags=re.S)  # the snippet is text
    assert not re.search(r"""(src|href)\s*=\s*["']?https?://|@import|url\(\s*["']?https?://""", text), path
    assert "eval(" not in text and "new Function" not in text and "innerHTML" not in text, path


def test_settings_come_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CAREERBOT_MAX_MESSAGE_CHARS", "5")
    app = create_app(config(tmp_path))
    response = app.test_client().post("/api/chat", json={"message": "too long"})
    assert response.get_json()["error"]["code"] == "message_too_long"


def test_every_setting_has_help():
    assert all(s.help for s in SETTINGS)


@pytest.fixture()
def cors_client(tmp_path):
    app = create_app(config(tmp_path, ALLOWED_ORIGINS="https://good.example, http://127.0.0.1:9"))
    return app.test_client()


def test_cors_preflight_answered_for_allowed_origin_only(cors_client, spec):
    ok = cors_client.options("/api/chat", headers={"Origin": "https://good.example",
                                                   "Access-Control-Request-Method": "POST"})
    assert ok.status_code == 204
    assert ok.headers["Access-Control-Allow-Origin"] == "https://good.example"
    assert "Access-Control-Allow-Credentials" not in ok.headers
    bad = cors_client.options("/api/chat", headers={"Origin": "https://evil.example",
                                                    "Access-Control-Request-Method": "POST"})
    assert bad.status_code == 403 and "Access-Control-Allow-Origin" not in bad.headers
    _matches(spec, "Error", bad.get_json())


@pytest.mark.parametrize("origin, allowed", [("https://good.example", True), ("http://127.0.0.1:9", True),
                                             ("https://good.example.evil", False), ("http://good.example", False),
                                             ("null", False)])
def test_cors_matches_origins_exactly(cors_client, origin, allowed):
    response = cors_client.post("/api/chat", json={"message": "hi"}, headers={"Origin": origin})
    assert (response.status_code == 200) == allowed
    assert (response.headers.get("Access-Control-Allow-Origin") == origin) == allowed


def test_cors_star_only_when_set(tmp_path):
    app = create_app(config(tmp_path, ALLOWED_ORIGINS="*"))
    response = app.test_client().post("/api/chat", json={"message": "hi"}, headers={"Origin": "https://any.example"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_same_site_page_needs_no_cors_setting(client):
    response = client.post("/api/chat", json={"message": "hi"}, headers={"Origin": "http://localhost"})
    assert response.status_code == 200


def test_a_rate_limited_answer_lets_another_sites_page_read_the_wait(tmp_path):
    app = create_app(config(tmp_path, ALLOWED_ORIGINS="https://good.example", RATE_LIMIT="1 per minute"))
    client, origin = app.test_client(), {"Origin": "https://good.example"}
    assert client.post("/api/chat", json={"message": "hi"}, headers=origin).status_code == 200
    limited = client.post("/api/chat", json={"message": "hi"}, headers=origin)
    assert limited.status_code == 429 and 0 < int(limited.headers["Retry-After"]) <= 60
    assert "Retry-After" in limited.headers["Access-Control-Expose-Headers"]


@pytest.mark.parametrize("handoff, expected", [("", None), ("https://advisors.example.org/book",
                                                            "https://advisors.example.org/book")])
def test_about_names_the_operators_handoff_address(tmp_path, spec, handoff, expected):
    about = create_app(config(tmp_path, HANDOFF_URL=handoff)).test_client().get("/api/about").get_json()
    _matches(spec, "About", about)
    assert about["handoff_url"] == expected


@pytest.mark.parametrize("handoff", ["http://advisors.example.org", "javascript:alert(1)", "advisors", "https://x y.org"])
def test_a_handoff_address_that_is_not_https_stops_start_up(tmp_path, handoff):
    with pytest.raises(ValueError, match="CAREERBOT_HANDOFF_URL must be an https address"):
        create_app(config(tmp_path, HANDOFF_URL=handoff))
