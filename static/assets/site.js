// The site's small helpers, for readers with JavaScript on; every page works without them.
// - "Print this page" buttons (hidden until this script shows them).
// - "Add to comparison" on career pages: the choice lives in this tab's sessionStorage and
//   in the /compare/ address; it never leaves the browser. See compare.js for the table.

export const MOST = 3;
const KEY = "careersite-compare";

function remembered() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? "[]").filter((s) => /^[a-z0-9-]+$/.test(s));
  } catch {
    return [];
  }
}

export function remember(slugs) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(slugs));
  } catch {
    // storage switched off: the address still carries the comparison
  }
}

function addButton() {
  const button = document.querySelector("[data-compare-add]");
  if (!button) return;
  const slug = button.dataset.compareAdd;
  button.closest(".compare-add").hidden = false;
  button.addEventListener("click", () => {
    const next = [...remembered().filter((s) => s !== slug), slug].slice(-MOST);
    remember(next);
    location.href = `/compare/?careers=${next.join(",")}`;
  });
}

function printButtons() {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.closest(".print-button").hidden = false;
    button.addEventListener("click", () => window.print());
  }
}

addButton();
printButtons();
