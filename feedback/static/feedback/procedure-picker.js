// Progressive enhancement of the "related procedure" field: suggestions while typing a name.
// Without JavaScript the field takes a code and the server-side picker page does the search.
(function () {
  "use strict";
  var input = document.getElementById("id_ma_thu_tuc");
  if (!input || !window.fetch) { return; }
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  var list = document.createElement("ul");
  list.id = "procedure-suggestions";
  list.className = "suggestions";
  list.hidden = true;
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("autocomplete", "off");
  input.insertAdjacentElement("afterend", list);
  list.insertAdjacentElement("afterend", status);
  var timer = null;
  var controller = null;

  function clear() { list.innerHTML = ""; list.hidden = true; }

  function render(results) {
    clear();
    results.forEach(function (item) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = item.name + " (" + item.code + ")";
      button.addEventListener("click", function () { input.value = item.code; clear(); input.focus(); });
      li.appendChild(button);
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
    status.textContent = results.length ? results.length + " gợi ý" : "";
  }

  input.addEventListener("input", function () {
    var q = input.value.trim();
    window.clearTimeout(timer);
    if (q.length < 2 || /^\d+\.\d/.test(q)) { clear(); return; }
    timer = window.setTimeout(function () {
      if (controller) { controller.abort(); }
      controller = new AbortController();
      fetch("/api/v1/search/suggest?q=" + encodeURIComponent(q), { signal: controller.signal })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (body) {
          var seen = {};
          render((body.results || []).filter(function (r) {
            if (!r.code || seen[r.code]) { return false; }
            seen[r.code] = true;
            return true;
          }));
        })
        .catch(function () {});
    }, 200);
  });
  input.addEventListener("keydown", function (event) { if (event.key === "Escape") { clear(); } });
})();
