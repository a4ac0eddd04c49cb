// @ts-check
/* Draaiboek case player for the static book: no kernel, no server, no network.
 * The rules are those of draaiboek/cases/engine.py; the golden traces in tests run both.
 * The case data is JSON in the page (compiled per region by the Sphinx extension). */
(function (root) {
  "use strict";

  // ---- engine (kept in step with engine.py by the golden traces) -----------------
  /** @param {any} c @param {any} s */
  function holds(c, s) {
    if (c.gekozen !== undefined) {
      var made = s.chosen.indexOf(c.gekozen) >= 0;
      return c.niet ? !made : made;
    }
    var v = s.values[c.indicator];
    switch (c.op) {
      case "<": return v < c.waarde;
      case "<=": return v <= c.waarde;
      case ">": return v > c.waarde;
      case ">=": return v >= c.waarde;
      case "==": return v === c.waarde;
      default: return v !== c.waarde;
    }
  }
  /** @param {any[]} conds @param {any} s */
  function all(conds, s) {
    return conds.every(function (c) { return holds(c, s); });
  }
  /** @param {any} data @param {any} s @param {string[]} [passed] */
  function follow(data, s, passed) {
    var seen = {};
    while (data.scenes[s.scene].verder) {
      if (passed) passed.push(s.scene);
      if (seen[s.scene]) throw new Error("routes in a circle at " + s.scene);
      seen[s.scene] = true;
      var route = data.scenes[s.scene].verder.filter(function (r) { return all(r.als, s); })[0];
      if (!route) throw new Error("no route from " + s.scene);
      s = { scene: route.naar, values: s.values, chosen: s.chosen };
    }
    return s;
  }
  /** @param {any} data */
  function start(data) {
    var values = {};
    Object.keys(data.indicatoren).forEach(function (k) { values[k] = data.indicatoren[k].start; });
    return follow(data, { scene: data.start, values: values, chosen: [] });
  }
  /** @param {any} data @param {any} s */
  function options(data, s) {
    return (data.scenes[s.scene].keuzes || []).filter(function (c) { return all(c.als, s); });
  }
  /** @param {any} data @param {any} s @param {string} id */
  function choose(data, s, id) {
    var choice = options(data, s).filter(function (c) { return c.id === id; })[0];
    if (!choice) throw new Error("choice " + id + " not available in " + s.scene);
    var values = Object.assign({}, s.values), changes = {};
    Object.keys(choice.effecten).forEach(function (k) {
      var b = data.indicatoren[k];
      values[k] = Math.min(b.max, Math.max(b.min, s.values[k] + choice.effecten[k]));
      if (values[k] !== s.values[k]) changes[k] = values[k] - s.values[k];
    });
    var passed = [];
    var next = follow(data, { scene: choice.naar, values: values, chosen: s.chosen.concat([id]) }, passed);
    return { state: next, choice: choice, changes: changes, passed: passed };
  }
  var engine = { start: start, options: options, choose: choose, follow: follow, holds: holds };
  if (typeof module !== "undefined" && module.exports) { module.exports = engine; return; }

  // ---- player ------------------------------------------------------------------------
  var PREFIX = "draaiboek:casus:";
  /** @param {string} tag @param {string} [cls] @param {string} [html] */
  function el(tag, cls, html) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (html !== undefined) e.innerHTML = html;
    return e;
  }
  function store() {
    try { localStorage.setItem(PREFIX + "t", "1"); localStorage.removeItem(PREFIX + "t"); return localStorage; }
    catch (e) { return null; }
  }
  /** @param {number} n */
  function signed(n) { return (n > 0 ? "+" : "") + n; }
  /** Scroll an element to the top of the screen, below whatever header the theme keeps
   * fixed there (measured, so it works with any theme).
   * @param {HTMLElement} target */
  function reveal(target) {
    // "instant": a theme's smooth scrolling (Furo) would still be moving when we measure
    target.scrollIntoView({ block: "start", behavior: "instant" });
    clear(target);
    // once more on the next frame: a theme may show or move its header after a scroll
    if (window.requestAnimationFrame) window.requestAnimationFrame(function () { clear(target); });
  }
  /** Scroll up by whatever fixed or sticky element covers the top of the target.
   * @param {HTMLElement} target */
  function clear(target) {
    var box = target.getBoundingClientRect();
    var hit = document.elementFromPoint(box.left + box.width / 2, Math.max(box.top, 0) + 2);
    for (var cover = hit; cover && !cover.contains(target) && !target.contains(cover); cover = cover.parentElement) {
      var position = getComputedStyle(cover).position;
      if (position === "fixed" || position === "sticky") {
        window.scrollBy({ top: box.top - cover.getBoundingClientRect().bottom - 8, behavior: "instant" });
        return;
      }
    }
  }

  /** @param {HTMLElement} box */
  function player(box) {
    var script = box.querySelector("script.db-casus-data");
    if (!script) return;
    var data = JSON.parse(script.textContent || "{}");
    var saved = store();
    var key = PREFIX + data.id;
    /** @type {any[]} */ var steps = [];
    var state = start(data);
    var book = box.querySelector(".db-casus-boek");
    if (book) /** @type {HTMLElement} */ (book).hidden = true;

    // Reading order after a choice: what the choice did (with the change of every
    // indicator), then the next scene. Focus and scroll go to the feedback, so a phone
    // shows it first and the next scene follows below it.
    var ui = el("div", "db-speler");
    var meters = el("div", "db-meters");
    meters.setAttribute("aria-label", "Hoe staat het ervoor?");
    meters.setAttribute("role", "group");
    var live = el("div", "db-casus-feedback");
    live.setAttribute("aria-live", "polite");
    live.setAttribute("tabindex", "-1");
    var scene = el("section", "db-scene");
    var controls = el("div", "db-bediening");
    var back = el("button", "db-knop", "Terug");
    var again = el("button", "db-knop", "Opnieuw beginnen");
    back.setAttribute("type", "button");
    again.setAttribute("type", "button");
    controls.appendChild(back);
    controls.appendChild(again);
    ui.appendChild(meters); ui.appendChild(live); ui.appendChild(scene); ui.appendChild(controls);

    function save() {
      // `einde` (kind and title of the ending reached, or null) is read by "Mijn voortgang".
      var end = data.scenes[state.scene] && data.scenes[state.scene].einde;
      if (saved) saved.setItem(key, JSON.stringify({ versie: 1, gekozen: state.chosen,
        einde: end ? { soort: end.soort, titel: end.titel } : null }));
    }
    /** Is a change of this indicator good news? @param {string} k @param {number} d */
    function better(k, d) {
      return data.indicatoren[k].richting === "lager-is-beter" ? d < 0 : d > 0;
    }
    /** @param {any} [step] the last step, whose changes are marked */
    function drawMeters(step) {
      meters.innerHTML = "";
      Object.keys(data.indicatoren).forEach(function (k) {
        var ind = data.indicatoren[k], v = state.values[k];
        var row = el("div", "db-meter");
        row.appendChild(el("span", "db-meter-naam", ind.naam));
        var bar = el("span", "db-meter-balk");
        bar.setAttribute("role", "img");
        bar.setAttribute("aria-label", ind.naam + ": " + v + " van " + ind.max);
        var fill = el("span", "db-meter-vulling" + (ind.richting === "lager-is-beter" ? " db-lager" : ""));
        fill.style.width = (100 * (v - ind.min) / (ind.max - ind.min)) + "%";
        bar.appendChild(fill);
        row.appendChild(bar);
        var number = el("span", "db-meter-getal");
        number.textContent = String(v);
        var d = step && step.changes[k];
        if (d) {
          var mark = el("span", "db-delta " + (better(k, d) ? "db-beter" : "db-slechter"));
          mark.textContent = signed(d);
          number.appendChild(mark);
        }
        row.appendChild(number);
        meters.appendChild(row);
      });
    }
    /** @param {any} step */
    function changesText(step) {
      return Object.keys(step.changes).map(function (k) {
        return data.indicatoren[k].naam + " " + signed(step.changes[k]);
      }).join(", ");
    }
    /** The change of every indicator a choice moved, as a compact list.
     * @param {any} step */
    function changesList(step) {
      var keys = Object.keys(step.changes);
      if (!keys.length) return el("p", "db-gevolgen-geen", "Geen verandering in de balken.");
      var list = el("ul", "db-gevolgen");
      list.setAttribute("aria-label", "Gevolg");
      keys.forEach(function (k) {
        var ind = data.indicatoren[k], d = step.changes[k];
        var item = el("li", "db-gevolg " + (better(k, d) ? "db-beter" : "db-slechter"));
        item.textContent = ind.naam + " " + signed(d);
        var now = el("span", "db-gevolg-nu");
        now.textContent = " (nu " + step.state.values[k] + ")";
        item.appendChild(now);
        list.appendChild(item);
      });
      return list;
    }
    function transcript() {
      var list = el("ol", "db-transcript");
      steps.forEach(function (step) {
        var item = el("li");
        item.appendChild(el("p", "db-t-scene", "<strong>Bezoek " + step.bezoek + ": " + step.titel + "</strong>"));
        item.appendChild(el("p", "db-t-keuze", "Je koos: " + step.choice.tekst));
        item.appendChild(el("div", "db-t-feedback", step.choice.feedback));
        var changes = changesText(step);
        if (changes) item.appendChild(el("p", "db-t-effect", "Gevolg: " + changes));
        list.appendChild(item);
      });
      return list;
    }
    /** What the last choice did; empty before the first choice.
     * @param {any} [step] */
    function drawFeedback(step) {
      live.innerHTML = "";
      if (!step) return;
      live.appendChild(el("p", "db-feedback-titel", "<strong>Wat je keuze doet</strong>"));
      live.appendChild(changesList(step));
      live.appendChild(el("p", "db-feedback-keuze", "Je koos: " + step.choice.tekst));
      live.appendChild(el("div", "db-feedback-tekst", step.choice.feedback));
      if (step.choice.kaart) {
        live.appendChild(el("p", "", 'Meer hierover: <a href="' + step.choice.kaart.href + '">' + step.choice.kaart.titel + "</a>"));
      }
    }
    /** @param {HTMLElement} target */
    function show(target) {
      target.focus({ preventScroll: true });
      reveal(target);
    }
    /** @param {string} focus where focus goes: "feedback", "title" or "" (nowhere) */
    function draw(focus) {
      var s = data.scenes[state.scene];
      var last = steps[steps.length - 1];
      drawMeters(last);
      back.disabled = steps.length === 0;
      scene.innerHTML = "";
      (last ? last.passed : []).forEach(function (/** @type {string} */ id) {
        scene.appendChild(el("div", "db-intussen", data.scenes[id].tekst));
      });
      scene.appendChild(el("p", "db-bezoek", "Bezoek " + s.bezoek));
      var title = el("h2", "db-scene-titel", s.titel);
      title.setAttribute("tabindex", "-1");
      scene.appendChild(title);
      scene.appendChild(el("div", "db-scene-tekst", s.tekst));
      if (s.einde) {
        scene.appendChild(el("p", "db-einde-soort db-" + s.einde.soort, "Einde: " + s.einde.titel));
        scene.appendChild(el("div", "db-debrief", s.einde.debrief));
        scene.appendChild(el("h3", "", "Jouw weg door de casus"));
        scene.appendChild(transcript());
        var print = el("button", "db-knop", "Afdrukken");
        print.setAttribute("type", "button");
        print.addEventListener("click", function () { window.print(); });
        scene.appendChild(print);
      } else {
        var group = el("div", "db-opties");
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", "Wat doe je?");
        group.appendChild(el("p", "db-vraag-keuze", "Wat doe je?"));
        options(data, state).forEach(function (c) {
          var b = el("button", "db-optie", c.tekst);
          b.setAttribute("type", "button");
          b.addEventListener("click", function () { pick(c.id); });
          group.appendChild(b);
        });
        scene.appendChild(group);
      }
      if (focus === "feedback") show(live);
      else if (focus === "title") show(title);
    }
    /** @param {string} id */
    function pick(id) {
      var s = data.scenes[state.scene];
      var step = choose(data, state, id);
      step.bezoek = s.bezoek;
      step.titel = s.titel;
      step.before = state;
      steps.push(step);
      state = step.state;
      drawFeedback(step);
      save();
      draw("feedback");
    }
    back.addEventListener("click", function () {
      var step = steps.pop();
      if (step) state = step.before;
      drawFeedback();
      save();
      draw("title");
    });
    again.addEventListener("click", function () {
      steps = [];
      state = start(data);
      drawFeedback();
      save();
      draw("title");
    });
    // Continue where the player stopped (the choices are replayed by the engine).
    var old = saved && saved.getItem(key);
    if (old) {
      try {
        JSON.parse(old).gekozen.forEach(function (/** @type {string} */ id) {
          var s = data.scenes[state.scene], step = choose(data, state, id);
          step.bezoek = s.bezoek; step.titel = s.titel; step.before = state;
          steps.push(step); state = step.state;
        });
      } catch (e) { steps = []; state = start(data); }
      save(); // entries saved before `einde` existed get it now
    }
    // Where the player stopped, with what the last choice did; drawn before the player is
    // in the page, so nothing is announced on load.
    drawFeedback(steps[steps.length - 1]);
    draw("");
    box.appendChild(ui);
  }

  function go() {
    Array.prototype.forEach.call(document.querySelectorAll(".db-casus"), player);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", go);
  else go();
})(this);
