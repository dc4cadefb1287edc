"""Real Chromium for the browser tests: Debian's chromium driven by Playwright (no browser download)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

AXE = Path(__file__).parent / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def need_browser() -> tuple[str, str]:
    """Return the chromium path and axe-core source, or fail (CI) / skip (elsewhere) with the reason."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    missing = [] if chromium else ["Debian's chromium (apt-get install chromium)"]
    missing += [] if AXE.exists() else ["axe-core (npm ci --prefix tests/browser)"]
    if missing:
        reason = "browser tests need " + " and ".join(missing)
        if os.environ.get("CAREERBOT_BROWSER_TESTS") == "required":
            pytest.fail(reason)
        pytest.skip(reason)
    return chromium, AXE.read_text()


def axe_violations(page, include: str | None = None) -> list[dict]:
    """Run axe-core in the page (injected by evaluate, since the page's CSP rightly blocks script tags)."""
    page.evaluate(AXE.read_text())
    context = f"{{include: [[{include!r}]]}}" if include else "document"
    return page.evaluate(f"async () => (await axe.run({context})).violations"
                         ".map(v => ({id: v.id, nodes: v.nodes.length, help: v.help}))")


@pytest.fixture(scope="module")
def chromium():
    """Launch Debian's chromium once per test module."""
    path, _axe = need_browser()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=ARGS)
        yield browser
        browser.close()
