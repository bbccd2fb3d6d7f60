// Pagefind's search box in the header, on sites searched with Pagefind (csto_kb.search).
// pagefind-ui.js, loaded just before, finds the index beside itself (pagefind/), so the
// site works from any directory of a web server.
(function () {
  "use strict";
  var box = document.getElementById("csto-pagefind");
  if (!box || typeof window.PagefindUI !== "function") {
    return;
  }
  new window.PagefindUI({
    element: "#csto-pagefind",
    showImages: false,
    showSubResults: false,
    excerptLength: 24,
    translations: { placeholder: "Search" },
  });
  // Material's keyboard shortcuts for its search (f, s, /), for Pagefind's box.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    if (event.key !== "f" && event.key !== "s" && event.key !== "/") {
      return;
    }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var input = box.querySelector("input");
    if (input) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
})();
