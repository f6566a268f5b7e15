// The import review page: show an element's source lines, and review by keyboard.
// j / k (or arrows) move between elements, a accepts, r rejects, e edits, Enter shows the lines.
(function () {
  "use strict";
  var source = document.getElementById("import-source");
  var form = document.getElementById("import-form");
  if (!source || !form) { return; }
  var elements = Array.prototype.slice.call(document.querySelectorAll(".import-el"));

  function clearHighlight() {
    source.querySelectorAll(".is-source").forEach(function (li) { li.classList.remove("is-source"); });
  }
  function highlight(span) {
    clearHighlight();
    if (!span) { return; }
    var parts = span.split("-");
    var first = parseInt(parts[0], 10), last = parseInt(parts[1] || parts[0], 10);
    if (isNaN(first)) { return; }
    for (var n = first; n <= last; n++) {
      var li = document.getElementById("L" + n);
      if (li) { li.classList.add("is-source"); }
    }
    var top = document.getElementById("L" + first);
    if (top) { source.scrollTop = top.offsetTop - source.offsetTop - 40; }
  }
  function current(el) {
    elements.forEach(function (other) { other.classList.remove("is-current"); });
    el.classList.add("is-current");
    highlight(el.getAttribute("data-lines"));
  }
  function syncRejected(el) {
    var box = el.querySelector(".import-accept");
    if (box) { el.classList.toggle("is-rejected", !box.checked); }
  }

  elements.forEach(function (el) {
    syncRejected(el);
    el.addEventListener("focusin", function () { current(el); });
    el.addEventListener("change", function () { syncRejected(el); });
  });
  document.querySelectorAll(".import-src").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var el = link.closest(".import-el");
      if (el) { current(el); } else { highlight(link.getAttribute("data-lines")); }
    });
  });

  form.addEventListener("keydown", function (event) {
    var el = event.target.closest ? event.target.closest(".import-el") : null;
    if (!el || event.target !== el || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var index = elements.indexOf(el);
    var box = el.querySelector(".import-accept");
    var key = event.key;
    if (key === "j" || key === "ArrowDown") {
      if (elements[index + 1]) { elements[index + 1].focus(); }
    } else if (key === "k" || key === "ArrowUp") {
      if (elements[index - 1]) { elements[index - 1].focus(); }
    } else if (key === "a" && box) {
      box.checked = true; syncRejected(el);
    } else if (key === "r" && box) {
      box.checked = false; syncRejected(el);
    } else if (key === "e") {
      var input = el.querySelector("input[type=text], textarea, select");
      if (input) { input.focus(); }
    } else if (key === "Enter") {
      current(el);
    } else {
      return;
    }
    event.preventDefault();
  });
})();
