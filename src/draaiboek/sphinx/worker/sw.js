/* Draaiboek service worker: after one visit over http(s) the whole edition is kept on this
 * device, so every page, card, case and self-check also opens without internet.
 * Written by the build (draaiboek.sphinx.offline): BUILD and FILES are filled in there.
 * A new build with other content gives another BUILD, so the browser installs this worker
 * again, fills a new cache and deletes the old one. */
"use strict";
var BUILD = "__BUILD__";
var VARIANT = "__VARIANT__";
var FILES = __FILES__;
// Caches belong to the whole origin; the scope in the name keeps two editions hosted on one
// site (e.g. /vlaanderen/ and /nederland/) from deleting each other's cache.
var SCOPE = self.registration.scope;
var CACHE = "draaiboek " + VARIANT + " " + BUILD + " " + SCOPE;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // "reload": never fill the cache from a stale HTTP cache.
      return cache.addAll(FILES.map(function (file) {
        return new Request(new URL(file, SCOPE).href, { cache: "reload" });
      }));
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name !== CACHE && name.indexOf("draaiboek ") === 0 &&
          name.slice(-(SCOPE.length + 1)) === " " + SCOPE;
      }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

/** The cache key of a URL: no query (Sphinx adds ?v=<hash>), no fragment, and a folder
 * URL stands for its index.html. */
function key(url) {
  var path = url.origin + url.pathname;
  return path.charAt(path.length - 1) === "/" ? path + "index.html" : path;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) return;
  event.respondWith(
    caches.open(CACHE).then(function (cache) {
      return cache.match(key(new URL(request.url)), { ignoreSearch: true, ignoreVary: true });
    }).then(function (cached) {
      return cached || fetch(request);
    })
  );
});
