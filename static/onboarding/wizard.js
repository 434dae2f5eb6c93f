// Enhancements of the onboarding wizard; every step works without this file.

// What the Owner types is kept on the server as a draft of the step while they type, and when
// they leave the page without submitting (Back, a link, signing out), so nothing is lost.
for (const form of document.querySelectorAll("form[data-draft]")) {
  let dirty = false;
  let timer;
  const saveDraft = () => {
    clearTimeout(timer);
    if (!dirty) return;
    dirty = false;
    const data = new FormData(form);
    data.set("action", "draft");
    // The page's own URL: `form.action` would be the button named "action".
    navigator.sendBeacon(location.href, data);
  };
  form.addEventListener("input", () => {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(saveDraft, 600);
  });
  // Leaving a field (say, for the user menu to sign out) keeps what it holds at once.
  form.addEventListener("change", () => {
    dirty = true;
    saveDraft();
  });
  // A submitted form is saved (or kept as a refused draft) by the server itself.
  form.addEventListener("submit", () => {
    dirty = false;
    clearTimeout(timer);
  });
  window.addEventListener("pagehide", saveDraft);
}

