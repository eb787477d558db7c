// tieline web: small progressive enhancements.  No data is ever inserted as HTML: only classes
// and attributes change.  Loaded from a file (the Content-Security-Policy forbids inline script).
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // Document page: show or hide each kind of extracted span.
  var toggles = document.querySelectorAll("#toggles input[data-kind]");
  toggles.forEach(function (box) {
    box.addEventListener("change", function () {
      document.body.classList.toggle("hide-" + box.dataset.kind, !box.checked);
    });
  });

  // Document page: hovering a mention lights up every mention of the same actor.
  var article = document.getElementById("article");
  if (article) {
    var lit = [];
    article.addEventListener("mouseover", function (ev) {
      var span = ev.target.closest("[data-actor]");
      lit.forEach(function (el) { el.classList.remove("same-actor"); });
      lit = [];
      if (!span) { return; }
      article.querySelectorAll("[data-actor]").forEach(function (el) {
        if (el.dataset.actor === span.dataset.actor) {
          el.classList.add("same-actor");
          lit.push(el);
        }
      });
    });
  }

  // Timeline filters: drop empty fields from the address so links stay short.
  var filters = document.querySelector("form.filters");
  if (filters) {
    filters.addEventListener("submit", function () {
      filters.querySelectorAll("input").forEach(function (input) {
        if ((input.type === "text" || input.type === "search" || !input.type) && input.value === "") {
          input.disabled = true;
        }
        if (input.name === "min_sources" && input.value === "1") { input.disabled = true; }
      });
    });
  }
  // /docs: each endpoint's form is sent to the API and its JSON answer shown (as text) below it.
  document.querySelectorAll("form.api-try").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var path = form.dataset.path;
      var query = new URLSearchParams();
      form.querySelectorAll("[data-in]").forEach(function (field) {
        var value = field.value.trim();
        if (field.dataset.in === "path") {
          path = path.replace("{" + field.name + "}", encodeURIComponent(value));
        } else if (value !== "") {
          var values = field.dataset.many ? value.split(",") : [value];
          values.forEach(function (v) { if (v.trim() !== "") { query.append(field.name, v.trim()); } });
        }
      });
      var url = path + (query.toString() ? "?" + query.toString() : "");
      var answer = form.nextElementSibling;
      answer.hidden = false;
      answer.textContent = "GET " + url + "\n…";
      fetch(url, { headers: { "Accept": "application/json" } }).then(function (res) {
        return res.text().then(function (body) {
          var shown = body;
          try { shown = JSON.stringify(JSON.parse(body), null, 2); } catch (e) { /* not JSON: as it came */ }
          answer.textContent = "GET " + url + "\n" + res.status + " " + res.statusText + "\n\n" + shown;
        });
      }).catch(function (err) {
        answer.textContent = "GET " + url + "\nfailed: " + err;
      });
    });
  });
});
