// @ts-check
/* Draaiboek: offline reading. Over http(s) the service worker at the site root keeps the
 * whole edition on this device after one visit; on the start page a short line says so
 * once that is done. From file:// (a USB stick) the book already works without internet:
 * nothing happens here, and nothing is logged. */
(function () {
  "use strict";
  var root = document.documentElement.dataset.content_root;
  if (!/^https?:$/.test(location.protocol) || !("serviceWorker" in navigator)) return;
  if (root === undefined) return; // Sphinx before 7.2: no known site root, no worker
  function register() {
    navigator.serviceWorker.register(root + "sw.js").catch(function () {
      /* a browser that refuses (private mode, blocked storage) simply reads online */
    });
  }
  // After the page has loaded: keeping the book must not slow down the first page.
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register);

  if (!document.querySelector('meta[name="draaiboek-startpagina"]')) return;
  navigator.serviceWorker.ready.then(function () {
    var place = document.querySelector("article") || document.querySelector("[role=main]") ||
      document.querySelector("main") || document.body;
    var note = document.createElement("p");
    note.className = "db-offline";
    note.style.fontSize = "0.9em";
    note.style.marginTop = "2rem";
    note.textContent = "Dit boek staat nu op dit toestel: je kunt het ook zonder internet " +
      "lezen, in deze browser.";
    place.appendChild(note);
  });
})();
