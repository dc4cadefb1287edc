"""One JSON shape for every error, with a 4xx status for the client's mistakes and no internals."""
from __future__ import annotations

import logging

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

log = logging.getLogger("careerbot")

# HTTP status -> (code, message). The message says what to do, never what broke inside.
ERRORS = {
    400: ("bad_request", "The request is not valid."),
    403: ("forbidden", "This is not allowed."),
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "This address does not take that method."),
    413: ("too_large", "The request body is too large."),
    414: ("uri_too_long", "The address is too long."),
    415: ("unsupported_media_type", "Send JSON with Content-Type: application/json."),
    417: ("expectation_failed", "The server cannot meet the request's Expect header."),
    429: ("too_many_requests", "Too many requests; wait a moment and try again."),
    431: ("headers_too_large", "The request's headers are too large."),
    500: ("internal_error", "Something went wrong on our side; please try again."),
    501: ("not_implemented", "The server does not support what the request asks for."),
}


class ApiError(Exception):
    """A client mistake with a specific code and message (e.g. a missing 'message' field)."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def error_body(status: int, code: str | None = None, message: str | None = None) -> dict:
    """Return the one error shape: {"error": {"status", "code", "message"}}."""
    default_code, default_message = ERRORS.get(status, ERRORS[500 if status >= 500 else 400])
    return {"error": {"status": status, "code": code or default_code, "message": message or default_message}}


def error_response(status: int, code: str | None = None, message: str | None = None):
    """Return the JSON error response in the one shape."""
    return jsonify(error_body(status, code, message)), status


def register(app: Flask) -> None:
    """Answer every error, from any route, in the one JSON shape."""

    @app.errorhandler(ApiError)
    def api_error(exc: ApiError):
        return error_response(exc.status, exc.code, exc.message)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        response, status = error_response(status)
        if status == 405 and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        if status == 429 and getattr(exc, "retry_after", None) is not None:
            response.headers["Retry-After"] = str(exc.retry_after)  # the limiter's headers add it too
        return response, status

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("unhandled error")  # the details go to the server log, never to the client
        return error_response(500)
