// Loaded before the page is drawn, so the styles for pages with scripts (a folded navigation
// on phones, tables stacked into lines) apply from the first paint and nothing shifts later.
document.documentElement.classList.add("js");
