// Pagefind's search box in the header, on sites searched with Pagefind (csto_kb.search).
// pagefind-ui.js, loaded just before, shows the box and the results; the search itself
// goes through csto-pagefind/pagefind.js (Pagefind's API, whose search puts the pages
// named by the query first), which finds the index at pagefind/ from its own URL, so
// the site works from any directory of a web server.
(function () {
  "use strict";
  var box = document.getElementById("csto-pagefind");
  if (!box) {
    return;
  }
  // Opened from files, Pagefind cannot load its index (the browser refuses file: URLs
  // to scripts) and its box would wait for ever: say what to do instead.
  if (location.protocol === "file:") {
    box.classList.add("csto-pagefind--offline");
    box.textContent = "Search needs the site served: run `csto-kb serve` " +
      "(or `python3 -m http.server -d site`) and open http://127.0.0.1:8000/";
    return;
  }
  if (typeof window.PagefindUI !== "function") {
    return;
  }
  var script = document.currentScript;
  new window.PagefindUI({
    element: "#csto-pagefind",
    bundlePath: new URL("csto-pagefind/", script ? script.src : location.href).href,
    showImages: false,
    showSubResults: false,
    excerptLength: 24,
    // The names of an entity page (its metadata "aliases" and "abbreviations") weigh
    // twice its title (Pagefind's default title weight: 5), so that the page named by
    // the query is among the first results that csto-pagefind/pagefind.js reorders.
    ranking: { metaWeights: { title: 5, aliases: 10, abbreviations: 10 } },
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
