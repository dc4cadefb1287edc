"""Read a request's JSON body: every way a client can send it wrong is a 4xx in the error shape."""
from __future__ import annotations

from flask import current_app, request
from gunicorn.http.errors import ParseException
from werkzeug.exceptions import RequestEntityTooLarge

from .errors import ApiError


def raw() -> bytes:
    """Return the body; 413 beyond CAREERBOT_MAX_BODY_BYTES, chunked or not; 400 if it cannot be read."""
    limit = int(current_app.config["MAX_BODY_BYTES"])
    try:
        data = request.get_data(cache=True)  # 413 here when Content-Length is over the limit
        # A chunked body has no Content-Length: Werkzeug stops reading at the limit without a word, so
        # a byte behind it means the body was too large, not that its JSON was cut short.
        if request.content_length is None and len(data) >= limit and request.environ["wsgi.input"].read(1):
            raise RequestEntityTooLarge()
    except (OSError, ParseException):  # a malformed chunk (gunicorn's parser), or the client went away
        raise ApiError(400, "bad_body", "The body could not be read; send it again.") from None
    return data


def json_object() -> dict:
    """Return the request's JSON object, or raise the ApiError a client needs to fix it."""
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "Send JSON with Content-Type: application/json.")
    try:
        data = current_app.json.loads(raw())
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser recurses ([[[[...)
        raise ApiError(400, "bad_json", "The body is not valid JSON.") from None
    if not isinstance(data, dict):  # null, a list, a number: valid JSON, but not the object the API takes
        raise ApiError(400, "bad_request", "The body must be a JSON object.")
    return data
