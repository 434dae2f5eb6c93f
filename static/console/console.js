// Enhancements only: every page works without this file.
document.documentElement.classList.add("js");

document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-autosubmit]");
  if (select && select.form) select.form.requestSubmit();
});

document.addEventListener("submit", (event) => {
  const message = event.submitter?.dataset.confirm || event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
});

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
