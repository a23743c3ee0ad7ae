// Search for /search/: a small script over Pagefind's JavaScript API, the site's only script.
// The page works without it (a plain form, the A to Z list and browsing); with it, results,
// filters and sorting appear, the address keeps ?q= so results can be shared, and a
// misspelt query gets "did you mean" links from data/terms/, fetched only when needed.

const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const app = document.getElementById("search-app");
const statusLine = document.getElementById("search-status");
const list = document.getElementById("search-results");
const suggest = document.getElementById("search-suggest");
const more = document.getElementById("search-more");
const sort = document.getElementById("search-sort");
const clear = document.getElementById("search-clear");
const boxes = [...app.querySelectorAll('input[type="checkbox"]')];
const PAGE = 5; // results loaded at a time: each needs a fragment of about 3 KB
const LEAD = 0.45; // likeness at which the closest name leads the results
const EXACT = 0.99; // a name typed in full: no "did you mean"

let pagefind = null;
let found = [];
let shown = 0;
let run = 0;

async function engine() {
  if (!pagefind) {
    pagefind = await import("/pagefind/pagefind.js");
    // no worker: it would be a second 41 KB download for a list this size
    await pagefind.options({ excerptLength: 20, noWorker: true });
  }
  return pagefind;
}

function chosenFilters() {
  const filters = {};
  for (const box of boxes) {
    if (box.checked) (filters[box.name] ??= { any: [] }).any.push(box.value);
  }
  return filters;
}

function chosenSort() {
  if (!sort.value) return undefined;
  const [key, order] = sort.value.split(":");
  return { [key]: order };
}

function remember() {
  // keep the address shareable: ?q=, then each filter as name=value, then sort
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const box of boxes) if (box.checked) params.append(box.name, box.value);
  if (sort.value) params.set("sort", sort.value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function restore() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  for (const box of boxes) box.checked = params.getAll(box.name).includes(box.value);
  const wanted = params.get("sort") ?? "";
  if ([...sort.options].some((o) => o.value === wanted)) sort.value = wanted;
  if (boxes.some((b) => b.checked) || sort.value) document.getElementById("search-filters").open = true;
}

// --- "did you mean": trigram likeness against career names, shard by first sound ----------

function soundKey(name) {
  const word = name.toLowerCase().replace(/^[^a-z0-9]+/, "");
  for (const [start, key] of [["ph", "f"], ["kn", "n"], ["wr", "r"], ["ps", "s"], ["gn", "n"]]) {
    if (word.startsWith(start)) return key;
  }
  const first = word.charAt(0);
  if (!first || !/[a-z]/.test(first)) return "0";
  return { y: "i", k: "c", q: "c", z: "s" }[first] ?? first;
}

function trigrams(text) {
  const padded = `  ${text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim()} `;
  const grams = new Set();
  for (let i = 0; i < padded.length - 2; i += 1) grams.add(padded.slice(i, i + 3));
  return grams;
}

function likeness(a, b) {
  const x = trigrams(a);
  const y = trigrams(b);
  let shared = 0;
  for (const g of x) if (y.has(g)) shared += 1;
  return (2 * shared) / (x.size + y.size || 1);
}

const shards = new Map();
async function shard(key) {
  if (!shards.has(key)) {
    shards.set(key, fetch(`/data/terms/${key}.json`).then((r) => (r.ok ? r.json() : [])).catch(() => []));
  }
  return shards.get(key);
}

async function closeCareers(query) {
  const words = query.split(/\s+/).filter(Boolean);
  const keys = [...new Set([soundKey(query), ...words.map(soundKey)])].slice(0, 3);
  const rows = (await Promise.all(keys.map(shard))).flat();
  const best = new Map();
  for (const [slug, title, name] of rows) {
    const score = likeness(query, name ?? title);
    if (score >= 0.3 && score > (best.get(slug)?.score ?? 0)) best.set(slug, { slug, title, score });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.title.localeCompare(b.title)).slice(0, 3);
}

// --- results -------------------------------------------------------------------------

function item(result, top) {
  const li = document.createElement("li");
  li.className = "search-result";
  const h2 = document.createElement("h2");
  h2.className = "search-result__title";
  const a = document.createElement("a");
  a.href = result.url;
  a.textContent = result.title;
  h2.append(a);
  li.append(h2);
  if (top) {
    const tag = document.createElement("p");
    tag.className = "hint";
    tag.textContent = top;
    li.append(tag);
  }
  if (result.summary) {
    const p = document.createElement("p");
    p.textContent = result.summary;
    li.append(p);
  }
  if (result.pay) {
    const p = document.createElement("p");
    p.className = "search-result__pay";
    p.textContent = `Pay: ${result.pay}`;
    li.append(p);
  }
  return li;
}

async function page(start) {
  const slice = found.slice(start, start + PAGE);
  const data = await Promise.all(slice.map((r) => (r.data ? r.data() : r)));
  return data.map((d) =>
    d.meta
      ? { url: d.url, title: d.meta.title, summary: d.meta.summary ?? d.excerpt?.replace(/<[^>]*>/g, ""), pay: d.meta.pay }
      : d,
  );
}

function say(count, query, suggestions) {
  const what = query ? ` for “${query}”` : "";
  let text = count === 1 ? `1 result${what}` : `${count} results${what}`;
  if (count === 0) text = `No results${what}`;
  if (suggestions.length) text += `. Did you mean ${suggestions.map((s) => s.title).join(" or ")}?`;
  statusLine.textContent = text;
}

async function search() {
  const mine = ++run;
  const query = input.value.trim();
  const filters = chosenFilters();
  remember();
  if (!query && !Object.keys(filters).length) {
    found = [];
    list.replaceChildren();
    suggest.replaceChildren();
    statusLine.textContent = "";
    more.hidden = true;
    return;
  }
  const pf = await engine();
  const answer = await pf.search(query || null, { filters, sort: chosenSort() });
  if (mine !== run) return; // a newer search has started
  found = answer.results;
  // the closest job titles and other names to what was typed: they lead the list when
  // Pagefind's top three miss them (misspellings, everyday words), and are offered as
  // "did you mean" when the query is not a name we know
  // (only when no filter is chosen: a filtered list shows only what the filters allow)
  const close = query && !Object.keys(filters).length ? await closeCareers(query) : [];
  if (mine !== run) return;
  const firstPage = await page(0);
  if (mine !== run) return;
  const urls = new Set(firstPage.slice(0, 3).map((r) => r.url));
  // only the closest name leads, and only when Pagefind's top three do not have it already
  const lead = close.slice(0, 1).filter((c) => c.score >= LEAD && !urls.has(`/careers/${c.slug}/`));
  const exact = close.length > 0 && close[0].score >= EXACT;
  const offer = exact ? [] : close;

  const led = new Set(lead.map((c) => `/careers/${c.slug}/`));
  const note = exact ? "Job title that matches what you typed" : "Closest job title to what you typed";
  list.replaceChildren(
    ...lead.map((c) => item({ url: `/careers/${c.slug}/`, title: c.title }, note)),
    ...firstPage.filter((r) => !led.has(r.url)).map((r) => item(r, null)),
  );
  shown = firstPage.length;
  suggest.replaceChildren();
  if (offer.length) {
    const p = document.createElement("p");
    p.append("Did you mean: ");
    offer.forEach((c, i) => {
      const a = document.createElement("a");
      a.href = `/careers/${c.slug}/`;
      a.textContent = c.title;
      p.append(a, i < offer.length - 1 ? ", " : "?");
    });
    suggest.append(p);
  }
  more.hidden = shown >= found.length;
  say(found.length + lead.length, query, offer);
}

async function showMore() {
  const next = await page(shown);
  const items = next.map((r) => item(r, null));
  list.append(...items);
  shown += next.length;
  more.hidden = shown >= found.length;
  items[0]?.querySelector("a")?.focus(); // focus moves to the first new result, not lost
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  search();
});
let typing;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(search, 250);
});
for (const box of boxes) box.addEventListener("change", search);
sort.addEventListener("change", search);
more.addEventListener("click", showMore);
clear.addEventListener("click", () => {
  for (const box of boxes) box.checked = false;
  search();
});

app.hidden = false;
restore();
search();
