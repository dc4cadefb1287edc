"""The bundled KB ships inside the wheel: an installed careerbot answers from any folder."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    return next(out.glob("careerbot-*.whl"))


def test_wheel_contains_the_kb_and_the_page(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("facts", "sources", "lexicon", "topics", "chitchat"):
        assert f"careerbot/bundled/kb/{name}.yaml" in names
    for name in ("index.html", "embed.html", "static/widget.js", "static/embed.js", "static/style.css"):
        assert f"careerbot/bundled/web/{name}" in names
    for name in ("facts", "sources", "lexicon", "topics", "chitchat"):  # editors validate KB files against these
        assert f"careerbot/kb/schemas/{name}.schema.json" in names


def test_installed_wheel_answers_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    env.pop("CAREERBOT_KB", None)
    result = subprocess.run([sys.executable, "-m", "careerbot", "ask", "what do coders earn?", "--json"],
                            cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert "$30,610" in data["answer"] and "$43,828" in data["answer"]
    where = subprocess.run([sys.executable, "-c", "import careerbot.kb as k; print(k.bundled_path())"],
                           cwd=elsewhere, env=env, capture_output=True, text=True).stdout.strip()
    assert where.startswith(str(site)), "the KB must come from the installed package, not the checkout"
