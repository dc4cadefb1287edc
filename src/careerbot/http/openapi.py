"""The OpenAPI 3 description of the API; tests validate it and every response against it."""
from __future__ import annotations

from .. import __version__
from ..engine.answer import Answer

ERROR = {"type": "object", "required": ["error"], "additionalProperties": False, "properties": {"error": {
    "type": "object", "required": ["status", "code", "message"], "additionalProperties": False,
    "properties": {"status": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"}}}}}
CITATION = {"type": "object", "required": ["fact_id", "source", "year", "section", "text", "url"],
            "additionalProperties": False,
            "properties": {"fact_id": {"type": "string"}, "source": {"type": "string"},
                           "year": {"type": "integer", "nullable": True}, "section": {"type": "string"},
                           "text": {"type": "string"}, "url": {"type": "string", "nullable": True}}}
SENTENCE = {"type": "object", "required": ["text", "fact_ids"], "additionalProperties": False,
            "properties": {"text": {"type": "string"}, "fact_ids": {"type": "array", "items": {"type": "string"}}}}
CALCULATION = {"type": "object", "required": ["op", "expression", "result", "unit", "inputs", "note", "agrees_with"],
               "additionalProperties": False,
               "properties": {"op": {"type": "string"}, "expression": {"type": "string"}, "result": {"type": "number"},
                              "unit": {"type": "string"}, "inputs": {"type": "array", "items": {"type": "string"}},
                              "note": {"type": "string"}, "agrees_with": {"type": "string", "nullable": True}}}
CHART = {"type": "object", "nullable": True, "required": ["kind", "title", "unit", "items"], "additionalProperties": False,
         "properties": {"kind": {"type": "string", "enum": ["bar"]}, "title": {"type": "string"},
                        "unit": {"type": "string"}, "items": {"type": "array", "items": {
                            "type": "object", "required": ["label", "value", "fact_id"], "additionalProperties": False,
                            "properties": {"label": {"type": "string"}, "value": {"type": "number"},
                                           "fact_id": {"type": "string"}}}}}}
ANSWER = {"type": "object", "additionalProperties": False, "required": list(Answer.keys()),
          "properties": {"answer": {"type": "string"}, "answered": {"type": "boolean"}, "intent": {"type": "string"},
                         "citations": {"type": "array", "items": {"$ref": "#/components/schemas/Citation"}},
                         "calculations": {"type": "array", "items": {"$ref": "#/components/schemas/Calculation"}},
                         "suggestions": {"type": "array", "items": {"type": "string"}},
                         "session_id": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
                         "answer_id": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
                         "chart": {"$ref": "#/components/schemas/Chart"},
                         "sentences": {"type": "array", "items": {"$ref": "#/components/schemas/Sentence"}}}}
FEEDBACK = {"type": "object", "required": ["answer_id", "rating"], "properties": {
    "answer_id": {"type": "string", "pattern": "^[0-9a-f]{32}$", "description": "The answer_id of the answer rated."},
    "rating": {"type": "string", "enum": ["up", "down"]}}}
OK = {"type": "object", "required": ["status"], "properties": {"status": {"type": "string", "enum": ["ok"]}}}
PROBLEMS = {"type": "object", "additionalProperties": {"type": "string"},
            "description": "Each part that does not work now (sessions, log, rate_limit) and why."}
HEALTH = {"type": "object", "required": ["status", "ready", "problems", "version", "facts", "figures", "topics", "worker"],
          "properties": {"status": {"type": "string", "enum": ["ok", "degraded"]}, "ready": {"type": "boolean"},
                         "problems": PROBLEMS, "version": {"type": "string"}, "facts": {"type": "integer"},
                         "figures": {"type": "integer"}, "topics": {"type": "integer"}, "worker": {"type": "integer"}}}
READY = {"type": "object", "required": ["ready", "problems"], "additionalProperties": False,
         "properties": {"ready": {"type": "boolean"}, "problems": PROBLEMS}}
ABOUT = {"type": "object", "required": ["about", "topics", "suggestions", "max_message_chars", "handoff_url"],
         "properties": {"about": {"type": "string"}, "topics": {"type": "string"},
                        "suggestions": {"type": "array", "items": {"type": "string"}},
                        "max_message_chars": {"type": "integer"},
                        "handoff_url": {"type": "string", "nullable": True}}}


def _json(schema_ref: str, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": schema_ref}}}}


def _errors(*statuses: int) -> dict:
    return {str(s): _json("#/components/schemas/Error", "An error in the one error shape") for s in statuses}


# A message must hold a character that is not white space. Spelled out, because Python's \\s and
# JSON Schema's (ECMA) \\s disagree (Python counts \\x1c-\\x1f and \\x85, ECMA counts \\ufeff): the
# API checks a message with this same pattern, so the description and the server agree exactly.
VISIBLE = "[^\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]"


def spec(max_message_chars: int, max_body_bytes: int) -> dict:
    """Return the OpenAPI document with this server's limits."""
    chat_request = {"type": "object", "required": ["message"], "properties": {
        "message": {"type": "string", "minLength": 1, "maxLength": max_message_chars, "pattern": VISIBLE,
                    "description": "The question, in plain words (not only white space)."},
        "session_id": {"type": "string", "nullable": True,
                       "description": "The session_id of the previous answer, to continue a conversation."}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "careerbot", "version": __version__,
                 "description": f"Career questions answered from a curated KB, with citations. Request bodies are "
                                f"limited to {max_body_bytes} bytes."},
        "paths": {
            "/api/chat": {"post": {
                "summary": "Answer a question",
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/ChatRequest"}}}},
                "responses": {"200": _json("#/components/schemas/Answer", "The answer"), **_errors(400, 403, 413, 415, 429)},
            }},
            "/api/feedback": {"post": {
                "summary": "Rate an answer",
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Feedback"}}}},
                "responses": {"200": _json("#/components/schemas/Ok", "Stored"), **_errors(400, 403, 404, 413, 415, 429)},
            }},
            "/api/health": {"get": {"summary": "Does this server answer in full", "responses": {
                "200": _json("#/components/schemas/Health", "Health")}}},
            "/api/ready": {"get": {"summary": "Should a load balancer send conversations here", "responses": {
                "200": _json("#/components/schemas/Ready", "Ready"),
                "503": _json("#/components/schemas/Ready", "Degraded: conversations lose their context here")}}},
            "/api/about": {"get": {"summary": "What careerbot answers from", "responses": {
                "200": _json("#/components/schemas/About", "About")}}},
            "/api/openapi.json": {"get": {"summary": "This document", "responses": {
                "200": {"description": "OpenAPI 3", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
        },
        "components": {"schemas": {"ChatRequest": chat_request, "Answer": ANSWER, "Citation": CITATION,
                                   "Calculation": CALCULATION, "Chart": CHART, "Sentence": SENTENCE, "Error": ERROR,
                                   "Health": HEALTH, "Ready": READY,
                                   "About": ABOUT, "Feedback": FEEDBACK, "Ok": OK}},
    }
