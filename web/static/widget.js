// careerbot widget: one script tag on any site, or the chat page itself (data-mode="inline").
// Renders in an open shadow root, adds one global (CareerBot), inserts all text as text, and
// never throws into the host page. No inline script, no eval: works under a strict CSP.
(function () {
  "use strict";
  if (window.CareerBot) return; // loaded twice: keep the one widget

  var TIMEOUT_MS = 20000;
  var MAX_ITEMS = 60;
  var DEFAULTS = { title: "Career questions", accent: "#0b6e4f", position: "right", greeting: "", open: "false",
                   mode: "launcher", target: "" };
  var CHECKS = {
    title: function (v) { return v.trim().length > 0 && v.length <= 80; },
    accent: function (v) { return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(v); },
    position: function (v) { return v === "left" || v === "right"; },
    greeting: function (v) { return v.length <= 300; },
    open: function (v) { return v === "true" || v === "false"; },
    mode: function (v) { return v === "launcher" || v === "inline"; },
    target: function (v) { return /^[A-Za-z][\w-]*$/.test(v); }
  };
  var CSS = [
    ":host{all:initial !important;display:block !important}",
    ".cb{all:initial;box-sizing:border-box;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;",
    "color:#1d2327;--accent:#0b6e4f}",
    ".cb *,.cb *::before,.cb *::after{box-sizing:border-box;font:inherit;color:inherit;letter-spacing:normal;",
    "text-transform:none;margin:0;padding:0;border:0;background:none;float:none;width:auto;height:auto;display:revert}",
    ".cb :focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}",
    ".hide{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}",
    ".launch{position:fixed;bottom:20px;z-index:2147483000;background:var(--accent);color:#fff;border-radius:28px;",
    "padding:12px 18px;min-height:48px;cursor:pointer;box-shadow:0 2px 10px rgba(0,0,0,.25);font-weight:600}",
    ".right .launch,.right .panel{right:20px}.left .launch,.left .panel{left:20px}",
    ".panel{position:fixed;bottom:84px;z-index:2147483000;width:380px;max-width:calc(100vw - 40px);height:560px;",
    "max-height:calc(100vh - 110px);background:#fff;border:1px solid #cfd6da;border-radius:12px;",
    "box-shadow:0 8px 30px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden}",
    ".panel[hidden]{display:none}",
    ".inline .panel{position:static;width:100%;max-width:none;height:auto;max-height:none;box-shadow:none;",
    "border:0;border-radius:0;overflow:visible}",
    ".head{display:flex;gap:8px;align-items:center;padding:12px 14px;border-bottom:1px solid #cfd6da;background:#f3f5f6}",
    ".head h2{flex:1;font-size:17px;font-weight:700;color:var(--accent)}",
    ".about{padding:8px 14px 0;color:#4f5b62;font-size:13px}",
    ".btn{border:1px solid var(--accent);color:var(--accent);background:#fff;border-radius:6px;padding:6px 10px;",
    "min-height:40px;cursor:pointer}.btn:hover{background:#e7f2ee}.btn:disabled{opacity:.6;cursor:progress}",
    ".head .btn{min-height:44px}.head .close{width:44px;padding:0;font-size:26px;line-height:1}",
    ".log{flex:1;overflow-y:auto;padding:12px 14px;display:flex;flex-direction:column;gap:10px}",
    ".msg{padding:9px 12px;border-radius:10px;overflow-wrap:anywhere;display:block}",
    ".who{font-size:12px;font-weight:600;color:#4f5b62;display:block}",
    ".user{align-self:flex-end;background:#e7f2ee;max-width:88%}.bot{background:#f3f5f6;border:1px solid #cfd6da}",
    ".declined .text{font-style:italic}.error{background:#fdecea;border:1px solid #a4261b;color:#a4261b}",
    ".cites{list-style:none;display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}",
    ".cites .btn{min-height:32px;padding:2px 8px;font-size:13px}",
    ".detail{margin-top:8px;padding:6px 10px;background:#fff;border-left:3px solid var(--accent);font-size:13px}",
    ".detail[hidden]{display:none}.detail dt{font-weight:700}.detail dd{margin-bottom:4px}",
    ".how{margin-top:8px;font-size:13px}.how summary{cursor:pointer;color:var(--accent);display:list-item}",
    ".how li{margin:3px 0 0 18px;display:list-item}.expr{font-family:ui-monospace,Menlo,Consolas,monospace}",
    ".note{color:#4f5b62}.chart{margin-top:8px;display:block}.chart figcaption{font-weight:700;font-size:13px}",
    ".bars{list-style:none}.bars li{display:grid;grid-template-columns:minmax(5em,38%) 1fr auto;gap:6px;",
    "align-items:center;font-size:13px;margin-top:3px}.bar{display:block;height:12px;background:var(--accent);",
    "border-radius:3px;min-width:2px}",
    ".chips{display:flex;flex-wrap:wrap;gap:6px;padding:8px 14px}.chips .btn{border-radius:18px;min-height:36px}",
    ".ask{display:flex;gap:8px;padding:10px 14px;border-top:1px solid #cfd6da}",
    ".ask input{flex:1;min-width:0;font-size:16px;padding:8px 10px;min-height:44px;border:1px solid #4f5b62;",
    "border-radius:6px;background:#fff;color:#1d2327}",
    ".send{background:var(--accent);color:#fff;border-radius:6px;padding:8px 14px;min-height:44px;cursor:pointer}",
    ".status{min-height:18px;padding:0 14px 8px;color:#4f5b62;font-size:13px}",
    ".rate{display:flex;gap:6px;align-items:center;margin-top:8px;font-size:13px;color:#4f5b62}",
    ".rate .btn{min-height:32px;padding:2px 8px}.rate .btn[aria-pressed=true]{background:var(--accent);color:#fff}",
    "@media (max-width:480px){.launcher .panel{left:0;right:0;bottom:0;width:100%;max-width:100%;height:100%;",
    "max-height:100%;border-radius:0}.bars li{grid-template-columns:1fr auto}.bars .wrap{grid-column:1/-1;grid-row:2}}"
  ].join("");

  function warn(message) {
    try { if (window.console) console.warn("careerbot widget: " + message); } catch (e) { /* no console */ }
  }

  function ownScript() {
    if (document.currentScript) return document.currentScript;
    var scripts = document.querySelectorAll("script[src]");
    for (var i = scripts.length - 1; i >= 0; i--) {
      if (/\/widget\.js(\?|#|$)/.test(scripts[i].src)) return scripts[i];
    }
    return null;
  }

  function readOptions(script) {
    var options = {}, problems = [];
    var data = (script && script.dataset) || {};
    Object.keys(DEFAULTS).forEach(function (key) {
      var value = data[key];
      if (value === undefined) { options[key] = DEFAULTS[key]; return; }
      if (CHECKS[key](value)) { options[key] = value; return; }
      options[key] = DEFAULTS[key];
      problems.push("data-" + key + '="' + value + '"');
    });
    Object.keys(data).forEach(function (key) {
      if (!(key in DEFAULTS)) problems.push("data-" + key.replace(/[A-Z]/g, function (c) { return "-" + c.toLowerCase(); }));
    });
    if (problems.length) warn("ignored " + problems.join(", ") + "; using defaults (options: data-" +
      Object.keys(DEFAULTS).join(", data-") + ").");
    return options;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(className, text, onClick) {
    var b = el("button", "btn " + className, text);
    b.type = "button";
    b.addEventListener("click", function (event) { safe(function () { onClick(event); }); });
    return b;
  }

  function safe(fn) {
    try { return fn(); } catch (e) { warn(String(e && e.message || e)); return undefined; }
  }

  function formatValue(value, unit) {
    var number = Number(value);
    var digits = Math.round(number) === number ? 0 : 2;
    var shown = number.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return unit && unit.indexOf("USD") === 0 ? "$" + shown : unit === "percent" ? shown + "%" : shown;
  }

  function Widget(origin, options) {
    this.origin = origin;
    this.options = options;
    this.key = "careerbot:" + origin;
    this.state = this.load();
    this.firstQuestions = [];
    this.replies = 0;
    this.busy = false;
  }

  Widget.prototype.load = function () {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(this.key) || "null");
      if (saved && Array.isArray(saved.items)) return saved;
    } catch (e) { /* storage blocked or corrupt: start afresh */ }
    return { sessionId: null, open: false, items: [] };
  };

  Widget.prototype.save = function () {
    try {
      this.state.items = this.state.items.slice(-MAX_ITEMS);
      window.sessionStorage.setItem(this.key, JSON.stringify(this.state));
    } catch (e) { /* storage full or blocked: the conversation still works on this page */ }
  };

  Widget.prototype.build = function () {
    var o = this.options, self = this;
    var inline = o.mode === "inline";
    var hostParent = inline ? document.getElementById(o.target) : document.body;
    if (!hostParent) { warn("data-target element #" + o.target + " not found"); return; }
    var host = document.createElement("careerbot-widget");
    var root = host.attachShadow({ mode: "open" });
    if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function") {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS); // a constructed sheet is not an inline style: host CSPs allow it
      root.adoptedStyleSheets = [sheet];
    } else {
      root.appendChild(el("style", null, CSS));
    }
    var wrap = el("div", "cb " + (inline ? "inline" : "launcher " + o.position));
    wrap.style.setProperty("--accent", o.accent);
    root.appendChild(wrap);

    var panel = el("section", "panel");
    panel.id = "cb-panel";
    if (!inline) {
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-label", o.title);
      this.launcher = button("launch", o.title, function () { self.state.open ? self.close() : self.open(); });
      this.launcher.className = "launch";
      this.launcher.setAttribute("aria-expanded", "false");
      this.launcher.setAttribute("aria-controls", panel.id);
      wrap.appendChild(this.launcher);
      panel.hidden = true;
      panel.addEventListener("keydown", function (event) {
        if (event.key === "Escape") { event.stopPropagation(); self.close(); self.launcher.focus(); }
      });
    }
    var head = el("div", "head");
    head.appendChild(el("h2", null, o.title));
    head.appendChild(button("reset", "New conversation", function () { self.reset(); self.input.focus(); }));
    if (!inline) { // floating: on a phone the panel covers the launcher, so it needs its own way out
      var close = button("close", "\u00d7", function () { self.close(); self.launcher.focus(); });
      close.setAttribute("aria-label", "Close chat");
      close.title = "Close chat";
      head.appendChild(close);
    }
    panel.appendChild(head);
    this.about = el("p", "about", "");
    panel.appendChild(this.about);
    this.log = el("div", "log");
    this.log.setAttribute("role", "region");
    this.log.setAttribute("aria-label", "Conversation");
    this.log.tabIndex = 0;
    panel.appendChild(this.log);
    this.chips = el("div", "chips");
    this.chips.setAttribute("role", "group");
    this.chips.setAttribute("aria-label", "Suggested questions");
    panel.appendChild(this.chips);
    var form = el("form", "ask");
    var label = el("label", "hide", "Your question");
    label.htmlFor = "cb-input";
    this.input = el("input");
    this.input.id = "cb-input";
    this.input.type = "text";
    this.input.maxLength = 1000;
    this.input.autocomplete = "off";
    this.input.placeholder = "Ask a question…";
    this.send = el("button", "send", "Send");
    this.send.type = "submit";
    form.appendChild(label);
    form.appendChild(this.input);
    form.appendChild(this.send);
    form.addEventListener("submit", function (event) { event.preventDefault(); safe(function () { self.ask(self.input.value); }); });
    panel.appendChild(form);
    this.status = el("p", "status");
    this.status.setAttribute("role", "status");
    panel.appendChild(this.status);
    this.announcer = el("div", "hide");
    this.announcer.setAttribute("aria-live", "polite");
    wrap.appendChild(panel);
    wrap.appendChild(this.announcer);
    this.panel = panel;
    hostParent.appendChild(host);

    this.replay();
    this.fetchAbout();
    if (!inline && (this.state.open || o.open === "true")) this.open();
  };

  Widget.prototype.fetchAbout = function () {
    var self = this;
    fetch(this.origin + "/api/about", { credentials: "omit", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        self.about.textContent = data.about;
        if (data.max_message_chars) self.input.maxLength = data.max_message_chars;
        self.firstQuestions = data.suggestions || [];
        if (!self.state.items.length) self.setChips(self.firstQuestions);
      })
      .catch(function () { /* the first question will report an unreachable server */ });
  };

  Widget.prototype.replay = function () {
    var self = this;
    if (this.options.greeting) this.addText("bot", this.options.greeting);
    this.state.items.forEach(function (item) {
      if (item.role === "bot") self.renderAnswer(item.data, false);
      else self.addText(item.role, item.text);
    });
  };

  Widget.prototype.addText = function (role, text) {
    var msg = el("div", "msg " + role);
    msg.appendChild(el("span", "who", role === "user" ? "You" : "careerbot"));
    msg.appendChild(el("p", "text", text));
    if (role === "error") msg.setAttribute("role", "alert");
    this.log.appendChild(msg);
    msg.scrollIntoView && msg.scrollIntoView({ block: "nearest" });
    return msg;
  };

  Widget.prototype.setChips = function (questions) {
    var self = this;
    this.chips.replaceChildren();
    (questions || []).forEach(function (q) {
      self.chips.appendChild(button("chip", q, function () { self.ask(q); }));
    });
  };

  Widget.prototype.renderAnswer = function (data, announce) {
    this.replies += 1;
    var msg = this.addText("bot" + (data.answered ? "" : " declined"), data.answer);
    renderChart(msg, data.chart, this.replies);
    renderCalculations(msg, data.calculations || []);
    renderCitations(msg, data.citations || [], this.replies);
    if (data.answer_id) this.renderRating(msg, data);
    if (announce) this.announcer.textContent = "careerbot: " + data.answer;
    this.setChips(data.suggestions && data.suggestions.length ? data.suggestions : this.firstQuestions);
  };

  function renderChart(msg, chart, n) {
    if (!chart || !chart.items || !chart.items.length) return;
    var figure = el("figure", "chart");
    var caption = el("figcaption", null, chart.title);
    caption.id = "cb-chart-" + n;
    figure.appendChild(caption);
    var max = Math.max.apply(null, chart.items.map(function (i) { return Number(i.value); })) || 1;
    var list = el("ul", "bars");
    list.setAttribute("aria-labelledby", caption.id);
    chart.items.forEach(function (item) {
      var row = el("li");
      row.appendChild(el("span", "label", item.label));
      var wrap = el("span", "wrap");
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

  function renderCitations(msg, citations, n) {
    if (!citations.length) return;
    var list = el("ol", "cites");
    list.setAttribute("aria-label", "Sources");
    var detail = el("div", "detail");
    detail.id = "cb-cite-" + n;
    detail.hidden = true;
    citations.forEach(function (cite, index) {
      var year = cite.year === null ? "year not stated" : cite.year;
      var item = el("li");
      var b = button("cite", "[" + (index + 1) + "] " + cite.source + ", " + year, function () {
        var wasOpen = b.getAttribute("aria-expanded") === "true";
        list.querySelectorAll("button").forEach(function (other) { other.setAttribute("aria-expanded", "false"); });
        detail.hidden = wasOpen;
        if (wasOpen) return;
        b.setAttribute("aria-expanded", "true");
        var dl = el("dl");
        [["Source", cite.source], ["Year", year], ["Section", cite.section], ["Fact", cite.text]].forEach(function (p) {
          dl.appendChild(el("dt", null, p[0]));
          dl.appendChild(el("dd", null, p[1]));
        });
        detail.replaceChildren(dl);
      });
      b.setAttribute("aria-expanded", "false");
      b.setAttribute("aria-controls", detail.id);
      item.appendChild(b);
      list.appendChild(item);
    });
    msg.appendChild(list);
    msg.appendChild(detail);
  }

  Widget.prototype.renderRating = function (msg, data) {
    var self = this, row = el("div", "rate");
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "Rate this answer");
    row.appendChild(el("span", null, "Helpful?"));
    [["up", "Yes"], ["down", "No"]].forEach(function (pair) {
      var b = button("rate-" + pair[0], pair[1], function () {
        row.querySelectorAll("button").forEach(function (x) { x.setAttribute("aria-pressed", "false"); });
        b.setAttribute("aria-pressed", "true");
        data.rating = pair[0];
        self.save();
        fetch(self.origin + "/api/feedback", {
          method: "POST", mode: "cors", credentials: "omit", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ answer_id: data.answer_id, rating: pair[0] })
        }).then(function (r) { self.status.textContent = r.ok ? "Thanks for the rating." : "The rating was not saved."; },
          function () { self.status.textContent = "The rating was not saved."; });
      });
      b.setAttribute("aria-pressed", data.rating === pair[0] ? "true" : "false");
      row.appendChild(b);
    });
    msg.appendChild(row);
  };

  Widget.prototype.setBusy = function (busy) {
    this.busy = busy;
    this.input.disabled = busy;
    this.send.disabled = busy;
    this.chips.querySelectorAll("button").forEach(function (b) { b.disabled = busy; });
    this.status.textContent = busy ? "careerbot is answering…" : "";
  };

  Widget.prototype.ask = function (text) {
    var self = this, question = String(text || "").trim();
    if (!question || this.busy) return;
    this.open();
    this.addText("user", question);
    this.state.items.push({ role: "user", text: question });
    this.save();
    this.input.value = "";
    this.setBusy(true);
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    fetch(this.origin + "/api/chat", {
      method: "POST", mode: "cors", credentials: "omit",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ message: question, session_id: this.state.sessionId }),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (data) {
        if (!response.ok || !data || typeof data.answer !== "string") {
          throw new Error((data && data.error && data.error.message) || "careerbot answered with an error (" + response.status + ").");
        }
        return data;
      });
    }).then(function (data) {
      self.state.sessionId = data.session_id;
      self.state.items.push({ role: "bot", data: data });
      self.save();
      self.renderAnswer(data, true);
    }).catch(function (error) {
      var reason = error && error.name === "AbortError" ? "careerbot took too long to answer." :
        error instanceof TypeError ? "careerbot cannot be reached from this page right now." :
          String(error && error.message || "careerbot could not answer.");
      if (error instanceof TypeError) warn("could not reach " + self.origin + ": is this site's origin in CAREERBOT_ALLOWED_ORIGINS?");
      self.addText("error", reason + " Your question is still in the box: try again in a moment.");
      self.announcer.textContent = reason;
      self.input.value = question;
    }).then(function () {
      if (timer) clearTimeout(timer);
      self.setBusy(false);
      self.input.focus();
    });
  };

  Widget.prototype.show = function (open) {
    if (!this.launcher) return; // inline: always open
    this.panel.hidden = !open;
    this.launcher.setAttribute("aria-expanded", String(open));
    this.state.open = open;
    this.save();
    if (open) this.input.focus();
  };
  Widget.prototype.open = function () { this.show(true); };
  Widget.prototype.close = function () { this.show(false); };

  Widget.prototype.reset = function () {
    this.state = { sessionId: null, open: this.state.open, items: [] };
    try { window.sessionStorage.removeItem(this.key); } catch (e) { /* blocked storage */ }
    this.save();
    this.log.replaceChildren();
    if (this.options.greeting) this.addText("bot", this.options.greeting);
    this.setChips(this.firstQuestions);
    this.announcer.textContent = "New conversation.";
  };

  var widget = null;
  function call(name) {
    return function (arg) { safe(function () { if (widget) widget[name](arg); }); };
  }
  window.CareerBot = Object.freeze({ open: call("open"), close: call("close"), ask: call("ask"), reset: call("reset") });

  safe(function () {
    var script = ownScript();
    if (!script || !script.src) { warn("cannot find its own script tag"); return; }
    widget = new Widget(new URL(script.src, window.location.href).origin, readOptions(script));
    var start = function () { safe(function () { widget.build(); }); };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  });
}());
