// careerbot chat page. Plain JavaScript, no build step. Text from the user or the bot is always
// inserted with textContent, never as HTML.
(function () {
  "use strict";

  var TIMEOUT_MS = 20000;
  var log = document.getElementById("log");
  var form = document.getElementById("ask");
  var input = document.getElementById("message");
  var send = document.getElementById("send");
  var chips = document.getElementById("chips");
  var statusLine = document.getElementById("status");
  var announcer = document.getElementById("announce");
  var about = document.getElementById("about");
  var sessionId = null;
  var firstQuestions = [];
  var replies = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function formatValue(value, unit) {
    var number = Number(value);
    var digits = Math.round(number) === number ? 0 : 2;
    var shown = number.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    if (unit && unit.indexOf("USD") === 0) return "$" + shown;
    if (unit === "percent") return shown + "%";
    return shown;
  }

  function setChips(questions) {
    chips.replaceChildren();
    (questions || []).forEach(function (question) {
      var chip = el("button", "chip", question);
      chip.type = "button";
      chip.addEventListener("click", function () { ask(question); });
      chips.appendChild(chip);
    });
  }

  function addMessage(kind, label) {
    var msg = el("article", "msg " + kind);
    msg.appendChild(el("div", "who", label));
    log.appendChild(msg);
    return msg;
  }

  function renderCitations(msg, citations) {
    if (!citations.length) return;
    var list = el("ol", "cites");
    list.setAttribute("aria-label", "Sources");
    var detail = el("div", "cite-detail");
    detail.hidden = true;
    detail.id = "cite-detail-" + replies;
    citations.forEach(function (cite, index) {
      var item = el("li");
      var year = cite.year === null ? "year not stated" : cite.year;
      var button = el("button", "cite", "[" + (index + 1) + "] " + cite.source + ", " + year);
      button.type = "button";
      button.setAttribute("aria-expanded", "false");
      button.setAttribute("aria-controls", detail.id);
      button.addEventListener("click", function () {
        var open = button.getAttribute("aria-expanded") === "true";
        list.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-expanded", "false"); });
        if (open) { detail.hidden = true; return; }
        button.setAttribute("aria-expanded", "true");
        detail.replaceChildren();
        var dl = el("dl");
        [["Source", cite.source], ["Year", year], ["Section", cite.section], ["Fact", cite.text]].forEach(function (pair) {
          dl.appendChild(el("dt", null, pair[0]));
          dl.appendChild(el("dd", null, pair[1]));
        });
        detail.appendChild(dl);
        detail.hidden = false;
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    msg.appendChild(list);
    msg.appendChild(detail);
  }

  function renderCalculations(msg, calculations) {
    if (!calculations.length) return;
    var details = el("details", "how");
    details.appendChild(el("summary", null, "How this was computed"));
    var list = el("ul");
    calculations.forEach(function (calc) {
      var item = el("li");
      item.appendChild(el("span", "expr", calc.expression));
      if (calc.note) item.appendChild(el("span", "note", " — " + calc.note));
      list.appendChild(item);
    });
    details.appendChild(list);
    msg.appendChild(details);
  }

  function renderChart(msg, chart) {
    if (!chart || !chart.items || !chart.items.length) return;
    var figure = el("figure", "chart");
    var caption = el("figcaption", null, chart.title);
    caption.id = "chart-title-" + replies;
    figure.appendChild(caption);
    var max = Math.max.apply(null, chart.items.map(function (item) { return Number(item.value); })) || 1;
    var list = el("ul", "bars");
    list.setAttribute("aria-labelledby", caption.id);
    chart.items.forEach(function (item) {
      var row = el("li");
      row.appendChild(el("span", "label", item.label));
      var wrap = el("span", "bar-wrap");
      wrap.setAttribute("aria-hidden", "true");
      var bar = el("span", "bar");
      bar.style.width = Math.max(1, Math.round(Number(item.value) / max * 100)) + "%";
      wrap.appendChild(bar);
      row.appendChild(wrap);
      row.appendChild(el("span", "value", formatValue(item.value, chart.unit)));
      list.appendChild(row);
    });
    figure.appendChild(list);
    msg.appendChild(figure);
  }

  function renderAnswer(data) {
    replies += 1;
    var msg = addMessage("bot" + (data.answered ? "" : " declined"), "careerbot");
    msg.appendChild(el("p", "answer", data.answer));
    renderChart(msg, data.chart);
    renderCalculations(msg, data.calculations || []);
    renderCitations(msg, data.citations || []);
    announcer.textContent = "careerbot: " + data.answer;
    setChips(data.suggestions && data.suggestions.length ? data.suggestions : firstQuestions);
    msg.scrollIntoView({ block: "nearest" });
  }

  function renderError(text) {
    var msg = addMessage("error", "careerbot");
    msg.setAttribute("role", "alert");
    msg.appendChild(el("p", null, text));
    msg.scrollIntoView({ block: "nearest" });
  }

  function setBusy(busy) {
    input.disabled = busy;
    send.disabled = busy;
    chips.querySelectorAll("button").forEach(function (b) { b.disabled = busy; });
    statusLine.textContent = busy ? "careerbot is answering…" : "";
  }

  function postJSON(url, body) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        if (!response.ok || !data || typeof data.answer !== "string") {
          var message = data && data.error && data.error.message;
          throw new Error(message || "careerbot answered with an error (" + response.status + ").");
        }
        return data;
      });
    }).finally(function () { if (timer) clearTimeout(timer); });
  }

  function ask(text) {
    var question = String(text || "").trim();
    if (!question || send.disabled) return;
    var userMsg = addMessage("user", "You");
    userMsg.appendChild(el("p", null, question));
    input.value = "";
    setBusy(true);
    postJSON("/api/chat", { message: question, session_id: sessionId })
      .then(function (data) {
        sessionId = data.session_id;
        renderAnswer(data);
      })
      .catch(function (error) {
        var reason = error && error.name === "AbortError" ? "careerbot took too long to answer." :
          (error && error.message && error.message.indexOf("careerbot") === 0 ? error.message :
            "careerbot could not be reached.");
        renderError(reason + " Your question is still in the box: try again in a moment.");
        announcer.textContent = reason;
        input.value = question;
      })
      .finally(function () {
        setBusy(false);
        input.focus();
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    ask(input.value);
  });

  document.getElementById("reset").addEventListener("click", function () {
    sessionId = null;
    log.replaceChildren();
    setChips(firstQuestions);
    announcer.textContent = "New conversation.";
    input.focus();
  });

  fetch("/api/about", { headers: { "Accept": "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data) return;
      about.textContent = data.about;
      if (data.max_message_chars) input.maxLength = data.max_message_chars;
      firstQuestions = data.suggestions || [];
      if (!log.children.length) setChips(firstQuestions);
    })
    .catch(function () { /* the page still works without the introduction */ });
}());
