// Mini program forms, enhancements only: every form works and is checked on the server without
// this file.

// East Asian wide (W) and full-width (F) code points, Unicode 15.0.0, the ones Python's
// unicodedata counts as 2 in miniprograms.validators.weighted_length. A test keeps them equal.
const WIDE_RANGES = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0],
  [0x23f3, 0x23f3], [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f],
  [0x2693, 0x2693], [0x26a1, 0x26a1], [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5],
  [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea], [0x26f2, 0x26f3], [0x26f5, 0x26f5],
  [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b], [0x2728, 0x2728],
  [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55],
  [0x2e80, 0x2e99], [0x2e9b, 0x2ef3], [0x2f00, 0x2fd5], [0x2ff0, 0x2ffb], [0x3000, 0x303e],
  [0x3041, 0x3096], [0x3099, 0x30ff], [0x3105, 0x312f], [0x3131, 0x318e], [0x3190, 0x31e3],
  [0x31f0, 0x321e], [0x3220, 0x3247], [0x3250, 0x4dbf], [0x4e00, 0xa48c], [0xa490, 0xa4c6],
  [0xa960, 0xa97c], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe52],
  [0xfe54, 0xfe66], [0xfe68, 0xfe6b], [0xff01, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4],
  [0x16ff0, 0x16ff1], [0x17000, 0x187f7], [0x18800, 0x18cd5], [0x18d00, 0x18d08],
  [0x1aff0, 0x1aff3], [0x1aff5, 0x1affb], [0x1affd, 0x1affe], [0x1b000, 0x1b122],
  [0x1b132, 0x1b132], [0x1b150, 0x1b152], [0x1b155, 0x1b155], [0x1b164, 0x1b167],
  [0x1b170, 0x1b2fb], [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a], [0x1f200, 0x1f202], [0x1f210, 0x1f23b], [0x1f240, 0x1f248],
  [0x1f250, 0x1f251], [0x1f260, 0x1f265], [0x1f300, 0x1f320], [0x1f32d, 0x1f335],
  [0x1f337, 0x1f37c], [0x1f37e, 0x1f393], [0x1f3a0, 0x1f3ca], [0x1f3cf, 0x1f3d3],
  [0x1f3e0, 0x1f3f0], [0x1f3f4, 0x1f3f4], [0x1f3f8, 0x1f43e], [0x1f440, 0x1f440],
  [0x1f442, 0x1f4fc], [0x1f4ff, 0x1f53d], [0x1f54b, 0x1f54e], [0x1f550, 0x1f567],
  [0x1f57a, 0x1f57a], [0x1f595, 0x1f596], [0x1f5a4, 0x1f5a4], [0x1f5fb, 0x1f64f],
  [0x1f680, 0x1f6c5], [0x1f6cc, 0x1f6cc], [0x1f6d0, 0x1f6d2], [0x1f6d5, 0x1f6d7],
  [0x1f6dc, 0x1f6df], [0x1f6eb, 0x1f6ec], [0x1f6f4, 0x1f6fc], [0x1f7e0, 0x1f7eb],
  [0x1f7f0, 0x1f7f0], [0x1f90c, 0x1f93a], [0x1f93c, 0x1f945], [0x1f947, 0x1f9ff],
  [0x1fa70, 0x1fa7c], [0x1fa80, 0x1fa88], [0x1fa90, 0x1fabd], [0x1fabf, 0x1fac5],
  [0x1face, 0x1fadb], [0x1fae0, 0x1fae8], [0x1faf0, 0x1faf8], [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

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

  input.addEventListener("change", () => {
    report("");
    const file = input.files[0];
    if (!file) return;
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
      box.replaceChildren(image);
    });
    image.addEventListener("error", () => report(input.dataset.msgContent));
    image.src = url;
  });
}

// Industry: a search box that narrows the select's options (the select alone works without it).
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
      const match = !option.value || option.text.toLowerCase().includes(words);
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
