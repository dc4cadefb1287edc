"""The chat page (the widget inline) in real headless Chromium against the production server."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser_support import ARTIFACTS, axe_violations
from live import running_server


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    with running_server(tmp_path_factory.mktemp("page")) as url:
        yield url


@pytest.fixture()
def page(chromium, base_url):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.dialogs, page.errors = dialogs, errors
    page.goto(base_url)
    expect(page.locator(".chips button").first).to_be_visible()
    yield page
    assert errors == [], f"the page threw: {errors}"
    context.close()


def ask_by_keyboard(page, text: str) -> None:
    """Type into the question box and press Enter, as a keyboard user does."""
    page.locator("#cb-input").focus()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def last_reply(page):
    return page.locator(".msg.bot").last


def test_page_answers_a_question_asked_by_keyboard(page):
    for _ in range(12):  # from the top of the page, Tab reaches the question box
        page.keyboard.press("Tab")
        if page.evaluate("document.querySelector('careerbot-widget').shadowRoot.activeElement?.id") == "cb-input":
            break
    else:
        pytest.fail("Tab never reached the question box")
    page.keyboard.type("what do coders earn?")
    page.keyboard.press("Enter")
    reply = last_reply(page)
    expect(reply).to_contain_text("$43,828")
    expect(reply.locator(".cites button")).to_have_count(4)  # the article's three facts from two sources, today's figure and its SOC note
    expect(page.locator("[aria-live]")).to_have_text(re.compile(r"^careerbot: .*\$43,828"))
    expect(page.locator("#cb-input")).to_be_enabled()


def test_page_opens_a_citation(page):
    ask_by_keyboard(page, "what is the median wage?")
    cite = last_reply(page).locator(".cites button").first
    cite.focus()
    page.keyboard.press("Enter")
    expect(cite).to_have_attribute("aria-expanded", "true")
    detail = last_reply(page).locator(".detail")
    expect(detail).to_be_visible()
    expect(detail).to_contain_text("Bureau of Labor Statistics")
    expect(detail).to_contain_text("2008")


def test_page_follows_up_through_a_suggestion_chip(page):
    ask_by_keyboard(page, "what is the median wage?")
    expect(last_reply(page)).to_contain_text("$30,610")
    page.get_by_role("button", name="What is that per hour?").click()
    expect(page.locator(".msg.bot")).to_have_count(2)
    expect(last_reply(page)).to_contain_text("$14.72")
    expect(last_reply(page).locator("details.how summary")).to_have_text("How this was computed")


def test_page_draws_a_chart_for_a_distribution(page):
    ask_by_keyboard(page, "where do technicians work?")
    chart = last_reply(page).locator("figure.chart")
    expect(chart).to_be_visible()
    expect(chart.locator("li")).to_have_count(6)
    expect(chart.locator("figcaption")).to_contain_text("Share of technicians")
    expect(chart.locator(".value").first).to_have_text("36%")


def test_page_inserts_text_never_html(page):
    payload = "<img src=x onerror=alert(1)>"
    ask_by_keyboard(page, payload)
    expect(page.locator(".msg.bot")).to_have_count(1)
    assert page.locator(".log img").count() == 0
    expect(page.locator(".msg.user .text")).to_have_text(payload)
    page.wait_for_timeout(300)
    assert page.dialogs == []


@pytest.mark.parametrize("failure", ["abort", "500", "html"])
def test_page_survives_api_failure(page, failure):
    def fail(route):
        if failure == "abort":
            route.abort()
        elif failure == "500":
            route.fulfill(status=500, content_type="application/json",
                          body='{"error": {"status": 500, "code": "internal_error", "message": "oops"}}')
        else:
            route.fulfill(status=502, content_type="text/html", body="<h1>Bad gateway</h1>")

    page.route("**/api/chat", fail)
    ask_by_keyboard(page, "what do coders earn?")
    expect(page.locator(".msg.error")).to_be_visible()
    expect(page.locator("#cb-input")).to_be_enabled()
    expect(page.locator("#cb-input")).to_have_value("what do coders earn?")
    page.unroute("**/api/chat")
    page.locator(".send").click()
    expect(last_reply(page)).to_contain_text("$43,828")


def test_page_rates_an_answer(page, base_url):
    ask_by_keyboard(page, "what do coders earn?")
    rating = last_reply(page).get_by_role("group", name="Rate this answer")
    rating.get_by_role("button", name="No").click()
    expect(rating.get_by_role("button", name="No")).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".status")).to_have_text("Thanks for the rating.")


def test_page_new_conversation_clears_the_log(page):
    ask_by_keyboard(page, "hi")
    expect(page.locator(".msg.bot")).to_have_count(1)
    page.get_by_role("button", name="New conversation").click()
    expect(page.locator(".msg")).to_have_count(0)
    expect(page.locator(".chips button").first).to_be_visible()


def test_page_has_no_accessibility_violations(page):
    assert axe_violations(page) == []
    ask_by_keyboard(page, "where do technicians work?")
    expect(last_reply(page).locator("figure.chart")).to_be_visible()
    last_reply(page).locator(".cites button").first.click()
    ask_by_keyboard(page, "what is the median wage per hour?")
    expect(last_reply(page)).to_contain_text("$14.72")
    last_reply(page).locator("details.how summary").click()
    assert axe_violations(page) == []


def test_page_works_at_360px_and_screenshots(chromium, base_url):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, size in (("desktop", {"width": 1280, "height": 900}), ("mobile-360", {"width": 360, "height": 780})):
        context = chromium.new_context(viewport=size)
        page = context.new_page()
        page.goto(base_url)
        ask_by_keyboard(page, "which setting pays the most?")
        expect(last_reply(page).locator("figure.chart")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('careerbot-widget')"
                             ".shadowRoot.getElementById('cb-input')).fontSize)")
        assert font >= 16
        page.screenshot(path=str(ARTIFACTS / f"page-{name}.png"), full_page=True)
        context.close()
