// "Select all" on the import-export export page. The library wires it with an
// inline onchange attribute, which the Content Security Policy blocks; the
// template drops the attribute and this file binds the same handler.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  const toggle = document.querySelector("input.select-toggle");
  if (!toggle) {
    return;
  }
  toggle.addEventListener("change", function () {
    const boxes = document.querySelectorAll(
      '.selectable-field-export-row input[type="checkbox"]'
    );
    boxes.forEach(function (box) {
      box.checked = toggle.checked;
    });
  });
});
