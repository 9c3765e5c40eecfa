/* Veta's map preloading (see ui/internals.py): the one script that relies on something no library promises.

   serve.py's middleware writes this script, and a note naming the map this address showed last, into the page
   before Streamlit's own scripts. Once those have run, the map starts loading offscreen while Streamlit
   connects. When the map's container appears (drawn with the page's title: a keyed `st.container`, whose
   documented class is `st-key-<key>`; ui/internals.py `map_slot_key`), the frame is shown at its top, a node
   of ours among React's; when the map's element (ui/map_display.js: a `div.veta-map-display` of our own,
   lazily loaded, so drawn later) mounts, the frame is moved into it. Both moves use `Element.moveBefore`,
   which keeps the frame's document. Where moveBefore is missing the frame is inserted the ordinary way (the map
   then loads again), and without this script at all ui/map_display.js makes its own frame: the map is never
   left out. */
(function (global) {
    "use strict";
    if (global.vetaInternals) return;
    var document = global.document;
    var MAP_FILE = /^(\/[A-Za-z0-9._~-]+)*\/app\/static\/maps\/[A-Za-z0-9._-]+\.html$/;
    var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
    var PHONE_PIXELS = 640;
    var SLOT = '[class*="st-key-veta-map-slot-"]';  // ui/internals.py MAP_SLOT_KEY_PREFIX
    var preloaded = null;

    function guessWidth() {
        // Only a start: the map is fitted again to its element once it is there.
        var width = global.innerWidth;
        return width < PHONE_PIXELS ? width - 32 : Math.round((width - 430) * 0.58);
    }

    function fitToFrame(frame) {
        try {
            if (frame.contentWindow && frame.contentWindow.vetaFitToFrame) frame.contentWindow.vetaFitToFrame();
        } catch (error) { /* not loaded yet: the map is then drawn at its final size */ }
    }

    var warmed = false;

    // Evaluate the Streamlit chunks serve.py listed for preloading (`data-veta-warm`, ui/internals.py) once a
    // map is drawn in its place and the browser is idle: the first element that needs one then does not wait for
    // it (the code highlighter, ~0.2 s of script, would otherwise fall on the first feature picked).
    function warmChunks() {
        if (warmed) return;
        warmed = true;
        var idle = global.requestIdleCallback || function (callback) { return global.setTimeout(callback, 0); };
        idle(function () {
            var links = document.querySelectorAll('link[rel="modulepreload"][data-veta-warm]');
            Promise.all(Array.prototype.map.call(links, function (link) {
                return import(link.href).catch(function () { /* Streamlit loads it itself when needed */ });
            })).then(function () { document.documentElement.dataset.vetaChunksWarmed = String(links.length); });
        }, {timeout: 2000});
    }

    function move(frame, host) {
        try {
            host.moveBefore(frame, host.firstChild);  // keeps the frame's document: no reload
        } catch (error) {
            host.insertBefore(frame, host.firstChild);  // a browser without moveBefore loads the map again
        }
        frame.removeAttribute("aria-hidden");
        frame.removeAttribute("tabindex");
        frame.style.position = "";
        frame.style.left = "";
        frame.style.top = "";
        frame.style.width = "100%";
        fitToFrame(frame);
        try {
            if (frame.contentDocument && frame.contentDocument.readyState === "complete") warmChunks();
        } catch (error) { /* not loaded yet: its load event warms them (install) */ }
    }

    // Called by ui/map_display.js: the preloaded frame of this map, moved into `host`; or null.
    function take(src, host) {
        if (preloaded === null) return null;
        var frame = preloaded;
        if (frame.parentNode === host) { preloaded = null; return frame; }  // placed early (placeEarly)
        preloaded = null;
        if (frame.dataset.vetaSrc !== src) {  // the page shows another map this time: drop the guess
            frame.remove();
            return null;
        }
        move(frame, host);
        return frame;
    }

    function waiting() {
        // Whether a preloaded frame is still offscreen (not yet shown in the map's container or element).
        return preloaded !== null && preloaded.parentNode === document.body;
    }

    function linksTo(slot, frame) {
        // Whether the map's container is for this very map: its caption links to the map file it shows
        // (ui/map_display.py `map_link_markdown`). A guess that is not that map is never shown.
        var link = slot.querySelector('a[href*="/app/static/maps/"]');
        return link !== null && link.getAttribute("href") === frame.dataset.vetaSrc;
    }

    function placeEarly() {
        // Before ui/map_display.js has run, once the map's container shows it is for this very map: the map's
        // element, empty, gets the preloaded frame, or, before the element has mounted, the container's top
        // (take() then moves it into the element). A guess for another map waits offscreen for take() to drop it.
        if (!waiting()) return;
        var slot = document.querySelector(SLOT);
        if (!slot || !linksTo(slot, preloaded)) return;
        var host = slot.querySelector("div.veta-map-display");
        if (!host || !host.querySelector("iframe")) move(preloaded, host || slot);
    }

    function preload(note) {
        var src = note.getAttribute("data-src");
        var height = Number(note.getAttribute("data-height"));
        var selected = note.getAttribute("data-selected") || "";
        if (!src || !MAP_FILE.test(src) || !(height > 0)) return;
        if (selected && !ID.test(selected)) selected = "";
        var frame = global.vetaMapFrame(src, note.getAttribute("data-title") || "", selected);
        frame.setAttribute("aria-hidden", "true");
        frame.tabIndex = -1;
        frame.style.cssText = "position:absolute;left:-10000px;top:0;border:0;height:" + height + "px;width:" +
            Math.max(200, guessWidth()) + "px";
        preloaded = frame;
        document.body.appendChild(frame);
        placeEarly();
        if (!waiting()) return;
        var observer = new MutationObserver(function () {
            placeEarly();
            if (!waiting()) observer.disconnect();
        });
        observer.observe(document.body, {childList: true, subtree: true});
    }

    function install() {
        document.addEventListener("load", function (event) {  // load does not bubble: caught on its way down
            var target = event.target;
            if (target && target.tagName === "IFRAME" && target.closest("div.veta-map-display")) warmChunks();
        }, true);
        var note = document.getElementById("veta-map-preload");
        if (!note) return;
        if (document.readyState === "loading") {
            // After Streamlit's own scripts have run: the map then loads while the page waits for its server.
            document.addEventListener("DOMContentLoaded", function () { preload(note); });
        } else {
            preload(note);
        }
    }

    // One way to make a map's iframe, shared with ui/map_display.js (which defines it again if this is absent).
    global.vetaMapFrame = global.vetaMapFrame || function (src, title, selected) {
        var frame = document.createElement("iframe");
        frame.className = "veta-map-frame";
        frame.setAttribute("sandbox", "allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox " +
            "allow-same-origin allow-scripts allow-downloads");
        frame.title = title;
        frame.dataset.vetaSrc = src;
        frame.dataset.vetaSelected = selected || "";
        frame.src = src + (selected ? "#feature=" + encodeURIComponent(selected) : "");
        return frame;
    };
    global.vetaInternals = {take: take};
    install();
})(window);
