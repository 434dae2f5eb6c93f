// Mini program forms, enhancements only: every form works and is checked on the server without
// this file.

// WIDE_RANGES comes from wide_characters.js, loaded first: the server's own table
// (core/unicode_tables.py), so the counter and the server count a name alike.
function isWide(codePoint) {
  let low = 0;
  let high = WIDE_RANGES.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = WIDE_RANGES[middle];
    if (codePoint < start) high = middle - 1;
    else if (codePoint > end) low = middle + 1;
    else return true;
  }
  return false;
}

function weightedLength(text) {
  let length = 0;
  for (const char of text) length += isWide(char.codePointAt(0)) ? 2 : 1;
  return length;
}

// Live counters: "12 / 30", flagged while outside the allowed range.
function setUpCounter(input) {
  const counter = document.createElement("span");
  counter.className = "char-counter";
  counter.setAttribute("aria-live", "polite");
  input.insertAdjacentElement("afterend", counter);
  const min = Number(input.dataset.min);
  const max = Number(input.dataset.max);
  const measure = input.dataset.counter === "weighted" ? weightedLength : (text) => [...text].length;
  const update = () => {
    const length = measure(input.value.trim());
    counter.textContent = `${length} / ${max}`;
    counter.classList.toggle("char-counter-bad", length > 0 && (length < min || length > max));
  };
  input.addEventListener("input", update);
  update();
}

// Logo: the server's checks (type, size, square, pixel ceiling) before uploading, and a preview.
function setUpLogoPreview(input) {
  const box = document.querySelector(`[data-logo-preview-for="${input.id}"]`);
  if (!box) return;
  const note = document.createElement("p");
  note.className = "logo-check";
  note.setAttribute("role", "status");
  box.insertAdjacentElement("beforebegin", note);
  const maxBytes = Number(input.dataset.maxBytes);
  const maxPixels = Number(input.dataset.maxPixels);
  let url = null;

  const report = (message) => {
    note.textContent = message;
    note.classList.toggle("logo-check-bad", Boolean(message));
  };
  // The server's verdict on the file sent before, which a file that passes here replaces.
  const clearServerError = () => {
    const errorId = `${input.id}_error`;
    document.getElementById(errorId)?.remove();
    input.removeAttribute("aria-invalid");
    const described = (input.getAttribute("aria-describedby") || "").split(" ");
    input.setAttribute("aria-describedby", described.filter((id) => id && id !== errorId).join(" "));
  };

  input.addEventListener("change", () => {
    report("");
    const file = input.files[0];
    if (!file) return;
    // A logo kept from the last try is replaced by the file picked now.
    document.querySelector(`[data-logo-kept-for="${input.id}"]`)?.remove();
    if (!/\.(jpe?g|png)$/i.test(file.name)) return report(input.dataset.msgExtension);
    if (file.size > maxBytes) return report(input.dataset.msgSize);
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(file);
    const image = new Image();
    image.alt = "";
    image.width = 96;
    image.height = 96;
    image.addEventListener("load", () => {
      const { naturalWidth: width, naturalHeight: height } = image;
      if (width * height > maxPixels) report(input.dataset.msgPixels);
      else if (width !== height) report(input.dataset.msgSquare.replace("%s", `${width} x ${height}`));
      else clearServerError();
      box.replaceChildren(image);
    });
    image.addEventListener("error", () => report(input.dataset.msgContent));
    image.src = url;
  });
}

// Industry: a search box that narrows the select's options (the select alone works without it),
// matching either name (both are in the option's text) or a keyword, whatever the case.
function setUpSearchableSelect(select) {
  const search = document.createElement("input");
  search.type = "search";
  search.className = "select-search";
  search.placeholder = select.dataset.searchable;
  search.setAttribute("aria-label", select.dataset.searchable);
  search.setAttribute("aria-controls", select.id);
  select.insertAdjacentElement("beforebegin", search);
  search.addEventListener("input", () => {
    const words = search.value.trim().toLowerCase();
    const matches = [];
    for (const option of select.options) {
      const text = `${option.text} ${option.dataset.keywords || ""}`.toLowerCase();
      const match = !option.value || text.includes(words);
      option.hidden = !match;
      if (match && option.value) matches.push(option);
    }
    if (matches.length === 1) select.value = matches[0].value;
  });
}

// Alipay China: the default language is Chinese (Simplified) and cannot be changed meanwhile.
function setUpLanguageLock(checkbox) {
  const select = checkbox.form?.querySelector("select[data-default-language]");
  if (!select) return;
  let chosen = select.value;
  const apply = () => {
    if (checkbox.checked) {
      if (!select.disabled) chosen = select.value;
      select.value = checkbox.dataset.locksLanguage;
      select.disabled = true;
    } else if (select.disabled) {
      select.disabled = false;
      select.value = chosen;
    }
  };
  checkbox.addEventListener("change", apply);
  apply();
}

document.querySelectorAll("[data-counter]").forEach(setUpCounter);
document.querySelectorAll("input[type=file][data-logo-preview]").forEach(setUpLogoPreview);
document.querySelectorAll("select[data-searchable]").forEach(setUpSearchableSelect);
document.querySelectorAll("input[data-locks-language]").forEach(setUpLanguageLock);
