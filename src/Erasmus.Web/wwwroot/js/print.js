// The report page's "print / save as PDF" button: the browser's own print dialog (no inline script under the CSP).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
