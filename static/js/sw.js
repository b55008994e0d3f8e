/* Rasad's service worker: keeps the reader's saved articles readable without a network.
 *
 * Served from /sw.js (scope: the whole site) by rasad/core/offline.py. Pages are always asked
 * of the network first; only when that fails is a kept copy (or the offline page) shown. The
 * copies are of the saved articles listed by /library/offline.json, fetched as the reader sees
 * them online (full text only where the gate allows), refreshed on every online visit; an
 * article no longer listed (unsaved, access ended, logged out) is deleted.
 */
"use strict";
var SHELL = "rasad-shell-v1";
var PAGES = "rasad-pages-v1";
var ASSETS = __ASSETS__;
var LIST_URL = "/library/offline.json";
var lastSync = 0;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL).then(function (cache) { return cache.addAll(ASSETS.concat(["/offline/"])); })
      .then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (n) { return n !== SHELL && n !== PAGES; })
        .map(function (n) { return caches.delete(n); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function syncSaved() {
  return fetch(LIST_URL, { credentials: "same-origin", redirect: "manual", cache: "no-store" })
    .then(function (response) {
      if (response.status !== 200) return { urls: [] };
      return response.json();
    })
    .then(function (data) {
      var wanted = data.urls || [];
      return caches.open(PAGES).then(function (cache) {
        var keep = wanted.map(function (url) {
          return fetch(url, { credentials: "same-origin", cache: "no-store" }).then(function (page) {
            if (page.ok) return cache.put(url, page);
            return cache.delete(url);
          }).catch(function () { /* offline again: keep the old copy */ });
        });
        var drop = cache.keys().then(function (requests) {
          return Promise.all(requests.map(function (request) {
            var path = new URL(request.url).pathname;
            if (wanted.indexOf(path) === -1) return cache.delete(request);
          }));
        });
        return Promise.all(keep.concat([drop]));
      });
    });
}

self.addEventListener("message", function (event) {
  if (event.data === "sync") {
    lastSync = Date.now();
    event.waitUntil(syncSaved().catch(function () {}));
  }
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).then(function (response) {
        // Logging out or in changes what may be kept: refresh the copies after such pages too.
        if (Date.now() - lastSync > 30000) {
          lastSync = Date.now();
          event.waitUntil(syncSaved().catch(function () {}));
        }
        return response;
      }).catch(function () {
        var path = new URL(request.url).pathname;
        return caches.open(PAGES).then(function (cache) { return cache.match(path); })
          .then(function (kept) { return kept || caches.match("/offline/"); });
      })
    );
    return;
  }
  if (ASSETS.indexOf(new URL(request.url).pathname) !== -1) {
    event.respondWith(caches.match(request).then(function (kept) { return kept || fetch(request); }));
  }
});
