/* The demo storefront's glue with the chat widget: product buttons go through the conversation, and the
   cart page and the header's count show the cart the conversation fills. Text goes in with textContent. */
(function () {
  "use strict";
  var chat = window.Comptoir;
  if (!chat) return;
  var language = document.body.getAttribute("data-language") || "en";

  function money(amount, currency) {
    try { return new Intl.NumberFormat(language, { style: "currency", currency: currency }).format(Number(amount)); }
    catch (e) { return amount + " " + currency; }
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = String(text);
    return node;
  }
  function get(path, token) {
    var c = chat.conversation();
    // the conversation's token opens the conversation only; a guest cart is opened by its id
    return fetch(c.server + "/api/v1" + path, { headers: token ? { authorization: "Bearer " + token } : {} })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); });
  }
  function loadCart() {
    var c = chat.conversation();
    if (!c) return Promise.resolve(null);
    return get("/conversations/" + encodeURIComponent(c.id), c.token).then(function (view) {
      var id = view.state && view.state.cart_id;
      return id ? get("/carts/" + encodeURIComponent(id) + "?language=" + language) : null;
    });
  }

  var root = document.getElementById("cart-root");
  function drawCart(cart) {
    document.querySelectorAll("[data-cart-count]").forEach(function (n) { n.textContent = String(cart ? cart.item_count : 0); });
    if (!root) return;
    root.textContent = "";
    if (!cart || !cart.lines.length) { root.appendChild(el("p", "empty", root.getAttribute("data-empty"))); return; }
    var table = el("table", "cart-table");
    var body = el("tbody");
    cart.lines.forEach(function (line) {
      var row = el("tr");
      var name = el("td");
      var link = el("a", null, line.title); link.href = "/" + language + "/p/" + encodeURIComponent(line.product_id);
      name.appendChild(link);
      var labels = Object.keys(line.labels || {}).map(function (k) { return k + ": " + line.labels[k]; }).join(", ");
      if (labels) name.appendChild(el("div", "line-labels", labels));
      row.appendChild(name);
      row.appendChild(el("td", "qty", root.getAttribute("data-quantity") + " " + line.quantity));
      row.appendChild(el("td", "num", money(line.line_total, cart.currency)));
      body.appendChild(row);
    });
    table.appendChild(body);
    root.appendChild(table);
    var sums = el("dl", "sums");
    [["data-subtotal", cart.subtotal], ["data-shipping", cart.shipping ? cart.shipping.cost : null], ["data-total", cart.total]]
      .forEach(function (pair) {
        if (pair[1] == null) return;
        sums.appendChild(el("dt", null, root.getAttribute(pair[0])));
        sums.appendChild(el("dd", null, money(pair[1], cart.currency)));
      });
    root.appendChild(sums);
    var checkout = el("button", "btn primary", root.getAttribute("data-checkout"));
    checkout.type = "button";
    checkout.setAttribute("data-checkout", "");
    checkout.addEventListener("click", function () { chat.open(); chat.sendPayload("intent:checkout", checkout.textContent); });
    root.appendChild(checkout);
  }
  function refresh() { loadCart().then(drawCart, function () { drawCart(null); }); }
  refresh();
  var timer = null;
  chat.on("message", function (m) {
    if (m.author === "shopper") return;
    clearTimeout(timer); timer = setTimeout(refresh, 150);
  });

  document.querySelectorAll("[data-open-chat]").forEach(function (b) { b.addEventListener("click", chat.open); });
  document.querySelectorAll("[data-ask]").forEach(function (b) {
    b.addEventListener("click", function () { chat.open(); chat.send(b.getAttribute("data-ask")); });
  });
  document.querySelectorAll("form[data-buy]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var picked = form.querySelector("input[name=variant]:checked") || form.querySelector("input[name=variant][type=hidden]");
      if (!picked || !picked.value) return;
      var label = picked.parentNode && picked.parentNode.querySelector ? picked.parentNode.querySelector("span") : null;
      var title = form.getAttribute("data-title") + (label ? " — " + label.textContent : "");
      chat.open();
      chat.sendPayload("add:" + picked.value, title);
      var note = form.querySelector("[data-added]");
      if (note) note.hidden = false;
    });
  });
})();
