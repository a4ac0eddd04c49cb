// @ts-check
/* Draaiboek: interactive self-checks in the static book. No kernel, no server, no
 * network. The HTML already works without this script (each answer has its explanation
 * in a <details>); the script turns the answers into buttons, announces the feedback in
 * an aria-live region and keeps the chosen answer in this browser (localStorage). */
(function () {
  "use strict";
  var PREFIX = "draaiboek:zelftoets:";
  var SEED_KEY = "draaiboek:volgorde";
  /** @type {number | null} */ var pageSeed = null;

  /** A random number kept in this browser, so a question shows its answers in the same
   * order on every visit on this device (and in another order on another device). Without
   * storage, one number per page load.
   * @param {Storage | null} store @returns {number} */
  function deviceSeed(store) {
    var saved = store ? store.getItem(SEED_KEY) : null;
    if (saved !== null && /^[0-9]+$/.test(saved)) return +saved;
    if (pageSeed === null) pageSeed = Math.floor(Math.random() * 4294967296);
    if (store) store.setItem(SEED_KEY, String(pageSeed));
    return pageSeed;
  }

  /** The display order of n answers for one question: a Fisher-Yates shuffle driven by a
   * small PRNG (mulberry32) seeded with FNV-1a of the device seed and the question id.
   * @param {number} n @param {string} key @param {number} seed @returns {number[]} */
  function shuffleOrder(n, key, seed) {
    var h = 2166136261 ^ seed;
    var text = String(key);
    for (var c = 0; c < text.length; c++) {
      h ^= text.charCodeAt(c);
      h = Math.imul(h, 16777619);
    }
    var state = h >>> 0;
    function next() {
      state = (state + 0x6d2b79f5) >>> 0;
      var t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    var order = [];
    for (var i = 0; i < n; i++) order.push(i);
    for (var j = n - 1; j > 0; j--) {
      var k = Math.floor(next() * (j + 1));
      var swap = order[j]; order[j] = order[k]; order[k] = swap;
    }
    return order;
  }
  // Shared with other pages' scripts (the workbook shows knowledge questions the same way).
  /** @type {any} */ (window).Draaiboek = Object.assign(/** @type {any} */ (window).Draaiboek || {}, {
    shuffleOrder: shuffleOrder,
    deviceSeed: function () { return deviceSeed(storage()); },
    storage: storage,
  });

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
    // Show the answers in this device's order; `items` keeps the author's order, so a
    // saved answer (its index there) survives any change of order.
    var list = items[0].parentNode;
    var order = shuffleOrder(items.length, id, deviceSeed(store));
    order.forEach(function (i) { list.appendChild(items[i]); });

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
      letter.textContent = String.fromCharCode(65 + order.indexOf(index));
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

  /** Scroll an element to the top of the screen, below whatever header the theme keeps
   * fixed there (measured, so it works with any theme).
   * @param {HTMLElement} target */
  function reveal(target) {
    target.scrollIntoView({ block: "start", behavior: "instant" });
    var box = target.getBoundingClientRect();
    var hit = document.elementFromPoint(box.left + box.width / 2, Math.max(box.top, 0) + 2);
    for (var cover = hit; cover && !cover.contains(target) && !target.contains(cover); cover = cover.parentElement) {
      var position = getComputedStyle(cover).position;
      if (position === "fixed" || position === "sticky") {
        window.scrollBy(0, box.top - cover.getBoundingClientRect().bottom - 8);
        return;
      }
    }
  }

  /** The card catalogue: filters by phase, theme, chapter, duration and text. The text of
   * each card (data-tekst) is made at build time from what the card shows in this edition.
   * After a change the count and the first cards are brought into view (a phone shows
   * little above the fold).
   * @param {HTMLElement} box */
  function catalogue(box) {
    var form = /** @type {HTMLFormElement} */ (box.querySelector(".db-filters"));
    var cards = Array.prototype.slice.call(box.querySelectorAll(".db-kaart"));
    var count = /** @type {HTMLElement} */ (box.querySelector(".db-aantal"));
    var none = /** @type {HTMLElement} */ (box.querySelector(".db-geen"));
    var reset = /** @type {HTMLButtonElement} */ (box.querySelector(".db-wis"));
    var more = /** @type {HTMLDetailsElement} */ (box.querySelector(".db-meer-filters"));
    if (!form) return;
    form.hidden = false;
    var fields = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));
    var summary = more && more.querySelector("summary");
    var label = summary ? summary.textContent : "";
    if (more && window.matchMedia && window.matchMedia("(min-width: 60em)").matches) more.open = true;

    /** Keep the count and the first card on screen: scroll the filters to the top if not.
     * @param {HTMLElement | undefined} first */
    function keepInView(first) {
      var height = window.visualViewport ? window.visualViewport.height : window.innerHeight;
      var target = first || none;
      var bottom = Math.min(target.getBoundingClientRect().top + 48, target.getBoundingClientRect().bottom);
      if (count.getBoundingClientRect().top < 0 || bottom > height) reveal(form);
    }

    /** @param {boolean} scroll */
    function apply(scroll) {
      var shown = 0, chosen = 0;
      /** @type {HTMLElement | undefined} */ var first;
      fields.forEach(function (/** @type {HTMLInputElement} */ field) {
        if (field.value && field.tagName === "SELECT") chosen += 1;
      });
      cards.forEach(function (/** @type {HTMLElement} */ card) {
        var visible = fields.every(function (/** @type {HTMLInputElement} */ field) {
          var wanted = field.value.trim().toLowerCase();
          if (!wanted) return true;
          var have = card.getAttribute("data-" + field.getAttribute("data-filter")) || "";
          if (field.getAttribute("data-filter") === "tekst") {
            // The words of the query, as cards.search_text cuts them (Python: \w[\w'’-]*).
            var words = wanted.match(/[\p{L}\p{N}_][\p{L}\p{N}_'’-]*/gu) || [];
            return words.every(function (w) { return have.indexOf(w) >= 0; });
          }
          return have.split(" ").indexOf(wanted) >= 0;
        });
        card.hidden = !visible;
        if (visible) { shown += 1; if (!first) first = card; }
      });
      var filtered = shown < cards.length;
      count.textContent = filtered ? shown + " van de " + cards.length + " kaarten"
        : cards.length === 1 ? "1 kaart" : cards.length + " kaarten";
      none.hidden = shown > 0;
      if (reset) reset.hidden = !fields.some(function (/** @type {HTMLInputElement} */ f) { return !!f.value; });
      if (summary) summary.textContent = chosen ? label + " (" + chosen + " gekozen)" : label;
      if (scroll) keepInView(first);
    }
    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      apply(true);
      var active = /** @type {HTMLElement | null} */ (document.activeElement);
      if (active && active.blur && active.tagName === "INPUT") active.blur(); // close the phone keyboard
    });
    if (reset) {
      reset.addEventListener("click", function () {
        form.reset();
        apply(false);
        var input = /** @type {HTMLElement | null} */ (form.querySelector("input"));
        if (input) input.focus();
      });
    }
    apply(false);
  }

  /** Furo opens its drawers (menu, contents of this page) with CSS alone: a hidden checkbox
   * and labels. Labels cannot get keyboard focus, so they become buttons: Tab reaches them,
   * Enter or Space opens, Escape closes; focus goes into an opened drawer and back to its
   * button. A closed drawer that is off-screen is inert, so Tab never lands in it. */
  function drawers() {
    /** @type {HTMLButtonElement[]} */
    var buttons = [];
    /** @type {Record<string, HTMLButtonElement>} */
    var openedBy = {};
    Array.prototype.forEach.call(document.querySelectorAll("label.db-lade-knop"),
      function (/** @type {HTMLLabelElement} */ label) {
        var drawer = document.getElementById(label.dataset.dbLade || "");
        var box = /** @type {HTMLInputElement} */ (document.getElementById(label.htmlFor));
        if (!drawer || !box) return;
        var button = document.createElement("button");
        button.type = "button";
        button.className = label.className;
        button.innerHTML = label.innerHTML;
        if (!label.querySelector(".db-knop-tekst")) {
          button.setAttribute("aria-label", label.dataset.dbNaam || "");
        }
        button.setAttribute("aria-controls", drawer.id);
        button.setAttribute("aria-expanded", "false");
        button.dataset.dbBox = box.id;
        label.replaceWith(button);
        buttons.push(button);
        button.addEventListener("click", function () {
          set(box, !box.checked, button);
        });
      });
    if (!buttons.length) return;

    /** @param {HTMLButtonElement} button */
    function visible(button) {
      return button.getClientRects().length > 0;
    }

    function sync() {
      buttons.forEach(function (button) {
        var box = /** @type {HTMLInputElement} */ (document.getElementById(button.dataset.dbBox || ""));
        button.setAttribute("aria-expanded", box.checked ? "true" : "false");
      });
      ["db-menu", "db-inhoud"].forEach(function (id) {
        var drawer = document.getElementById(id);
        if (!drawer) return;
        var mine = buttons.filter(function (b) { return b.getAttribute("aria-controls") === id; });
        var collapsible = mine.some(visible);
        var open = mine.some(function (b) { return b.getAttribute("aria-expanded") === "true"; });
        drawer.inert = collapsible && !open;
      });
    }

    /** @param {HTMLInputElement} box @param {boolean} open @param {HTMLButtonElement} button */
    function set(box, open, button) {
      box.checked = open;
      sync();
      var drawer = document.getElementById(button.getAttribute("aria-controls") || "");
      if (open && drawer) {
        openedBy[box.id] = button;
        drawer.tabIndex = -1;
        drawer.focus({ preventScroll: true });
      } else if (!open) {
        var back = openedBy[box.id] || button;
        (visible(back) ? back : button).focus();
      }
    }

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      buttons.forEach(function (button) {
        var box = /** @type {HTMLInputElement} */ (document.getElementById(button.dataset.dbBox || ""));
        if (box.checked && visible(button)) {
          set(box, false, button);
          event.preventDefault();
        }
      });
    });
    // The overlay (a label) and Furo's own script also close drawers.
    document.addEventListener("change", sync);
    document.addEventListener("click", function () { window.setTimeout(sync, 0); });
    window.addEventListener("resize", sync);
    sync();
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
    drawers();
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
