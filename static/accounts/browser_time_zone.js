// Fills a form's hidden time zone field with the browser's own zone, so a new account shows
// dates in local time from its first page. Without JavaScript the account starts in UTC.
"use strict";
document.querySelectorAll("input[data-browser-time-zone]").forEach(function (field) {
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    field.value = "";
  }
});
