// Autocomplete for every procedure search box (input[data-suggest]): names from /api/v1/search/suggest,
// shown as an ARIA 1.2 combobox list. The server matches with or without diacritics, so the list shows
// its answers as given (a <datalist> would hide "Đăng ký khai sinh" when "dang ky" is typed).
// Arrow keys move through the names, Enter opens the chosen procedure, Escape closes the list.
// Without JavaScript the box is a plain search form.
(function () {
  "use strict";
  if (!window.fetch || !document.querySelectorAll) return;

  var DELAY_MS = 180;
  var MIN_CHARS = 2;

  function setUp(input) {
    var listId = (input.id || "suggest") + "-suggestions";
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "Gợi ý tên thủ tục");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    var wrapper = document.createElement("div");
    wrapper.className = "suggest";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    wrapper.appendChild(list);
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("autocomplete", "off");
    input.removeAttribute("list");

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = "";

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      if (active >= 0 && items[active]) items[active].el.setAttribute("aria-selected", "false");
      active = index;
      if (active >= 0 && items[active]) {
        items[active].el.setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", items[active].el.id);
        if (items[active].el.scrollIntoView) items[active].el.scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var item = items[index];
      if (!item) return;
      input.value = item.name;
      close();
      if (item.url) window.location.assign(item.url);
    }

    function render(results) {
      list.innerHTML = "";
      items = [];
      active = -1;
      results.forEach(function (result, index) {
        var li = document.createElement("li");
        li.id = listId + "-" + index;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.className = "suggestion";
        var name = document.createElement("span");
        name.className = "suggestion-name";
        name.textContent = result.name;
        li.appendChild(name);
        if (result.code) {
          var code = document.createElement("span");
          code.className = "suggestion-code";
          code.textContent = result.code;
          li.appendChild(code);
        }
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });
        li.addEventListener("click", function () { choose(index); });
        list.appendChild(li);
        items.push({ el: li, name: result.name, url: result.url });
      });
      var open = items.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      status.textContent = open ? items.length + " gợi ý; dùng phím mũi tên để chọn." : "";
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query.length < MIN_CHARS) { close(); lastQuery = ""; return; }
      if (query === lastQuery && items.length) return;
      lastQuery = query;
      if (controller && controller.abort) controller.abort();
      controller = window.AbortController ? new AbortController() : null;
      fetch("/api/v1/search/suggest?q=" + encodeURIComponent(query), controller ? { signal: controller.signal } : {})
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (input.value.trim() !== query) return;
          render(data.results || []);
        })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        if (list.hidden) { fetchSuggestions(); return; }
        event.preventDefault();
        highlight(active + 1 < items.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp") {
        if (list.hidden) return;
        event.preventDefault();
        highlight(active > 0 ? active - 1 : items.length - 1);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) { event.preventDefault(); choose(active); }
      } else if (event.key === "Escape") {
        if (!list.hidden) { event.preventDefault(); close(); }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function start() {
    var inputs = document.querySelectorAll("input[data-suggest]");
    for (var i = 0; i < inputs.length; i++) setUp(inputs[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
