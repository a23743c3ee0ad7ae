// Compare up to three careers on /compare/, drawn from /data/careers.json (site.js adds
// careers from their pages). The choice lives in the
// address (?careers=a,b,c), so it can be shared, and in this tab's sessionStorage while the
// reader moves between pages: it never leaves the browser and ends with the tab.

import { MOST, remember } from "/assets/site.js";

function chosen() {
  const list = new URLSearchParams(location.search).get("careers") ?? "";
  return [...new Set(list.split(",").map((s) => s.trim()).filter((s) => /^[a-z0-9-]+$/.test(s)))].slice(0, MOST);
}

function cell(row, text, header = false) {
  const el = document.createElement(header ? "th" : "td");
  if (header) el.scope = "row";
  if (text instanceof Node) el.append(text);
  else el.textContent = text;
  row.append(el);
}

async function comparePage() {
  const app = document.getElementById("compare-app");
  if (!app) return;
  app.hidden = false;
  const status = document.getElementById("compare-status");
  const holder = document.getElementById("compare-table");
  const slugs = chosen();
  remember(slugs);
  document.getElementById("compare-clear").addEventListener("click", () => {
    remember([]);
    history.replaceState(null, "", location.pathname);
    holder.replaceChildren();
    status.textContent = "No careers chosen yet.";
  });
  if (!slugs.length) {
    status.textContent = "No careers chosen yet.";
    return;
  }
  const data = await (await fetch("/data/careers.json")).json();
  const bySlug = new Map(data.careers.map((c) => [c.slug, c]));
  const careers = slugs.map((s) => bySlug.get(s)).filter(Boolean);
  status.textContent = `Comparing ${careers.length} career${careers.length === 1 ? "" : "s"}: ${careers.map((c) => c.title).join(", ")}.`;
  const table = document.createElement("table");
  table.className = "compare";
  const caption = document.createElement("caption");
  caption.textContent = "Your comparison";
  const head = table.createTHead().insertRow();
  head.append(document.createElement("td"));
  for (const c of careers) {
    const th = document.createElement("th");
    th.scope = "col";
    const a = document.createElement("a");
    a.href = `/careers/${c.slug}/`;
    a.textContent = c.title;
    th.append(a);
    head.append(th);
  }
  table.prepend(caption);
  const body = table.createTBody();
  const facts = [
    ["Starting pay", (c) => c.pay || c.pay_note],
    ["Hours", (c) => c.hours],
    ["Ways in", (c) => c.entry_route_names.join("; ")],
    ["Registration", (c) => c.registration || "Not required"],
    ["Labels", (c) => c.labels.join("; ") || "None"],
  ];
  for (const [name, get] of facts) {
    const row = body.insertRow();
    cell(row, name, true);
    for (const c of careers) cell(row, get(c));
  }
  const wrap = document.createElement("div");
  wrap.className = "table-wrap";
  wrap.tabIndex = 0;
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", "Your comparison");
  wrap.append(table);
  holder.replaceChildren(wrap);
}

comparePage();
