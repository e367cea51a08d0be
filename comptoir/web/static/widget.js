/* Comptoir chat widget. One tag on any page:
 *   <script src="https://shop.example/widget/v1/widget.js" data-store="main" data-color="#2f5d50"
 *           data-greeting="Hello!" data-position="right" async></script>
 * (or a window.ComptoirConfig object with the same keys: server, store, color, greeting, position, language).
 * Every piece of text is put in the page with textContent: nothing from the server is parsed as HTML. */
(function () {
  "use strict";
  if (window.Comptoir) return;

  var I18N = {
    en: { open: "Chat with us", close: "Close the chat", title: "Shop assistant", placeholder: "Write a message…",
      send: "Send", typing: "The assistant is writing…", you: "You", bot: "Assistant", system: "Notice",
      agent: "{name} (our team)", greeting: "Hello! How can I help you today?",
      waiting: "A person from our team will answer you here shortly.", joined: "{name} has joined the conversation.",
      reconnecting: "Connection lost, reconnecting…", http: "Live connection unavailable: messages still go through.",
      slow: "You are sending messages a little fast. Please wait {s} s — we will send it then.",
      failed: "This message could not be sent: {detail}", add: "Add to cart", details: "Details",
      instock: "In stock", outofstock: "Out of stock", order: "Order {id}", status: "Status", total: "Total",
      cart: "Your cart", qty: "Qty", sources: "Sources", mic: "Speak", micstop: "Stop listening",
      speak: "Read replies aloud", sending: "Sending…", sent: "Sent", log: "Conversation",
      email: "Your e-mail address", code: "The code you received", order_id: "Your order number (#W…)",
      name_zip: "Your name and postcode", address: "Your address", confirmation: "Yes or no",
      carousel: "Products", replies: "Suggestions" },
    fr: { open: "Discuter avec nous", close: "Fermer la discussion", title: "Assistant de la boutique",
      placeholder: "Écrivez un message…", send: "Envoyer", typing: "L’assistant écrit…", you: "Vous",
      bot: "Assistant", system: "Information", agent: "{name} (notre équipe)",
      greeting: "Bonjour ! Comment puis-je vous aider ?",
      waiting: "Une personne de notre équipe va vous répondre ici sous peu.",
      joined: "{name} a rejoint la conversation.", reconnecting: "Connexion perdue, reconnexion…",
      http: "Connexion directe indisponible : vos messages passent quand même.",
      slow: "Vous envoyez des messages un peu vite. Patientez {s} s — nous l’enverrons alors.",
      failed: "Ce message n’a pas pu être envoyé : {detail}", add: "Ajouter au panier", details: "Détails",
      instock: "En stock", outofstock: "Épuisé", order: "Commande {id}", status: "Statut", total: "Total",
      cart: "Votre panier", qty: "Qté", sources: "Sources", mic: "Parler", micstop: "Arrêter l’écoute",
      speak: "Lire les réponses à voix haute", sending: "Envoi…", sent: "Envoyé", log: "Conversation",
      email: "Votre adresse e-mail", code: "Le code reçu", order_id: "Votre numéro de commande (#W…)",
      name_zip: "Votre nom et code postal", address: "Votre adresse", confirmation: "Oui ou non",
      carousel: "Produits", replies: "Suggestions" },
    el: { open: "Συνομιλήστε μαζί μας", close: "Κλείσιμο συνομιλίας", title: "Βοηθός καταστήματος",
      placeholder: "Γράψτε ένα μήνυμα…", send: "Αποστολή", typing: "Ο βοηθός γράφει…", you: "Εσείς",
      bot: "Βοηθός", system: "Ενημέρωση", agent: "{name} (η ομάδα μας)",
      greeting: "Γεια σας! Πώς μπορώ να σας βοηθήσω;",
      waiting: "Ένα μέλος της ομάδας μας θα σας απαντήσει εδώ σύντομα.",
      joined: "Ο/Η {name} μπήκε στη συζήτηση.", reconnecting: "Η σύνδεση χάθηκε, επανασύνδεση…",
      http: "Η άμεση σύνδεση δεν είναι διαθέσιμη: τα μηνύματα στέλνονται κανονικά.",
      slow: "Στέλνετε μηνύματα λίγο γρήγορα. Περιμένετε {s} δευτ. — θα σταλεί τότε.",
      failed: "Το μήνυμα δεν στάλθηκε: {detail}", add: "Στο καλάθι", details: "Λεπτομέρειες",
      instock: "Διαθέσιμο", outofstock: "Εξαντλήθηκε", order: "Παραγγελία {id}", status: "Κατάσταση",
      total: "Σύνολο", cart: "Το καλάθι σας", qty: "Ποσ.", sources: "Πηγές", mic: "Μιλήστε",
      micstop: "Τέλος ακρόασης", speak: "Ανάγνωση απαντήσεων", sending: "Αποστολή…", sent: "Στάλθηκε",
      log: "Συνομιλία", email: "Η διεύθυνση email σας", code: "Ο κωδικός που λάβατε",
      order_id: "Ο αριθμός παραγγελίας (#W…)", name_zip: "Όνομα και ταχυδρομικός κώδικας",
      address: "Η διεύθυνσή σας", confirmation: "Ναι ή όχι", carousel: "Προϊόντα", replies: "Προτάσεις" },
    ja: { open: "チャットで相談", close: "チャットを閉じる", title: "ショップアシスタント",
      placeholder: "メッセージを入力…", send: "送信", typing: "アシスタントが入力中…", you: "あなた",
      bot: "アシスタント", system: "お知らせ", agent: "{name}（スタッフ）",
      greeting: "こんにちは！ご用件をお聞かせください。",
      waiting: "まもなくスタッフがこちらでお答えします。", joined: "{name}が会話に参加しました。",
      reconnecting: "接続が切れました。再接続しています…",
      http: "リアルタイム接続が使えません。メッセージは引き続き送信されます。",
      slow: "送信が少し速すぎます。{s}秒お待ちください。その後に送信します。",
      failed: "メッセージを送信できませんでした：{detail}", add: "カートに入れる", details: "詳細",
      instock: "在庫あり", outofstock: "在庫切れ", order: "注文 {id}", status: "状況", total: "合計",
      cart: "カート", qty: "数量", sources: "出典", mic: "音声入力", micstop: "音声入力を停止",
      speak: "返信を読み上げる", sending: "送信中…", sent: "送信済み", log: "会話",
      email: "メールアドレス", code: "届いたコード", order_id: "注文番号（#W…）",
      name_zip: "お名前と郵便番号", address: "ご住所", confirmation: "はい／いいえ",
      carousel: "商品", replies: "候補" }
  };
  var SPEECH_LOCALES = { en: "en-US", fr: "fr-FR", el: "el-GR", ja: "ja-JP" };
  var PAYLOAD = /^(intent|add|product|choose|refine|search):|^(yes|no)$/;

  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var given = window.ComptoirConfig || {};
  function pick(key, fallback) { return data[key] || given[key] || fallback; }
  var server = pick("server", script && script.src ? new URL(script.src, location.href).origin : location.origin)
    .replace(/\/$/, "");
  var cfg = {
    store: pick("store", "main"), color: pick("color", "#2f5d50"), greeting: pick("greeting", ""),
    position: pick("position", "right") === "left" ? "left" : "right", currency: pick("currency", "EUR")
  };

  function chooseLanguage() {
    var wanted = [pick("language", ""), document.documentElement.lang].concat(navigator.languages || [navigator.language]);
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i] || "").slice(0, 2).toLowerCase();
      if (I18N[code]) return code;
    }
    return "en";
  }
  var lang = chooseLanguage();
  function t(key, values) {
    var text = (I18N[lang] && I18N[lang][key]) || I18N.en[key] || key;
    return text.replace(/\{(\w+)\}/g, function (_, k) { return values && values[k] != null ? String(values[k]) : ""; });
  }

  // --- what the browser keeps: the conversation, the last sequence seen, messages not yet acknowledged ---
  var KEY = "comptoir:" + cfg.store + ":" + server;
  var saved = load();
  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }
  function save() {
    try { localStorage.setItem(KEY, JSON.stringify(saved)); } catch (e) { /* private mode: memory only */ }
  }
  saved.outbox = saved.outbox || [];
  saved.titles = saved.titles || {};
  // the page starts empty, so the first hello asks for the whole history (restored after a reload)
  var seenSeq = 0;

  // --- the DOM, built with createElement/textContent only ---
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = String(text);
    return node;
  }
  function attr(node, values) { for (var k in values) node.setAttribute(k, values[k]); return node; }

  var css = el("link"); attr(css, { rel: "stylesheet", href: server + "/widget/v1/widget.css" });
  var root = el("div", "cw-root cw-" + cfg.position);
  root.style.setProperty("--cw-color", /^#[0-9a-fA-F]{3,8}$/.test(cfg.color) ? cfg.color : "#2f5d50");
  var launcher = attr(el("button", "cw-launcher"), { type: "button", "aria-expanded": "false", "aria-controls": "cw-panel" });
  var launcherIcon = el("span", "cw-launcher-icon"); launcherIcon.setAttribute("aria-hidden", "true");
  launcher.appendChild(launcherIcon);
  var panel = attr(el("section", "cw-panel"), { id: "cw-panel", role: "dialog", "aria-modal": "false" });
  panel.hidden = true;
  var head = el("header", "cw-head");
  var heading = attr(el("h2", "cw-title"), { id: "cw-title" });
  panel.setAttribute("aria-labelledby", "cw-title");
  var speakToggle = attr(el("button", "cw-icon cw-speak"), { type: "button", "aria-pressed": "false" });
  speakToggle.hidden = true;
  var closeButton = attr(el("button", "cw-icon cw-close", "×"), { type: "button" });
  head.appendChild(heading); head.appendChild(speakToggle); head.appendChild(closeButton);
  var banner = attr(el("div", "cw-banner"), { role: "status" }); banner.hidden = true;
  var log = attr(el("div", "cw-log"), { role: "log", "aria-live": "polite", "aria-relevant": "additions", tabindex: "0" });
  var typing = attr(el("div", "cw-typing"), { role: "status" });
  typing.appendChild(el("span")); typing.appendChild(el("span")); typing.appendChild(el("span"));
  typing.hidden = true;
  var form = el("form", "cw-form");
  var input = attr(el("input", "cw-input"), { type: "text", autocomplete: "off", maxlength: "2000", id: "cw-input" });
  var label = attr(el("label", "cw-visually-hidden"), { for: "cw-input" });
  var mic = attr(el("button", "cw-icon cw-mic"), { type: "button", "aria-pressed": "false" });
  mic.hidden = true;
  var sendButton = attr(el("button", "cw-send"), { type: "submit" });
  form.appendChild(label); form.appendChild(input); form.appendChild(mic); form.appendChild(sendButton);
  panel.appendChild(head); panel.appendChild(banner); panel.appendChild(log); panel.appendChild(typing);
  panel.appendChild(form);
  root.appendChild(panel); root.appendChild(launcher);

  function applyLanguage() {
    root.setAttribute("lang", lang);
    launcher.setAttribute("aria-label", t("open"));
    launcher.title = t("open");
    heading.textContent = t("title");
    closeButton.setAttribute("aria-label", t("close"));
    speakToggle.setAttribute("aria-label", t("speak"));
    speakToggle.title = t("speak");
    log.setAttribute("aria-label", t("log"));
    typing.setAttribute("aria-label", t("typing"));
    label.textContent = t("placeholder");
    input.placeholder = awaiting && I18N.en[awaiting] ? t(awaiting) : t("placeholder");
    mic.setAttribute("aria-label", listening ? t("micstop") : t("mic"));
    sendButton.textContent = t("send");
    if (greetingNode) greetingNode.querySelector(".cw-text").textContent = cfg.greeting || t("greeting");
    if (owner === "waiting") showBanner(t("waiting"));
  }

  // --- rendering messages ---
  var bySeq = {};
  var pendingNodes = {};
  var greetingNode = null;
  var owner = "bot";
  var awaiting = null;
  var lastQuickReplies = null;

  function when(iso) {
    var date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : iso + "Z");
    if (isNaN(date.getTime())) return null;
    var time = el("time", "cw-time", new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" }).format(date));
    time.setAttribute("datetime", date.toISOString());
    return time;
  }
  function money(amount, currency) {
    try {
      return new Intl.NumberFormat(lang, { style: "currency", currency: currency || cfg.currency }).format(Number(amount));
    } catch (e) { return String(amount) + " " + (currency || ""); }
  }
  function safeUrl(value) {
    try {
      var url = new URL(String(value), location.href);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) { return null; }
  }
  function linkify(node, text) {
    var re = /https?:\/\/[^\s<>"'`]+/g, last = 0, m;
    while ((m = re.exec(text))) {
      var href = m[0].replace(/[.,;:!?)\]»」。、]+$/, "");
      node.appendChild(document.createTextNode(text.slice(last, m.index)));
      var url = safeUrl(href);
      if (url) {
        var a = attr(el("a", "cw-link", href), { href: url, target: "_blank", rel: "noopener noreferrer nofollow" });
        node.appendChild(a);
      } else {
        node.appendChild(document.createTextNode(href));
      }
      last = m.index + href.length;
      re.lastIndex = last;
    }
    node.appendChild(document.createTextNode(text.slice(last)));
  }
  function button(cls, text, payload, title) {
    var b = attr(el("button", cls, text), { type: "button" });
    b.addEventListener("click", function () { sendPayload(payload, title || text); });
    return b;
  }
  function productCard(p) {
    var card = el("article", "cw-product");
    var image = safeUrl(p.image_url || "");
    if (image) {
      var img = attr(el("img", "cw-product-img"), { src: image, alt: String(p.title), loading: "lazy" });
      card.appendChild(img);
    }
    card.appendChild(el("h3", "cw-product-title", p.title));
    card.appendChild(el("div", "cw-price", money(p.price, p.currency)));
    card.appendChild(el("span", "cw-badge " + (p.in_stock ? "cw-in" : "cw-out"), p.in_stock ? t("instock") : t("outofstock")));
    var actions = el("div", "cw-product-actions");
    var add = button("cw-add", t("add"), p.variant_id ? "add:" + p.variant_id : "product:" + p.id, t("add") + " — " + p.title);
    add.disabled = !p.in_stock;
    add.setAttribute("aria-label", t("add") + ": " + p.title);
    var more = button("cw-details", t("details"), "product:" + p.id, p.title);
    more.setAttribute("aria-label", t("details") + ": " + p.title);
    actions.appendChild(add); actions.appendChild(more);
    card.appendChild(actions);
    return card;
  }
  function orderCard(o) {
    var card = el("div", "cw-card cw-order");
    card.appendChild(el("strong", null, t("order", { id: o.id })));
    var dl = el("dl");
    dl.appendChild(el("dt", null, t("status"))); dl.appendChild(el("dd", "cw-status", o.status));
    dl.appendChild(el("dt", null, t("total"))); dl.appendChild(el("dd", null, money(o.total, cfg.currency)));
    card.appendChild(dl);
    return card;
  }
  function cartCard(c) {
    var card = el("div", "cw-card cw-cart");
    card.appendChild(el("strong", null, t("cart")));
    var list = el("ul");
    (c.lines || []).forEach(function (line) {
      var item = el("li");
      var options = Object.keys(line.options || {}).map(function (k) { return line.options[k]; }).join(", ");
      item.appendChild(el("span", "cw-line-title", line.title + (options ? " (" + options + ")" : "")));
      item.appendChild(el("span", "cw-line-qty", t("qty") + " " + line.quantity));
      item.appendChild(el("span", "cw-line-price", money(line.price, c.currency)));
      list.appendChild(item);
    });
    card.appendChild(list);
    card.appendChild(el("div", "cw-total", t("total") + " " + money(c.total, c.currency)));
    return card;
  }
  function shopperText(text) { return PAYLOAD.test(text) && saved.titles[text] ? saved.titles[text] : text; }

  function render(m) {
    var node = el("div", "cw-msg cw-" + m.author);
    node.setAttribute("data-seq", String(m.seq));
    var who = m.author === "shopper" ? t("you") : m.author === "agent" ? t("agent", { name: m.agent_name || "" })
      : m.author === "system" ? t("system") : t("bot");
    var meta = el("div", "cw-meta");
    meta.appendChild(el("span", "cw-author", who));
    var time = when(m.created_at);
    if (time) meta.appendChild(time);
    node.appendChild(meta);
    var bubble = el("div", "cw-bubble");
    var text = el("div", "cw-text");
    linkify(text, m.author === "shopper" ? shopperText(m.text || "") : m.text || "");
    bubble.appendChild(text);
    if (m.products && m.products.length) {
      var carousel = attr(el("div", "cw-carousel"), { role: "group", "aria-label": t("carousel") });
      m.products.forEach(function (p) { carousel.appendChild(productCard(p)); });
      bubble.appendChild(carousel);
    }
    if (m.order) bubble.appendChild(orderCard(m.order));
    if (m.cart) bubble.appendChild(cartCard(m.cart));
    if (m.citations && m.citations.length) {
      var sources = el("div", "cw-citations");
      sources.appendChild(el("span", null, t("sources") + ": "));
      var list = el("ul");
      m.citations.forEach(function (c) { list.appendChild(attr(el("li", null, c.title), { "data-article": String(c.article_id) })); });
      sources.appendChild(list);
      bubble.appendChild(sources);
    }
    node.appendChild(bubble);
    if (m.quick_replies && m.quick_replies.length) {
      var replies = attr(el("div", "cw-replies"), { role: "group", "aria-label": t("replies") });
      m.quick_replies.forEach(function (q) { replies.appendChild(button("cw-reply", q.title, q.payload, q.title)); });
      node.appendChild(replies);
    }
    return node;
  }

  function receive(messages, fresh) {
    messages.sort(function (a, b) { return a.seq - b.seq; });
    messages.forEach(function (m) {
      if (bySeq[m.seq]) return;
      if (m.author === "shopper") settle(m);
      if (m.seq > seenSeq) seenSeq = m.seq;
      var node = render(m);
      bySeq[m.seq] = node;
      var after = null;
      for (var s in bySeq) if (Number(s) > m.seq && (!after || Number(s) < Number(after.getAttribute("data-seq")))) after = bySeq[s];
      log.insertBefore(node, after || firstPending());
      if (m.quick_replies && m.quick_replies.length && !after) {
        if (lastQuickReplies) lastQuickReplies.hidden = true;
        lastQuickReplies = node.querySelector(".cw-replies");
      } else if (m.author === "shopper" && lastQuickReplies && !after) {
        lastQuickReplies.hidden = true;
      }
      if (m.author !== "shopper" && !after) {
        if (m.language && I18N[m.language] && m.language !== lang) { lang = m.language; applyLanguage(); }
        awaiting = m.awaiting || null;
        input.type = awaiting === "email" ? "email" : "text";
        input.inputMode = awaiting === "code" ? "numeric" : "text";
        input.placeholder = awaiting && I18N.en[awaiting] ? t(awaiting) : t("placeholder");
        if (m.handoff || m.author === "agent") setOwner(m.author === "agent" ? "agent" : "waiting", m.agent_name);
        if (fresh && speaking && m.text) say(m.text);
      }
      emit("message", m);
      if (m.cart) emit("cart", m.cart);
    });
    save();
    log.scrollTop = log.scrollHeight;
  }
  function firstPending() { return log.querySelector(".cw-pending"); }

  function setOwner(value, agentName) {
    if (value === owner) return;
    owner = value;
    if (value === "waiting") showBanner(t("waiting"));
    else if (value === "agent") showBanner(t("joined", { name: agentName || "" }));
    else banner.hidden = true;
  }
  function showBanner(text) { banner.textContent = text; banner.hidden = false; }

  // --- sending: every message has a client_message_id and stays in the outbox until acknowledged ---
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "m" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }
  function showPending(entry) {
    var node = el("div", "cw-msg cw-shopper cw-pending");
    node.setAttribute("data-client-id", entry.client_message_id);
    node.setAttribute("data-text", entry.text != null ? entry.text : entry.payload);
    var meta = el("div", "cw-meta");
    meta.appendChild(el("span", "cw-author", t("you")));
    meta.appendChild(el("span", "cw-state", t("sending")));
    node.appendChild(meta);
    var bubble = el("div", "cw-bubble");
    bubble.appendChild(el("div", "cw-text", entry.title || entry.text || ""));
    node.appendChild(bubble);
    log.appendChild(node);
    pendingNodes[entry.client_message_id] = node;
    log.scrollTop = log.scrollHeight;
  }
  function settle(m) {
    // the stored shopper message replaces its pending bubble (the oldest one with the same text)
    for (var i = 0; i < saved.outbox.length; i++) {
      var entry = saved.outbox[i];
      if ((entry.text != null ? entry.text : entry.payload) === m.text) {
        saved.outbox.splice(i, 1);
        dropPending(entry.client_message_id);
        return;
      }
    }
    var nodes = log.querySelectorAll(".cw-pending");
    for (var j = 0; j < nodes.length; j++) {
      if (nodes[j].getAttribute("data-text") === m.text) { nodes[j].remove(); return; }
    }
  }
  function dropPending(id) {
    var node = pendingNodes[id];
    if (node) { node.remove(); delete pendingNodes[id]; }
  }
  function queue(entry) {
    saved.outbox.push(entry);
    save();
    showPending(entry);
    ensureConversation().then(flush, function () { scheduleReconnect(); });
  }
  function sendText(text) {
    text = String(text || "").trim();
    if (!text) return;
    queue({ client_message_id: newId(), text: text });
  }
  function sendPayload(payload, title) {
    if (title) { saved.titles[payload] = String(title).slice(0, 120); }
    queue({ client_message_id: newId(), payload: String(payload), title: title ? String(title) : String(payload) });
  }

  // --- transport: WebSocket, else the HTTP conversation API ---
  var ws = null, wsReady = false, wsFailures = 0, everReady = false, httpMode = !window.WebSocket;
  var reconnectTimer = null, pollTimer = null, ackTimers = {}, acked = {}, holdUntil = 0, creating = null;
  var ACK_TIMEOUT = 4000;

  function api(path, options) {
    options = options || {};
    var headers = { "content-type": "application/json" };
    if (saved.token) headers.authorization = "Bearer " + saved.token;
    return fetch(server + "/api/v1" + path, { method: options.method || "GET", headers: headers,
      body: options.body ? JSON.stringify(options.body) : undefined, credentials: "omit" })
      .then(function (r) {
        if (!r.ok) { var err = new Error("HTTP " + r.status); err.status = r.status; throw err; }
        return r.json();
      });
  }
  function ensureConversation() {
    if (saved.id && saved.token) return Promise.resolve();
    if (!creating) {
      creating = api("/conversations", { method: "POST", body: {} }).then(function (c) {
        saved.id = c.id; saved.token = c.token; save();
        creating = null;
        connect();
      }, function (e) { creating = null; throw e; });
    }
    return creating;
  }

  function connect() {
    if (!saved.id || !saved.token) return;
    if (httpMode) { startPolling(); return; }
    if (ws && (ws.readyState === 0 || ws.readyState === 1)) return;
    var url = server.replace(/^http/, "ws") + "/ws/v1/chat";
    try { ws = new WebSocket(url); } catch (e) { fallBack(); return; }
    var socket = ws;
    socket.onopen = function () {
      socket.send(JSON.stringify({ type: "hello", conversation_id: saved.id, token: saved.token, after: seenSeq }));
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      onFrame(frame);
    };
    socket.onclose = function (event) {
      if (socket !== ws) return;
      wsReady = false; ws = null;
      typing.hidden = true;
      for (var id in ackTimers) clearTimeout(ackTimers[id]);
      ackTimers = {}; acked = {};  // on the next socket, everything not yet answered goes again
      if (event.code === 4401) { forget(); return; }
      wsFailures += 1;
      // a socket that never got as far as "ready", twice: WebSockets are blocked on this network
      if (!everReady && wsFailures >= 2) { fallBack(); return; }
      if (everReady) showBanner(t("reconnecting"));
      scheduleReconnect();
    };
  }
  function scheduleReconnect() {
    if (reconnectTimer) return;
    var delay = Math.min(10000, 300 * Math.pow(2, Math.min(wsFailures, 6)));
    reconnectTimer = setTimeout(function () { reconnectTimer = null; ensureConversation().then(connect, scheduleReconnect); }, delay);
  }
  function forget() {
    // the server does not know this conversation (or its token): start a new one
    saved = { outbox: saved.outbox, titles: saved.titles }; save();
    ensureConversation().then(flush);
  }
  function fallBack() {
    httpMode = true;
    showBanner(t("http"));
    startPolling();
    flush();
  }

  function onFrame(frame) {
    switch (frame.type) {
      case "ready":
        wsReady = true; everReady = true; wsFailures = 0;
        if (banner.textContent === t("reconnecting")) banner.hidden = true;
        if (frame.owner && frame.owner !== "bot") setOwner(frame.owner, frame.agent_name);
        flush();
        break;
      case "messages": receive(frame.messages || [], true); break;
      case "ack":
        clearTimeout(ackTimers[frame.client_message_id]); delete ackTimers[frame.client_message_id];
        acked[frame.client_message_id] = true;
        var node = pendingNodes[frame.client_message_id];
        if (node) node.querySelector(".cw-state").textContent = t("sent");
        break;
      case "typing": typing.hidden = !frame.on; if (frame.on) log.scrollTop = log.scrollHeight; break;
      case "rate_limited":
        clearTimeout(ackTimers[frame.client_message_id]); delete ackTimers[frame.client_message_id];
        var wait = Math.max(1, Number(frame.retry_after) || 5);
        holdUntil = Date.now() + wait * 1000;
        notice(t("slow", { s: wait }), "cw-notice-slow");
        setTimeout(flush, wait * 1000 + 50);
        break;
      case "error":
        if (frame.client_message_id) { discard(frame.client_message_id); notice(t("failed", { detail: frame.detail || frame.code })); }
        break;
      case "resync":
        if (ws) ws.send(JSON.stringify({ type: "resume", after: seenSeq }));
        break;
    }
  }
  function discard(id) {
    saved.outbox = saved.outbox.filter(function (e) { return e.client_message_id !== id; });
    save(); dropPending(id);
  }
  function notice(text, cls) {
    var node = attr(el("div", "cw-notice " + (cls || ""), text), { role: "status" });
    log.appendChild(node);
    log.scrollTop = log.scrollHeight;
  }

  function flush() {
    if (!saved.id || Date.now() < holdUntil) return;
    if (httpMode) { httpFlush(); return; }
    if (!wsReady || !ws) { connect(); return; }
    saved.outbox.forEach(function (entry) {
      if (ackTimers[entry.client_message_id] || acked[entry.client_message_id]) return;
      var frame = { type: "send", client_message_id: entry.client_message_id };
      if (entry.text != null) frame.text = entry.text; else frame.payload = entry.payload;
      ws.send(JSON.stringify(frame));
      ackTimers[entry.client_message_id] = setTimeout(function () {
        // no acknowledgement: the same message goes again, with the same id, on a fresh socket
        delete ackTimers[entry.client_message_id];
        if (ws) ws.close(4000, "no ack");
      }, ACK_TIMEOUT);
    });
  }

  var httpBusy = false;
  function httpFlush() {
    if (httpBusy || !saved.outbox.length) return;
    httpBusy = true;
    var entry = saved.outbox[0];
    var body = { client_message_id: entry.client_message_id };
    if (entry.text != null) body.text = entry.text; else body.payload = entry.payload;
    typing.hidden = false;
    api("/conversations/" + encodeURIComponent(saved.id) + "/messages", { method: "POST", body: body })
      .then(function () { httpBusy = false; typing.hidden = true; return poll(); }, function (e) {
        httpBusy = false; typing.hidden = true;
        if (e.status === 401 || e.status === 404) { forget(); return; }
        if (e.status && e.status < 500) { discard(entry.client_message_id); notice(t("failed", { detail: e.message })); return; }
        setTimeout(flush, 3000);  // network or server trouble: the same message again later
      })
      .then(function () { if (saved.outbox.length) flush(); });
  }
  function poll() {
    if (!saved.id) return Promise.resolve();
    return api("/conversations/" + encodeURIComponent(saved.id) + "/messages?after=" + seenSeq)
      .then(function (r) { receive(r.messages || [], true); }, function () { /* next round */ });
  }
  function startPolling() {
    if (pollTimer) return;
    poll();
    pollTimer = setInterval(function () { if (!document.hidden) poll(); }, 2500);
  }

  // --- voice, where the browser has it ---
  var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  var listening = false, recognizer = null, speaking = !!saved.speak;
  if (Recognition) {
    mic.hidden = false;
    mic.addEventListener("click", function () {
      if (listening && recognizer) { recognizer.stop(); return; }
      recognizer = new Recognition();
      recognizer.lang = SPEECH_LOCALES[lang] || lang;
      recognizer.interimResults = false;
      recognizer.maxAlternatives = 1;
      recognizer.onresult = function (event) {
        var result = event.results && event.results[0] && event.results[0][0];
        if (result && result.transcript) sendText(result.transcript);
      };
      recognizer.onend = function () { listening = false; mic.setAttribute("aria-pressed", "false"); applyLanguage(); };
      recognizer.onerror = recognizer.onend;
      listening = true; mic.setAttribute("aria-pressed", "true"); applyLanguage();
      recognizer.start();
    });
  }
  if (window.speechSynthesis && window.SpeechSynthesisUtterance) {
    speakToggle.hidden = false;
    speakToggle.setAttribute("aria-pressed", String(speaking));
    speakToggle.addEventListener("click", function () {
      speaking = !speaking; saved.speak = speaking; save();
      speakToggle.setAttribute("aria-pressed", String(speaking));
      if (!speaking) window.speechSynthesis.cancel();
    });
  }
  function say(text) {
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = SPEECH_LOCALES[lang] || lang;
    window.speechSynthesis.speak(utterance);
  }

  // --- opening, closing, typing ---
  function open() {
    panel.hidden = false; root.classList.add("cw-open");
    launcher.setAttribute("aria-expanded", "true");
    saved.open = true; save();
    input.focus();
    ensureConversation().then(connect, scheduleReconnect);
  }
  function close() {
    panel.hidden = true; root.classList.remove("cw-open");
    launcher.setAttribute("aria-expanded", "false");
    saved.open = false; save();
    launcher.focus();
  }
  launcher.addEventListener("click", function () { if (panel.hidden) open(); else close(); });
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    sendText(input.value);
    input.value = "";
  });

  var listeners = {};
  function emit(name, value) { (listeners[name] || []).forEach(function (fn) { try { fn(value); } catch (e) { /* a listener's own trouble */ } }); }

  window.Comptoir = {
    open: open, close: close, send: sendText, sendPayload: sendPayload,
    conversation: function () { return saved.id ? { id: saved.id, token: saved.token, server: server } : null; },
    on: function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); },
    language: function () { return lang; }
  };

  function mount() {
    document.head.appendChild(css);
    document.body.appendChild(root);
    greetingNode = el("div", "cw-msg cw-bot cw-greeting");
    var bubble = el("div", "cw-bubble"); bubble.appendChild(el("div", "cw-text"));
    greetingNode.appendChild(bubble);
    log.appendChild(greetingNode);
    applyLanguage();
    saved.outbox.forEach(showPending);
    if (saved.id) connect();
    if (saved.open) open();
    window.Comptoir.readyAt = performance.now();  // page load to interactive bubble (bench/widget.py)
    root.setAttribute("data-ready", "true");
    emit("ready", null);
  }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
