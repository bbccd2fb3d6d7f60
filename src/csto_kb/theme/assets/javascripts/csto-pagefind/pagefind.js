// Pagefind's search API (pagefind/pagefind.js) as Pagefind's UI loads it (its bundlePath
// points here, see csto-pagefind.js), with one change to search(): the pages that have
// the query as one of their names come first, in Pagefind's order. Pagefind ranks by
// the words matched, not by whole names: "CIS" would rank the CIS Anti-Terrorism Center
// above the Commonwealth of Independent States, "Channel" every "Channel-<place>"
// operation above the operation Channel. An entity page gives each of its names as the
// value of a filter named by the name's first two characters (csto_kb/pages/
// search_markup.py); a filter-only search for the query's value lists the pages named
// so, loading the values of that one filter.
import * as pagefind from "../../../pagefind/pagefind.js";

export { createInstance, debouncedSearch, destroy, init, mergeIndex, options, preload }
  from "../../../pagefind/pagefind.js";

// As normal_name() and name_filter() in search_markup.py.
export function normalName(text) {
  return String(text || "").split(/\s+/).filter(Boolean).join(" ").toLowerCase();
}

export function nameFilter(normal) {
  return "name-" + Array.from(normal).slice(0, 2)
    .map((ch) => ch.codePointAt(0).toString(16)).join("-");
}

function withoutNameFilters(counts) {
  const kept = {};
  for (const [key, value] of Object.entries(counts || {})) {
    if (!key.startsWith("name-")) {
      kept[key] = value;
    }
  }
  return kept;
}

// The site has no filters to offer the reader: the name filters are not shown, and
// not loaded (Pagefind's filters() would load the values of every one of them).
export async function filters() {
  return {};
}

export async function search(term, opts) {
  const found = await pagefind.search(term, opts);
  const query = normalName(term);
  if (!query || !found || !Array.isArray(found.results)) {
    return found;
  }
  const named = await pagefind.search(null, { filters: { [nameFilter(query)]: query } });
  const ids = new Set(((named && named.results) || []).map((result) => result.id));
  const first = found.results.filter((result) => ids.has(result.id));
  const rest = found.results.filter((result) => !ids.has(result.id));
  return {
    ...found,
    results: first.concat(rest),
    filters: withoutNameFilters(found.filters),
    totalFilters: withoutNameFilters(found.totalFilters),
  };
}
