// @ts-check
/* Draaiboek: interactive self-checks in the static book. No kernel, no server, no
 * network. The HTML already works without this script (each answer has its explanation
 * in a <details>); the script turns the answers into buttons, announces the feedback in
 * an aria-live region and keeps the chosen answer in this browser (localStorage). */
(function () {
  "use strict";
  var PREFIX = "draaiboek:zelftoets:";

  /** @returns {Storage | null} */
  function storage() {
    try {
      var s = window.localStorage;
      s.setItem(PREFIX + "test", "1");
      s.removeItem(PREFIX + "test");
      return s;
    } catch (e) {
      return null; // private mode or file:// without storage: still works, without memory
    }
  }

  /** @param {HTMLElement} box @param {Storage | null} store */
  function enhance(box, store) {
    var id = box.dataset.id || "";
    var items = Array.prototype.slice.call(box.querySelectorAll(".db-keuze"));
    var feedback = /** @type {HTMLElement} */ (box.querySelector(".db-feedback"));
    if (!items.length || !feedback) return;
    box.classList.add("db-actief");

    /** @param {number} index @param {boolean} announce */
    function choose(index, announce) {
      items.forEach(function (item, i) {
        var button = item.querySelector("button");
        var chosen = i === index;
        if (button) button.setAttribute("aria-pressed", chosen ? "true" : "false");
        item.classList.toggle("db-gekozen", chosen);
      });
      var item = items[index];
      var right = item.dataset.juist === "true";
      item.classList.add(right ? "db-juist" : "db-fout");
      var explanation = item.querySelector(".db-uitleg-tekst");
      feedback.setAttribute("aria-live", announce ? "polite" : "off");
      feedback.className = "db-feedback " + (right ? "db-juist" : "db-fout");
      feedback.innerHTML = "";
      if (explanation) feedback.appendChild(explanation.cloneNode(true));
      if (!right) {
        var hint = document.createElement("p");
        hint.textContent = "Kies gerust een ander antwoord.";
        feedback.appendChild(hint);
      }
      feedback.setAttribute("aria-live", "polite");
      if (announce && store) store.setItem(PREFIX + id, String(index));
    }

    items.forEach(function (item, index) {
      var text = item.querySelector(".db-keuze-tekst");
      var details = item.querySelector(".db-uitleg");
      if (!text) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "db-keuze-knop";
      button.setAttribute("aria-pressed", "false");
      var letter = document.createElement("span");
      letter.className = "db-letter";
      letter.setAttribute("aria-hidden", "true");
      letter.textContent = String.fromCharCode(65 + index);
      button.appendChild(letter);
      button.appendChild(text);
      item.insertBefore(button, item.firstChild);
      if (details) /** @type {HTMLElement} */ (details).hidden = true;
      button.addEventListener("click", function () {
        choose(index, true);
      });
    });

    var saved = store ? store.getItem(PREFIX + id) : null;
    if (saved !== null && +saved >= 0 && +saved < items.length) choose(+saved, false);
  }

  /** The card catalogue: filters by phase, theme, chapter, duration and text.
   * @param {HTMLElement} box */
  function catalogue(box) {
    var form = /** @type {HTMLFormElement} */ (box.querySelector(".db-filters"));
    var cards = Array.prototype.slice.call(box.querySelectorAll(".db-kaart"));
    var count = /** @type {HTMLElement} */ (box.querySelector(".db-aantal"));
    var none = /** @type {HTMLElement} */ (box.querySelector(".db-geen"));
    if (!form) return;
    form.hidden = false;
    var fields = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));

    function apply() {
      var shown = 0;
      cards.forEach(function (/** @type {HTMLElement} */ card) {
        var visible = fields.every(function (/** @type {HTMLInputElement} */ field) {
          var wanted = field.value.trim().toLowerCase();
          if (!wanted) return true;
          var have = card.getAttribute("data-" + field.getAttribute("data-filter")) || "";
          if (field.getAttribute("data-filter") === "tekst") {
            return wanted.split(/\s+/).every(function (w) { return have.indexOf(w) >= 0; });
          }
          return have.split(" ").indexOf(wanted) >= 0;
        });
        card.hidden = !visible;
        if (visible) shown += 1;
      });
      count.textContent = shown === 1 ? "1 kaart" : shown + " kaarten";
      none.hidden = shown > 0;
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  /** Record that this page was read (for "Mijn voortgang"); it stays on this device.
   * @param {Storage | null} store */
  function recordVisit(store) {
    var meta = document.querySelector('meta[name="draaiboek:pagina"]');
    var page = meta && meta.getAttribute("content");
    if (!store || !page) return;
    try {
      if (!store.getItem("draaiboek:gelezen:" + page)) {
        store.setItem("draaiboek:gelezen:" + page, new Date().toISOString());
      }
    } catch (e) { /* storage full: reading still works */ }
  }

  /** The workbook list: "ingeleverd" or "bezig" beside each workbook, from this device.
   * @param {Storage | null} store */
  function workbookStatus(store) {
    if (!store) return;
    Array.prototype.forEach.call(document.querySelectorAll(".db-wb-lijststatus[data-werkboek]"),
      function (/** @type {HTMLElement} */ span) {
        var saved = null;
        try { saved = JSON.parse(store.getItem("draaiboek:werkboek:" + span.getAttribute("data-werkboek")) || "null"); }
        catch (e) { saved = null; }
        if (saved && saved.ingeleverd) span.textContent = "(ingeleverd)";
        else if (saved && saved.gewijzigd) span.textContent = "(bezig)";
      });
  }

  function start() {
    var store = storage();
    recordVisit(store);
    workbookStatus(store);
    var boxes = document.querySelectorAll(".db-zelftoets");
    Array.prototype.forEach.call(boxes, function (/** @type {HTMLElement} */ box) {
      enhance(box, store);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".db-catalogus"), catalogue);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
