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
