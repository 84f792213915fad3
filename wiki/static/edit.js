// Edit form enhancements; the form works fully without them.
(function () {
  const form = document.querySelector("form.edit-form");
  if (!form) return;

  const summary = document.getElementById("foutmeldingen");

  // Live preview of the markdown text, rendered by the server.
  const body = form.querySelector("textarea[name=body]");
  const region = form.querySelector(".live-preview");
  const box = region && region.querySelector(".preview-box");
  const token = form.querySelector("input[name=csrf_token]");
  let timer = null;
  async function refresh() {
    const data = new URLSearchParams({ body: body.value, csrf_token: token ? token.value : "" });
    try {
      const response = await fetch(region.dataset.previewUrl, {
        method: "POST",
        body: data,
        headers: { "X-CSRFToken": token ? token.value : "" },
      });
      if (response.ok) {
        box.innerHTML = await response.text(); // sanitised by the server (nh3)
        region.hidden = false;
      }
    } catch (error) {
      /* offline: the "Bekijk voorbeeld" button still works */
    }
  }
  if (body && region) {
    body.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 700);
    });
  }

  // Keep a draft in this browser while typing, so nothing is lost if saving fails.
  const key = form.dataset.draftKey;
  const fields = () => Array.from(form.querySelectorAll("input[type=text], input:not([type]), textarea"));
  function snapshot() {
    const values = {};
    fields().forEach((el) => { if (el.name) values[el.name] = el.value; });
    return values;
  }
  let storage = null;
  try { storage = window.localStorage; } catch (error) { storage = null; }
  if (!storage || !key) return;
  const saved = storage.getItem(key);
  if (saved && !summary) {
    const values = JSON.parse(saved);
    const differs = fields().some((el) => el.name in values && values[el.name] !== el.value);
    if (differs) {
      const note = document.createElement("div");
      note.className = "notice";
      note.setAttribute("role", "status");
      note.innerHTML = '<p>Er is een concept van je vorige bewerking in deze browser bewaard.</p>';
      const restore = document.createElement("button");
      restore.type = "button";
      restore.className = "button button--secondary";
      restore.textContent = "Zet het concept terug";
      restore.addEventListener("click", () => {
        fields().forEach((el) => { if (el.name in values) el.value = values[el.name]; });
        note.remove();
        if (body) body.focus();
      });
      const discard = document.createElement("button");
      discard.type = "button";
      discard.className = "button button--secondary";
      discard.textContent = "Gooi het concept weg";
      discard.addEventListener("click", () => { storage.removeItem(key); note.remove(); });
      note.append(restore, " ", discard);
      form.prepend(note);
    }
  }
  form.addEventListener("input", () => storage.setItem(key, JSON.stringify(snapshot())));
  // A successful save lands on the page with a status message; the draft is then done.
  form.addEventListener("submit", (event) => {
    if (event.submitter && event.submitter.value === "save") {
      storage.setItem(key + ":verzonden", "1");
    }
  });
})();

// Suggest existing tags while typing in the comma-separated tags field.
(function () {
  const input = document.querySelector("input[data-suggest][list]");
  if (!input || !window.fetch) return;
  const list = document.getElementById(input.getAttribute("list"));
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const parts = input.value.split(",");
      const typed = parts.pop().trim();
      if (!typed) return;
      const before = parts.map((p) => p.trim()).filter(Boolean);
      try {
        const response = await fetch(input.dataset.suggest + "?q=" + encodeURIComponent(typed));
        const data = await response.json();
        list.replaceChildren(...data.tags.map((tag) => {
          const option = document.createElement("option");
          option.value = before.concat([tag.name]).join(", ");
          return option;
        }));
      } catch (error) { /* suggestions are a convenience only */ }
    }, 250);
  });
})();

// Searchable reference fields (e.g. an experience's dilemmas): matches appear as you
// type. Without this script the "Zoek" button asks the server for the same list.
document.querySelectorAll("input[data-picker]").forEach((input) => {
  if (!window.fetch) return;
  const box = document.getElementById(input.dataset.pickerTarget);
  const status = input.closest(".picker__search").querySelector(".picker__status");
  let timer = null;
  async function find() {
    const text = input.value.trim();
    try {
      const response = await fetch(input.dataset.picker + "&q=" + encodeURIComponent(text));
      if (!response.ok) return;
      const found = document.createElement("div");
      found.innerHTML = await response.text(); // rendered and escaped by the server
      // Keep what is ticked; replace the rest by what was found now.
      box.querySelectorAll(".choice").forEach((choice) => {
        if (!choice.querySelector("input").checked) choice.remove();
      });
      const shown = new Set(Array.from(box.querySelectorAll("input"), (i) => i.value));
      const fresh = Array.from(found.querySelectorAll(".choice"))
        .filter((choice) => !shown.has(choice.querySelector("input").value));
      box.append(...fresh);
      status.textContent = !text ? "" : fresh.length
        ? `${fresh.length} gevonden. Vink aan wat past.`
        : `Niets gevonden met ‘${text}’.`;
    } catch (error) { /* the Zoek button still works */ }
  }
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(find, 250);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(timer);
      find();
    }
  });
});
