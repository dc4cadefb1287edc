"""API fuzzing from the OpenAPI description (schemathesis): no 5xx, no response off the documented shape."""
from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import settings

from careerbot.http import create_app
from conftest import config

APP = create_app(config(Path(tempfile.mkdtemp(prefix="careerbot-fuzz-"))))
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=150, deadline=None)
def test_api_holds_its_description_under_fuzzing(case):
    case.call_and_validate()
