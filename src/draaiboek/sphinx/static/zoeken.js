// @ts-check
/* Draaiboek: the search page. Sphinx's search finds the pages; this script adds a snippet
 * of each page's text and gives the messages in plain Dutch. The text of a page found comes
 * from its own small script, _static/zoektekst/<page>.js: a <script> also loads from
 * file://, where a fetch of the page fails. Loaded on search.html only. */
/* global Documentation */
(function () {
  "use strict";
  /** @type {Record<string, string>} */
  var texts = {};
  /** @type {Record<string, HTMLLIElement[]>} */
  var waiting = {};
  /** @type {string[]} */
  var terms = [];
  var SIZE = 220;

  /** Called by each _static/zoektekst/<page>.js. @param {string} docname @param {string} text */
  /** @type {any} */ (window).draaiboekZoektekst = function (docname, text) {
    texts[docname] = text;
    (waiting[docname] || []).forEach(function (item) { addSnippet(item); });
    delete waiting[docname];
  };

  // doctools.js declares `const Documentation`: a global binding, not a property of window.
  var doc = typeof Documentation === "undefined" ? null : /** @type {any} */ (Documentation);
  if (doc && doc.addTranslations) {
    doc.addTranslations({
      messages: {
        "Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.":
          "Niets gevonden. Kijk of alle woorden goed geschreven zijn, of zoek met één woord of een ander woord.",
        "Search finished, found ${resultCount} page(s) matching the search query.":
          "Gevonden op ${resultCount} pagina('s).",
        "Searching": "Even zoeken",
        "Preparing search...": "Het zoeken wordt klaargezet…",
      },
      plural_expr: "n != 1",
      locale: "nl",
    });
  }

  /** The words typed, lower case. */
  function words() {
    var query = new URLSearchParams(window.location.search).get("q") || "";
    return query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 1; });
  }

  /** @param {string} text @param {string[]} terms */
  function snippet(text, terms) {
    var lower = text.toLowerCase();
    var first = -1;
    terms.forEach(function (t) {
      var at = lower.indexOf(t);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var start = first > 60 ? text.lastIndexOf(" ", first - 60) + 1 : 0;
    var end = Math.min(text.length, start + SIZE);
    if (end < text.length) end = Math.max(text.lastIndexOf(" ", end), start + 1);
    var paragraph = document.createElement("p");
    paragraph.className = "context";
    var piece = (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
    var pattern = terms.length
      ? new RegExp("(" + terms.map(function (t) {
        return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      }).join("|") + ")", "gi")
      : null;
    (pattern ? piece.split(pattern) : [piece]).forEach(function (part, i) {
      if (i % 2 === 1) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        paragraph.appendChild(mark);
      } else if (part) {
        paragraph.appendChild(document.createTextNode(part));
      }
    });
    return paragraph;
  }

  /** @param {HTMLLIElement} item */
  function addSnippet(item) {
    var link = item.querySelector("a");
    if (!link || item.querySelector("p.context")) return;
    var docname = (link.getAttribute("href") || "").split("#")[0].replace(/\.html$/, "");
    if (texts[docname] !== undefined) {
      item.appendChild(snippet(texts[docname], terms));
    } else if (waiting[docname]) {
      waiting[docname].push(item);
    } else if (/^[\w\/-]+$/.test(docname)) {
      waiting[docname] = [item];
      var script = document.createElement("script");
      script.src = (document.documentElement.dataset.content_root || "") +
        "_static/zoektekst/" + docname + ".js";
      document.head.appendChild(script);
    }
  }

  function start() {
    var results = document.getElementById("search-results");
    if (!results) return;
    terms = words();
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node instanceof HTMLLIElement) addSnippet(node);
          else if (node instanceof HTMLElement) {
            node.querySelectorAll("li").forEach(function (li) { addSnippet(li); });
          }
        });
      });
    }).observe(results, { childList: true, subtree: true });
    results.querySelectorAll("li").forEach(function (li) { addSnippet(li); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
