// The event form takes start and end in the local time of the event's place,
// not in the site's zone: Django's note "Enter times in the Asia/Yakutsk
// timezone" (shown when the browser is in another zone) would mislead there.
// Django adds the note on load, so it is removed just after.
window.addEventListener("load", () => {
  setTimeout(() => {
    for (const note of document.querySelectorAll(
      ".field-starts_at .timezonewarning, .field-ends_at .timezonewarning",
    )) {
      note.remove();
    }
  });
});
