// @ts-check
/* Draaiboek: "Mijn voortgang". Reads what the book keeps on this device (pages read,
 * self-check answers, cases played, workbooks) and shows it per chapter. Nothing leaves
 * the device. The learner can save it all to a file, put it back on another phone, or
 * erase it. Every key the book writes starts with "draaiboek:". */
(function () {
  "use strict";
  var ROOT = "draaiboek:";
  var FORMAT = "draaiboek-voortgang";
  var MAX_FILE = 5 * 1024 * 1024;
  var ENDINGS = { sterk: "een sterk einde", gemengd: "een gemengd einde", moeilijk: "een moeilijk einde" };

  /** This device's storage, or null without it (draaiboek.js runs first, on every page).
   * @returns {Storage | null} */
  function storage() {
    return /** @type {any} */ (window).Draaiboek.storage();
  }

  /** @param {Storage} store @returns {Object<string, string>} */
  function allKeys(store) {
    /** @type {Object<string, string>} */
    var out = {};
    for (var i = 0; i < store.length; i++) {
      var k = store.key(i);
      if (k && k.indexOf(ROOT) === 0 && k !== ROOT + "test") out[k] = store.getItem(k) || "";
    }
    return out;
  }

  /** @param {Storage} store @param {string} key */
  function json(store, key) {
    try { return JSON.parse(store.getItem(key) || "null"); } catch (e) { return null; }
  }

  /** @param {string} tag @param {string} [cls] @param {string} [text] */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** @param {string} html */
  function plain(html) {
    var d = document.createElement("div");
    d.innerHTML = html;
    return (d.textContent || "").trim();
  }

  /** @param {string} iso */
  function day(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? "" : d.toLocaleDateString("nl");
  }

  /** @param {string} text @param {string} href */
  function link(text, href) {
    var a = /** @type {HTMLAnchorElement} */ (el("a", "", text));
    a.href = href;
    return a;
  }

  /** @param {any} data @param {Storage | null} store @param {HTMLElement} box */
  function draw(data, store, box) {
    box.innerHTML = "";
    if (!store) {
      box.appendChild(el("p", "", "Deze browser bewaart niets (privévenster of geen opslag). Er is dus geen voortgang te tonen."));
      return;
    }
    var totals = { read: 0, chapters: data.hoofdstukken.length, right: 0, checks: 0 };
    data.hoofdstukken.forEach(function (/** @type {any} */ ch) {
      var part = el("section", "db-vg-hoofdstuk");
      part.setAttribute("data-hoofdstuk", String(ch.nummer));
      var head = el("h3");
      head.appendChild(link("Hoofdstuk " + ch.nummer + ": " + (ch.titel || ""), ch.href));
      part.appendChild(head);
      var list = el("ul");
      // Read
      var visited = ch.paginas.filter(function (/** @type {string} */ p) { return store.getItem(ROOT + "gelezen:" + p); });
      if (visited.length) totals.read += 1;
      var readText = !visited.length ? "Nog niet gelezen." :
        ch.paginas.length === 1 ? "Gelezen (eerst op " + day(store.getItem(ROOT + "gelezen:" + visited[0]) || "") + ")." :
        visited.length + " van de " + ch.paginas.length + " pagina's gelezen.";
      list.appendChild(el("li", "db-vg-gelezen", readText));
      // Self-checks
      if (ch.zelftoetsen.length) {
        var answered = 0, right = 0;
        ch.zelftoetsen.forEach(function (/** @type {[string, number]} */ q) {
          var v = store.getItem(ROOT + "zelftoets:" + q[0]);
          if (v === null) return;
          answered += 1;
          if (+v === q[1]) right += 1;
        });
        totals.right += right;
        totals.checks += ch.zelftoetsen.length;
        list.appendChild(el("li", "db-vg-zelftoetsen", "Zelftoetsen: " + right + " van de " +
          ch.zelftoetsen.length + " juist" + (answered > right ? " (" + (answered - right) + " nog eens proberen)" : "") + "."));
      }
      // Cases
      ch.casussen.forEach(function (/** @type {any} */ c) {
        var saved = json(store, ROOT + "casus:" + c.id);
        var item = el("li", "db-vg-casus");
        item.appendChild(link(c.titel, c.href));
        var what = !saved || !saved.gekozen || !saved.gekozen.length ? ": nog niet gespeeld." :
          saved.einde ? ": uitgespeeld, met " + (ENDINGS[saved.einde.soort] || "een einde") +
            (saved.einde.titel ? " (" + plain(saved.einde.titel) + ")" : "") + "." :
          ": bezig, " + saved.gekozen.length + " keuze(s) gemaakt.";
        item.appendChild(document.createTextNode(what));
        list.appendChild(item);
      });
      // Workbook
      if (ch.werkboek) {
        var wb = json(store, ROOT + "werkboek:" + ch.werkboek.id);
        var item = el("li", "db-vg-werkboek");
        item.appendChild(link("Werkboek", ch.werkboek.href));
        var filled = wb && wb.antwoorden ? Object.keys(wb.antwoorden).filter(function (k) {
          var v = wb.antwoorden[k];
          return Array.isArray(v) ? v.join("").trim() : v;
        }).length : 0;
        item.appendChild(document.createTextNode(
          wb && wb.ingeleverd ? ": ingeleverd op " + day(wb.ingeleverd) + "." :
          filled ? ": " + (filled === 1 ? "1 vraag" : filled + " vragen") + " ingevuld, nog niet ingeleverd." :
          ": nog niet begonnen."));
        list.appendChild(item);
      }
      part.appendChild(list);
      box.appendChild(part);
    });
    var sum = el("p", "db-vg-totaal", totals.read + " van de " + totals.chapters + " hoofdstukken gelezen. Zelftoetsen: " +
      totals.right + " van de " + totals.checks + " juist.");
    box.insertBefore(sum, box.firstChild);
  }

  /** @param {any} parsed @returns {string | null} what is wrong, in Dutch */
  function invalid(parsed) {
    if (!parsed || typeof parsed !== "object" || parsed.formaat !== FORMAT) {
      return "Dit is geen voortgangsbestand van het draaiboek.";
    }
    if (parsed.versie !== 1) return "Dit voortgangsbestand komt uit een nieuwere versie van het draaiboek.";
    var keys = parsed.gegevens;
    if (!keys || typeof keys !== "object" || Array.isArray(keys)) return "Het bestand is beschadigd: de gegevens ontbreken.";
    for (var k in keys) {
      if (k.indexOf(ROOT) !== 0 || typeof keys[k] !== "string") {
        return "Het bestand is beschadigd of met de hand veranderd (" + k.slice(0, 40) + ").";
      }
    }
    return null;
  }

  function start() {
    var script = document.querySelector("script.db-voortgang-data");
    var root = /** @type {HTMLElement | null} */ (document.querySelector(".db-voortgang"));
    if (!script || !root) return;
    var data = JSON.parse(script.textContent || "{}");
    var store = storage();
    var overview = /** @type {HTMLElement} */ (root.querySelector(".db-vg-overzicht"));
    var message = /** @type {HTMLElement} */ (root.querySelector(".db-vg-bericht"));
    var save = /** @type {HTMLButtonElement} */ (root.querySelector(".db-vg-bewaar"));
    var upload = /** @type {HTMLInputElement} */ (root.querySelector(".db-vg-bestand"));
    var erase = /** @type {HTMLButtonElement} */ (root.querySelector(".db-vg-wis"));
    Array.prototype.forEach.call(root.querySelectorAll(".db-wb-zonderjs"), function (/** @type {HTMLElement} */ p) { p.hidden = true; });
    overview.setAttribute("aria-live", "off");
    draw(data, store, overview);

    save.addEventListener("click", function () {
      if (!store) { message.textContent = "Er is niets bewaard op dit toestel."; return; }
      var payload = { formaat: FORMAT, versie: 1, gemaakt: new Date().toISOString(), gegevens: allKeys(store) };
      var blob = new Blob([JSON.stringify(payload, null, 1)], { type: "application/json" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "draaiboek-voortgang-" + new Date().toISOString().slice(0, 10) + ".json";
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      message.textContent = "Je voortgang staat in het bestand " + a.download + ", bij je downloads. " +
        "Zet het op je nieuwe toestel en kies het hier bij 'Zet een bewaard bestand terug'.";
    });

    upload.addEventListener("change", function () {
      var file = upload.files && upload.files[0];
      if (!file) return;
      if (!store) { message.textContent = "Deze browser kan niets bewaren (privévenster?). Open het boek in een gewoon venster."; return; }
      if (file.size > MAX_FILE) { message.textContent = file.name + " is te groot voor een voortgangsbestand. Kies het bestand dat 'Bewaar als bestand' maakte."; return; }
      var reader = new FileReader();
      reader.onload = function () {
        var parsed = null;
        try { parsed = JSON.parse(String(reader.result)); } catch (e) { parsed = null; }
        var problem = invalid(parsed);
        if (problem) {
          message.textContent = file.name + ": " + problem + " Er is niets veranderd. Kies het bestand dat 'Bewaar als bestand' maakte.";
          upload.value = "";
          return;
        }
        var keys = parsed.gegevens, n = 0;
        try {
          for (var k in keys) { store.setItem(k, keys[k]); n += 1; }
        } catch (e) {
          message.textContent = "Het geheugen van de browser is vol; niet alles is teruggezet.";
          return;
        }
        upload.value = "";
        draw(data, store, overview);
        message.textContent = "Je voortgang uit " + file.name + " staat weer op dit toestel (" + n + " gegevens).";
      };
      reader.onerror = function () { message.textContent = file.name + " kon niet gelezen worden. Probeer het opnieuw."; };
      reader.readAsText(file);
    });

    erase.addEventListener("click", function () {
      if (!store) { message.textContent = "Er is niets bewaard op dit toestel."; return; }
      if (!window.confirm("Alles wissen wat het draaiboek op dit toestel bewaarde? Ook je antwoorden in de werkboeken. Dit kun je niet ongedaan maken.")) {
        message.textContent = "Er is niets gewist.";
        return;
      }
      Object.keys(allKeys(store)).forEach(function (k) { store.removeItem(k); });
      draw(data, store, overview);
      message.textContent = "Alles is gewist op dit toestel.";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
