// Autocomplete for the search box of /tra-cuu/ (names from /api/v1/search/suggest).
(function () {
  var input = document.getElementById("search-q"), list = document.getElementById("search-suggestions"), timer;
  if (!input || !window.fetch) return;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (input.value.trim().length < 2) return;
      fetch("/api/v1/search/suggest?q=" + encodeURIComponent(input.value)).then(function (r) { return r.json(); })
        .then(function (data) {
          list.innerHTML = "";
          data.results.forEach(function (s) { var o = document.createElement("option"); o.value = s.name; list.appendChild(o); });
        }).catch(function () {});
    }, 200);
  });
})();
