// Names for the parts of Django admin's widgets that their own scripts draw without one, so a
// screen reader can tell what each is (tests/e2e/test_admin_accessibility.py runs axe-core).
// The widgets are drawn at different moments (SelectFilter2 on load, Select2 on jQuery's
// ready, which may come later, and again for each inline row added), so every addition to the
// page is looked at.

function nameSelect2(select) {
  const label = document.querySelector(`label[for="${select.id}"]`);
  const rendered = document.getElementById(`select2-${select.id}-container`);
  if (!label || !rendered || rendered.hasAttribute("aria-labelledby")) return;
  label.id ||= `${select.id}_label`;
  // Select2 labels the box with its own text, which is empty until something is chosen.
  rendered.closest("[role=combobox]")?.setAttribute("aria-labelledby", `${label.id} ${rendered.id}`);
  rendered.setAttribute("aria-labelledby", label.id);
}

function nameWidgets() {
  // The filter boxes' magnifying glass carries a description that a plain span may not have.
  document.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach((icon) => {
    icon.setAttribute("role", "img");
  });
  document.querySelectorAll("select.admin-autocomplete").forEach(nameSelect2);
}

nameWidgets();
new MutationObserver(nameWidgets).observe(document.body, { childList: true, subtree: true });
