/* Draaiboek: the formative checks of the workbook in the page, a port of
 * draaiboek/exercises/answers.py (parseAnswer) and formative.py (checkWritten,
 * compose). The rules are data (draaiboek/exercises/rules.json, handed to the page by the
 * Sphinx extension); one golden corpus runs through both implementations in the tests.
 *
 *   DraaiboekFormatief.setRules(rules)            // once, or pass rules to each call
 *   DraaiboekFormatief.parseAnswer("c.", "ABCD")  // {letter: "C", kind: "ingevuld", message}
 *   DraaiboekFormatief.checkWritten(text, {model: "vijf-vragen", min_woorden: 150})
 *     // {words, minWords, steps: [{step, covered, hint}], ready, messages}
 *   DraaiboekFormatief.compose(["…", "…"], spec)  // the answer as the notebook holds it
 */
(function (root) {
  "use strict";
  var current = null;
  var TOKEN = /\p{L}+|\p{Nd}+|\?/gu;
  var WORD = /[\p{L}\p{N}]+/gu;

  function rulesOf(rules) {
    var found = rules || current;
    if (!found && typeof document !== "undefined") {
      var node = document.getElementById("draaiboek-formatief-regels");
      if (node) { found = current = JSON.parse(node.textContent); }
    }
    if (!found) { throw new Error("DraaiboekFormatief: geen regels"); }
    return found;
  }

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function joinChoices(letters, rules) {
    var list = Array.from(letters);
    if (list.length < 2) { return list.join(""); }
    return list.slice(0, -1).join(", ") + " " + rules.antwoord.of + " " + list[list.length - 1];
  }

  function parseAnswer(raw, letters, rules) {
    rules = rulesOf(rules);
    var own = rules.antwoord;
    letters = (Array.isArray(letters) ? letters.join("") : String(letters || "")).toUpperCase();
    var fillers = own.vulwoorden.map(function (w) { return w.toLowerCase(); });
    var tokens = (typeof raw === "string" ? raw.match(TOKEN) || [] : []).filter(function (t) {
      return t !== "?" && fillers.indexOf(t.toLowerCase()) < 0;
    });
    var kind, letter = null;
    var single = function (t) { return /^\p{L}$/u.test(t); };
    if (!tokens.length) {
      kind = "leeg";
    } else if (tokens.every(single)) {
      var chosen = Array.from(new Set(tokens.map(function (t) { return t.toUpperCase(); })));
      if (chosen.length > 1) { kind = "twee_letters"; }
      else if (letters.indexOf(chosen[0]) >= 0) { kind = "ingevuld"; letter = chosen[0]; }
      else { kind = "geen_keuze"; }
    } else if (tokens.length === 1 && /^\p{L}+$/u.test(tokens[0]) &&
               Array.from(tokens[0].toUpperCase()).every(function (c) { return letters.indexOf(c) >= 0; })) {
      kind = "twee_letters";
    } else {
      kind = "geen_letter";
    }
    return {letter: letter, kind: kind,
            message: format(own.berichten[kind], {letter: letter || "", keuzes: joinChoices(letters, rules)})};
  }

  function countWords(text) { return (text.match(WORD) || []).length; }

  function plainWords(text) {
    return " " + (text.toLowerCase().match(WORD) || []).join(" ") + " ";
  }

  function escape(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function heading(kop) {
    var core = kop.replace(/:+$/, "").trim();
    return new RegExp("^[ \\t>#*_-]*" + escape(core) + "[ \\t]*:?[ \\t*_]*:?", "imu");
  }

  function withoutTemplates(text, rules) {
    text = text.split("\n").filter(function (line) {
      return !rules.markeerregels.some(function (mark) { return line.indexOf(mark) === 0; });
    }).join("\n");
    rules.sjabloonregels.forEach(function (line) { text = text.split(line).join(" "); });
    return text;
  }

  function checkWritten(text, spec, rules) {
    rules = rulesOf(rules);
    spec = spec || {};
    text = withoutTemplates(text || "", rules);
    var model = rules.modellen[spec.model || ""] || null;
    var found = [];
    if (model) {
      model.stappen.forEach(function (step, index) {
        var match = heading(step.kop).exec(text);
        if (match) { found.push([match.index, match.index + match[0].length, index]); }
      });
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2]; });
    var under = {};
    found.forEach(function (item, n) {
      var stop = n + 1 < found.length ? found[n + 1][0] : text.length;
      under[item[2]] = countWords(text.slice(item[1], stop));
    });
    var body = text;
    found.slice().reverse().forEach(function (item) {
      body = body.slice(0, item[0]) + " " + body.slice(item[1]);
    });
    var words = countWords(body);
    var plain = plainWords(body);
    var steps = (model ? model.stappen : []).map(function (step, index) {
      var covered = Object.prototype.hasOwnProperty.call(under, index)
        ? under[index] >= rules.min_woorden_per_stap
        : step.trefwoorden.some(function (k) { return plain.indexOf(plainWords(k).replace(/ +$/, "")) >= 0; });
      return {step: step.kop.replace(/:+$/, ""), covered: covered, hint: step.hint};
    });
    var minimum = parseInt(spec.min_woorden || 0, 10);
    var texts = rules.berichten;
    var messages = [];
    var missing = steps.filter(function (s) { return !s.covered; }).map(function (s) { return s.step; });
    if (model && missing.length) { messages.push(format(texts.stappen_ontbreken, {stappen: missing.join(", ")})); }
    else if (model) { messages.push(format(texts.stappen_klaar, {model: model.naam})); }
    if (words === 0) { messages.push(texts.leeg); }
    else if (words < minimum) { messages.push(format(texts.te_kort, {woorden: words, minimum: minimum})); }
    else { messages.push(format(texts.lang_genoeg, {woorden: words})); }
    return {words: words, minWords: minimum, steps: steps,
            ready: words >= minimum && words > 0 && !missing.length, messages: messages};
  }

  function compose(parts, spec, rules) {
    rules = rulesOf(rules);
    parts = parts || [];
    var model = rules.modellen[(spec || {}).model || ""] || null;
    if (!model) { return rules.casus_sjabloon + " " + String(parts[0] || "").trim() + "\n"; }
    return model.stappen.map(function (step, i) {
      return "**" + step.kop + "** " + String(parts[i] || "").trim();
    }).join("\n\n") + "\n";
  }

  var api = {
    setRules: function (rules) { current = rules; },
    parseAnswer: parseAnswer,
    checkWritten: checkWritten,
    compose: compose,
    countWords: countWords
  };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (root) { root.DraaiboekFormatief = api; }
})(typeof window !== "undefined" ? window : null);
