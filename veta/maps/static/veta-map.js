/* Veta's map behaviour (drawn by veta/maps/folium_render.py; one map per document).

   The map's script calls, in this order: VetaMap.legend(map, legend) (a map with a legend); VetaMap.fit(map,
   bounds) before any layer is added (so Leaflet draws the layers once, at their final view);
   VetaMap.onEachFeature / VetaMap.onEachArea for every GeoJSON feature (folium.GeoJson's on_each_feature);
   VetaMap.init(map, config) once everything is on the map.

   The legend (bottom left) is open except in a phone-sized window, and the map keeps it off the features: every
   fit (the opening view, a resize or a fold of the legend before the user acts, a selection) leaves the legend's
   corner free, beside it or above it, whichever shows the features larger. Its details ("more"), once asked
   for, may cover the map until they are folded again.

   Messages (same origin only): a pick in the map (click, Enter or Space on a focused marker, a statement's
   button) posts {type: "veta:feature", id, map} to the parent page when config.report is set; the parent posts
   {type: "veta:select", id} and the map selects that feature in place (no reload) and answers
   {type: "veta:selected", id}. The address's #feature=<id> selects at load. A selection never zooms in closer
   than the feature's context view (its `view` property). */
(function (global) {
    "use strict";
    var L = global.L;
    var POPUP = {maxWidth: 380, maxHeight: 340, autoPanPaddingTopLeft: [10, 80]};
    var EDGE = 12;  // pixels kept free at the map's edges at the opening view (a marker's symbol is ~30 px wide)
    var LEGEND_GAP = 16;  // pixels between the legend and the nearest feature
    var MARK = 12;  // pixels a marker's symbol reaches beyond its point
    var CORNER_STEP = 4;  // pixels per step when moving the opening view off the top right corner's controls
    var LINE_GAP = 6;  // pixels kept between the top right corner's controls and a feature
    var LEAST_ROOM = 60;  // a fit leaving less than this (pixels, each way) beside the legend folds the legend
    // Where a town's name may go around its dot, in order of preference: [side, x, y] of the name's top left
    // corner from the dot, each as [name widths or heights, pixels]. All sides are tried at each distance of
    // LABEL_FAR in turn.
    var LABEL_SIDES = [
        ["right", [0, 6], [-0.5, 0]], ["left", [-1, -6], [-0.5, 0]], ["above-right", [0, 3], [-1, -2]],
        ["below-right", [0, 3], [0, 2]], ["above", [-0.5, 0], [-1, -4]], ["below", [-0.5, 0], [0, 4]],
        ["above-left", [-1, -3], [-1, -2]], ["below-left", [-1, -3], [0, 2]],
    ];
    var LABEL_FAR = [0, 12, 24, 36];  // pixels further out for each try of the sides (clear of markers on the dot)
    var LABEL_PAD = 3;  // pixels kept between two names
    var CUT_WEIGHT = 4;  // how much worse a name's part cut off by the map's edge is than a part covered
    var DOT = 4;  // pixels from a town's dot's centre to its edge
    var COUNTRY_SHIFT = 48;  // pixels a country's name may move from its point, clear of the controls and markers
    var state = {
        map: null, config: {}, features: {}, areas: {}, statements: {}, selected: null, touched: false,
        initial: null, legend: null, popup: null, named: false,
    };

    function register(table, id, layer) {
        if (!id) return;
        (table[id] = table[id] || []).push(layer);
    }

    function post(message) {
        if (global.parent === global) return;
        message.map = global.location.pathname;
        global.parent.postMessage(message, global.location.origin);
    }

    function pick(id) {
        // The user chose this feature in the map: mark it, tell the page (the popup opens by itself).
        mark(id);
        if (state.config.report) post({type: state.config.messages.pick, id: id});
    }

    function text(html) {
        // The plain text of Veta's escaped HTML (names reach the map escaped, like every text).
        var template = global.document.createElement("template");
        template.innerHTML = html || "";
        return template.content.textContent;
    }

    function keyboard(layer, properties) {
        var icon = layer.getElement && layer.getElement();
        if (!icon || icon.dataset.vetaKeys) return;
        icon.dataset.vetaKeys = "1";
        icon.setAttribute("role", "button");
        icon.setAttribute("aria-label", text(properties.name) || properties.id);
        icon.addEventListener("keydown", function (event) {
            // Leaflet turns Enter into a click; Space does the same here.
            if (event.key === " " || event.key === "Spacebar") {
                event.preventDefault();
                layer.fire("click", {latlng: layer.getLatLng(), originalEvent: event});
            }
        });
    }

    function onEachFeature(feature, layer) {
        var p = feature.properties || {};
        if (p.tooltip) layer.bindTooltip(p.tooltip, {sticky: false});
        if (p.popup) {
            var options = L.extend({}, POPUP);
            if (p.offset && p.size) options.offset = [p.offset[0], p.offset[1] - p.size / 2 + 2];
            layer.bindPopup(function () { return p.popup; }, options);
        }
        if (typeof p.z === "number" && layer.setZIndexOffset) layer.setZIndexOffset(p.z);
        register(state.features, p.id, layer);
        if (p.id) {
            layer.on("click", function () { pick(p.id); });
            layer.on("keypress", function (event) {  // Leaflet opens the popup on Enter; it is a pick too
                if (event.originalEvent && event.originalEvent.key === "Enter") pick(p.id);
            });
        }
        if (layer.getLatLng) layer.on("add", function () { keyboard(layer, p); });
    }

    function onEachArea(feature, layer) {
        var p = feature.properties || {};
        register(state.areas, p.id, layer);
    }

    function elements(layer) {
        var element = layer.getElement && layer.getElement();
        return element ? [element] : [];
    }

    function eachElement(id, fn) {
        (state.features[id] || []).forEach(function (layer) { elements(layer).forEach(fn); });
        var button = state.statements[id];
        if (button) fn(button);
    }

    function unmark() {
        var document = global.document;
        document.querySelectorAll(".veta-selected").forEach(function (el) {
            el.classList.remove("veta-selected");
            if (el.hasAttribute("aria-pressed")) el.setAttribute("aria-pressed", "false");
        });
        document.querySelectorAll(".veta-outline-selected").forEach(function (el) {
            el.classList.remove("veta-outline-selected");
        });
    }

    function mark(id) {
        unmark();
        state.selected = id;
        eachElement(id, function (el) {
            el.classList.add("veta-selected");
            if (el.hasAttribute("aria-pressed")) el.setAttribute("aria-pressed", "true");
        });
    }

    function extentOf(layers) {
        var bounds = L.latLngBounds([]);
        layers.forEach(function (layer) {
            if (layer.getBounds) bounds.extend(layer.getBounds());
            else if (layer.getLatLng) bounds.extend(layer.getLatLng());
        });
        return bounds;
    }

    function popupRoom(popup) {
        var element = popup && popup.getElement && popup.getElement();
        var height = element ? element.offsetHeight + 30 : 0;  // with its tip
        return Math.min(height, state.map.getSize().y * 0.7);
    }

    function fitPopup(popup) {
        // A popup never wider than its map (a phone, a projector's narrow column) and, for a selection, never
        // taller than about half of the map above the open legend, so that the feature below it stays in view
        // and clear of the legend (its text scrolls).
        if (!popup || !popup.options) return false;
        var size = state.map.getSize();
        var room = legendRoom();
        var width = Math.min(POPUP.maxWidth, Math.max(120, size.x - 70));
        var changed = popup.options.maxWidth !== width;
        popup.options.maxWidth = width;
        popup.options.minWidth = Math.min(popup.options.minWidth || 50, width);
        var above = room ? size.y - room.bottom - POPUP.autoPanPaddingTopLeft[1] : 0;
        var height = above >= 2 * LEAST_ROOM ? above : size.y;
        popup.options.maxHeight = Math.min(POPUP.maxHeight, Math.round(height * 0.5));
        return changed;
    }

    // ------------------------------------------------------------------ the legend, and the room it takes

    function legendOpen() {
        return Boolean(state.legend) && state.legend.toggle.getAttribute("aria-expanded") === "true";
    }

    function setLegendOpen(open) {
        var legend = state.legend;
        if (!legend || legendOpen() === open) return;
        legend.toggle.setAttribute("aria-expanded", open ? "true" : "false");
        legend.body.hidden = !open;
        if (state.named) placeLabels();  // the names keep clear of the legend, open or folded
    }

    function legendRoom() {
        // The room the legend's corner takes (the legend, open or folded, and the credits under it), in pixels
        // from the map's left edge (to keep free beside it) and from its bottom edge (above it); null if none.
        if (!state.legend) return null;
        var corner = state.legend.box.parentNode.getBoundingClientRect();
        if (!corner.width || !corner.height) return null;
        var map = state.map.getContainer().getBoundingClientRect();
        return {left: corner.right - map.left + LEGEND_GAP, bottom: map.bottom - corner.top + LEGEND_GAP};
    }

    function viewOf(bounds, topLeft, bottomRight, maxZoom, leastWidth) {
        // Where map.fitBounds(bounds, {paddingTopLeft, paddingBottomRight, maxZoom}) goes (the same arithmetic,
        // public API only), or null when the paddings leave less than LEAST_ROOM (or leastWidth) of the map.
        var map = state.map;
        var tl = L.point(topLeft), br = L.point(bottomRight);
        var inner = map.getSize().subtract(tl).subtract(br);
        if (inner.x < Math.max(LEAST_ROOM, leastWidth || 0) || inner.y < LEAST_ROOM) return null;
        var zoom = map.getBoundsZoom(bounds, false, tl.add(br));
        if (typeof maxZoom === "number") zoom = Math.min(zoom, maxZoom);
        if (!isFinite(zoom)) return null;
        var sw = map.project(bounds.getSouthWest(), zoom), ne = map.project(bounds.getNorthEast(), zoom);
        var centre = map.unproject(sw.add(ne).divideBy(2).add(br.subtract(tl).divideBy(2)), zoom);
        return {centre: centre, zoom: zoom, room: inner.x * inner.y};
    }

    function clearView(bounds, topLeft, bottomRight, maxZoom, popup) {
        // The view of bounds within the paddings that also keeps the legend's corner free: beside it or
        // above it, whichever shows the bounds larger (then: leaves more room). Null if neither has room.
        // Beside the legend, a popup must fit the width left (else Leaflet pans it in, over the legend).
        var room = legendRoom();
        if (!room) return viewOf(bounds, topLeft, bottomRight, maxZoom);
        var element = popup && popup.getElement && popup.getElement();
        var popupWidth = element ? element.offsetWidth + 20 : 0;
        var left = Math.max(topLeft[0], room.left);
        var beside = viewOf(bounds, [left, topLeft[1]], bottomRight, maxZoom, popupWidth);
        var above = viewOf(bounds, topLeft, [bottomRight[0], Math.max(bottomRight[1], room.bottom)], maxZoom);
        if (!beside || !above) return beside || above;
        if (beside.zoom !== above.zoom) return beside.zoom > above.zoom ? beside : above;
        return beside.room > above.room ? beside : above;
    }

    function moveTo(view) {
        var map = state.map;
        var moved = map.latLngToContainerPoint(view.centre).distanceTo(map.getSize().divideBy(2));
        if (view.zoom !== map.getZoom() || moved >= 1) map.setView(view.centre, view.zoom, {animate: false});
    }

    function fitOpening() {
        // The opening view, clear of the legend; a legend with no room beside or above it is folded. Where the
        // top right corner's controls would cover a feature, the view keeps that corner free too, if it can.
        var edge = [EDGE, EDGE];
        var view = clearView(state.initial, edge, edge);
        if (!view && legendOpen()) {
            setLegendOpen(false);
            view = clearView(state.initial, edge, edge) || viewOf(state.initial, edge, edge);
        }
        if (view) moveTo(clearOfCorner(view));
        else state.map.fitBounds(state.initial, {animate: false});  // a map not shown yet (no size)
    }

    function containerBoxes(elements) {
        // Where elements are, as L.Bounds in pixels of the map's container (those not shown left out).
        var origin = state.map.getContainer().getBoundingClientRect(), boxes = [];
        Array.prototype.forEach.call(elements, function (element) {
            var r = element.getBoundingClientRect();
            if (r.width && r.height) {
                boxes.push(L.bounds([r.left - origin.left, r.top - origin.top], [r.right - origin.left, r.bottom - origin.top]));
            }
        });
        return boxes;
    }

    function padded(box, pixels) {
        return L.bounds(box.min.subtract([pixels, pixels]), box.max.add([pixels, pixels]));
    }

    function cornerBox() {
        // Where the top right corner's controls (the layer button, the list of region-wide statements) are, in
        // pixels of the map's container; null if it shows none.
        var corner = state.map.getContainer().querySelector(".leaflet-top.leaflet-right");
        var boxes = corner ? containerBoxes(corner.children) : [];
        return boxes.length ? boxes.reduce(function (all, box) { return all.extend(box.min).extend(box.max); }) : null;
    }

    function lineLatLngs(latlngs, into) {
        // A line's or a shape's rings of points, flattened into a list of rings.
        if (latlngs.length && !Array.isArray(latlngs[0])) into.push(latlngs);
        else latlngs.forEach(function (ring) { lineLatLngs(ring, into); });
        return into;
    }

    function pixelsAt(view) {
        // A LatLng's position in pixels of the map's container, were the map at view.
        var map = state.map;
        var origin = map.project(view.centre, view.zoom).subtract(map.getSize().divideBy(2));
        return function (latlng) { return map.project(latlng, view.zoom).subtract(origin); };
    }

    function symbolBox(layer, at) {
        // Where a marker's symbol is (spread from its point by its offset), in pixels; at: pixelsAt(view).
        var p = (layer.feature && layer.feature.properties) || {};
        var centre = at(layer.getLatLng()).add(p.offset || [0, 0]);
        var half = (p.size || 2 * MARK) / 2;
        return L.bounds(centre.subtract([half, half]), centre.add([half, half]));
    }

    function eachFeatureLayer(test) {
        // Whether test holds for some layer of a feature.
        return Object.keys(state.features).some(function (id) { return state.features[id].some(test); });
    }

    function featureUnder(box, view) {
        // Whether a feature (a marker's symbol, a line's or a shape's edge) would lie under box at view.
        var at = pixelsAt(view), area = padded(box, LINE_GAP);
        return eachFeatureLayer(function (layer) {
            if (layer.getLatLng) return area.intersects(symbolBox(layer, at));
            if (!layer.getLatLngs) return false;
            return lineLatLngs(layer.getLatLngs(), []).some(function (ring) {
                var points = ring.map(at);
                return points.some(function (point, i) {
                    return i > 0 && L.LineUtil.clipSegment(points[i - 1], point, area) !== false;
                }) || (points.length === 1 && area.contains(points[0]));
            });
        });
    }

    function heldBack(view) {
        // Whether the map's bounds (maxBounds) would move view's centre (Leaflet allows them 1 pixel).
        var map = state.map, limit = map.options.maxBounds;
        if (!limit) return false;
        limit = L.latLngBounds(limit);
        var half = map.getSize().divideBy(2), centre = map.project(view.centre, view.zoom);
        var nw = map.project(limit.getNorthWest(), view.zoom), se = map.project(limit.getSouthEast(), view.zoom);
        return centre.x - half.x < nw.x - 1 || centre.y - half.y < nw.y - 1 ||
            centre.x + half.x > se.x + 1 || centre.y + half.y > se.y + 1;
    }

    function cornerCovers() {
        // Whether the top right corner's controls cover a feature at the map's view.
        var corner = cornerBox();
        return Boolean(corner) && featureUnder(corner, {centre: state.map.getCenter(), zoom: state.map.getZoom()});
    }

    function shifted(view, dx, dy) {
        // view with the map's content moved dx pixels left and dy pixels down, at the same zoom.
        var map = state.map;
        return {centre: map.unproject(map.project(view.centre, view.zoom).add([dx, -dy]), view.zoom),
            zoom: view.zoom, room: view.room};
    }

    function regionShown(view) {
        // Whether, at view, the opening bounds lie within the map's edges and beside or above the legend's corner
        // (as a fit places them, allowing a pixel), and every feature lies within the map.
        var size = state.map.getSize(), at = pixelsAt(view);
        var nw = at(state.initial.getNorthWest()), se = at(state.initial.getSouthEast());
        if (nw.x < EDGE - 1 || nw.y < EDGE - 1 || se.x > size.x - EDGE + 1 || se.y > size.y - EDGE + 1) return false;
        var room = legendRoom();
        if (room && nw.x < room.left - 1 && se.y > size.y - room.bottom + 1) return false;
        var shown = L.bounds([0, 0], [size.x, size.y]);
        return !eachFeatureLayer(function (layer) {  // and no feature out of the map
            if (layer.getLatLng) return !shown.contains(symbolBox(layer, at));
            if (!layer.getBounds) return false;
            var extent = layer.getBounds();
            return !shown.contains(L.bounds(at(extent.getNorthWest()), at(extent.getSouthEast())));
        });
    }

    function clearOfCorner(view) {
        // view, or where a feature would lie under the top right corner's controls, a view that keeps the corner
        // free as well, if the map's bounds allow it: first the same view moved down or left (the scale kept),
        // else the fit below the corner or beside it, whichever shows the region larger.
        var corner = cornerBox();
        if (!corner || !featureUnder(corner, view)) return view;
        var clear = function (candidate) {
            return candidate && !heldBack(candidate) && !featureUnder(corner, candidate);
        };
        for (var step = CORNER_STEP; step <= corner.max.y + MARK; step += CORNER_STEP) {
            var moves = [shifted(view, 0, step), shifted(view, step, 0), shifted(view, step, step)];
            for (var i = 0; i < moves.length; i++) {
                if (regionShown(moves[i]) && clear(moves[i])) return moves[i];
            }
        }
        var size = state.map.getSize();
        var fits = [
            clearView(state.initial, [EDGE, corner.max.y + LEGEND_GAP], [EDGE, EDGE]),
            clearView(state.initial, [EDGE, EDGE], [size.x - corner.min.x + LEGEND_GAP, EDGE]),
        ].filter(clear);
        fits.sort(function (a, b) { return b.zoom - a.zoom || b.room - a.room; });
        return fits[0] || view;
    }

    // ------------------------------------------------------------------ town names clear of the markers

    var measures = {};

    function labelSize(element, kind, fonts) {
        // The width and height of a label's name in pixels, measured on a canvas (no layout of the map), in the
        // font its stylesheet gives now (read once per placement and kind: a map drawn before its stylesheets
        // apply, as streamlit-folium's are, is measured again once they do).
        var span = element.firstElementChild;
        if (!span) return null;
        if (!fonts[kind]) {
            var style = global.getComputedStyle(span);
            var font = style.fontStyle + " " + style.fontWeight + " " + style.fontSize + " " + style.fontFamily;
            var key = font + "|" + style.letterSpacing + "|" + style.textTransform;
            if (!measures[key]) {
                var context = global.document.createElement("canvas").getContext("2d");
                context.font = font;
                if ("letterSpacing" in context) context.letterSpacing = style.letterSpacing;
                measures[key] = {context: context, upper: style.textTransform === "uppercase",
                    height: Math.ceil(parseFloat(style.fontSize) * 1.25)};
            }
            fonts[kind] = measures[key];
        }
        var known = fonts[kind];
        var words = known.upper ? span.textContent.toUpperCase() : span.textContent;
        return {x: Math.ceil(known.context.measureText(words).width), y: known.height};
    }

    function labelLayers() {
        // The names on the map: [layer, element, kind ("place" or "country")].
        var found = [];
        state.map.eachLayer(function (layer) {
            var element = layer.getElement && layer.getElement();
            if (!element || !layer.getLatLng || !element.classList.contains("veta-label")) return;
            found.push([layer, element, element.classList.contains("veta-label-place") ? "place" : "country"]);
        });
        return found;
    }

    function overlapOf(a, b) {
        var x = Math.min(a.max.x, b.max.x) - Math.max(a.min.x, b.min.x);
        var y = Math.min(a.max.y, b.max.y) - Math.max(a.min.y, b.min.y);
        return x > 0 && y > 0 ? x * y : 0;
    }

    function leastCovering(shown, taken, candidates, skip) {
        // The first candidate box that covers nothing taken and lies within shown, else the one covering least
        // (a part cut off by the map's edge counts CUT_WEIGHT times: lost, where a covered letter is only harder
        // to read).
        var best = null;
        candidates.some(function (candidate) {
            var box = candidate.box;
            var cost = CUT_WEIGHT * ((box.max.x - box.min.x) * (box.max.y - box.min.y) - overlapOf(box, shown));
            taken.forEach(function (other) { if (other !== skip) cost += overlapOf(box, other); });
            if (!best || cost < best.cost) best = {cost: cost, box: box, side: candidate.side};
            return cost === 0;
        });
        return best;
    }

    function placeLabels() {
        // Put each town's name on the side of its dot where it covers no marker, dot, control or other name and
        // stays in the map (else where it covers least): names under the markers were unreadable (Hpakant,
        // Myitkyina). Then each country's name, as near its point as it can be with the same care.
        var map = state.map;
        if (!map) return;
        var at = pixelsAt({centre: map.getCenter(), zoom: map.getZoom()});
        var size = map.getSize(), shown = L.bounds([0, 0], [size.x, size.y]);
        // the controls: zoom buttons, layer button, statements, legend, scale, credits
        var controls = containerBoxes(map.getContainer().querySelectorAll(".leaflet-control"));
        var taken = controls.slice();
        eachFeatureLayer(function (layer) {
            if (layer.getLatLng && map.hasLayer(layer)) taken.push(symbolBox(layer, at));
            return false;
        });
        var fonts = {};
        var labels = labelLayers().map(function (entry) {
            var label = {layer: entry[0], element: entry[1], kind: entry[2], point: at(entry[0].getLatLng())};
            label.extent = labelSize(label.element, label.kind, fonts);
            return label;
        }).filter(function (label) {
            // a place whose point is out of the map, or a town whose dot is under a control, is not named: its name
            // would show cut at the edge or stray from a place the map does not show
            var inside = Boolean(label.extent) && shown.contains(label.point) && (label.kind !== "place" ||
                !controls.some(function (control) { return control.contains(label.point); }));
            label.element.style.visibility = inside ? "" : "hidden";
            return inside;
        });
        var place = function (label, best) {
            var offset = best.box.min.subtract(label.point);
            label.element.firstElementChild.style.transform = "translate(" + offset.x + "px, " + offset.y + "px)";
            label.element.dataset.vetaSide = best.side;
            taken.push(padded(best.box, LABEL_PAD));
        };
        var towns = labels.filter(function (label) { return label.kind === "place"; });
        towns.forEach(function (label) {
            label.dot = padded(L.bounds(label.point, label.point), DOT);
            taken.push(label.dot);
        });
        towns.forEach(function (label) {
            var extent = label.extent;
            label.candidates = [];
            LABEL_FAR.forEach(function (far) {
                LABEL_SIDES.forEach(function (side) {
                    var out = function (pixels) { return pixels + (pixels > 0 ? far : pixels < 0 ? -far : 0); };
                    var corner = label.point.add([side[1][0] * extent.x + out(side[1][1]),
                        side[2][0] * extent.y + out(side[2][1])]);
                    label.candidates.push({box: L.bounds(corner, corner.add([extent.x, extent.y])),
                        side: side[0] + (far ? " far " + far : "")});
                });
            });
            label.free = label.candidates.filter(function (candidate) {
                return !leastCovering(shown, taken, [candidate], label.dot).cost;
            }).length;
        });
        towns.sort(function (a, b) { return a.free - b.free; });  // the towns with least room first
        towns.forEach(function (label) {
            var best = leastCovering(shown, taken, label.candidates, label.dot);
            var hidden = controls.some(function (control) { return overlapOf(best.box, control) > 0; });
            if (hidden) label.element.style.visibility = "hidden";  // squeezed among the controls: not named
            else place(label, best);
        });
        labels.forEach(function (label) {  // a country's name: centred on its point, or moved a little
            if (label.kind !== "country") return;
            var half = L.point(label.extent.x / 2, label.extent.y / 2), candidates = [];
            for (var step = 0; step <= COUNTRY_SHIFT; step += 6) {
                [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [-1, 1], [1, -1], [-1, -1]].forEach(function (d) {
                    if (step === 0 && (d[0] || d[1])) return;
                    var centre = label.point.add([d[0] * step, d[1] * step]);
                    candidates.push({box: L.bounds(centre.subtract(half), centre.add(half)), side: "centre"});
                });
            }
            var best = leastCovering(shown, taken, candidates);
            if (best.cost) label.element.style.visibility = "hidden";  // context only: no name rather than a covered one
            else place(label, best);
        });
    }

    function showAbove(extent, view, popup) {
        // The feature below its popup and clear of the legend, never zoomed in closer than its context view.
        var map = state.map;
        // (Leaflet pans an open popup to POPUP.autoPanPaddingTopLeft from the top: the fit leaves that room.)
        var topLeft = [30, popupRoom(popup) + POPUP.autoPanPaddingTopLeft[1]], bottomRight = [30, 30];
        var maxZoom = map.getBoundsZoom(view);
        var clear = clearView(extent, topLeft, bottomRight, maxZoom, popup);
        if (clear) moveTo(clear);
        else {
            map.fitBounds(extent, {
                paddingTopLeft: topLeft, paddingBottomRight: bottomRight, maxZoom: maxZoom, animate: false,
            });
        }
        if (popup && popup.update) popup.update();
    }

    function foldLegendOff(extent) {
        // The last resort (no room beside or above the legend, or a popup panned the feature under it): the
        // legend never covers the selected feature, it folds.
        var legend = state.legend && state.legend.box;
        if (!legendOpen() || !extent.isValid()) return;
        var box = legend.getBoundingClientRect();
        var origin = state.map.getContainer().getBoundingClientRect();
        var at = pixelBox(extent);
        var left = at.left + origin.left, right = at.right + origin.left;
        var top = at.top + origin.top, bottom = at.bottom + origin.top;
        if (left < box.right && right > box.left && top < box.bottom && bottom > box.top) setLegendOpen(false);
    }

    function selectFeature(id, layers) {
        var layer = layers[0];
        var p = layer.feature.properties;
        var view = L.latLngBounds(p.view);
        var extent = extentOf(layers);
        var at = p.popup_at ? L.latLng(p.popup_at) : (layer.getLatLng ? layer.getLatLng() : extent.getCenter());
        mark(id);
        state.map.closePopup();
        fitPopup(layer.getPopup());
        layer.openPopup(at);
        showAbove(extent, view, layer.getPopup());
        layer.openPopup(at);  // opened again at the final view: Leaflet pans it fully into the map if it must
        foldLegendOff(extent);
    }

    function selectStatement(id) {
        var s = (state.config.statements || []).filter(function (item) { return item.id === id; })[0];
        var map = state.map;
        mark(id);
        var areas = state.areas[s.scope] || [];
        var popup = L.popup(L.extend({className: "veta-statement-popup"}, POPUP)).setContent(s.popup);
        fitPopup(popup);
        if (areas.length) {
            areas.forEach(function (area) {
                elements(area).forEach(function (el) { el.classList.add("veta-outline-selected"); });
            });
            var extent = extentOf(areas);
            var label = areas[0].feature.properties.label_at;
            popup.setLatLng(label ? L.latLng(label) : extent.getCenter()).openOn(map);
            showAbove(extent, extent, popup);
        } else {  // worldwide: no place to outline
            popup.setLatLng(map.getCenter()).openOn(map);
        }
        state.popup = popup;
    }

    function select(id) {
        if (id === null || id === undefined || id === "") {
            unmark();
            state.selected = null;
            state.map.closePopup();
            return null;
        }
        if (state.features[id]) selectFeature(id, state.features[id]);
        else if (state.statements[id]) selectStatement(id);
        else return null;
        return id;
    }

    function fitted() {
        var size = state.map.getSize();
        state.map.getContainer().dataset.vetaFitted = size.x + "x" + size.y;
    }

    function refit() {
        // The opening view again (or the selection's), until the user acts on the map.
        if (state.touched) return;
        fitOpening();
        if (state.selected) select(state.selected);
        fitted();
    }

    function fit(map, bounds) {
        state.map = map;
        state.initial = L.latLngBounds(bounds);
        fitOpening();
        var container = map.getContainer();
        function touch(event) {  // opening or folding the legend is not acting on the map
            if (!(event.target.closest && event.target.closest(".veta-legend-control"))) state.touched = true;
        }
        ["pointerdown", "click", "wheel", "keydown", "touchstart"].forEach(function (type) {
            container.addEventListener(type, touch, {passive: true});
        });
        // A map drawn before it was shown, or a resized window: fitted again until the user acts on it.
        map.on("resize", refit);
        global.vetaFitToFrame = function () { map.invalidateSize(false); };
        fitted();
    }

    function pixelBox(extent) {
        // Where extent is, in pixels of the map's container, widened by a marker's symbol.
        var map = state.map;
        var a = map.latLngToContainerPoint(extent.getSouthWest()), b = map.latLngToContainerPoint(extent.getNorthEast());
        return {left: Math.min(a.x, b.x) - MARK, right: Math.max(a.x, b.x) + MARK,
                top: Math.min(a.y, b.y) - MARK, bottom: Math.max(a.y, b.y) + MARK};
    }

    function featureBox() {
        // Where the map's features are (pixelBox), or null for a map without any.
        var layers = [];
        Object.keys(state.features).forEach(function (id) { layers = layers.concat(state.features[id]); });
        var extent = extentOf(layers);
        return extent.isValid() ? pixelBox(extent) : null;
    }

    function legendCovers(box) {
        var room = legendRoom();
        return Boolean(room) && box.left < room.left && box.bottom > state.map.getSize().y - room.bottom;
    }

    function panClear() {
        // Pan the map, keeping its zoom, so that its features lie beside or above the legend's corner (open or
        // folded); false if no pan can do that.
        var box = featureBox(), room = legendRoom();
        if (!box || !room || !legendCovers(box)) return true;
        var size = state.map.getSize();
        var areas = [
            {left: room.left, top: EDGE, right: size.x - EDGE, bottom: size.y - EDGE},  // beside the legend
            {left: EDGE, top: EDGE, right: size.x - EDGE, bottom: size.y - room.bottom},  // above it
        ];
        var best = null;
        areas.forEach(function (area) {
            if (box.right - box.left > area.right - area.left || box.bottom - box.top > area.bottom - area.top) return;
            var dx = box.left < area.left ? area.left - box.left : Math.min(0, area.right - box.right);
            var dy = box.top < area.top ? area.top - box.top : Math.min(0, area.bottom - box.bottom);
            if (best === null || Math.abs(dx) + Math.abs(dy) < Math.abs(best.dx) + Math.abs(best.dy)) {
                best = {dx: dx, dy: dy};
            }
        });
        if (best === null) return false;
        state.map.panBy([-best.dx, -best.dy], {animate: false});
        return !legendCovers(featureBox());  // the map's bounds may hold a pan back
    }

    function clearAtScale(openedByUser) {
        // A map opened at a given centre and zoom (compare: every map at one ground scale) keeps its zoom. Where
        // the legend would cover some of its features, the map is panned so that they lie beside or above it;
        // where no pan can do that, an open legend folds (its title opens it again; not when the user has just
        // opened it), and the map is panned clear of the folded legend if it can be. (A fitted map's fit does this.)
        if (!panClear() && legendOpen() && !openedByUser) {
            setLegendOpen(false);
            panClear();
        }
        var size = state.map.getSize();
        if (size.x && size.y) fitted();  // shown at its size, as a fitted map is marked
    }

    function windowWidth() {
        // The browser window's width (the page around the map's frame, when the browser lets the map see it).
        try {
            return global.top.innerWidth || global.innerWidth;
        } catch (error) {
            return global.innerWidth;
        }
    }

    function legend(map, data) {
        // The legend, bottom left: folded in a phone-sized window; its title folds and unfolds it, and its
        // "more" button shows the details. Folding or unfolding fits the map again (until the user acts on it).
        state.map = map;
        // The credits go under the legend, in its corner: side by side, the two would overlap on a laptop's map.
        if (map.attributionControl) {
            map.attributionControl.setPosition("bottomleft");
            if (data.credit) map.attributionControl.addAttribution(data.credit);
        }
        var box = control("bottomleft", "veta-legend-control", data.html);
        state.legend = {
            box: box,
            toggle: box.querySelector(".veta-legend-toggle"),
            body: box.querySelector(".veta-legend-body"),
        };
        var more = box.querySelector(".veta-legend-more");
        var details = box.querySelector(".veta-legend-details");
        L.DomEvent.on(state.legend.toggle, "click", function () {
            setLegendOpen(!legendOpen());
            if (state.initial) refit();
            else clearAtScale(true);
        });
        L.DomEvent.on(more, "click", function () {
            var open = more.getAttribute("aria-expanded") !== "true";
            more.setAttribute("aria-expanded", open ? "true" : "false");
            details.hidden = !open;
        });
        if (windowWidth() < data.foldBelow) setLegendOpen(false);
    }

    function control(position, className, html) {
        var ctl = L.control({position: position});
        ctl.onAdd = function () {
            var div = L.DomUtil.create("div", className);
            div.innerHTML = html;
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        ctl.addTo(state.map);
        return ctl.getContainer();
    }

    function statementsControl(config) {
        var items = config.statements || [];
        if (!items.length) return;
        var box = control(config.statementsPosition || "topright", "veta-statements-control", "");
        var details = L.DomUtil.create("details", "veta-statements", box);
        details.open = state.map.getSize().x >= config.openStatementsFrom;
        var summary = L.DomUtil.create("summary", "", details);
        summary.textContent = text(config.statementsTitle) + " (" + items.length + ")";
        var hint = L.DomUtil.create("p", "veta-statements-hint", details);
        hint.textContent = config.statementsHint;
        var list = L.DomUtil.create("ul", "", details);
        var scopes = config.scopeNames || {};
        var grouped = items.some(function (item) { return item.scope !== items[0].scope; });
        var heading = null;
        items.forEach(function (item) {
            if (grouped && item.scope !== heading) {  // the Andean countries, worldwide: one heading each
                heading = item.scope;
                var title = L.DomUtil.create("li", "veta-statements-scope", list);
                title.textContent = text(scopes[item.scope]) || item.scope;
            }
            var li = L.DomUtil.create("li", "", list);
            var button = L.DomUtil.create("button", "veta-statement veta-fid-" + item.id + " veta-layer-" + item.layer, li);
            button.type = "button";
            button.setAttribute("aria-pressed", "false");
            button.dataset.feature = item.id;
            var chip = L.DomUtil.create("span", "veta-chip", button);
            chip.style.background = item.colour;
            chip.setAttribute("aria-hidden", "true");
            button.appendChild(global.document.createTextNode(text(item.name)));
            state.statements[item.id] = button;
            L.DomEvent.on(button, "click", function () {
                state.touched = true;
                select(item.id);
                if (state.config.report) post({type: state.config.messages.pick, id: item.id});
            });
        });
    }

    function ring(ids) {
        if (!ids || !ids.length) return;
        global.document.body.classList.add("veta-has-ringed");
        ids.forEach(function (id) { eachElement(id, function (el) { el.classList.add("veta-ringed"); }); });
    }

    function hashSelection() {
        var found = /(?:^#|&)feature=([a-z0-9]+(?:-[a-z0-9]+)*)/.exec(global.location.hash);
        return found ? found[1] : null;
    }

    function init(map, config) {
        state.map = map;
        state.config = config;
        if (config.credit) map.attributionControl.addAttribution(config.credit);
        L.control.scale({position: "bottomright"}).addTo(map);  // the bottom left is the legend's
        if (config.locator && map.getSize().x >= config.locatorFrom) {
            control("bottomright", "veta-locator", config.locator);
        }
        statementsControl(config);
        ring(config.ringed);
        map.on("popupopen", function (event) {  // a popup the user opens fits the map as well
            if (fitPopup(event.popup)) event.popup.update();
        });
        global.addEventListener("message", function (event) {
            var message = event.data;
            if (event.origin !== global.location.origin || event.source !== global.parent) return;
            if (!message || message.type !== config.messages.select) return;
            var id = select(message.id);
            post({type: config.messages.selected, id: id});
        });
        global.addEventListener("hashchange", function () { select(hashSelection()); });
        var first = hashSelection() || config.selected;
        if (first) select(first);
        else if (state.initial && !state.touched && cornerCovers()) refit();  // (the fit ran before the controls)
        placeLabels();
        state.named = true;
        map.on("moveend overlayadd overlayremove", placeLabels);
        whenStyled(placeLabels, true);  // streamlit-folium adds the stylesheets without waiting for them
        if (!state.initial) {
            // A map at a given view (compare) is shown by streamlit-folium, which adds the stylesheets without
            // waiting for them: the legend's room is known once they apply, and again if the frame is resized.
            var clear = function () { if (!state.touched && !state.selected) clearAtScale(false); };
            whenStyled(clear);
            map.on("resize", clear);
        }
    }

    function whenStyled(callback, onlyIfPending) {
        // callback once every stylesheet of the document has loaded (or failed to); at once if they have, unless
        // onlyIfPending
        var pending = Array.prototype.filter.call(global.document.querySelectorAll('link[rel="stylesheet"]'),
            function (link) { return !link.sheet; });
        var left = pending.length;
        if (!left) { if (!onlyIfPending) callback(); return; }
        var done = function () { left -= 1; if (left === 0) callback(); };
        pending.forEach(function (link) {
            link.addEventListener("load", done, {once: true});
            link.addEventListener("error", done, {once: true});
        });
    }

    global.VetaMap = {
        legend: legend, fit: fit, init: init, onEachFeature: onEachFeature, onEachArea: onEachArea, select: select,
    };
})(window);
