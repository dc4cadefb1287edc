"""The chat as a career seeker sees it (issue 12): on careerbot's page and in the widget on another
origin, at 1280 and 360 px, each state checked by axe-core and saved as a screenshot."""
from __future__ import annotations

import json
import re
import urllib.request
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from browser_support import ARTIFACTS, axe_violations
from conftest import ROOT
from live import host_site, post, running_server

WIDGET = ROOT / "web" / "static" / "widget.js"
HANDOFF = "https://advisors.example.org/book"
SITE_HANDOFF = "https://help.example.net/advisor"
SIZES = {1280: 800, 360: 640}
SURFACES = [(kind, width) for kind in ("page", "widget") for width in SIZES]
CSP = "default-src 'none'; script-src {bot}; connect-src 'self' {bot}; style-src 'self'; img-src 'self'"


def strings_table() -> dict[str, str]:
    """Read the widget's STRINGS table (the one place its own words live) from its source."""
    source = WIDGET.read_text()
    block = source[source.index("var STRINGS = {"):source.index("};", source.index("var STRINGS = {"))]
    return dict(re.findall(r'^\s+(\w+): "((?:[^"\\]|\\.)*)",?$', block, re.M))


MARKED = {key: f"⟪{key}⟫" for key in strings_table()}


def host_page(bot: str, attrs: str = "") -> tuple[str, str]:
    tag = f'<script src="{bot}/widget.js" async data-title="Career questions" {attrs}></script>'
    return ("text/html; charset=utf-8", f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>A career site</title></head>
<body><main><h1>A career site</h1><p>Host content.</p></main>{tag}</body></html>""")


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """A bot with a handoff address that allows one site, and that site's pages."""
    pages: dict = {}
    headers: dict = {}
    with host_site(pages, headers) as site:
        env = {"CAREERBOT_ALLOWED_ORIGINS": site, "CAREERBOT_HANDOFF_URL": HANDOFF}
        with running_server(tmp_path_factory.mktemp("ux"), env=env) as bot:
            pages.update({
                "/": host_page(bot),
                "/handoff": host_page(bot, f'data-handoff-url="{SITE_HANDOFF}"'),
                "/strings": host_page(bot, 'data-strings-url="/strings.json" data-text-send="Envoyer"'),
                "/strings.json": ("application/json", json.dumps(MARKED, ensure_ascii=False)),
            })
            headers["Content-Security-Policy"] = CSP.replace("{bot}", bot)
            yield {"bot": bot, "site": site}


@pytest.fixture(scope="module")
def limited(tmp_path_factory):
    """A bot that takes one question a minute from a client, and a site that embeds it."""
    pages: dict = {}
    with host_site(pages) as site:
        env = {"CAREERBOT_ALLOWED_ORIGINS": site, "CAREERBOT_RATE_LIMIT": "1 per minute"}
        with running_server(tmp_path_factory.mktemp("limited"), env=env) as bot:
            pages["/"] = host_page(bot)
            yield {"bot": bot, "site": site}


@dataclass
class Chat:
    """careerbot's page or the widget on another site, in one window size."""

    page: Page
    kind: str
    width: int
    urls: dict

    @property
    def height(self) -> int:
        return SIZES[self.width]

    def goto(self, path: str = "/") -> None:
        self.page.goto((self.urls["bot"] if self.kind == "page" else self.urls["site"]) + path)
        if self.kind == "widget":
            expect(self.page.locator(".launch")).to_be_visible()

    def open(self) -> None:
        if self.kind == "widget" and not self.page.locator(".panel").is_visible():
            self.page.locator(".launch").click()
        expect(self.page.locator("#cb-input")).to_be_visible()

    def ask(self, question: str) -> None:
        replies = self.page.locator(".msg.bot").count()
        self.page.locator("#cb-input").fill(question)
        self.page.keyboard.press("Enter")
        expect(self.page.locator(".msg.bot")).to_have_count(replies + 1)

    def last(self):
        return self.page.locator(".msg.bot").last

    def check(self, state: str) -> None:
        """Run axe-core on the chat and save a screenshot of this state."""
        assert axe_violations(self.page, include="careerbot-widget") == [], state
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"ux-{state}-{self.kind}-{self.width}.png"))

    def box(self, selector: str) -> dict:
        box = self.page.locator(selector).first.bounding_box()
        assert box, f"{selector} is not on screen"
        return box


def surface_id(surface) -> str:
    return f"{surface[0]}-{surface[1]}"


@pytest.fixture(params=SURFACES, ids=surface_id)
def chat(request, chromium):
    kind, width = request.param
    urls = request.getfixturevalue("limited" if "limited" in request.keywords else "sites")
    context = chromium.new_context(viewport={"width": width, "height": SIZES[width]}, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield Chat(page, kind, width, urls)
    assert errors == [], f"the chat threw: {errors}"
    context.close()


# --- 2. The conversation gets the room ------------------------------------------------------------

def test_conversation_gets_the_room_and_shows_the_newest_message(chat):
    chat.goto()
    chat.open()
    expect(chat.page.locator(".about")).to_be_visible()
    chat.check("intro")
    for question in ("what do coders earn?", "where do technicians work?", "do I need a degree?"):
        chat.ask(question)
    expect(chat.page.locator(".about")).to_be_hidden()
    panel, log = chat.box(".panel"), chat.box(".log")
    assert log["height"] >= 0.6 * panel["height"], f"messages get {log['height']:.0f} of {panel['height']:.0f} px"
    assert panel["y"] + panel["height"] <= chat.height + 1 and panel["x"] + panel["width"] <= chat.width + 1
    chips = chat.page.locator(".chips .chip")
    assert chips.count() >= 2
    tops = {round(chips.nth(i).bounding_box()["y"]) for i in range(chips.count())}
    assert len(tops) == 1, "the chips take more than one row"
    assert chat.page.locator(".chips").evaluate("e => getComputedStyle(e).overflowX") == "auto"
    if chat.kind == "widget":
        close = chat.box(".close")
        assert close["x"] >= 0 and close["y"] >= 0 and close["width"] >= 44 and close["height"] >= 44
        assert close["x"] + close["width"] <= chat.width and close["y"] + close["height"] <= chat.height
    chat.check("after-questions")
    assert_newest_in_view(chat)
    if chat.kind == "widget":
        chat.page.locator(".close").click()
        chat.page.locator(".launch").click()
        assert_newest_in_view(chat)
    chat.page.reload()
    chat.open()
    expect(chat.page.locator(".msg.bot")).to_have_count(3)
    expect(chat.page.locator(".about")).to_be_hidden()
    assert_newest_in_view(chat)
    chat.check("reloaded")


def assert_newest_in_view(chat: Chat) -> None:
    """The newest message is what the conversation shows, not the oldest."""
    chat.page.wait_for_function("() => { const r = document.querySelector('careerbot-widget').shadowRoot;"
                                " const log = r.querySelector('.log'); return log && log.scrollTop > 0; }")
    log, newest = chat.box(".log"), chat.page.locator(".msg").last.bounding_box()
    first = chat.page.locator(".msg").first.bounding_box()
    assert log["y"] - 1 <= newest["y"] < log["y"] + log["height"], "the newest message is out of view"
    assert first["y"] + first["height"] <= log["y"] + 1, "the log still shows the oldest message"


# --- 3. Which sentence comes from which source ---------------------------------------------------

def test_each_sentence_is_marked_with_its_source_and_identical_sources_are_one_entry(chat):
    chat.goto()
    chat.open()
    chat.ask("where do technicians work?")
    reply = chat.last()
    marks = reply.locator(".text .mark")
    expect(marks).to_have_count(6)
    assert set(marks.all_inner_texts()) == {"[1]"}
    sources = reply.locator(".cites .cite")
    expect(sources).to_have_count(1)
    expect(sources).to_contain_text("Bureau of Labor Statistics (BLS), 2008")
    marks.nth(2).click()
    detail = reply.locator(".detail")
    expect(detail).to_be_visible()
    expect(detail.locator("ol li")).to_have_count(6)
    link = detail.get_by_role("link")
    expect(link).to_have_attribute("href", re.compile(r"^https://www\.bls\.gov/"))
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(link).to_have_attribute("target", "_blank")
    chat.check("sources-grouped")
    chat.ask("what do coders earn?")
    reply = chat.last()
    numbers = set(reply.locator(".text .mark").all_inner_texts())
    assert numbers == {f"[{n + 1}]" for n in range(reply.locator(".cites .cite").count())} and len(numbers) >= 2
    chat.check("sources-mixed")


# --- 4. Official figures first ----------------------------------------------------------------------

def test_the_official_figure_leads_and_a_follow_up_converts_it(chat):
    chat.goto()
    chat.open()
    chat.ask("what do coders earn?")
    reply = chat.last()
    text = reply.locator(".text").inner_text()
    assert text.index("$30,610") < text.index("$43,828") < text.index("$63,040"), text
    expect(reply.locator(".cites .cite").first).to_contain_text("Bureau of Labor Statistics (BLS), 2008")
    expect(reply.locator(".cites .cite").nth(1)).to_contain_text("year not stated")
    assert "no year given" in text and "2008 data" in text  # each source dated, the firm's as undated
    chat.ask("what is that per hour?")
    expect(chat.last().locator(".text")).to_contain_text("$14.72")
    chat.check("official-first")


# --- 5. Suggestions ------------------------------------------------------------------------------

def test_suggestions_never_offer_a_question_already_asked(chat):
    chat.goto()
    chat.open()
    asked = []
    expect(chat.page.locator(".chips .chip").first).to_be_visible()
    for _ in range(4):
        chip = chat.page.locator(".chips .chip").first
        asked.append(chip.inner_text().strip().lower())
        replies = chat.page.locator(".msg.bot").count()
        chip.click()
        expect(chat.page.locator(".msg.bot")).to_have_count(replies + 1)
        offered = [t.strip().lower() for t in chat.page.locator(".chips .chip").all_inner_texts()]
        assert offered, "nothing is suggested"
        assert not set(offered) & set(asked), f"suggests {set(offered) & set(asked)} again"
    chat.check("suggestions")


# --- 6. Rate limited -----------------------------------------------------------------------------

@pytest.mark.limited
def test_rate_limit_says_the_wait_once_counts_down_and_keeps_the_question(chat):
    post(chat.urls["bot"] + "/api/chat", {"message": "hi"})  # this client's one question of the minute
    status, _ = post(chat.urls["bot"] + "/api/chat", {"message": "hi"})
    assert status == 429
    chat.page.clock.install()
    chat.goto()
    chat.open()
    question = "what do coders earn?"
    chat.page.locator("#cb-input").fill(question)
    with chat.page.expect_response("**/api/chat") as limited_response:
        chat.page.keyboard.press("Enter")
    sent = int(limited_response.value.headers["retry-after"])
    error = chat.page.locator(".msg.error")
    expect(error).to_have_text(re.compile(r"you can send it in \d+ s\.$"))
    text = error.locator(".text").inner_text()
    assert text.lower().count("try again") == 0 and len(re.findall(r"[.!?](\s|$)", text)) == 1, text
    seconds = int(re.search(r"in (\d+) s", text).group(1))
    assert seconds == sent and 0 < seconds <= 60, "the wait is the server's Retry-After"
    expect(chat.page.locator("#cb-input")).to_have_value(question)
    expect(chat.page.locator(".msg.user")).to_have_count(0)
    expect(chat.page.locator(".send")).to_be_disabled()
    chat.check("rate-limited")
    chat.page.clock.run_for(3000)
    expect(error).to_contain_text(f"in {seconds - 3} s")
    chat.page.keyboard.press("Enter")  # while waiting, sending again does nothing
    expect(chat.page.locator(".msg.user")).to_have_count(0)
    chat.page.clock.run_for((seconds + 1) * 1000)
    expect(error.locator(".text")).to_have_text("You can send your question now.")
    expect(chat.page.locator(".send")).to_be_enabled()
    chat.page.locator(".send").click()  # the server's minute has not passed in real time: limited again
    expect(chat.page.locator(".msg.error")).to_have_count(1)
    expect(chat.page.locator(".msg.error")).to_contain_text("you can send it in")
    expect(chat.page.locator(".msg.user")).to_have_count(0)
    expect(chat.page.locator("#cb-input")).to_have_value(question)


# --- 7. Declines ---------------------------------------------------------------------------------

def test_a_decline_ends_with_what_careerbot_answers_and_the_operators_next_step(chat):
    chat.goto("/handoff" if chat.kind == "widget" else "/")
    chat.open()
    chat.ask("what's the weather like in Paris?")
    reply = chat.last()
    expect(reply).to_have_class(re.compile(r"\bdeclined\b"))
    offered = reply.get_by_role("group", name="What I can answer").locator(".chip")
    assert offered.count() >= 3
    link = reply.get_by_role("link", name="Talk to an advisor")
    expect(link).to_have_attribute("href", SITE_HANDOFF if chat.kind == "widget" else HANDOFF)
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(chat.page.locator(".chips .chip")).to_have_count(0)  # the offer is in the reply, not twice
    chat.check("declined")
    first = offered.first.inner_text()
    offered.first.click()
    expect(chat.page.locator(".msg.user").last).to_have_text(re.compile(re.escape(first)))
    expect(chat.last()).not_to_have_class(re.compile(r"\bdeclined\b"))


# --- 8. Translatable chrome ----------------------------------------------------------------------

CHROME = """() => {
  const r = document.querySelector('careerbot-widget').shadowRoot, out = [];
  const text = e => (e.getAttribute('aria-label') || e.textContent).trim();
  r.querySelectorAll('button:not(.chip):not(.cite):not(.mark):not(.launch)').forEach(b => out.push(text(b)));
  r.querySelectorAll('.who, label, summary, .rate > span, .status, .next > .note, .error .text')
    .forEach(e => e.textContent.trim() && out.push(e.textContent.trim()));
  r.querySelectorAll('[role=region], [role=group]').forEach(e => out.push(e.getAttribute('aria-label')));
  out.push(r.querySelector('#cb-input').placeholder);
  r.querySelectorAll('.cites').forEach(e => out.push(e.getAttribute('aria-label')));
  return out.filter(t => t !== 'careerbot: ');
}"""


def test_the_widgets_own_words_come_from_its_strings_table(chat):
    """Every word of the chrome is the table's (the page), or the site's override of it (the widget)."""
    if chat.kind == "widget":
        chat.goto("/strings")
    else:
        chat.goto()
    chat.open()
    chat.ask("what is the median wage per hour?")
    chat.last().locator(".rate button").first.click()
    expect(chat.page.locator(".status")).not_to_be_empty()
    chat.page.route("**/api/chat", lambda route: route.abort())
    chat.page.locator("#cb-input").fill("and in hospitals?")
    chat.page.keyboard.press("Enter")
    expect(chat.page.locator(".msg.error")).to_be_visible()
    words = chat.page.evaluate(CHROME)
    assert len(words) >= 12
    table = strings_table()
    if chat.kind == "widget":
        expect(chat.page.locator(".send")).to_have_text("Envoyer")  # data-text-send wins over the file
        assert all(w == "Envoyer" or re.fullmatch(r"(careerbot: )?⟪\w+⟫", w) for w in words), words
        expect(chat.page.locator(".error .text")).to_have_text("⟪unreachable⟫")
    else:
        assert all(w in table.values() for w in words), [w for w in words if w not in table.values()]
    chat.check("strings")


# --- 9. Small things -----------------------------------------------------------------------------

def test_small_talk_help_and_no_missing_files(chat):
    missing = []
    chat.page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    chat.goto()
    chat.open()
    chat.ask("help")
    reply = chat.last()
    for ability in ("cite", "per hour", "follow up", "pay", "education"):
        expect(reply).to_contain_text(ability)
    expect(chat.page.locator(".chips .chip").first).to_be_visible()
    chat.check("help")
    if chat.kind == "page":
        icon = chat.page.locator("link[rel=icon]").get_attribute("href")
        with urllib.request.urlopen(chat.urls["bot"] + icon) as r, urllib.request.urlopen(
                chat.urls["bot"] + "/favicon.ico") as ico:
            assert r.status == 200 and ico.headers["Content-Type"].startswith("image/svg+xml")
        chat.page.goto(chat.urls["bot"] + "/embed")
        snippet = chat.page.locator("#snippet")
        expect(snippet).to_contain_text(chat.urls["bot"] + "/widget.js")
        assert snippet.evaluate("e => e.scrollWidth <= e.clientWidth"), "the snippet overflows its box"
        assert chat.page.evaluate("document.documentElement.scrollWidth") <= chat.width
        if chat.width >= 1280:  # wide enough: every attribute on one line, the breaks between them
            split = snippet.locator(".attr").evaluate_all("es => es.filter(e => e.getClientRects().length > 1)"
                                                          ".map(e => e.textContent)")
            assert split == [], f"attributes broken across lines: {split}"
        ARTIFACTS.mkdir(exist_ok=True)
        chat.page.screenshot(path=str(ARTIFACTS / f"ux-embed-{chat.width}.png"), full_page=True)
        assert axe_violations(chat.page) == []
    bot_missing = [u for u in missing if u.startswith(chat.urls["bot"])]
    assert bot_missing == [], f"404s from careerbot: {bot_missing}"
