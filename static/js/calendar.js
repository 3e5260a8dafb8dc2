// The calendar's address can be copied with one click. Without script the
// field stays a read-only text to select by hand, and the button stays hidden.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-copy-target]")) {
    if (!navigator.clipboard) continue;
    const field = document.getElementById(button.dataset.copyTarget);
    const status = button.closest(".field")?.querySelector("[data-copy-status]");
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", async () => {
      field.select();
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        return; // The text stays selected: the visitor can copy it by hand.
      }
      button.textContent = button.dataset.copiedText;
      if (status) status.textContent = button.dataset.copiedText;
      setTimeout(() => { button.textContent = label; }, 2500);
    });
  }
  for (const field of document.querySelectorAll(".copy-field__input")) {
    field.addEventListener("focus", () => field.select());
  }
});
