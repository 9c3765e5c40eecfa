/* Veta's map frames (see ui/map_frames.py). Each map is a file shown in an iframe that this script puts into the
   map's slot: a Streamlit container keyed "veta-map-<height>-<name>" that holds a link to the map file.

   It runs in two places, the second of which then does nothing: inline in the page that serve.py serves
   (ui/server.py), where it also takes the map the page preloaded while Streamlit was starting and moves it into
   its slot the moment the slot appears; and in the map's click relay (ui/map_view.py), so that the maps show
   under `streamlit run app.py` too. */
(function (global) {
    "use strict";
    if (global.vetaMapFrames) return;
    var document = global.document;
    var SLOT = '[class*="st-key-veta-map-"]';
    var SLOT_HEIGHT = /(?:^|\s)st-key-veta-map-(\d+)-/;
    var MAP_FILE = /^(\/[A-Za-z0-9._~-]+)*\/app\/static\/maps\/[A-Za-z0-9._-]+\.html$/;
    // The sandbox Streamlit gives `st.iframe`, so the map behaves as it did there.
    var SANDBOX = "allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox allow-same-origin " +
        "allow-scripts allow-downloads";
    var PHONE_PIXELS = 640;
    var preloaded = [];
    var observer = null;

    function shown(frame, title, height) {
        frame.title = title;
        frame.removeAttribute("aria-hidden");
        frame.removeAttribute("tabindex");
        frame.style.cssText = "display:block;width:100%;border:0;color-scheme:normal;height:" + height + "px";
    }

    function newFrame(src, title, height) {
        var frame = document.createElement("iframe");
        frame.className = "veta-map-frame";
        frame.setAttribute("sandbox", SANDBOX);
        frame.dataset.vetaSrc = src;
        shown(frame, title, height);
        frame.src = src;
        return frame;
    }

    function wanted(slot) {
        var height = SLOT_HEIGHT.exec(slot.className);
        var link = slot.querySelector('a[href*="/app/static/maps/"]');
        var src = link && link.getAttribute("href");
        if (!height || !src || !MAP_FILE.test(src)) return null;
        return {src: src, title: link.getAttribute("title") || link.textContent, height: Number(height[1])};
    }

    function fitToFrame(frame) {
        // A preloaded map was drawn at a guessed width: fit it to its slot now, before the next paint.
        try {
            if (frame.contentWindow && frame.contentWindow.vetaFitToFrame) frame.contentWindow.vetaFitToFrame();
        } catch (error) { /* not loaded yet: the map is then built at its final size */ }
    }

    function place(slot) {
        var want = wanted(slot);
        if (want === null) return;
        var current = slot.querySelector(":scope > iframe.veta-map-frame");
        if (current && current.dataset.vetaSrc === want.src) return;
        if (current) {  // the same slot, another map (a new selection): load it in the same frame
            current.dataset.vetaSrc = want.src;
            shown(current, want.title, want.height);
            current.src = want.src;
            return;
        }
        var index = preloaded.findIndex(function (frame) { return frame.dataset.vetaSrc === want.src; });
        if (index < 0) {
            slot.insertBefore(newFrame(want.src, want.title, want.height), slot.firstChild);
            return;
        }
        var frame = preloaded.splice(index, 1)[0];
        shown(frame, want.title, want.height);
        try {
            slot.moveBefore(frame, slot.firstChild);  // keeps the frame's document: no reload
        } catch (error) {
            slot.insertBefore(frame, slot.firstChild);  // a browser without moveBefore loads the map again
        }
        fitToFrame(frame);
    }

    function placeAll() {
        var slots = document.querySelectorAll(SLOT);
        for (var i = 0; i < slots.length; i++) place(slots[i]);
    }

    function guessWidth() {
        // Only a start: the map is fitted again to its slot once it is there.
        var width = global.innerWidth;
        return width < PHONE_PIXELS ? width - 32 : Math.round((width - 430) * 0.58);
    }

    function preload(note) {
        var src = note.getAttribute("data-src");
        var height = Number(note.getAttribute("data-height"));
        if (!src || !MAP_FILE.test(src) || !(height > 0)) return;
        var frame = newFrame(src, note.getAttribute("data-title") || "", height);
        frame.setAttribute("aria-hidden", "true");
        frame.tabIndex = -1;
        frame.style.cssText = "position:absolute;left:-10000px;top:0;border:0;height:" + height + "px;width:" +
            Math.max(200, guessWidth()) + "px";
        preloaded.push(frame);
        document.body.appendChild(frame);
        placeAll();
    }

    function install() {
        if (observer !== null) return;
        observer = new MutationObserver(placeAll);
        observer.observe(document.documentElement, {
            childList: true, subtree: true, attributes: true, attributeFilter: ["class", "href"],
        });
        var note = document.getElementById("veta-map-preload");
        if (note && document.readyState === "loading") {
            // After Streamlit's own scripts have run: the map then loads while the page waits for its server.
            document.addEventListener("DOMContentLoaded", function () { preload(note); });
        } else if (note) {
            preload(note);
        }
        placeAll();
    }

    global.vetaMapFrames = {install: install, place: placeAll};
})(window);
