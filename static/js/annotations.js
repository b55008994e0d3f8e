/* Rasad annotations: our own small script (no dependencies).
 *
 * 1. Selecting text inside a [data-annotatable] container fills the annotation form with W3C
 *    selectors: TextQuoteSelector (exact, prefix, suffix) and TextPositionSelector (start, end),
 *    both counted over the container's textContent, as the server counts them.
 *    https://www.w3.org/TR/annotation-model/#selectors
 * 2. Every margin item carrying data-field/data-start/data-end is highlighted by wrapping its
 *    range in <mark> elements; the margin itself works without this script.
 */
(function () {
  "use strict";
  var CONTEXT = 32;

  function containers() {
    return document.querySelectorAll("[data-annotatable]");
  }

  // Character offset of (node, offset) within root's textContent: a range's text counts the
  // same Text nodes textContent does.
  function offsetIn(root, node, offset) {
    var range = document.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }

  function captureSelection() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    var root = null;
    containers().forEach(function (c) {
      if (c.contains(range.startContainer) && c.contains(range.endContainer)) root = c;
    });
    if (!root) return;
    var form = document.querySelector(".annotation-form");
    if (!form) return;
    var text = root.textContent;
    var start = offsetIn(root, range.startContainer, range.startOffset);
    var end = offsetIn(root, range.endContainer, range.endOffset);
    if (end <= start) return;
    var exact = text.slice(start, end);
    if (!exact.trim()) return;
    form.elements.field.value = root.getAttribute("data-annotatable");
    form.elements.exact.value = exact;
    form.elements.prefix.value = text.slice(Math.max(0, start - CONTEXT), start);
    form.elements.suffix.value = text.slice(end, end + CONTEXT);
    form.elements.start.value = String(start);
    form.elements.end.value = String(end);
    form.classList.add("has-selection");
    showBar(root, range, form);
  }

  // The action bar: beside the selection, so a phone reader need not scroll to the form. It
  // sits right after the selected section in the document, so Tab reaches it next.
  var bar = null;
  function hideBar() {
    if (bar) bar.hidden = true;
  }
  function makeBar(form) {
    bar = document.createElement("div");
    bar.className = "selection-bar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", form.getAttribute("data-bar-label") || "");
    var highlightButton = document.createElement("button");
    highlightButton.type = "button";
    highlightButton.textContent = form.getAttribute("data-bar-highlight") || "";
    highlightButton.addEventListener("click", function () {
      hideBar();
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
    var noteButton = document.createElement("button");
    noteButton.type = "button";
    noteButton.className = "secondary";
    noteButton.textContent = form.getAttribute("data-bar-note") || "";
    noteButton.addEventListener("click", function () {
      hideBar();
      var note = form.elements.note;
      form.scrollIntoView({ block: "center" });
      if (note) note.focus();
    });
    bar.appendChild(highlightButton);
    bar.appendChild(noteButton);
    bar.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hideBar();
    });
  }
  function showBar(root, range, form) {
    if (!bar) makeBar(form);
    var host = root.parentNode;
    if (bar.previousElementSibling !== root) root.after(bar);
    var rect = range.getBoundingClientRect();
    var hostRect = host.getBoundingClientRect();
    bar.hidden = false;
    var top = rect.bottom - hostRect.top + 8;
    var left = rect.left - hostRect.left + rect.width / 2 - bar.offsetWidth / 2;
    left = Math.max(0, Math.min(left, host.clientWidth - bar.offsetWidth));
    bar.style.top = top + "px";
    bar.style.left = left + "px";
  }

  // A quote typed or edited by hand: the positions no longer describe it, the server finds it.
  function forgetPositions(event) {
    var form = event.target.form;
    if (!form || event.target.name !== "exact") return;
    form.elements.prefix.value = "";
    form.elements.suffix.value = "";
    form.elements.start.value = "";
    form.elements.end.value = "";
  }

  function unwrapMarks() {
    document.querySelectorAll("mark[data-annotation]").forEach(function (mark) {
      var parent = mark.parentNode;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      parent.removeChild(mark);
      parent.normalize();
    });
  }

  function wrapRange(root, start, end, id) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var pos = 0;
    var pieces = [];
    var n;
    while ((n = walker.nextNode())) {
      var len = n.nodeValue.length;
      var from = Math.max(start, pos);
      var to = Math.min(end, pos + len);
      if (from < to) pieces.push([n, from - pos, to - pos]);
      pos += len;
      if (pos >= end) break;
    }
    pieces.forEach(function (piece, index) {
      var node = piece[0];
      if (piece[2] < node.nodeValue.length) node.splitText(piece[2]);
      if (piece[1] > 0) node = node.splitText(piece[1]);
      var mark = document.createElement("mark");
      mark.setAttribute("data-annotation", id);
      mark.className = "annotation-mark";
      if (index === 0) mark.id = "mark-" + id;
      node.parentNode.insertBefore(mark, node);
      mark.appendChild(node);
    });
  }

  function highlight() {
    unwrapMarks();
    document.querySelectorAll(".annotation[data-start]").forEach(function (item) {
      var root = document.querySelector('[data-annotatable="' + item.getAttribute("data-field") + '"]');
      if (!root) return;
      var start = parseInt(item.getAttribute("data-start"), 10);
      var end = parseInt(item.getAttribute("data-end"), 10);
      if (isNaN(start) || isNaN(end) || end <= start || end > root.textContent.length) return;
      wrapRange(root, start, end, item.id.replace("annotation-", ""));
    });
  }

  document.addEventListener("mouseup", captureSelection);
  // Phones select with a long press and handles: no mouseup, so follow the selection itself.
  var pending = null;
  document.addEventListener("selectionchange", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed) {
        if (bar && !bar.contains(document.activeElement)) hideBar();
        return;
      }
      captureSelection();
    }, 250);
  });
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey) captureSelection();
  });
  document.addEventListener("input", forgetPositions);
  // A form error (400) still belongs in the margin: let htmx swap it in.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var elt = event.detail.elt;
    if (event.detail.xhr.status === 400 && elt && elt.closest && elt.closest(".annotation-form")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  document.addEventListener("htmx:afterSettle", highlight);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", highlight);
  } else {
    highlight();
  }
  window.rasadAnnotations = { capture: captureSelection, highlight: highlight };
})();
