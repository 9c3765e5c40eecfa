"""Anchors: where a content feature goes, resolved against the gazetteers, rivers and regions.

Four forms, and only these:

- `{"place": "Hpakant"}` (optional `"source": <places resource>`) → the gazetteer point;
- `{"river": "Atrato"}` (optional `"source": <rivers resource>`) → the river line;
- `{"river": "Atrato", "near": "Quibdó"}` → the point of the river line nearest to the place
  (an optional `"source"` picks the river's or the place's resource, whichever kind it names);
- `{"region": "kachin"}` (a focus region or a scope: `andes`, `world`) → no geometry of its own: a region-wide
  feature is shipped with `"geometry": null` and shown with its region's (or scope's) outline.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.base import BaseGeometry

from veta.build.geometry import point_on_line_near
from veta.build.sources import PLACE_RESOURCES, RIVER_RESOURCES

PLACE_ALIASES: dict[str, str] = {"Laberinto": "Puerto Rosario de Laberinto", "Pangwa": "Pang War"}
"""Other spellings of gazetteer names (accents, case, spaces and hyphens are ignored anyway)."""

RIVER_ALIASES: dict[str, str] = {"Irrawaddy": "Ayeyarwady", "Nmai Hka": "Nmai", "N'Mai Hka": "Nmai"}
"""Other names of the source rivers."""


class AnchorError(ValueError):
    """An anchor that cannot be resolved; the message says why."""


@dataclass(frozen=True)
class Placement:
    """A resolved anchor: the geometry (None for a region-wide feature) and the resource it derives from."""

    geometry: BaseGeometry | None
    source: str


def name_key(name: str) -> str:
    """A lookup key: no accents, case, spaces or punctuation ("Puta-O" and "Putao" match)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if ch.isalnum()).casefold()


def _aliased(name: str, aliases: Mapping[str, str]) -> str:
    keys = {name_key(alias): target for alias, target in aliases.items()}
    return name_key(keys.get(name_key(name), name))


@dataclass(frozen=True)
class NamedGeometries:
    """Named geometries from several resources, searched in a fixed resource order."""

    kind: str
    by_resource: dict[str, dict[str, tuple[str, BaseGeometry]]]
    aliases: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls, kind: str, items: Sequence[tuple[str, str, BaseGeometry]], aliases: Mapping[str, str]
    ) -> NamedGeometries:
        """Index (resource, name, geometry) items; the first item of a name in a resource wins."""
        by_resource: dict[str, dict[str, tuple[str, BaseGeometry]]] = {}
        for resource, name, geom in items:
            by_resource.setdefault(resource, {}).setdefault(name_key(name), (name, geom))
        return cls(kind, by_resource, aliases)

    def find(self, name: object, resource: str | None = None) -> Placement:
        """The geometry named `name`, from `resource` or the first resource that has it."""
        if not isinstance(name, str) or not name.strip():
            raise AnchorError(f"{self.kind} must be a non-empty name, got {name!r}")
        key = _aliased(name, self.aliases)
        order = [resource] if resource else list(self.by_resource)
        for res in order:
            hit = self.by_resource.get(res, {}).get(key)
            if hit is not None:
                return Placement(hit[1], res)
        where = f"in {resource}" if resource else f"in {', '.join(self.by_resource)}"
        known = sorted({n for res in order for n, _ in self.by_resource.get(res, {}).values()})
        raise AnchorError(f"unknown {self.kind} {name!r} {where} (known: {', '.join(known)})")


class Resolver:
    """Resolves anchors against the gazetteers, the rivers and the known areas (focus regions and scopes)."""

    def __init__(self, places: NamedGeometries, rivers: NamedGeometries, areas: Mapping[str, str]):
        """`areas` maps each focus region and scope id to the resource its outline derives from."""
        self.places = places
        self.rivers = rivers
        self.areas = dict(areas)

    def resolve(self, anchor: object) -> Placement:
        """Resolve one anchor; AnchorError if its form, names or source are unknown."""
        if not isinstance(anchor, dict) or not anchor:
            raise AnchorError(f"anchor must be an object such as {{'place': 'Quibdó'}}, got {anchor!r}")
        keys = set(anchor)
        if "place" in keys and keys <= {"place", "source"}:
            return self.places.find(anchor["place"], self._source(anchor, PLACE_RESOURCES))
        if "river" in keys and keys <= {"river", "source"}:
            return self.rivers.find(anchor["river"], self._source(anchor, RIVER_RESOURCES))
        if {"river", "near"} <= keys <= {"river", "near", "source"}:
            return self._near(anchor)
        if keys == {"region"}:
            return self._region(anchor["region"])
        raise AnchorError(
            f"unknown anchor form with keys {sorted(keys)}; expected place (+source), river (+source), "
            "river + near (+source) or region"
        )

    @staticmethod
    def _source(anchor: Mapping[str, Any], allowed: Sequence[str]) -> str | None:
        source = anchor.get("source")
        if source is None:
            return None
        if source not in allowed:
            raise AnchorError(f"unknown source {source!r} for this anchor (expected one of {', '.join(allowed)})")
        return str(source)

    def _near(self, anchor: Mapping[str, Any]) -> Placement:
        source = self._source(anchor, RIVER_RESOURCES + PLACE_RESOURCES)
        river_source = source if source in RIVER_RESOURCES else None
        place_source = source if source in PLACE_RESOURCES else None
        river = self.rivers.find(anchor["river"], river_source)
        place = self.places.find(anchor["near"], place_source)
        return Placement(point_on_line_near(river.geometry, place.geometry), river.source)

    def _region(self, region_id: object) -> Placement:
        if not isinstance(region_id, str) or region_id not in self.areas:
            raise AnchorError(f"unknown region {region_id!r} (expected one of {', '.join(self.areas)})")
        return Placement(None, self.areas[region_id])
