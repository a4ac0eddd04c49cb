// @ts-check
/* Draaiboek: "Lees voor". Reads the page aloud with the browser's own speech synthesis, in
 * the region's Dutch (nl-BE or nl-NL, from <meta name="draaiboek-taal">), without any other
 * server. One button, always at hand at the bottom of the screen: it reads from the first
 * paragraph you see, so at the top of a page it reads the whole page and further down it
 * reads the section you are in. While reading it becomes "Pauzeer" / "Ga verder", with
 * "Stop" beside it. Hidden when the device has no Dutch voice.
 *
 * Theme-independent: the control goes first into the article (article[role=main], article,
 * [role=main], main; else the body) and is placed by its own CSS. Facts it relies on
 * (research notes, section 4): voice languages may be written nl_BE or NL-nl; Android uses
 * a voice only when utterance.lang is set; Chrome's online voice stops after about 14 s,
 * so text goes out in sentences; getVoices() may be empty until "voiceschanged". */
(function () {
  "use strict";
  var html = document.documentElement;
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    html.dataset.leesVoor = "geen";
    return;
  }
  var meta = document.querySelector('meta[name="draaiboek-taal"]');
  var LANG = (meta && meta.getAttribute("content")) || "nl-NL";
  var MAX = 200; // characters per utterance: well under Chrome's ~14 s limit
  // Text blocks; of the buttons only a case's choices (a self-check answer is read with its
  // list item), not "Terug" or "Opnieuw beginnen".
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,figcaption,caption,blockquote,.db-optie";
  var SKIP = "nav,pre,script,style,select,textarea,input,.highlight,.headerlink," +
    ".db-lv,[hidden],[aria-hidden=true],.visually-hidden,.sr-only";
  var ICONS = {
    play: '<path d="M8 5v14l11-7z"/>',
    pause: '<path d="M7 5h4v14H7zM13 5h4v14h-4z"/>',
    stop: '<path d="M6 6h12v12H6z"/>'
  };
  var CSS =
    ".db-lv{position:fixed;right:max(1rem,env(safe-area-inset-right));" +
    "bottom:max(1rem,env(safe-area-inset-bottom));z-index:20;display:flex;gap:.5rem;margin:0}" +
    ".db-lv button{display:inline-flex;align-items:center;gap:.4rem;min-height:48px;" +
    "min-width:48px;padding:0 1rem;border:2px solid #fff;border-radius:24px;background:#1a5e8a;" +
    "color:#fff;font:inherit;font-weight:600;line-height:1.2;cursor:pointer;" +
    "box-shadow:0 2px 6px rgba(0,0,0,.35)}" +
    ".db-lv button:hover{background:#0d3550}" +
    ".db-lv button:focus-visible{outline:3px solid #0d3550;outline-offset:2px}" +
    ".db-lv svg{width:1.2em;height:1.2em;fill:currentColor;flex:none}" +
    ".db-lv[hidden],.db-lv [hidden]{display:none}" +
    ".db-lv-status{position:absolute;width:1px;height:1px;overflow:hidden;" +
    "clip:rect(0 0 0 0);white-space:nowrap}" +
    ".db-lv-nu{box-shadow:-.5rem 0 0 #f2a93b}" +
    "html{scroll-padding-bottom:5rem}body{padding-bottom:4.5rem}" +
    "@media print{.db-lv{display:none}}";

  /** @param {string} lang */
  function norm(lang) {
    return String(lang || "").replace(/_/g, "-").toLowerCase();
  }

  /** This region's Dutch first, then the other Dutch; a voice on the device before an
   * online one (it also works without internet). @param {SpeechSynthesisVoice[]} voices */
  function pickVoice(voices) {
    var want = norm(LANG);
    var other = want === "nl-be" ? "nl-nl" : "nl-be";
    var tests = [
      function (l) { return l === want; },
      function (l) { return l === other; },
      function (l) { return l === "nl" || l.indexOf("nl-") === 0; }
    ];
    for (var t = 0; t < tests.length; t++) {
      var found = voices.filter(function (v) { return tests[t](norm(v.lang)); });
      found.sort(function (a, b) { return (b.localService ? 1 : 0) - (a.localService ? 1 : 0); });
      if (found.length) return found[0];
    }
    return null;
  }

  /** Sentences of at most MAX characters; a short one is joined to the next.
   * @param {string} text */
  function split(text) {
    var out = [];
    // a sentence ends in . ! ? or … followed by a space ("1.3." and "3,5" stay whole)
    text.replace(/([.!?…]+["'’”)\]]*)\s+/g, "$1\u0000").split("\u0000").forEach(function (part) {
      part = part.trim();
      while (part.length > MAX) {
        var cut = Math.max(part.lastIndexOf(", ", MAX), part.lastIndexOf("; ", MAX));
        if (cut < MAX / 2) cut = part.lastIndexOf(" ", MAX);
        if (cut < MAX / 2) cut = MAX;
        out.push(part.slice(0, cut + 1).trim());
        part = part.slice(cut + 1).trim();
      }
      if (part) out.push(part);
    });
    // "1." before a title, "bv." in a sentence: a short piece goes with the next one
    return out.reduce(function (joined, part) {
      var last = joined[joined.length - 1];
      if (last && last.length < 40 && last.length + part.length < MAX) {
        joined[joined.length - 1] = last + " " + part;
      } else joined.push(part);
      return joined;
    }, /** @type {string[]} */ ([]));
  }

  function article() {
    return document.querySelector("article[role=main]") ||
      document.querySelector("main article, [role=main] article") ||
      document.querySelector("article") || document.querySelector("[role=main]") ||
      document.querySelector("main") || document.body;
  }

  /** The text blocks that are shown, in reading order. @param {Element} place */
  function blocks(place) {
    return Array.prototype.filter.call(place.querySelectorAll(BLOCKS), function (el) {
      if (el.querySelector(BLOCKS) || el.closest(SKIP) || !el.getClientRects().length) {
        return false;
      }
      return getComputedStyle(el).visibility !== "hidden";
    });
  }

  /** @param {Element} el */
  function textOf(el) {
    var copy = /** @type {Element} */ (el.cloneNode(true));
    Array.prototype.forEach.call(copy.querySelectorAll(SKIP), function (n) { n.remove(); });
    return (copy.textContent || "").replace(/\s+/g, " ").trim();
  }

  /** @param {string} name */
  function icon(name) {
    return '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">' + ICONS[name] +
      "</svg>";
  }

  var voice = null;
  var control = null, main = null, stopButton = null, status = null;
  /** @type {{block: Element, text: string}[]} */
  var queue = [];
  var pos = 0, run = 0, state = "stil"; // stil | leest | pauze
  var current = null; // kept: Chrome drops events of an utterance it has garbage-collected

  /** @param {HTMLElement} button @param {string} name @param {string} text */
  function label(button, name, text) {
    button.innerHTML = icon(name) + "<span></span>";
    /** @type {HTMLElement} */ (button.lastChild).textContent = text;
  }

  /** @param {string} next @param {string} [message] */
  function setState(next, message) {
    state = next;
    if (next === "leest") label(main, "pause", "Pauzeer");
    else if (next === "pauze") label(main, "play", "Ga verder");
    else label(main, "play", "Lees voor");
    stopButton.hidden = next === "stil";
    control.dataset.staat = next;
    if (message) status.textContent = message;
  }

  function unmark() {
    Array.prototype.forEach.call(document.querySelectorAll(".db-lv-nu"), function (el) {
      el.classList.remove("db-lv-nu");
    });
  }

  /** @param {Element} el */
  function inView(el) {
    var r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  }

  /** @param {number} i */
  function speakAt(i) {
    if (i >= queue.length) {
      unmark();
      setState("stil", "Klaar met voorlezen.");
      return;
    }
    pos = i;
    var before = document.querySelector(".db-lv-nu");
    if (!before || before !== queue[i].block) {
      unmark();
      queue[i].block.classList.add("db-lv-nu");
      // follow along only while the reader is following: never pull the page back
      if (before && inView(before) && !inView(queue[i].block)) {
        queue[i].block.scrollIntoView({ block: "center", behavior: "smooth" });
      }
    }
    var token = ++run;
    var utterance = new SpeechSynthesisUtterance(queue[i].text);
    utterance.lang = voice ? norm(voice.lang).replace(/-(\w+)$/, function (m, r) {
      return "-" + r.toUpperCase();
    }) : LANG;
    if (voice) utterance.voice = voice;
    utterance.onend = function () {
      if (token === run) speakAt(i + 1);
    };
    utterance.onerror = function (event) {
      if (token !== run || event.error === "interrupted" || event.error === "canceled") return;
      run++;
      unmark();
      setState("stil", "Voorlezen lukt nu niet op dit toestel.");
    };
    current = utterance;
    synth.speak(utterance);
  }

  /** Where to begin: a heading in the upper part of the screen (a section starts there),
   * else the first block that is wholly on screen below a sticky header. */
  function startIndex() {
    var header = 56, first = -1, whole = -1;
    for (var i = 0; i < queue.length; i++) {
      if (i && queue[i].block === queue[i - 1].block) continue;
      var r = queue[i].block.getBoundingClientRect();
      if (r.bottom <= header) continue;
      if (r.top > window.innerHeight * 0.4) break;
      if (/^H[1-6]$/.test(queue[i].block.tagName)) return i;
      if (first < 0) first = i;
      if (whole < 0 && r.top >= header - 8) whole = i;
    }
    return whole >= 0 ? whole : first >= 0 ? first : 0;
  }

  function start() {
    queue = [];
    blocks(article()).forEach(function (block) {
      split(textOf(block)).forEach(function (text) { queue.push({ block: block, text: text }); });
    });
    if (!queue.length) return;
    // (a cancel() right before speak() can swallow the new utterance in some Chrome versions)
    if (synth.speaking || synth.pending) synth.cancel();
    setState("leest", "Het voorlezen begint.");
    speakAt(startIndex());
  }

  function halt() {
    run++;
    current = null;
    synth.cancel();
  }

  function onMain() {
    if (state === "stil") start();
    else if (state === "leest") {
      halt();
      setState("pauze", "Gepauzeerd.");
    } else {
      setState("leest", "Het voorlezen gaat verder.");
      speakAt(pos);
    }
  }

  function stop() {
    halt();
    unmark();
    setState("stil", "Gestopt met voorlezen.");
    main.focus();
  }

  function build() {
    var style = document.createElement("style");
    style.textContent = CSS;
    document.head.appendChild(style);
    control = document.createElement("div");
    control.className = "db-lv";
    main = document.createElement("button");
    main.type = "button";
    main.className = "db-lv-knop";
    main.addEventListener("click", onMain);
    stopButton = document.createElement("button");
    stopButton.type = "button";
    stopButton.className = "db-lv-stop";
    label(stopButton, "stop", "Stop");
    stopButton.addEventListener("click", stop);
    status = document.createElement("span");
    status.className = "db-lv-status";
    status.setAttribute("role", "status");
    control.appendChild(main);
    control.appendChild(stopButton);
    control.appendChild(status);
    setState("stil");
    var place = article();
    place.insertBefore(control, place.firstChild);
    window.addEventListener("pagehide", halt);
  }

  function decide() {
    var found = pickVoice(synth.getVoices() || []);
    if (found) {
      voice = found;
      if (!control) build();
      control.hidden = false;
      html.dataset.leesVoor = "ja";
    } else if (state === "stil") {
      if (control) control.hidden = true;
      html.dataset.leesVoor = "geen";
    }
  }

  // Voices may come later (and may change); wait for them only when there are none yet.
  if (synth.addEventListener) synth.addEventListener("voiceschanged", decide);
  else synth.onvoiceschanged = decide;
  if ((synth.getVoices() || []).length) decide();
  else window.setTimeout(decide, 2500);
})();
