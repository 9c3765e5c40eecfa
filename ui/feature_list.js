// Veta's feature list (a Streamlit components v2 module): filters and search run here, with no rerun.
//
// `data` comes from veta/feature_list.py: `controls` and `table` are HTML fragments built and escaped in
// Python (escape_text, once); this script inserts them as they are and never builds markup from data.
// `fold` holds the rules to fold a query exactly as veta.reader.fold does (see fold_rules there).
//
// Streamlit calls this function again whenever `data` changes (a new selection, after a rerun), on the same
// DOM: the controls are kept (so the filters survive), the table is swapped, the filters re-applied.
// Handlers are element properties (`onclick = …`), so calling again replaces them instead of adding more.

function folder(rules) {
  const casefold = new Map(Object.entries(rules.casefold));
  const combining = new RegExp(`[${rules.combining}]`, "gu");
  const space = new RegExp(`[${rules.space}]+`, "u");
  const fold = (text) =>
    Array.from(text, (ch) => casefold.get(ch) ?? ch.toLowerCase())
      .join("")
      .normalize("NFKD")
      .replace(combining, "");
  // Like veta.reader.matches_query: every word of the query occurs in the (already folded) text.
  return (query) => {
    const words = fold(query).split(space).filter(Boolean);
    return (haystack) => words.every((word) => haystack.includes(word));
  };
}

function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html; // escaped in Python: see veta/feature_list.py
  return template.content;
}

function narrowKinds(mount) {
  // The kinds offered are those of the chosen layer (veta.panels.kinds_in); a kind no longer offered is reset.
  const layer = mount.querySelector('[data-filter="layer"]').value;
  const select = mount.querySelector('[data-filter="kind"]');
  const current = select.value;
  const fits = mount.vetaKinds.filter(
    (option) => !option.value || !layer || option.dataset.layers.split(" ").includes(layer),
  );
  select.replaceChildren(...fits);
  select.value = fits.some((option) => option.value === current) ? current : "";
}

function applyFilters(mount) {
  const layer = mount.querySelector('[data-filter="layer"]').value;
  const kind = mount.querySelector('[data-filter="kind"]').value;
  const matches = mount.vetaMatcher(mount.querySelector('[data-filter="query"]').value);
  let shown = 0;
  for (const row of mount.querySelectorAll("tbody tr[data-feature]")) {
    const keep =
      (!layer || row.dataset.layer === layer) && (!kind || row.dataset.kind === kind) && matches(row.dataset.search);
    row.hidden = !keep;
    shown += keep ? 1 : 0;
  }
  const count = mount.querySelector(".veta-list-count");
  const text = `${shown}${count.dataset.suffix}`;
  if (count.textContent !== text) count.textContent = text;
  mount.querySelector(".veta-list-empty").hidden = shown > 0;
  const wrap = mount.querySelector(".veta-table-wrap");
  if (wrap) wrap.hidden = shown === 0;
}

function render(mount, data) {
  mount.vetaPicked = data.picked || "{name}"; // the status line after a pick, in the page's language
  if (mount.vetaControls !== data.controls) {
    const kept = [...mount.querySelectorAll("[data-filter]")].map((el) => [el.dataset.filter, el.value]);
    const controls = document.createElement("div");
    controls.className = "veta-list-controls";
    controls.append(fragment(data.controls));
    const table = document.createElement("div");
    table.className = "veta-list-body";
    const picked = document.createElement("p");
    picked.className = "veta-list-picked";
    picked.setAttribute("role", "status");
    mount.replaceChildren(controls, picked, table);
    mount.vetaControls = data.controls;
    mount.vetaTable = undefined;
    mount.vetaKinds = [...mount.querySelector('[data-filter="kind"]').options];
    for (const [name, value] of kept) {
      const el = mount.querySelector(`[data-filter="${name}"]`);
      if (el) el.value = value;
      if (name === "layer") narrowKinds(mount);
    }
  }
  if (mount.vetaTable !== data.table) {
    // Keep keyboard focus on the same feature's button when the rows are replaced.
    const focused = mount.contains(document.activeElement) ? document.activeElement.closest("button.veta-pick") : null;
    const body = mount.querySelector(".veta-list-body");
    body.replaceChildren(fragment(data.table));
    mount.vetaTable = data.table;
    if (focused) {
      const again = [...body.querySelectorAll("button.veta-pick")].find(
        (button) => button.dataset.feature === focused.dataset.feature,
      );
      again?.focus({ preventScroll: true }); // the map, above, stays where a pick brought it
    }
  }
}

function showPicked(mount, button) {
  // Visible at once, before the server answers: the row is marked, and a status line says where to look.
  for (const row of mount.querySelectorAll("tr.veta-row-selected")) row.classList.remove("veta-row-selected");
  for (const other of mount.querySelectorAll("button.veta-pick[aria-current]")) other.removeAttribute("aria-current");
  button.closest("tr")?.classList.add("veta-row-selected");
  button.setAttribute("aria-current", "true");
  const status = mount.querySelector(".veta-list-picked");
  if (status) status.textContent = mount.vetaPicked.replace("{name}", button.textContent);
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const mount = parentElement.querySelector(".veta-feature-list");
  if (!mount || !data) return undefined;
  mount.vetaMatcher = folder(data.fold);
  render(mount, data);
  narrowKinds(mount);
  applyFilters(mount);
  mount.oninput = (event) => {
    if (!event.target.matches?.("[data-filter]")) return;
    if (event.target.dataset.filter === "layer") narrowKinds(mount);
    applyFilters(mount);
  };
  mount.onclick = (event) => {
    const button = event.target.closest?.("button.veta-pick");
    if (!button || !mount.contains(button)) return;
    showPicked(mount, button);
    // The map on the page (ui/map_display.js) shows the pick at once and is scrolled into view.
    window.dispatchEvent(new CustomEvent("veta:pick", { detail: { id: button.dataset.feature } }));
    setTriggerValue("pick", button.dataset.feature);
  };
  const generation = (mount.vetaGeneration ?? 0) + 1;
  mount.vetaGeneration = generation;
  // Streamlit keeps only the latest call's cleanup and runs it on unmount; an earlier call's cleanup can run
  // late (when its data was replaced before it finished), so it only acts if no later call happened.
  return () => {
    if (mount.vetaGeneration === generation) {
      mount.oninput = null;
      mount.onclick = null;
    }
  };
}
