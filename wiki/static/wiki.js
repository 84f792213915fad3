// Move focus to an error summary so screen readers announce it.
(function () {
  const summary = document.getElementById("foutmeldingen");
  if (summary) summary.focus();
})();

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

// A table wider than the screen scrolls inside its box: let the keyboard reach that box
// (WCAG 2.1.1), named after the table's caption, and only while it really scrolls.
(function () {
  const wraps = document.querySelectorAll(".table-wrap");
  function mark() {
    wraps.forEach((wrap) => {
      const scrolls = wrap.scrollWidth > wrap.clientWidth;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        const caption = wrap.querySelector("caption");
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (caption && caption.textContent.trim()) || "Tabel");
      } else if (!scrolls && wrap.hasAttribute("tabindex")) {
        ["tabindex", "role", "aria-label"].forEach((name) => wrap.removeAttribute(name));
      }
    });
  }
  if (wraps.length) {
    mark();
    window.addEventListener("resize", mark);
  }
})();

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

// On a narrow screen the menu, search and account links fold away behind a Menu
// button, so the page starts near the top. Without this script they simply show.
(function () {
  const header = document.querySelector(".site-header");
  const button = header && header.querySelector(".menu-button");
  const menu = document.getElementById("site-menu");
  if (!button || !menu) return;
  header.classList.add("has-menu");
  button.hidden = false;
  function open(yes) {
    button.setAttribute("aria-expanded", String(yes));
    header.classList.toggle("is-open", yes);
  }
  button.addEventListener("click", () => open(button.getAttribute("aria-expanded") !== "true"));
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && header.classList.contains("is-open")) {
      open(false);
      button.focus();
    }
  });
})();

// "Printen" prints the page as its card (see the print styles); without this script
// the browser's own print command does the same.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
