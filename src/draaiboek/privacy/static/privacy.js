/* The privacy screen for the page: the same algorithm as draaiboek/privacy/screening.py, step
 * by step, reading the same rules (draaiboek.privacy.rules_dict(), embedded in the page).
 * A golden corpus in the tests runs through both.
 *
 *   window.DraaiboekPrivacy.screen(text, rules, {knownNames: [...], year: 2026})
 *     -> [{kind, start, end, text, advice, label}]   (start/end: offsets in the JS string)
 *
 * Plain ES2017 plus the regex `u` flag; no lookbehind, so it runs on older phones too.
 */
(function (root) {
  "use strict";

  var MONTHS = { jan: 1, feb: 2, maa: 3, mrt: 3, apr: 4, mei: 5, jun: 6, jul: 7, aug: 8,
    sep: 9, okt: 10, nov: 11, dec: 12 };
  var DATE_SHAPE = /^[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{2,4}$/;
  var SKIP_BACK = " \t\r\n\"“”‘’'(*_[>#•-–—";
  var ENDS = ".!?:;…";
  var cache = {};

  function regex(source, flags) {
    var key = flags + "\u0000" + source;
    if (!cache[key]) cache[key] = new RegExp(source, flags);
    return cache[key];
  }

  // A search from `pos` like Python's pattern.search(text, pos): {index, end, text} or null.
  function search(source, ignoreCase, text, pos) {
    var rx = regex(source, "gu" + (ignoreCase ? "i" : ""));
    rx.lastIndex = pos;
    var m = rx.exec(text);
    return m ? { index: m.index, end: m.index + m[0].length, text: m[0] } : null;
  }
  // Like Python's pattern.match(text, pos): a match starting exactly at pos.
  function matchAt(source, text, pos) {
    var rx = regex(source, "yu");
    rx.lastIndex = pos;
    var m = rx.exec(text);
    return m ? { index: m.index, end: m.index + m[0].length, text: m[0] } : null;
  }
  function test(source, text) { return regex(source, "u").test(text); }
  function findAll(source, text) {
    var rx = regex(source, "gu");
    var out = [];
    rx.lastIndex = 0;
    var m;
    while ((m = rx.exec(text)) !== null) {
      if (m[0].length === 0) { rx.lastIndex++; continue; }
      out.push({ index: m.index, end: m.index + m[0].length, text: m[0] });
    }
    return out;
  }
  function lowerSet(words) {
    var s = Object.create(null);
    words.forEach(function (w) { s[w.toLowerCase()] = true; });
    return s;
  }
  function has(set, w) { return Object.prototype.hasOwnProperty.call(set, w); }
  function digitsOf(text) { return text.replace(/[^0-9]/g, ""); }
  function mod97(number) {
    var rest = 0;
    for (var i = 0; i < number.length; i++) rest = (rest * 10 + (number.charCodeAt(i) - 48)) % 97;
    return rest;
  }
  function isBlank(s) { return s.trim() === ""; }

  var prepared = typeof WeakMap !== "undefined" ? new WeakMap() : null;

  function prepare(rules) {
    if (prepared && prepared.has(rules)) return prepared.get(rules);
    var names = rules.namen;
    var letter = rules.tekens.letter;
    var single = Object.create(null);
    var phrases = [];
    var entries = names.auteurs.concat(names.geen_namen, names.plaatsen);
    entries.forEach(function (entry) {
      var words = findAll("[" + letter + "]+(?:['’-][" + letter + "]+)*", entry)
        .map(function (m) { return m.text.toLowerCase(); });
      if (words.length === 1) single[words[0]] = true;
      else if (words.length) phrases.push(words);
    });
    // stable sort, longest phrase first (as Python's sort with reverse=True keeps order)
    phrases = phrases.map(function (p, i) { return [p, i]; })
      .sort(function (a, b) { return b[0].length - a[0].length || a[1] - b[1]; })
      .map(function (x) { return x[0]; });
    var prep = {
      word: "[" + letter + "]+(?:['’-][" + letter + "]+)*",
      wordchar: "^[" + letter + "0-9]$",
      upper: "^[" + rules.tekens.hoofdletter + "]",
      lowerLetter: "[" + rules.tekens.kleine_letter + "]",
      single: single,
      phrases: phrases,
      places: lowerSet(names.plaatsen),
      titles: lowerSet(names.titels),
      particles: lowerSet(names.deeltjes),
      openers: lowerSet(names.openers),
      suffixes: names.opener_uitgangen.map(function (s) { return s.toLowerCase(); }),
      inversion: lowerSet(names.inversie),
      streets: names.straat_uitgangen.map(function (s) { return s.toLowerCase(); }),
      placeWords: lowerSet(names.plaats_voorzetsels),
      notBefore: lowerSet(rules.adres_niet_voor)
    };
    if (prepared) prepared.set(rules, prep);
    return prep;
  }

  // Is the match part of a longer word or number ("85.07.30-033.28" holds "07.30-033.28")?
  function isDigit(c) { return c >= "0" && c <= "9"; }
  function inside(text, s, e, prep) {
    if (s > 0 && test(prep.wordchar, text[s - 1])) return true;
    if (e < text.length && test(prep.wordchar, text[e])) return true;
    if (s > 1 && ".-/".indexOf(text[s - 1]) >= 0 && isDigit(text[s - 2])) return true;
    return e + 1 < text.length && ".-/".indexOf(text[e]) >= 0 && isDigit(text[e + 1]);
  }

  function near(text, start, end, words, before, after) {
    var window_ = (text.slice(Math.max(0, start - before), start) + " | " +
      text.slice(end, end + after)).toLowerCase();
    return words.some(function (w) { return window_.indexOf(w.toLowerCase()) >= 0; });
  }

  function birthDate(found, text, start, end, rules, year) {
    var low = found.toLowerCase();
    var numbers = low.match(/[0-9]+/g) || [];
    var d, m, y, fullYear;
    if (/^[0-9]{4}-/.test(low)) {
      y = +numbers[0]; m = +numbers[1]; d = +numbers[2]; fullYear = true;
    } else if (DATE_SHAPE.test(low)) {
      d = +numbers[0]; m = +numbers[1]; y = +numbers[2]; fullYear = numbers[2].length === 4;
    } else {
      var month = 0;
      var words = low.match(/[a-z]+/g) || [];
      for (var i = 0; i < words.length; i++) {
        if (has(MONTHS, words[i].slice(0, 3))) { month = MONTHS[words[i].slice(0, 3)]; break; }
      }
      d = +numbers[0]; m = month;
      y = numbers.length > 1 ? +numbers[1] : 0;
      fullYear = numbers.length > 1;
    }
    if (!(d >= 1 && d <= 31 && m >= 1 && m <= 12)) return false;
    var birth = rules.geboorte;
    if (near(text, start, end, birth.woorden, birth.tekens_voor, birth.tekens_na)) return true;
    return fullYear && y <= year - birth.oud_jaren;
  }

  // true, false, or a narrowed [start, end]
  function check(name, text, start, end, rules, prep, year) {
    var found = text.slice(start, end);
    var digits;
    if (!name) return true;
    if (name === "iban") {
      var compact = found.replace(/ /g, "");
      if (compact.length < 15 || compact.length > 34) return false;
      var moved = compact.slice(4) + compact.slice(0, 4);
      var number = "";
      for (var i = 0; i < moved.length; i++) number += parseInt(moved[i], 36).toString();
      return mod97(number) === 1;
    }
    if (name === "rijksregisternummer") {
      digits = digitsOf(found);
      if (digits.length !== 11) return false;
      var month = +digits.slice(2, 4), day = +digits.slice(4, 6);
      if (month % 20 > 12 || month > 52 || day > 31) return false;
      var checkDigits = +digits.slice(9);
      return 97 - mod97(digits.slice(0, 9)) === checkDigits ||
        97 - mod97("2" + digits.slice(0, 9)) === checkDigits;
    }
    if (name === "bsn") {
      digits = digitsOf(found);
      if (digits.length !== 9 || digits === "000000000") return false;
      var total = 0;
      for (var k = 0; k < 8; k++) total += (+digits[k]) * (9 - k);
      total -= +digits[8];
      if (total % 11 !== 0) return false;
      return digits[0] !== "0" || near(text, start, end, rules.bsn_woorden, 30, 0);
    }
    if (name === "telefoon") {
      if (DATE_SHAPE.test(found)) return false;
      digits = digitsOf(found);
      if (found[0] === "+" || digits.slice(0, 2) === "00") {
        if (digits.slice(0, 2) === "00") digits = digits.slice(2);
        var country = digits.slice(0, 2), rest = digits.slice(2);
        if (found.indexOf("(0)") >= 0 && rest[0] === "0") rest = rest.slice(1);
        if (rest[0] === "0") return false;
        return (country === "32" ? [8, 9] : [9]).indexOf(rest.length) >= 0;
      }
      return digits[0] === "0" && digits.slice(1, 2) !== "0" &&
        (digits.length === 9 || digits.length === 10);
    }
    if (name === "datum") return birthDate(found, text, start, end, rules, year);
    if (name === "adres") {
      var after = search(prep.word, false, text, end);
      if (after && isBlank(text.slice(end, after.index)) && has(prep.notBefore, after.text.toLowerCase())) {
        return false;
      }
      for (;;) {
        var word = matchAt(prep.word, text, start);
        if (!word || word.end >= end) return false;
        var lw = word.text.toLowerCase();
        if (has(prep.openers, lw) || has(prep.titles, lw) || has(prep.placeWords, lw)) {
          start = word.end;
          while (start < end && text[start] === " ") start++;
          continue;
        }
        return [start, end];
      }
    }
    if (name === "postcode_nl") {
      var tail = found.slice(4).trim();
      var letters = tail.slice(0, 2);
      if (letters === "SA" || letters === "SD" || letters === "SS") return false;
      var place = tail.slice(2).trim();
      var lp = place.toLowerCase();
      if (place && (has(prep.openers, lp) || has(prep.single, lp)) && !has(prep.places, lp)) {
        return [start, end - place.length - 1];
      }
      return true;
    }
    if (name === "postcode_be") {
      var num = +found.slice(0, 4), pl = found.slice(5).toLowerCase();
      if (has(prep.places, pl)) return true;
      if (num >= 1900 && num <= 2099) return false;
      return !(has(prep.openers, pl) || has(prep.single, pl) || has(prep.titles, pl));
    }
    throw new Error("unknown check " + name);
  }

  function sentenceStart(text, start) {
    var i = start - 1;
    while (i >= 0 && SKIP_BACK.indexOf(text[i]) >= 0) {
      if (text[i] === "\n") return true;
      i--;
    }
    return i < 0 || ENDS.indexOf(text[i]) >= 0;
  }

  function names(text, prep, known, taken) {
    var tokens = findAll(prep.word, text).map(function (m) {
      var s = m.index, e = m.end, word = m.text;
      var tail2 = word.slice(-2).toLowerCase();
      if (word.length > 3 && (tail2 === "'s" || tail2 === "’s")) { e -= 2; word = word.slice(0, -2); }
      return [s, e, word, word.toLowerCase()];
    });
    var n = tokens.length;
    var masked = tokens.map(function (t) {
      return taken.some(function (span) { return t[0] < span[1] && span[0] < t[1]; });
    });
    function gap(a, b) { return text.slice(tokens[a][1], tokens[b][0]); }
    var i, j, k;
    for (i = 0; i < n; i++) { // phrases that are no person: authors, services, places
      for (var p = 0; p < prep.phrases.length; p++) {
        var phrase = prep.phrases[p];
        k = phrase.length;
        if (i + k > n) continue;
        var same = true;
        for (j = 0; j < k && same; j++) same = tokens[i + j][3] === phrase[j];
        for (j = 0; j < k - 1 && same; j++) same = isBlank(gap(i + j, i + j + 1));
        if (same) {
          for (j = 0; j < k; j++) masked[i + j] = true;
          break;
        }
      }
    }
    function capital(x) { return test(prep.upper, tokens[x][2]); }
    function plain(x) {
      var word = tokens[x][2], lw = tokens[x][3];
      if (masked[x] || !capital(x) || word.length < 2) return false;
      if (has(prep.single, lw) || has(known, lw) || has(prep.titles, lw)) return false;
      if (prep.streets.some(function (s) {
        return lw.length >= s.length && lw.slice(-s.length) === s;
      })) return false; // a street without a number
      return test(prep.lowerLetter, word);
    }
    function joinable(x) { // a capitalised word that continues a name
      var word = tokens[x][2], lw = tokens[x][3];
      return !masked[x] && capital(x) && word.length >= 2 && !has(known, lw) &&
        !has(prep.titles, lw) && test(prep.lowerLetter, word);
    }
    function nameStart(x, afterTitle) {
      if (!plain(x)) return false;
      if (afterTitle) return true;
      var lw = tokens[x][3];
      if (x > 0 && has(prep.placeWords, tokens[x - 1][3]) && gap(x - 1, x) === " ") return false;
      if (sentenceStart(text, tokens[x][0])) {
        // a common word, or a label ("Actie:")
        if (has(prep.openers, lw) || text.slice(tokens[x][1], tokens[x][1] + 1) === ":") return false;
        if (prep.suffixes.some(function (s) {
          return lw.length >= s.length + 4 && lw.slice(-s.length) === s;
        })) return false;
        if (x + 1 < n && has(prep.inversion, tokens[x + 1][3]) && isBlank(gap(x, x + 1))) return false;
      }
      return true;
    }
    var found = [];
    var afterTitle = false;
    i = 0;
    while (i < n) {
      var lw = tokens[i][3];
      var titleHere = afterTitle && i > 0 && /^\.?[ \t]+$/.test(gap(i - 1, i));
      afterTitle = false;
      if (!masked[i] && has(prep.titles, lw)) {
        afterTitle = true;
        i++;
        continue;
      }
      var head = i;
      if (titleHere && !capital(i) && has(prep.particles, lw)) {
        while (head + 1 < n && has(prep.particles, tokens[head][3]) && !capital(head) &&
               gap(head, head + 1) === " ") head++;
        if (head === i || !nameStart(head, true)) { i++; continue; }
      } else if (!nameStart(i, titleHere)) {
        i++;
        continue;
      }
      var last = head;
      for (;;) {
        k = last + 1;
        while (k < n && has(prep.particles, tokens[k][3]) && gap(k - 1, k) === " " && !masked[k]) k++;
        if (k < n && gap(k - 1, k) === " " && joinable(k)) last = k;
        else break;
      }
      found.push([tokens[i][0], tokens[last][1]]);
      i = last + 1;
    }
    return found;
  }

  function screen(text, rules, options) {
    options = options || {};
    var prep = prepare(rules);
    var year = options.year || new Date().getFullYear();
    var spans = []; // [start, end, kind]
    function free(s, e) {
      return spans.every(function (x) { return e <= x[0] || s >= x[1]; });
    }
    rules.identificatoren.forEach(function (ident) {
      var pos = 0;
      while (pos <= text.length) {
        var m = search(ident.patroon, !!ident.hoofdletters_negeren, text, pos);
        if (!m) break;
        var s = m.index, e = m.end;
        var ok = e > s && !inside(text, s, e, prep);
        if (ok) {
          ok = check(ident.controle, text, s, e, rules, prep, year);
          if (Array.isArray(ok)) { s = ok[0]; e = ok[1]; }
        }
        if (ok && free(s, e)) {
          spans.push([s, e, ident.soort]);
          pos = e;
        } else {
          pos = m.index + 1;
        }
      }
    });
    var bySpan = function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); };
    spans.sort(bySpan);
    var merged = [];
    spans.forEach(function (x) {
      var prev = merged[merged.length - 1];
      if (prev && x[2] === "postcode" && prev[2] === "adres" &&
          /^,? ?$/.test(text.slice(prev[1], x[0]))) {
        merged[merged.length - 1] = [prev[0], x[1], "adres"];
      } else {
        merged.push(x);
      }
    });
    spans = merged;
    var known = Object.create(null);
    (options.knownNames || []).forEach(function (name) {
      findAll(prep.word, name).forEach(function (m) { known[m.text.toLowerCase()] = true; });
    });
    names(text, prep, known, spans.map(function (x) { return [x[0], x[1]]; })).forEach(function (x) {
      spans.push([x[0], x[1], "naam"]);
    });
    spans.sort(bySpan);
    return spans.map(function (x) {
      var kind = rules.soorten[x[2]];
      return { kind: x[2], start: x[0], end: x[1], text: text.slice(x[0], x[1]),
        advice: kind.advies, label: kind.label };
    });
  }

  var api = { screen: screen };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (root) root.DraaiboekPrivacy = api;
})(typeof window !== "undefined" ? window : null);
