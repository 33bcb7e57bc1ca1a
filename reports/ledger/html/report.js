// Sorting and filtering for the report's tables. The tables are complete
// without it. The fragment drives it too, for links and for tests:
// #sort=findings, #sort=place:asc, #q=text, #class=要配慮個人情報 (joined with &;
// table=ID picks a table other than the holdings).
(function () {
  "use strict";
  var collator = new Intl.Collator("ja", { numeric: true, sensitivity: "base" });
  var order = new WeakMap();

  function value(row, index, numeric) {
    var c = row.cells[index];
    var v = c ? c.getAttribute("data-v") : null;
    if (v === null) v = c ? c.textContent.trim() : "";
    if (!numeric) return v;
    var n = parseFloat(v);
    return isNaN(n) ? -Infinity : n;
  }

  // sortTable sorts by the column whose header has data-key=key. Without
  // dir, it sorts as a click does: the other way round if sorted by it,
  // else numbers largest first and text in order.
  function sortTable(table, key, dir) {
    var head = table.tHead.rows[0].cells, th = null, index = -1;
    for (var i = 0; i < head.length; i++) {
      if (head[i].getAttribute("data-key") === key) { th = head[i]; index = i; }
    }
    if (!th) return;
    var numeric = th.getAttribute("data-type") === "num";
    if (dir !== "ascending" && dir !== "descending") {
      var cur = th.getAttribute("aria-sort");
      dir = cur === "descending" ? "ascending" : cur === "ascending" ? "descending" : numeric ? "descending" : "ascending";
    }
    for (var j = 0; j < head.length; j++) head[j].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", dir);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var sign = dir === "ascending" ? 1 : -1;
    rows.sort(function (a, b) {
      var x = value(a, index, numeric), y = value(b, index, numeric);
      var c = numeric ? (x < y ? -1 : x > y ? 1 : 0) : collator.compare(x, y);
      return sign * c || order.get(a) - order.get(b);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function norm(s) { return (s || "").normalize("NFKC").toLowerCase(); }

  function applyFilter(box) {
    var table = document.getElementById(box.getAttribute("data-table"));
    var terms = norm(box.querySelector("input").value).split(/\s+/).filter(Boolean);
    var select = box.querySelector("select");
    var cls = select ? select.value : "";
    var rows = table.tBodies[0].rows, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], text = norm(r.textContent);
      var ok = (!cls || r.getAttribute("data-class") === cls) &&
        terms.every(function (t) { return text.indexOf(t) >= 0; });
      r.hidden = !ok;
      if (ok) shown++;
    }
    box.querySelector("output").textContent = shown + " / " + rows.length + " 件を表示";
    var empty = table.closest("section").querySelector(".empty");
    if (empty) empty.hidden = shown > 0;
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r, i) { order.set(r, i); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      var key = th.getAttribute("data-key");
      if (!key) return;
      var b = document.createElement("button");
      b.type = "button";
      b.className = "sort";
      b.title = "クリックで並べ替え";
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b);
      b.addEventListener("click", function () { sortTable(table, key); });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll(".filters"), function (box) {
    box.hidden = false;
    box.addEventListener("input", function () { applyFilter(box); });
    box.addEventListener("change", function () { applyFilter(box); });
    applyFilter(box);
  });

  function fromFragment() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    var table = document.getElementById(p.get("table") || "holdings-table");
    if (!table) return;
    var box = document.querySelector('.filters[data-table="' + table.id + '"]');
    if (box && (p.has("q") || p.has("class"))) {
      box.querySelector("input").value = p.get("q") || "";
      var select = box.querySelector("select");
      if (select) select.value = p.get("class") || "";
      applyFilter(box);
    }
    var sort = p.get("sort");
    if (sort) {
      var parts = sort.split(":");
      var dir = { asc: "ascending", desc: "descending" }[parts[1]];
      sortTable(table, parts[0], dir);
    }
  }
  fromFragment();
  window.addEventListener("hashchange", fromFragment);
})();
