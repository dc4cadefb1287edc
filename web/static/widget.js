// careerbot widget: one script tag on any site, or the chat page itself (data-mode="inline").
// Renders in an open shadow root, adds one global (CareerBot), inserts all text as text, and
// never throws into the host page. No inline script, no eval: works under a strict CSP.
(function () {
  "use strict";
  if (window.CareerBot) return; // loaded twice: keep the one widget

  var TIMEOUT_MS = 20000;
  var STRINGS_TIMEOUT_MS = 5000;
  var MAX_ITEMS = 60;
  // Every word the widget itself shows or speaks, in one table a site may override with data-text-KEY
  // attributes or a JSON object at data-strings-url; {n}, {seconds}, {reason} are filled in.
  var STRINGS = {
    send: "Send",
    placeholder: "Ask a question…",
    questionLabel: "Your question",
    newConversation: "New conversation",
    newConversationDone: "New conversation.",
    close: "Close chat",
    conversation: "Conversation",
    suggested: "Suggested questions",
    you: "You",
    bot: "careerbot",
    answering: "careerbot is answering…",
    helpful: "Helpful?",
    yes: "Yes",
    no: "No",
    rateAnswer: "Rate this answer",
    ratingSaved: "Thanks for the rating.",
    ratingFailed: "The rating was not saved.",
    howComputed: "How this was computed",
    sources: "Sources",
    yearUnknown: "year not stated",
    source: "Source",
    year: "Year",
    link: "Link",
    facts: "Facts",
    canAnswer: "What I can answer",
    handoff: "Talk to an advisor",
    unreachable: "careerbot cannot be reached from this page right now; your question is still in the box.",
    timeout: "careerbot took too long to answer; your question is still in the box.",
    failed: "careerbot could not answer ({reason}); your question is still in the box.",
    rateLimited: "You have asked a lot in a short time, so your question is still in the box and you can send it in {seconds} s.",
    rateLimitOver: "You can send your question now."
  };
  var DEFAULTS = { title: "Career questions", accent: "#0b6e4f", position: "right", greeting: "", open: "false",
                   mode: "launcher", target: "", handoffUrl: "", stringsUrl: "" };
  function https(v) { return /^https:\/\/[^\s"'<>\/]+\.[^\s"'<>]*$/i.test(v); }
  var CHECKS = {
    title: function (v) { return v.trim().length > 0 && v.length <= 80; },
    accent: function (v) { return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(v); },
    position: function (v) { return v === "left" || v === "right"; },
    greeting: function (v) { return v.length <= 300; },
    open: function (v) { return v === "true" || v === "false"; },
    mode: function (v) { return v === "launcher" || v === "inline"; },
    target: function (v) { return /^[A-Za-z][\w-]*$/.test(v); },
    handoffUrl: https,
    stringsUrl: function (v) { return /^(https?:\/\/|\/)[^\s"'<>]+$/i.test(v); }
  };
  var CSS = [
    ":host{all:initial !important;display:block !important}",
    ":host([data-mode=inline]){height:100% !important}",
    ".cb{all:initial;box-sizing:border-box;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;",
    "color:#1d2327;--accent:#0b6e4f}.cb.inline{display:block;height:100%}",
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
    ".inline .panel{position:static;width:100%;max-width:none;height:100%;max-height:none;box-shadow:none;border-radius:8px}",
    ".head{display:flex;gap:8px;align-items:center;padding:8px 14px;border-bottom:1px solid #cfd6da;background:#f3f5f6}",
    ".head h2{flex:1;font-size:17px;font-weight:700;color:var(--accent)}",
    ".about{padding:8px 14px 0;color:#4f5b62;font-size:13px}.started .about{display:none}",
    ".btn{border:1px solid var(--accent);color:var(--accent);background:#fff;border-radius:6px;padding:6px 10px;",
    "min-height:40px;cursor:pointer}.btn:hover{background:#e7f2ee}.btn:disabled{opacity:.6;cursor:progress}",
    ".head .btn{min-height:44px}.head .close{width:44px;padding:0;font-size:26px;line-height:1}",
    ".log{flex:1;min-height:0;overflow-y:auto;padding:12px 14px;display:flex;flex-direction:column;gap:10px}",
    ".msg{padding:9px 12px;border-radius:10px;overflow-wrap:anywhere;display:block;flex:none}",
    ".who{font-size:12px;font-weight:600;color:#4f5b62;display:block}",
    ".user{align-self:flex-end;background:#e7f2ee;max-width:88%}.bot{background:#f3f5f6;border:1px solid #cfd6da}",
    ".declined .text{font-style:italic}.error{background:#fdecea;border:1px solid #a4261b;color:#a4261b}",
    ".end{white-space:nowrap}.mark{display:inline;color:var(--accent);font-size:12px;font-weight:700;vertical-align:super;line-height:1;",
    "padding:0 2px;margin-left:2px;cursor:pointer;text-decoration:underline}",
    ".cites{list-style:none;display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}",
    ".cites .btn{min-height:32px;padding:2px 8px;font-size:13px}",
    ".detail{margin-top:8px;padding:6px 10px;background:#fff;border-left:3px solid var(--accent);font-size:13px}",
    ".detail[hidden]{display:none}.detail dt{font-weight:700}.detail dd{margin-bottom:4px}",
    ".detail ol{margin-left:18px}.detail li{display:list-item}.detail a{color:#0b5a41;text-decoration:underline}",
    ".how{margin-top:8px;font-size:13px}.how summary{cursor:pointer;color:var(--accent);display:list-item}",
    ".how li{margin:3px 0 0 18px;display:list-item}.expr{font-family:ui-monospace,Menlo,Consolas,monospace}",
    ".note{color:#4f5b62}.chart{margin-top:8px;display:block}.chart figcaption{font-weight:700;font-size:13px}",
    ".bars{list-style:none}.bars li{display:grid;grid-template-columns:minmax(5em,38%) 1fr auto;gap:6px;",
    "align-items:center;font-size:13px;margin-top:3px}.bar{display:block;height:12px;background:var(--accent);",
    "border-radius:3px;min-width:2px}",
    ".next{margin-top:8px}.next .row{display:flex;flex-wrap:wrap;gap:6px;margin-top:4px}",
    ".handoff{display:inline-block;margin-top:8px;color:#0b5a41;font-weight:600;text-decoration:underline;",
    "min-height:24px}",
    ".chips{display:flex;flex-wrap:nowrap;overflow-x:auto;gap:6px;padding:8px 14px;flex:none;scrollbar-width:thin}",
    ".chip{border-radius:18px;min-height:36px;flex:none;white-space:nowrap}",
    ".ask{display:flex;gap:8px;padding:10px 14px;border-top:1px solid #cfd6da;flex:none}",
    ".ask input{flex:1;min-width:0;font-size:16px;padding:8px 10px;min-height:44px;border:1px solid #4f5b62;",
    "border-radius:6px;background:#fff;color:#1d2327}",
    ".send{background:var(--accent);color:#fff;border-radius:6px;padding:8px 14px;min-height:44px;cursor:pointer}",
    ".send:disabled{opacity:.6;cursor:not-allowed}",
    ".status{padding:0 14px;color:#4f5b62;font-size:13px;flex:none}.status:not(:empty){padding-bottom:8px}",
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

  function textKey(dataKey) { // data-text-new-conversation -> dataset.textNewConversation -> newConversation
    return /^text[A-Z]/.test(dataKey) ? dataKey.charAt(4).toLowerCase() + dataKey.slice(5) : null;
  }

  function readOptions(script) {
    var options = {}, problems = [], strings = {};
    var data = (script && script.dataset) || {};
    Object.keys(DEFAULTS).forEach(function (key) {
      var value = data[key];
      if (value === undefined) { options[key] = DEFAULTS[key]; return; }
      if (CHECKS[key](value)) { options[key] = value; return; }
      options[key] = DEFAULTS[key];
      problems.push("data-" + dashed(key) + '="' + value + '"');
    });
    Object.keys(data).forEach(function (key) {
      var name = textKey(key);
      if (name && STRINGS.hasOwnProperty(name)) strings[name] = String(data[key]).slice(0, 300);
      else if (!(key in DEFAULTS)) problems.push("data-" + dashed(key));
    });
    if (problems.length) warn("ignored " + problems.join(", ") + "; using defaults (options: data-" +
      Object.keys(DEFAULTS).map(dashed).join(", data-") + ", data-text-KEY).");
    options.strings = strings;
    return options;
  }

  function dashed(key) { return key.replace(/[A-Z]/g, function (c) { return "-" + c.toLowerCase(); }); }

  // Merge a site's strings over the defaults: known keys with string values only, said once if not.
  function mergeStrings(base, extra, where) {
    var out = {}, unknown = [];
    Object.keys(base).forEach(function (k) { out[k] = base[k]; });
    Object.keys(extra || {}).forEach(function (k) {
      if (STRINGS.hasOwnProperty(k) && typeof extra[k] === "string" && extra[k].trim()) out[k] = extra[k].slice(0, 300);
      else unknown.push(k);
    });
    if (unknown.length) warn("ignored strings " + unknown.join(", ") + " from " + where);
    return out;
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

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
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
    this.t = STRINGS;
    this.key = "careerbot:" + origin;
    this.state = this.load();
    this.firstQuestions = [];
    this.handoffUrl = options.handoffUrl;
    this.replies = 0;
    this.busy = false;
    this.waitUntil = 0;
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

  // Read the site's strings (data-strings-url, then data-text-KEY over them), then build.
  Widget.prototype.start = function () {
    var self = this, url = this.options.stringsUrl;
    var done = function (fromUrl) {
      self.t = mergeStrings(mergeStrings(STRINGS, fromUrl, url), self.options.strings, "data-text-*");
      safe(function () { self.build(); });
    };
    if (!url) { done({}); return; }
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = controller && setTimeout(function () { controller.abort(); }, STRINGS_TIMEOUT_MS);
    fetch(new URL(url, window.location.href).href, { credentials: "omit", signal: controller ? controller.signal : undefined })
      .then(function (r) { return r.ok ? r.json() : Promise.reject(new Error("HTTP " + r.status)); })
      .then(function (data) {
        if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error("not a JSON object");
        return data;
      })
      .catch(function (e) { warn("cannot use data-strings-url " + url + " (" + (e && e.message || e) + "); using the defaults"); return {}; })
      .then(function (data) { if (timer) clearTimeout(timer); done(data); });
  };

  Widget.prototype.build = function () {
    var o = this.options, t = this.t, self = this;
    var inline = o.mode === "inline";
    var hostParent = inline ? document.getElementById(o.target) : document.body;
    if (!hostParent) { warn("data-target element #" + o.target + " not found"); return; }
    var host = document.createElement("careerbot-widget");
    if (inline) host.setAttribute("data-mode", "inline");
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
    head.appendChild(button("reset", t.newConversation, function () { self.reset(); self.input.focus(); }));
    if (!inline) { // floating: on a phone the panel covers the launcher, so it needs its own way out
      var close = button("close", "\u00d7", function () { self.close(); self.launcher.focus(); });
      close.setAttribute("aria-label", t.close);
      close.title = t.close;
      head.appendChild(close);
    }
    panel.appendChild(head);
    this.about = el("p", "about", "");
    panel.appendChild(this.about);
    this.log = el("div", "log");
    this.log.setAttribute("role", "region");
    this.log.setAttribute("aria-label", t.conversation);
    this.log.tabIndex = 0;
    panel.appendChild(this.log);
    this.chips = el("div", "chips");
    this.chips.setAttribute("role", "group");
    this.chips.setAttribute("aria-label", t.suggested);
    panel.appendChild(this.chips);
    var form = el("form", "ask");
    var label = el("label", "hide", t.questionLabel);
    label.htmlFor = "cb-input";
    this.input = el("input");
    this.input.id = "cb-input";
    this.input.type = "text";
    this.input.maxLength = 1000;
    this.input.autocomplete = "off";
    this.input.placeholder = t.placeholder;
    this.send = el("button", "send", t.send);
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
        if (!self.options.handoffUrl && data.handoff_url && https(data.handoff_url)) self.handoffUrl = data.handoff_url;
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
    this.started();
    this.showNewest();
  };

  // After the first question the intro folds away, so the conversation gets the room.
  Widget.prototype.started = function () {
    this.panel.classList.toggle("started", this.state.items.length > 0);
  };

  // Show the newest message: its start when it is taller than the log, else the bottom.
  Widget.prototype.showNewest = function () {
    var log = this.log, last = log.lastElementChild;
    if (!last) return;
    log.scrollTop = last.offsetHeight > log.clientHeight ? last.offsetTop - log.offsetTop - 12 : log.scrollHeight;
  };

  Widget.prototype.addText = function (role, text) {
    var msg = el("div", "msg " + role);
    msg.appendChild(el("span", "who", role === "user" ? this.t.you : this.t.bot));
    msg.appendChild(el("p", "text", text));
    this.log.appendChild(msg);
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
    var self = this, t = this.t, n = this.replies;
    var msg = this.addText("bot" + (data.answered ? "" : " declined"), "");
    var groups = sourceGroups(data.citations || []);
    var cites = renderCitations(msg, groups, n, t);
    renderSentences(msg.querySelector(".text"), data, groups, cites);
    renderChart(msg, data.chart, n);
    renderCalculations(msg, data.calculations || [], t);
    if (cites) msg.appendChild(cites.list), msg.appendChild(cites.detail);
    var next = data.suggestions && data.suggestions.length ? data.suggestions : this.firstQuestions;
    if (!data.answered) { // a decline ends with what careerbot can answer, and the site's next step if any
      var box = el("div", "next"), row = el("div", "row");
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", t.canAnswer);
      box.appendChild(el("span", "note", t.canAnswer));
      next.forEach(function (q) { row.appendChild(button("chip", q, function () { self.ask(q); })); });
      box.appendChild(row);
      if (this.handoffUrl) {
        var a = el("a", "handoff", t.handoff);
        a.href = this.handoffUrl;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        box.appendChild(a);
      }
      msg.appendChild(box);
      next = [];
    }
    if (data.answer_id) this.renderRating(msg, data);
    if (announce) this.announcer.textContent = t.bot + ": " + data.answer;
    this.setChips(next);
  };

  // Citations that look the same to a reader (source, year, link) are one numbered entry listing its facts.
  function sourceGroups(citations) {
    var groups = [], byKey = {}, byFact = {};
    citations.forEach(function (cite) {
      var key = [cite.source, cite.year, cite.url || ""].join("|");
      if (!byKey[key]) { byKey[key] = { n: groups.length + 1, cite: cite, facts: [] }; groups.push(byKey[key]); }
      byKey[key].facts.push(cite);
      byFact[cite.fact_id] = byKey[key];
    });
    return { list: groups, byFact: byFact };
  }

  // The answer's sentences, each followed by the numbers of the sources it rests on.
  function renderSentences(p, data, groups, cites) {
    var sentences = Array.isArray(data.sentences) && data.sentences.length ? data.sentences :
      [{ text: data.answer, fact_ids: (data.citations || []).map(function (c) { return c.fact_id; }) }];
    sentences.forEach(function (s, i) {
      var marks = [], seen = {};
      (s.fact_ids || []).forEach(function (id) {
        var g = groups.byFact[id];
        if (g && cites && !seen[g.n]) { seen[g.n] = true; marks.push(cites.marker(g)); }
      });
      var text = (i ? " " : "") + s.text, cut = text.lastIndexOf(" ") + 1;
      if (!marks.length) { p.appendChild(document.createTextNode(text)); return; }
      p.appendChild(document.createTextNode(text.slice(0, cut)));
      var end = el("span", "end", text.slice(cut)); // the last word keeps its markers on its line
      marks.forEach(function (m) { end.appendChild(m); });
      p.appendChild(end);
    });
  }

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

  function renderCalculations(msg, calculations, t) {
    if (!calculations.length) return;
    var details = el("details", "how");
    details.appendChild(el("summary", null, t.howComputed));
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

  // One button per source entry; the entry opens below with the source's year, link and facts.
  function renderCitations(msg, groups, n, t) {
    if (!groups.list.length) return null;
    var list = el("ol", "cites");
    list.setAttribute("aria-label", t.sources);
    var detail = el("div", "detail");
    detail.id = "cb-cite-" + n;
    detail.hidden = true;
    var buttons = [];
    function label(g) { return g.cite.source + ", " + (g.cite.year === null ? t.yearUnknown : g.cite.year); }
    function toggle(g) {
      var b = buttons[g.n - 1], wasOpen = b.getAttribute("aria-expanded") === "true";
      buttons.forEach(function (other) { other.setAttribute("aria-expanded", "false"); });
      detail.hidden = wasOpen;
      if (wasOpen) return;
      b.setAttribute("aria-expanded", "true");
      var dl = el("dl");
      dl.appendChild(el("dt", null, t.source));
      dl.appendChild(el("dd", null, g.cite.source));
      dl.appendChild(el("dt", null, t.year));
      dl.appendChild(el("dd", null, g.cite.year === null ? t.yearUnknown : g.cite.year));
      if (g.cite.url) {
        var a = el("a", null, g.cite.url.replace(/^https:\/\//, ""));
        a.href = g.cite.url;
        a.target = "_blank";
        a.rel = "noopener noreferrer";
        var dd = el("dd");
        dd.appendChild(a);
        dl.appendChild(el("dt", null, t.link));
        dl.appendChild(dd);
      }
      dl.appendChild(el("dt", null, t.facts));
      var facts = el("ol"), dd2 = el("dd");
      g.facts.forEach(function (c) { facts.appendChild(el("li", null, c.text + " (" + c.section + ")")); });
      dd2.appendChild(facts);
      dl.appendChild(dd2);
      detail.replaceChildren(dl);
    }
    groups.list.forEach(function (g) {
      var item = el("li");
      var b = button("cite", "[" + g.n + "] " + label(g), function () { toggle(g); });
      b.setAttribute("aria-expanded", "false");
      b.setAttribute("aria-controls", detail.id);
      buttons.push(b);
      item.appendChild(b);
      list.appendChild(item);
    });
    return {
      list: list, detail: detail,
      marker: function (g) {
        var m = el("button", "mark", "[" + g.n + "]");
        m.type = "button";
        m.setAttribute("aria-label", "[" + g.n + "] " + label(g)); // the visible number starts the name
        m.addEventListener("click", function () { safe(function () { toggle(g); buttons[g.n - 1].focus(); }); });
        return m;
      }
    };
  }

  Widget.prototype.renderRating = function (msg, data) {
    var self = this, t = this.t, row = el("div", "rate");
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", t.rateAnswer);
    row.appendChild(el("span", null, t.helpful));
    [["up", t.yes], ["down", t.no]].forEach(function (pair) {
      var b = button("rate-" + pair[0], pair[1], function () {
        row.querySelectorAll("button").forEach(function (x) { x.setAttribute("aria-pressed", "false"); });
        b.setAttribute("aria-pressed", "true");
        data.rating = pair[0];
        self.save();
        fetch(self.origin + "/api/feedback", {
          method: "POST", mode: "cors", credentials: "omit", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ answer_id: data.answer_id, rating: pair[0] })
        }).then(function (r) { self.status.textContent = r.ok ? t.ratingSaved : t.ratingFailed; },
          function () { self.status.textContent = t.ratingFailed; });
      });
      b.setAttribute("aria-pressed", data.rating === pair[0] ? "true" : "false");
      row.appendChild(b);
    });
    msg.appendChild(row);
  };

  Widget.prototype.setBusy = function (busy) {
    this.busy = busy;
    this.input.disabled = busy;
    this.send.disabled = busy || this.waitUntil > Date.now();
    this.panel.querySelectorAll("button.chip").forEach(function (b) { b.disabled = busy; });
    this.status.textContent = busy ? this.t.answering : "";
  };

  // One message for a failed question, replacing the last one; the question goes back in the box.
  Widget.prototype.fail = function (text) {
    this.clearError();
    this.errorMsg = this.addText("error", text);
    this.errorMsg.setAttribute("role", "alert");
    this.showNewest();
    return this.errorMsg;
  };

  Widget.prototype.clearError = function () {
    if (this.errorMsg) this.errorMsg.remove();
    this.errorMsg = null;
    if (this.countdown) clearInterval(this.countdown);
    this.countdown = null;
  };

  // Rate limited: say the wait once, count it down on screen, and allow sending when it is over.
  Widget.prototype.wait = function (seconds) {
    var self = this, t = this.t;
    this.waitUntil = Date.now() + seconds * 1000;
    var msg = this.fail(fill(t.rateLimited, { seconds: seconds }));
    msg.removeAttribute("role"); // announced once below, not at every tick
    this.announcer.textContent = fill(t.rateLimited, { seconds: seconds });
    var text = msg.querySelector(".text");
    this.countdown = setInterval(function () { safe(function () {
      var left = Math.ceil((self.waitUntil - Date.now()) / 1000);
      if (left > 0) { text.textContent = fill(t.rateLimited, { seconds: left }); return; }
      clearInterval(self.countdown);
      self.countdown = null;
      self.waitUntil = 0;
      text.textContent = t.rateLimitOver;
      self.announcer.textContent = t.rateLimitOver;
      self.send.disabled = self.busy;
    }); }, 1000);
  };

  Widget.prototype.ask = function (text) {
    var self = this, t = this.t, question = String(text || "").trim();
    if (!question || this.busy || this.waitUntil > Date.now()) return;
    this.open();
    this.clearError();
    var bubble = this.addText("user", question);
    this.showNewest();
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
        if (response.status === 429) {
          var after = parseInt(response.headers.get("Retry-After"), 10);
          throw { wait: after > 0 ? Math.min(after, 3600) : 30 };
        }
        if (!response.ok || !data || typeof data.answer !== "string") {
          throw { reason: (data && data.error && data.error.message) || String(response.status) };
        }
        return data;
      });
    }).then(function (data) {
      self.state.sessionId = data.session_id;
      self.state.items.push({ role: "user", text: question }, { role: "bot", data: data });
      self.save();
      self.started();
      self.renderAnswer(data, true);
      self.showNewest();
    }).catch(function (error) {
      bubble.remove(); // the question goes back in the box; sending it again shows it once
      self.input.value = question;
      if (error && error.wait) { self.wait(error.wait); return; }
      var reason = error && error.name === "AbortError" ? t.timeout :
        error instanceof TypeError ? t.unreachable :
          fill(t.failed, { reason: String(error && error.reason || "?").replace(/\.$/, "") });
      if (error instanceof TypeError) warn("could not reach " + self.origin + ": is this site's origin in CAREERBOT_ALLOWED_ORIGINS?");
      self.fail(reason);
      self.announcer.textContent = reason;
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
    if (open) { this.showNewest(); this.input.focus(); }
  };
  Widget.prototype.open = function () { this.show(true); };
  Widget.prototype.close = function () { this.show(false); };

  Widget.prototype.reset = function () {
    this.clearError();
    this.state = { sessionId: null, open: this.state.open, items: [] };
    try { window.sessionStorage.removeItem(this.key); } catch (e) { /* blocked storage */ }
    this.save();
    this.log.replaceChildren();
    this.started();
    if (this.options.greeting) this.addText("bot", this.options.greeting);
    this.setChips(this.firstQuestions);
    this.announcer.textContent = this.t.newConversationDone;
  };

  var widget = null;
  function call(name) {
    return function (arg) { safe(function () { if (widget && widget.panel) widget[name](arg); }); };
  }
  window.CareerBot = Object.freeze({ open: call("open"), close: call("close"), ask: call("ask"), reset: call("reset") });

  safe(function () {
    var script = ownScript();
    if (!script || !script.src) { warn("cannot find its own script tag"); return; }
    widget = new Widget(new URL(script.src, window.location.href).origin, readOptions(script));
    var start = function () { safe(function () { widget.start(); }); };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  });
}());
