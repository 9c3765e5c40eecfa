// Veta's map display (a Streamlit components v2 module; see ui/map_display.py). Public APIs only.
//
// `data` (from Python): src (the map file), title, height (CSS length), selected (a feature id or null),
// messages (the map speaks the DESIGN.md contract), keys ({"ArrowLeft": "prev", …} or null), prefetch
// ({action: map file}: the map each key action shows next, fetched ahead and loaded as soon as the key is pressed). The element holds the map's iframe: made here, or handed over already
// drawn by ui/internals.js when serve.py preloaded it.
//
// Map -> page: {type: "veta:feature", id, map} when the user picks a feature in the map: sent on as the
// `clicked` trigger (Python writes ?feature= in the trigger's callback: one rerun, one history entry).
// Page -> map: {type: "veta:select", id} when the selection changes: the map highlights it in place (no new
// map); it answers {type: "veta:selected", id}. The feature list announces a pick at once with a window
// event, `veta:pick`, so the map shows it (and is scrolled into view) before the server has answered.

const SANDBOX =
  "allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox allow-same-origin allow-scripts allow-downloads";

function makeFrame(src, title, selected) {
  if (window.vetaMapFrame) return window.vetaMapFrame(src, title, selected);
  const frame = document.createElement("iframe");
  frame.className = "veta-map-frame";
  frame.setAttribute("sandbox", SANDBOX);
  frame.title = title;
  frame.dataset.vetaSrc = src;
  frame.dataset.vetaSelected = selected || "";
  frame.src = src + (selected ? `#feature=${encodeURIComponent(selected)}` : "");
  return frame;
}

// A new map in the same frame replaces the frame's page in the session history: setting `src` would add an
// entry, and Back would then need two presses for one step or one pick.
function navigate(frame, url) {
  try {
    frame.contentWindow.location.replace(new URL(url, window.location.href).href);
  } catch (error) {
    frame.src = url;
  }
}

function post(frame, message) {
  try {
    frame.contentWindow?.postMessage(message, window.location.origin);
  } catch (error) {
    /* the frame is navigating: it selects from its hash when it loads */
  }
}

function select(frame, id) {
  frame.dataset.vetaSelected = id || "";
  post(frame, { type: "veta:select", id: id || null });
}

function typing(target) {
  return Boolean(target?.closest?.("input, textarea, select, [contenteditable=''], [contenteditable='true']"));
}

// In the map's document (same origin): a press focuses the map without scrolling the page. Leaflet focuses
// the map on mousedown with a plain focus(), which scrolls the page to show the whole frame when its bottom is
// below the screen, so the press's release lands elsewhere and the first click or tap is lost. Focused first
// with preventScroll, Leaflet finds the map focused and leaves it. Also: the tour's keys while the map has focus.
function fitFrameDocument(frame) {
  let doc;
  try {
    doc = frame.contentDocument;
  } catch (error) {
    return;
  }
  if (!doc || doc.vetaDisplayHooked) return;
  doc.vetaDisplayHooked = true;
  const focusWithoutScroll = (event) => {
    const map = event.target?.closest?.(".leaflet-container");
    if (map && doc.activeElement !== map && !typing(event.target)) map.focus({ preventScroll: true });
  };
  doc.addEventListener("pointerdown", focusWithoutScroll, true);
  doc.addEventListener("mousedown", focusWithoutScroll, true);
  doc.addEventListener("touchstart", focusWithoutScroll, { capture: true, passive: true });
  doc.addEventListener(
    "keydown",
    (event) => {
      const state = frame.vetaState;
      const action = state?.keyAction(event);
      if (!action) return;
      event.preventDefault(); // not a pan of the map
      event.stopPropagation();
      state.onKey(action);
    },
    true,
  );
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const host = parentElement.querySelector("div.veta-map-display");
  if (!host || !data || !data.src) return undefined;
  host.style.height = data.height;
  host.dataset.vetaMessages = data.messages ? "1" : "0";

  let frame = host.querySelector(":scope > iframe.veta-map-frame");
  if (!frame || frame.dataset.vetaSrc !== data.src) {
    const taken = window.vetaInternals?.take?.(data.src, host) ?? null;
    const selected = data.messages ? data.selected : null;
    if (taken) {
      if (frame && frame !== taken) frame.remove();
      frame = taken;
    }
    if (frame && frame.dataset.vetaSrc !== data.src) {
      // Another map in the same element (a tour's next step; a map that cannot select in place): same frame.
      frame.dataset.vetaSrc = data.src;
      frame.dataset.vetaSelected = selected || "";
      navigate(frame, data.src + (selected ? `#feature=${encodeURIComponent(selected)}` : ""));
    } else if (!frame) {
      frame = makeFrame(data.src, data.title, selected);
      host.prepend(frame);
    }
  }
  frame.title = data.title;
  frame.style.cssText = "display:block;width:100%;border:0;color-scheme:normal;height:100%";
  if (data.messages && (frame.dataset.vetaSelected || "") !== (data.selected || "")) select(frame, data.selected);

  // Prefetch the maps the next action shows (a tour's next and previous steps): the browser caches them.
  for (const src of Object.values(data.prefetch || {})) {
    if (!document.head.querySelector(`link[rel="prefetch"][href="${CSS.escape(src)}"]`)) {
      const link = document.createElement("link");
      link.rel = "prefetch";
      link.href = src;
      document.head.append(link);
    }
  }

  const state = {
    keyAction(event) {
      if (!data.keys || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
      if (typing(event.target)) return null;
      return data.keys[event.key] || null;
    },
    onKey(action) {
      // The map the action leads to (a tour's next step) starts loading now, while the server runs the page.
      const next = data.prefetch?.[action];
      if (next && frame.dataset.vetaSrc !== next) {
        frame.dataset.vetaSrc = next;
        frame.dataset.vetaSelected = "";
        navigate(frame, next);
      }
      setTriggerValue("key", action);
    },
  };
  frame.vetaState = state;
  const onLoad = () => {
    fitFrameDocument(frame);
    // A selection made while the map was loading went to the frame's previous document: send it again.
    const atLoad = /#feature=([^&]*)$/.exec(frame.contentWindow?.location.hash || "");
    const loadedWith = atLoad ? decodeURIComponent(atLoad[1]) : "";
    if (data.messages && (frame.dataset.vetaSelected || "") !== loadedWith) select(frame, frame.dataset.vetaSelected);
  };
  frame.onload = onLoad;
  fitFrameDocument(frame); // a preloaded frame may have loaded already

  // One set of listeners per element, reading the latest call's data: Streamlit calls this function again
  // on every new `data` and keeps only the latest call's cleanup, so listeners added per call would pile up
  // (a key pressed once would then step the tour twice).
  host.vetaLatest = { data, frame, state, setTriggerValue };
  if (!host.vetaListeners) {
    host.vetaListeners = {
      message(event) {
        const { data: now, frame: shown, setTriggerValue: trigger } = host.vetaLatest;
        const message = event.data;
        if (event.origin !== window.location.origin || event.source !== shown.contentWindow || !message) return;
        if (message.type === "veta:feature" && typeof message.id === "string") {
          if (message.map && message.map !== new URL(now.src, window.location.href).pathname) return;
          if (now.messages) select(shown, message.id);
          trigger("clicked", message.id);
        } else if (message.type === "veta:selected") {
          host.dataset.vetaShown = message.id || "";
        }
      },
      pick(event) {
        const { data: now, frame: shown } = host.vetaLatest;
        const id = event.detail?.id;
        if (typeof id !== "string") return;
        if (now.messages) select(shown, id);
        const box = host.getBoundingClientRect();
        if (box.top < 0 || box.top > window.innerHeight - 120) host.scrollIntoView({ block: "start" });
      },
      keydown(event) {
        const action = host.vetaLatest.state.keyAction(event);
        if (!action) return;
        event.preventDefault();
        host.vetaLatest.state.onKey(action);
      },
    };
    window.addEventListener("message", host.vetaListeners.message);
    window.addEventListener("veta:pick", host.vetaListeners.pick);
    document.addEventListener("keydown", host.vetaListeners.keydown);
  }
  const generation = (host.vetaGeneration ?? 0) + 1;
  host.vetaGeneration = generation;
  return () => {
    if (host.vetaGeneration !== generation || !host.vetaListeners) return; // a later call owns them
    window.removeEventListener("message", host.vetaListeners.message);
    window.removeEventListener("veta:pick", host.vetaListeners.pick);
    document.removeEventListener("keydown", host.vetaListeners.keydown);
    host.vetaListeners = null;
  };
}
