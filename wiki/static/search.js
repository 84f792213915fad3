// Search as you type: page titles offered in a <datalist> under each search box.
// The search works the same without this script; a datalist is keyboard accessible
// (arrow keys, Enter) in every current browser.
document.querySelectorAll("form[data-suggest]").forEach((form) => {
  const input = form.querySelector("input[type=search]");
  if (!input || !window.fetch) return;
  const list = document.createElement("datalist");
  list.id = `${input.id}-suggesties`;
  form.appendChild(list);
  input.setAttribute("list", list.id);
  let timer = null;
  let asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2 || text === asked) return;
    timer = setTimeout(async () => {
      asked = text;
      try {
        const url = `${form.dataset.suggest}?q=${encodeURIComponent(text)}`;
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const data = await response.json();
        list.replaceChildren(
          ...data.suggestions.map((s) => {
            const option = document.createElement("option");
            option.value = s.title;
            return option;
          }),
        );
      } catch {
        // Suggestions are a convenience; searching still works.
      }
    }, 150);
  });
});
