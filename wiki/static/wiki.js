// Progressive enhancement: copy buttons appear only when the clipboard can be used.
document.querySelectorAll("[data-copy]").forEach((button) => {
  if (!navigator.clipboard) return;
  const source = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector(".copy-status");
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.innerText.trim());
      status.textContent = "De uitnodiging staat op het klembord.";
    } catch {
      status.textContent = "Kopiëren lukte niet. Selecteer de tekst en kopieer hem zelf.";
    }
  });
});

// On a page reached after saving, forget the draft that was just saved.
(function () {
  const flash = document.querySelector(".flash");
  if (!flash) return;
  try {
    Object.keys(window.localStorage).forEach((k) => {
      if (k.endsWith(":verzonden")) {
        window.localStorage.removeItem(k);
        window.localStorage.removeItem(k.slice(0, -":verzonden".length));
      }
    });
  } catch (error) { /* storage unavailable */ }
})();
