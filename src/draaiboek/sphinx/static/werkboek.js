// @ts-check
/* Draaiboek: the workbook page. Answers are kept on this device (localStorage) while the
 * learner types; nothing leaves the device until the learner hands in. Handing in writes
 * the answers into the assignment's nbgrader notebook (the learner version, embedded in the
 * page at build time) exactly where a learner would type them in Jupyter, and downloads
 * that one file. No server, no network: works from file:// too. */
(function () {
  "use strict";
  var PREFIX = "draaiboek:werkboek:";
  var NAME_KEY = "draaiboek:cursist";
  var SAVE_DELAY = 400;

  /** This device's storage, or null without it (draaiboek.js runs first, on every page).
   * @returns {Storage | null} */
  function storage() {
    return /** @type {any} */ (window).Draaiboek.storage();
  }

  /** FNV-1a, 32 bit, as draaiboek.workbook.answer_key_hash. @param {string} text */
  function fnv(text) {
    var bytes = unescape(encodeURIComponent(text));
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return ("0000000" + h.toString(16)).slice(-8);
  }

  /** @param {string} text */
  function words(text) {
    var found = text.match(/[\p{L}\p{N}_]+/gu);
    return found ? found.length : 0;
  }

  /** @param {string} name */
  function fileName(name) {
    var base = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return base;
  }

  /** @param {string} tag @param {string} [cls] @param {string} [text] */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function start() {
    var script = document.querySelector("script.db-werkboek-data");
    if (!script) return;
    /** @type {any} */
    var data = JSON.parse(script.textContent || "{}");
    var store = storage();
    var key = PREFIX + data.id;
    /** @type {any} */
    var state = { versie: 1, antwoorden: {}, zelfscore: {}, gewijzigd: null, ingeleverd: null };
    try {
      var old = store && store.getItem(key);
      if (old) {
        var parsed = JSON.parse(old);
        if (parsed && typeof parsed === "object") {
          state.antwoorden = parsed.antwoorden || {};
          state.zelfscore = parsed.zelfscore || {};
          state.gewijzigd = parsed.gewijzigd || null;
          state.ingeleverd = parsed.ingeleverd || null;
        }
      }
    } catch (e) { /* a damaged entry: start empty, the next save repairs it */ }

    Array.prototype.forEach.call(document.querySelectorAll(".db-wb-zonderjs"), function (/** @type {HTMLElement} */ p) {
      p.hidden = true;
    });
    var status = /** @type {HTMLElement | null} */ (document.querySelector(".db-wb-status"));
    if (status) {
      status.hidden = false;
      if (!store) status.textContent = "Deze browser kan niets bewaren (privévenster?). " +
        "Lever in voor je de pagina sluit, anders ben je je antwoorden kwijt.";
    }

    var timer = 0;
    var dirty = false;
    function saveNow() {
      if (timer) { clearTimeout(timer); timer = 0; }
      if (!dirty || !store) return;
      dirty = false;
      try {
        store.setItem(key, JSON.stringify(state));
      } catch (e) {
        if (status) status.textContent = "Bewaren lukt niet: het geheugen van de browser is vol.";
      }
    }
    function changed() {
      state.gewijzigd = new Date().toISOString();
      dirty = true;
      if (timer) clearTimeout(timer);
      timer = window.setTimeout(saveNow, SAVE_DELAY);
    }
    window.addEventListener("pagehide", saveNow);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") saveNow();
    });

    // --- knowledge checks: tap one answer -----------------------------------------------
    Array.prototype.forEach.call(document.querySelectorAll(".db-wb-kennis"), function (/** @type {HTMLElement} */ box) {
      var qid = box.getAttribute("data-vraag") || "";
      var spec = data.vragen[qid] || {};
      var feedback = /** @type {HTMLElement} */ (box.querySelector(".db-wb-feedback"));
      var explanation = /** @type {HTMLElement | null} */ (box.querySelector(".db-wb-uitleg"));
      var radios = Array.prototype.slice.call(box.querySelectorAll("input[type=radio]"));
      /** @param {string} letter @param {boolean} announce */
      function show(letter, announce) {
        radios.forEach(function (/** @type {HTMLInputElement} */ r) {
          r.checked = r.value === letter;
          var label = r.closest("label");
          if (label) label.classList.toggle("db-gekozen", r.checked);
        });
        if (!spec.sleutel) {
          feedback.textContent = announce ? "Bewaard: " + letter + "." : "";
          return;
        }
        var right = fnv(data.id + ":" + qid + ":" + letter) === spec.sleutel;
        feedback.setAttribute("aria-live", announce ? "polite" : "off");
        feedback.className = "db-wb-feedback " + (right ? "db-juist" : "db-fout");
        feedback.innerHTML = "";
        feedback.appendChild(el("p", "", (right ? "Juist." : "Niet juist.") +
          (right ? "" : " Kies gerust een ander antwoord.")));
        if (explanation) feedback.appendChild(explanation.cloneNode(true)).removeAttribute("hidden");
        feedback.setAttribute("aria-live", "polite");
      }
      radios.forEach(function (/** @type {HTMLInputElement} */ r) {
        r.addEventListener("change", function () {
          if (!r.checked) return;
          state.antwoorden[qid] = r.value;
          changed();
          show(r.value, true);
        });
      });
      if (typeof state.antwoorden[qid] === "string") show(state.antwoorden[qid], false);
    });

    // --- written answers: one field per step --------------------------------------------
    /** @param {string} qid @returns {string[]} */
    function stepTexts(qid) {
      var value = state.antwoorden[qid];
      return Array.isArray(value) ? value : [];
    }
    var F = window.DraaiboekFormatief, P = window.DraaiboekPrivacy;
    if (F && data.regels && data.regels.formatief) F.setRules(data.regels.formatief);
    /** @param {string} qid */
    function specOf(qid) { return data.notebook.metadata.draaiboek.vragen[qid] || {}; }
    /** The answer cell's text as the notebook holds it (the rules' compose, as in Python).
     * @param {string} qid */
    function cellText(qid) {
      return F.compose(stepTexts(qid), specOf(qid));
    }
    /** @param {string} qid */
    function answerWords(qid) {
      return stepTexts(qid).reduce(function (n, t) { return n + words(t || ""); }, 0);
    }

    Array.prototype.forEach.call(document.querySelectorAll(".db-wb-geschreven"), function (/** @type {HTMLElement} */ box) {
      var qid = box.getAttribute("data-vraag") || "";
      var spec = data.vragen[qid] || {};
      var fields = Array.prototype.slice.call(box.querySelectorAll("textarea.db-wb-tekst"));
      var counter = /** @type {HTMLElement} */ (box.querySelector(".db-wb-teller"));
      var check = /** @type {HTMLButtonElement} */ (box.querySelector(".db-wb-controleer"));
      var result = /** @type {HTMLElement} */ (box.querySelector(".db-wb-resultaat"));
      function count() {
        var n = answerWords(qid);
        counter.textContent = (n === 1 ? "1 woord" : n + " woorden") + ", minstens " + spec.min_woorden + ".";
      }
      var texts = stepTexts(qid);
      fields.forEach(function (/** @type {HTMLTextAreaElement} */ field) {
        var index = +(field.getAttribute("data-stap") || 0);
        field.value = texts[index] || "";
        field.addEventListener("input", function () {
          var list = stepTexts(qid).slice();
          while (list.length < fields.length) list.push("");
          list[index] = field.value;
          state.antwoorden[qid] = list;
          count();
          changed();
        });
      });
      count();
      if (check && F) {
        check.hidden = false;
        check.addEventListener("click", function () { showCheck(qid, result); });
      }
      selfScore(box, qid, spec);
    });

    /** The formative checks, with the same rules as the notebook's self-check, and the
     * privacy screen. @param {string} qid @param {HTMLElement} result */
    function showCheck(qid, result) {
      var spec = specOf(qid);
      var text = cellText(qid);
      var outcome = F.checkWritten(text, spec);
      result.innerHTML = "";
      var list = el("ul", "db-wb-bevindingen");
      (outcome.steps || []).forEach(function (/** @type {any} */ s) {
        list.appendChild(el("li", s.covered ? "db-ok" : "db-nog", (s.covered ? "✓ " : "Nog doen: ") + s.step +
          (s.covered || !s.hint ? "" : " " + s.hint)));
      });
      // The steps are listed one by one above; the rules' summary of them is left out.
      var messages = (outcome.messages || []).slice(outcome.steps && outcome.steps.length ? 1 : 0);
      messages.forEach(function (/** @type {string} */ m) { list.appendChild(el("li", "", m)); });
      var findings = P && data.regels.privacy ? P.screen(text, data.regels.privacy, { knownNames: spec.namen || [] }) : [];
      findings.forEach(function (/** @type {any} */ f) {
        list.appendChild(el("li", "db-nog", "Let op je privacy: '" + f.text + "' lijkt " + f.label + ". " + f.advice));
      });
      if (P && data.regels.privacy && !findings.length) {
        list.appendChild(el("li", "db-ok", "✓ Geen namen of gegevens gevonden waaraan iemand een gezin kan herkennen."));
      }
      var ready = outcome.ready && !findings.length;
      result.className = "db-wb-resultaat " + (ready ? "db-juist" : "db-fout");
      result.appendChild(el("p", "", ready ? "Klaar om in te leveren." : "Nog niet helemaal klaar:"));
      result.appendChild(list);
    }

    /** Score yourself against the rubric; the example answer follows.
     * @param {HTMLElement} box @param {string} qid @param {any} spec */
    function selfScore(box, qid, spec) {
      var criteria = Array.prototype.slice.call(box.querySelectorAll(".db-wb-criterium"));
      var total = /** @type {HTMLElement} */ (box.querySelector(".db-wb-score"));
      var example = /** @type {HTMLElement | null} */ (box.querySelector(".db-wb-voorbeeld"));
      var maximum = (spec.punten || []).reduce(function (/** @type {number} */ a, /** @type {number} */ b) { return a + b; }, 0);
      /** @param {boolean} announce */
      function update(announce) {
        var scores = state.zelfscore[qid] || [];
        var done = criteria.every(function (_c, i) { return typeof scores[i] === "number"; });
        if (!done) { total.textContent = ""; return; }
        var sum = scores.reduce(function (/** @type {number} */ a, /** @type {number} */ b) { return a + b; }, 0);
        total.setAttribute("aria-live", announce ? "polite" : "off");
        total.textContent = "Jij geeft jezelf " + sum + " van de " + maximum + " punten." +
          (example ? " Lees nu het voorbeeldantwoord hieronder." : "");
        total.setAttribute("aria-live", "polite");
        if (example) example.hidden = false;
      }
      criteria.forEach(function (/** @type {HTMLElement} */ c, index) {
        var radios = Array.prototype.slice.call(c.querySelectorAll("input[type=radio]"));
        var scores = state.zelfscore[qid] || [];
        radios.forEach(function (/** @type {HTMLInputElement} */ r) {
          if (typeof scores[index] === "number" && +r.value === scores[index]) r.checked = true;
          r.addEventListener("change", function () {
            if (!r.checked) return;
            var list = (state.zelfscore[qid] || []).slice();
            list[index] = +r.value;
            state.zelfscore[qid] = list;
            changed();
            update(true);
          });
        });
      });
      update(false);
    }

    // --- hand in: the assignment's notebook with the answers ----------------------------
    var handIn = /** @type {HTMLElement | null} */ (document.querySelector(".db-wb-inleveren"));
    if (handIn) setUpHandIn(handIn);

    /** @param {HTMLElement} box */
    function setUpHandIn(box) {
      box.hidden = false;
      var nameField = /** @type {HTMLInputElement} */ (box.querySelector(".db-wb-naam"));
      var make = /** @type {HTMLButtonElement} */ (box.querySelector(".db-wb-lever"));
      var share = /** @type {HTMLButtonElement} */ (box.querySelector(".db-wb-deel"));
      var copy = /** @type {HTMLButtonElement} */ (box.querySelector(".db-wb-kopieer"));
      var message = /** @type {HTMLElement} */ (box.querySelector(".db-wb-inlevering"));
      var copyMessage = /** @type {HTMLElement} */ (box.querySelector(".db-wb-kopiebericht"));
      nameField.value = (store && store.getItem(NAME_KEY)) || "";
      nameField.addEventListener("input", function () {
        if (store) store.setItem(NAME_KEY, nameField.value.trim());
      });
      if (state.ingeleverd) {
        message.textContent = "Je leverde dit werkboek in op " + new Date(state.ingeleverd).toLocaleString("nl") + ".";
      }

      /** @returns {{name: string, file: string, text: string} | null} */
      function build() {
        var name = nameField.value.trim();
        if (!name || !fileName(name)) {
          message.textContent = "Vul eerst je naam of je cursistnummer in.";
          nameField.focus();
          return null;
        }
        if (store) store.setItem(NAME_KEY, name);
        var notebook = JSON.parse(JSON.stringify(data.notebook));
        Object.keys(data.cellen).forEach(function (qid) {
          var slot = data.cellen[qid];
          var cell = notebook.cells[slot.cel];
          if (data.vragen[qid].soort === "kennis") {
            var letter = state.antwoorden[qid];
            if (typeof letter === "string" && letter) cell.source = slot.delen[0] + letter + slot.delen[1];
          } else {
            cell.source = cellText(qid);
          }
        });
        var moment = new Date().toISOString();
        notebook.metadata.draaiboek.cursist = name;
        notebook.metadata.draaiboek.ingeleverd = moment;
        notebook.metadata.draaiboek.bron = "werkboek";
        return { name: name, file: fileName(name) + "-" + data.id + ".ipynb",
                 text: JSON.stringify(notebook, null, 1) + "\n" };
      }
      function missing() {
        return Object.keys(data.vragen).filter(function (qid) {
          var v = state.antwoorden[qid];
          return data.vragen[qid].soort === "kennis" ? !v : answerWords(qid) === 0;
        });
      }
      /** @param {string} file */
      function done(file) {
        saveNow();
        state.ingeleverd = new Date().toISOString();
        dirty = true;
        saveNow();
        var open = missing();
        message.textContent = "Je bestand " + file + " is gemaakt. Je vindt het bij je downloads. " +
          "Stuur het naar je trainer, of zet het op het leerplatform." +
          (open.length ? " Let op: nog niet ingevuld: " + open.length + " vraag of vragen (" + open.join(", ") + ")." : "");
      }
      make.addEventListener("click", function () {
        var made = build();
        if (!made) return;
        var blob = new Blob([made.text], { type: "application/x-ipynb+json" });
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = made.file;
        link.hidden = true;
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
        done(made.file);
      });
      var nav = /** @type {any} */ (navigator);
      if (nav.share && nav.canShare && typeof File === "function") {
        var probe = new File(["{}"], "test.ipynb", { type: "application/json" });
        if (nav.canShare({ files: [probe] })) {
          share.hidden = false;
          share.addEventListener("click", function () {
            var made = build();
            if (!made) return;
            var file = new File([made.text], made.file, { type: "application/json" });
            nav.share({ files: [file], title: data.titel }).then(function () { done(made.file); },
              function () { message.textContent = "Delen is niet gelukt. Maak je inleverbestand met de knop ernaast."; });
          });
        }
      }
      copy.addEventListener("click", function () {
        var made = build();
        if (!made) return;
        var text = made.text;
        function copied() {
          copyMessage.textContent = "Gekopieerd. Plak het in een mail aan je trainer. Bestandsnaam: " + made.file;
        }
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(copied, fallback);
        } else {
          fallback();
        }
        function fallback() {
          var area = document.createElement("textarea");
          area.value = text;
          area.setAttribute("readonly", "");
          area.className = "db-wb-kopietekst";
          area.setAttribute("aria-label", "Je antwoorden als tekst");
          copy.insertAdjacentElement("afterend", area);
          area.select();
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
          if (ok) copied();
          else copyMessage.textContent = "Kopiëren lukt niet vanzelf. Selecteer de tekst in het vak en kopieer hem.";
        }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
