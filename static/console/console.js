// Enhancements only: every page works without this file (early.js marks the page as scripted).

document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-autosubmit]");
  if (select && select.form) select.form.requestSubmit();
});

document.addEventListener("submit", (event) => {
  const message = event.submitter?.dataset.confirm || event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

// The navigation folds behind the Menu button on narrow screens (console.css); the button stays
// hidden without this file, and the links then stay on screen.
const navToggle = document.querySelector(".nav-toggle");
const nav = navToggle && document.getElementById(navToggle.getAttribute("aria-controls"));
if (nav) {
  const showNav = (open) => {
    navToggle.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("is-open", open);
  };
  navToggle.hidden = false;
  navToggle.addEventListener("click", () => showNav(navToggle.getAttribute("aria-expanded") !== "true"));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || navToggle.getAttribute("aria-expanded") !== "true") return;
    if (!nav.contains(document.activeElement) && document.activeElement !== navToggle) return;
    showNav(false);
    navToggle.focus();
  });
}

// The navigation stays in view under the top bar on a wide screen (console.css), at the bar's
// height, which changes when its tools wrap.
const topbar = document.querySelector(".topbar");
if (topbar) {
  new ResizeObserver(() => {
    document.documentElement.style.setProperty("--topbar-height", `${topbar.offsetHeight}px`);
  }).observe(topbar);
}

// The user menu is a <details>: it closes on Escape (focus back on its summary) and when a click
// lands anywhere else, like any other menu.
for (const menu of document.querySelectorAll("details.user-menu")) {
  const summary = menu.querySelector("summary");
  menu.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || !menu.open) return;
    menu.open = false;
    summary.focus();
  });
  document.addEventListener("click", (event) => {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
  menu.addEventListener("focusout", (event) => {
    if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) menu.open = false;
  });
}

// On a phone (console.css) each row of a table stacks into "header: value" lines: every cell
// gets its column's header as a label. The roles keep it a table for screen readers, which
// drop a table's meaning once CSS stops displaying it as one.
for (const table of document.querySelectorAll("table.table")) {
  const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  if (!headers.length) continue;
  table.setAttribute("role", "table");
  for (const group of table.querySelectorAll(":scope > thead, :scope > tbody")) group.setAttribute("role", "rowgroup");
  for (const row of table.rows) {
    row.setAttribute("role", "row");
    [...row.cells].forEach((cell, index) => {
      if (cell.tagName === "TH") cell.setAttribute("role", cell.scope === "row" ? "rowheader" : "columnheader");
      else cell.setAttribute("role", "cell");
      if (cell.tagName !== "TD") return;
      if (!cell.textContent.trim() && !cell.children.length) cell.classList.add("blank");
      else if (cell.colSpan === 1 && headers[index]) cell.dataset.label = headers[index];
    });
  }
}

// A table wider than its box scrolls inside it; a box that scrolls becomes a labelled region
// the keyboard can reach and scroll with the arrow keys.
const scrollBoxes = document.querySelectorAll(".table-wrap");
const labelScrolling = () => {
  for (const box of scrollBoxes) {
    const scrolls = box.scrollWidth > box.clientWidth;
    if (scrolls && !box.hasAttribute("tabindex")) {
      const heading = box.closest("section")?.querySelector("h2, h3") || document.querySelector("main h1");
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      if (heading) box.setAttribute("aria-label", heading.textContent.trim());
    } else if (!scrolls && box.hasAttribute("tabindex")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  }
};
if (scrollBoxes.length) {
  labelScrolling();
  new ResizeObserver(labelScrolling).observe(document.documentElement);
}

// The App ID field of a workspace with many mini programs (members.forms.MiniProgramAppIds):
// a search box under it whose results add their App ID to the field.
for (const field of document.querySelectorAll("input[data-mini-program-search]")) {
  const search = document.createElement("input");
  search.type = "search";
  search.className = "picker-search";
  search.setAttribute("aria-label", field.dataset.searchLabel);
  search.placeholder = field.dataset.searchLabel;
  const results = document.createElement("ul");
  results.className = "picker-results";
  results.setAttribute("aria-live", "polite");
  field.after(search, results);

  const add = (appId) => {
    const appIds = field.value.split(/[\s,]+/).filter(Boolean);
    if (!appIds.includes(appId)) appIds.push(appId);
    field.value = appIds.join(" ");
  };
  const show = (choices) => {
    results.replaceChildren(
      ...choices.map(({ app_id: appId, name }) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button button-small";
        button.textContent = `${name || appId} (${appId})`;
        button.addEventListener("click", () => add(appId));
        const item = document.createElement("li");
        item.append(button);
        return item;
      }),
    );
    if (!choices.length) {
      const item = document.createElement("li");
      item.className = "muted";
      item.textContent = field.dataset.noMatch;
      results.append(item);
    }
  };

  let timer;
  let latest = 0;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const query = search.value.trim();
      const asked = ++latest;
      if (!query) return results.replaceChildren();
      const response = await fetch(`${field.dataset.miniProgramSearch}?${new URLSearchParams({ q: query })}`);
      // An answer to an older query must not replace the one to the newest.
      if (response.ok && asked === latest) show((await response.json()).results);
    }, 200);
  });
  // Enter in the search box picks nothing and must not send the form half-filled.
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault();
  });
}
