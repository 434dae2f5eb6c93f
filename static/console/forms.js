// The error summary (console/partials.html#form_errors), enhancements only: its links work as
// plain anchors without this file.

// A link to a field puts the cursor in the field and shows its label too, where a plain anchor
// would only scroll the field to the very top edge.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-error-summary] a[href^='#']");
  if (!link) return;
  const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!field) return;
  event.preventDefault();
  const label = field.closest("fieldset")?.querySelector("legend")
    || document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
  (label || field).scrollIntoView({ block: "start" });
  field.focus({ preventScroll: true });
});

// `autofocus` does this in every current browser; a page restored from the back-forward cache
// or one whose field asked for focus first gets it here.
const summary = document.querySelector("[data-error-summary]");
if (summary && document.activeElement !== summary && !summary.contains(document.activeElement)) {
  summary.focus();
}
