"""The embeddable widget on a third-party page (another origin) with hostile CSS and a strict CSP."""
from __future__ import annotations

import gzip
import re

import pytest
from playwright.sync_api import expect

from browser_support import ARTIFACTS, axe_violations
from conftest import ROOT
from live import host_site, running_server

WIDGET = ROOT / "web" / "static" / "widget.js"
BUDGET = 15 * 1024  # gzipped bytes, CSS included
HOSTILE = "* { font-size: 40px !important; color: red !important } button { display: none !important } " \
          "div { padding: 50px !important }"
CSP = "default-src 'none'; script-src {bot}; connect-src {bot}; style-src 'self'; img-src 'self'"


def html(bot: str, body: str = "", script: str = "") -> tuple[str, str]:
    tag = script or f'<script src="{bot}/widget.js" async data-title="Career questions" data-accent="#0b6e4f"></script>'
    return ("text/html; charset=utf-8", f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>A career site</title><link rel="stylesheet" href="/hostile.css"></head>
<body><main><h1>A career site</h1><div><p>Host content.</p>{body}</div></main>{tag}</body></html>""")


def site_pages(bot: str) -> dict:
    return {
        "/": html(bot),
        "/other": html(bot, "<p>Another page of the same site.</p>"),
        "/twice": html(bot, script=f'<script src="{bot}/widget.js" async></script><script src="{bot}/widget.js" async></script>'),
        "/bare": html(bot, script=" "),
        "/bad-options": html(bot, script=f'<script src="{bot}/widget.js" async data-accent="red" data-position="middle" '
                                         f'data-open="yes" data-colour="blue"></script>'),
        "/hostile.css": ("text/css", HOSTILE),
    }


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """A bot that allows one site; that site; and a second site the bot does not allow."""
    holder: dict = {}
    pages: dict = {}
    headers: dict = {}
    with host_site(pages, headers) as allowed, host_site(pages, headers) as refused:
        with running_server(tmp_path_factory.mktemp("widget"), env={"CAREERBOT_ALLOWED_ORIGINS": allowed}) as bot:
            pages.update(site_pages(bot))
            headers["Content-Security-Policy"] = CSP.replace("{bot}", bot)
            holder.update(bot=bot, allowed=allowed, refused=refused)
            yield holder


@pytest.fixture()
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors, page.warnings = [], []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: page.warnings.append(m.text) if m.type == "warning" else None)
    yield page
    assert page.errors == [], f"the widget threw into the host page: {page.errors}"
    context.close()


def widget(page):
    return page.locator("careerbot-widget")


def open_and_ask(page, question: str) -> None:
    launcher = page.get_by_role("button", name="Career questions")
    launcher.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#cb-input")).to_be_focused()
    page.keyboard.type(question)
    page.keyboard.press("Enter")


def test_widget_answers_on_a_hostile_strict_page(page, sites):
    page.goto(sites["allowed"] + "/")
    open_and_ask(page, "what do coders earn?")
    reply = page.locator(".msg.bot").last
    expect(reply).to_contain_text("$43,828")
    expect(reply.locator(".cites button")).to_have_count(4)  # the article's three facts from two sources, today's figure and its SOC note
    style = reply.locator(".text").evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e).color]")
    assert style == ["15px", "rgb(29, 35, 39)"], "host CSS leaked into the widget"
    assert page.locator("h1").evaluate("e => getComputedStyle(e).color") == "rgb(255, 0, 0)", "the host page keeps its CSS"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget-hostile.png"))


def test_widget_shows_an_error_when_its_origin_is_not_allowed(page, sites):
    page.goto(sites["refused"] + "/")
    open_and_ask(page, "what do coders earn?")
    error = page.locator(".msg.error")
    expect(error).to_contain_text("cannot be reached", timeout=15000)
    expect(page.locator("#cb-input")).to_be_enabled()
    expect(page.locator("#cb-input")).to_have_value("what do coders earn?")


def test_widget_keeps_the_conversation_across_pages_and_reset_clears_it(page, sites):
    page.goto(sites["allowed"] + "/")
    open_and_ask(page, "median wage in hospitals")
    expect(page.locator(".msg.bot").last).to_contain_text("$32,600")
    page.goto(sites["allowed"] + "/other")
    expect(page.locator(".msg.bot")).to_have_count(1)
    expect(page.locator(".panel")).to_be_visible()
    page.locator("#cb-input").fill("what about nursing homes?")
    page.keyboard.press("Enter")
    expect(page.locator(".msg.bot").last).to_contain_text("$30,660")  # the session came along
    page.reload()
    expect(page.locator(".msg.bot")).to_have_count(2)
    page.get_by_role("button", name="New conversation").click()
    expect(page.locator(".msg")).to_have_count(0)
    page.reload()
    expect(page.locator(".launch")).to_be_visible()
    expect(page.locator(".msg")).to_have_count(0)
    assert page.context.cookies() == []


def test_widget_loaded_twice_is_one_widget_and_one_global(page, sites):
    page.goto(sites["allowed"] + "/bare")
    before = set(page.evaluate("Object.keys(window)"))
    page.goto(sites["allowed"] + "/twice")
    expect(page.locator(".launch")).to_have_count(1)
    page.wait_for_timeout(300)
    assert widget(page).count() == 1
    assert set(page.evaluate("Object.keys(window)")) - before == {"CareerBot"}
    assert page.evaluate("Object.isFrozen(CareerBot) && Object.keys(CareerBot).sort().join()") == "ask,close,open,reset"


def test_widget_javascript_api_and_escape(page, sites):
    page.goto(sites["allowed"] + "/")
    expect(page.locator(".launch")).to_be_visible()
    page.evaluate("CareerBot.ask('where do technicians work?')")
    expect(page.locator(".panel")).to_be_visible()
    expect(page.locator("figure.chart li")).to_have_count(6)
    page.locator("#cb-input").focus()
    page.keyboard.press("Escape")
    expect(page.locator(".panel")).to_be_hidden()
    expect(page.locator(".launch")).to_be_focused()
    expect(page.locator(".launch")).to_have_attribute("aria-expanded", "false")
    page.evaluate("CareerBot.open()")
    expect(page.locator(".panel")).to_be_visible()
    page.evaluate("CareerBot.reset()")
    expect(page.locator(".msg")).to_have_count(0)
    page.evaluate("CareerBot.close()")
    expect(page.locator(".panel")).to_be_hidden()


def test_widget_falls_back_on_bad_options_with_one_warning(page, sites):
    page.goto(sites["allowed"] + "/bad-options")
    expect(page.locator(".launch")).to_be_visible()
    warnings = [w for w in page.warnings if w.startswith("careerbot widget:")]
    assert len(warnings) == 1
    assert all(part in warnings[0] for part in ('data-accent="red"', 'data-position="middle"', "data-colour"))
    expect(page.locator(".launch")).to_have_text("Career questions")
    expect(page.locator(".panel")).to_be_hidden()


def test_widget_panel_has_no_accessibility_violations(page, sites):
    page.goto(sites["allowed"] + "/")
    open_and_ask(page, "which setting pays the most?")
    expect(page.locator("figure.chart")).to_be_visible()
    page.locator(".cites button").first.click()
    assert axe_violations(page, include="careerbot-widget") == []


def test_widget_is_full_width_on_small_screens(chromium, sites):
    context = chromium.new_context(viewport={"width": 400, "height": 780})
    page = context.new_page()
    page.goto(sites["allowed"] + "/")
    open_and_ask(page, "do I need a degree?")
    expect(page.locator(".msg.bot")).to_have_count(1)
    box = page.locator(".panel").bounding_box()
    assert box["width"] == 400 and box["x"] == 0
    assert page.locator("#cb-input").evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget-mobile-400.png"))
    context.close()


def shadow_focus(page) -> str | None:
    """Return the accessible name (aria-label or text) of the element focused inside the widget."""
    return page.evaluate("(() => { const a = document.querySelector('careerbot-widget').shadowRoot.activeElement;"
                         " return a && (a.getAttribute('aria-label') || a.textContent); })()")


@pytest.mark.parametrize("width, height", [(360, 740), (360, 640), (1280, 800)])
def test_widget_close_button_closes_the_panel_and_focuses_the_launcher(chromium, sites, width, height):
    context = chromium.new_context(viewport={"width": width, "height": height}, has_touch=True)
    page = context.new_page()
    page.goto(sites["allowed"] + "/")
    open_and_ask(page, "do I need a degree?")
    expect(page.locator(".msg.bot")).to_have_count(1)
    close = page.get_by_role("button", name="Close chat")
    expect(close).to_be_visible()
    box = close.bounding_box()
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height, box
    assert box["width"] >= 44 and box["height"] >= 44, "the touch target is under 44 px"
    assert axe_violations(page, include="careerbot-widget") == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"widget-close-{width}x{height}.png"))
    close.tap()  # fails if anything covers the button
    expect(page.locator(".panel")).to_be_hidden()
    launcher = page.locator(".launch")
    expect(launcher).to_be_visible()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    page.screenshot(path=str(ARTIFACTS / f"widget-closed-{width}x{height}.png"))
    launcher.tap()  # closing minimizes: the conversation is still there
    expect(page.locator(".panel")).to_be_visible()
    expect(page.locator(".msg.bot")).to_have_count(1)
    context.close()


@pytest.mark.parametrize("key", ["Enter", " "], ids=["Enter", "Space"])
def test_widget_close_button_works_by_keyboard(page, sites, key):
    page.goto(sites["allowed"] + "/")
    page.get_by_role("button", name="Career questions").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#cb-input")).to_be_focused()
    for _ in range(15):  # back from the question box, through the panel, to the header
        page.keyboard.press("Shift+Tab")
        if shadow_focus(page) == "Close chat":
            break
    else:
        pytest.fail("Shift+Tab never reached the close button")
    style = page.get_by_role("button", name="Close chat").evaluate("e => getComputedStyle(e).outlineStyle")
    assert style == "solid", "the focused close button shows no focus ring"
    page.keyboard.press(key)
    expect(page.locator(".panel")).to_be_hidden()
    expect(page.locator(".launch")).to_be_focused()
    page.keyboard.press("Enter")  # open again; from the launcher, Tab goes to the header's buttons
    expect(page.locator(".panel")).to_be_visible()
    page.locator(".launch").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert shadow_focus(page) == "Close chat", "Tab order: launcher, New conversation, Close chat"
    page.keyboard.press(key)
    expect(page.locator(".panel")).to_be_hidden()
    expect(page.locator(".launch")).to_be_focused()


def test_widget_inline_has_no_close_button(page, sites):
    page.goto(sites["bot"] + "/")  # careerbot's own page is the widget inline
    expect(page.locator("#cb-input")).to_be_visible()
    expect(page.get_by_role("button", name="New conversation")).to_be_visible()
    expect(page.get_by_role("button", name="Close chat")).to_have_count(0)
    expect(page.locator(".launch")).to_have_count(0)


def test_widget_fits_its_size_budget():
    size = len(gzip.compress(WIDGET.read_bytes(), 9))
    assert size <= BUDGET, f"widget.js is {size} bytes gzipped, over {BUDGET}"
    readme = (ROOT / "README.md").read_text()
    recorded = re.search(r"widget\.js.*?is ([\d.]+) KB gzipped", readme)
    assert recorded and abs(float(recorded.group(1)) * 1024 - size) < 512, "record the size in the README"
