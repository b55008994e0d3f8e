/* Registers the service worker and says plainly when the page is shown without a network. */
(function () {
  "use strict";
  function notice() {
    var bar = document.getElementById("offline-notice");
    if (bar) bar.hidden = navigator.onLine;
  }
  window.addEventListener("online", notice);
  window.addEventListener("offline", notice);
  notice();
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    if (navigator.onLine && registration.active) registration.active.postMessage("sync");
  }).catch(function () {});
})();
