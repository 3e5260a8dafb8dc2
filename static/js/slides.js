/* Slide viewer: the keyboard follows the viewer's own links.

   ArrowRight / PageDown: next slide; ArrowLeft / PageUp: previous;
   Home: first; End: last. Each slide is a page with its own address, so
   following the link changes the address, the language switcher and the
   page title together, and the viewer works the same without this file.
   Loaded from 'self' under the site's CSP: no inline script. */
(function () {
  "use strict";

  var viewer = document.querySelector("[data-slide-viewer]");
  if (!viewer) {
    return;
  }

  var KEYS = {
    ArrowRight: "next",
    PageDown: "next",
    ArrowLeft: "prev",
    PageUp: "prev",
    Home: "first",
    End: "last"
  };

  function isTyping(target) {
    return Boolean(
      target.closest && target.closest("input, textarea, select, [contenteditable]")
    );
  }

  document.addEventListener("keydown", function (event) {
    var rel = KEYS[event.key];
    if (!rel || event.defaultPrevented || isTyping(event.target)) {
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    var link = viewer.querySelector('a[data-slide-link="' + rel + '"]');
    if (!link) {
      return;
    }
    event.preventDefault();
    window.location.assign(link.href);
  });
})();
