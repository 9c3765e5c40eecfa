"""Veta's domain objects: regions, features, unmapped passages, data resources, the atlas."""

from __future__ import annotations

from dataclasses import dataclass, field

from shapely.geometry.base import BaseGeometry

from veta.evidence import Evidence, passage_ids_of
from veta.seed import Passage, Seed


@dataclass(frozen=True)
class Region:
    """A focus region (a real admin-1 polygon) or a scope: the Andean countries, or worldwide (no geometry)."""

    id: str
    name: str
    country: str
    geometry: BaseGeometry | None
    area_km2: float | None = None
    official_area_km2: float | None = None
    kind: str = "focus"
    """"focus" (an admin-1 region), "countries" (a scope of whole countries) or "world" (no geometry)."""


@dataclass(frozen=True)
class Feature:
    """A thing the interview says, placed on the map, with its evidence."""

    id: str
    layer: str
    region: str
    name: str
    kind: str
    summary: str
    evidence: tuple[Evidence, ...]
    precision: str
    placement_note: str
    geometry_source: str
    geometry: BaseGeometry | None
    """The feature's own place; for a region-wide feature its region's (or scope's) outline; None worldwide."""
    caveat: str = ""
    named_place: str = ""
    """For site and approximate: the words by which a cited passage names the place."""
    inferred_source: str = ""
    """For inferred: the outside source of the placement, and why."""

    @property
    def passage_ids(self) -> tuple[str, ...]:
        """The passages this feature cites, in order of first citation, without repeats."""
        return passage_ids_of(self.evidence)


@dataclass(frozen=True)
class UnmappedPassage:
    """A passage (or the part of one) that no feature maps, and why."""

    passage_id: str
    reason: str


@dataclass(frozen=True)
class Resource:
    """One file of the geodata package, with its source and licence."""

    name: str
    path: str
    title: str
    licenses: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Atlas:
    """Everything Veta shows: the interview, the regions, the features and their sources."""

    seed: Seed
    regions: tuple[Region, ...]
    features: tuple[Feature, ...]
    unmapped: tuple[UnmappedPassage, ...] = ()
    resources: tuple[Resource, ...] = ()
    context: dict = field(default_factory=dict, compare=False, hash=False)
    scopes: tuple[Region, ...] = ()
    """The scopes beyond the focus regions (the Andean countries, worldwide), in `veta.layers.SCOPE_IDS` order."""
    _by_id: dict[str, Feature] = field(init=False, repr=False, compare=False, hash=False)
    _citing: dict[str, tuple[Feature, ...]] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        # Lookups the pages make for every passage and feature on every run, indexed once (the reader asks which
        # features cite each of ~60 passages: a scan of every feature's evidence each time cost ~40 ms a run).
        citing: dict[str, list[Feature]] = {}
        for feature in self.features:
            for passage_id in feature.passage_ids:
                citing.setdefault(passage_id, []).append(feature)
        object.__setattr__(self, "_by_id", {f.id: f for f in reversed(self.features)})
        object.__setattr__(self, "_citing", {k: tuple(v) for k, v in citing.items()})

    def region(self, region_id: str) -> Region:
        """The focus region or scope with this id; KeyError if unknown."""
        for region in (*self.regions, *self.scopes):
            if region.id == region_id:
                return region
        raise KeyError(region_id)

    def feature(self, feature_id: str) -> Feature:
        """The feature with this id (the first, if ids repeat); KeyError if unknown."""
        return self._by_id[feature_id]

    def features_in(self, region_id: str, layer: str | None = None) -> tuple[Feature, ...]:
        """A region's (or scope's) features, optionally of one layer, in file order."""
        return tuple(f for f in self.features if f.region == region_id and (layer is None or f.layer == layer))

    def features_citing(self, passage_id: str) -> tuple[Feature, ...]:
        """The features whose evidence quotes this passage, in file order."""
        return self._citing.get(passage_id, ())

    def unmapped_reason(self, passage_id: str) -> str | None:
        """Why a passage is (partly) left off the map, if it is listed as such."""
        for item in self.unmapped:
            if item.passage_id == passage_id:
                return item.reason
        return None

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id; KeyError if unknown."""
        return self.seed.passage(passage_id)

    def resource(self, name: str) -> Resource:
        """The data resource with this name; KeyError if unknown."""
        for resource in self.resources:
            if resource.name == name:
                return resource
        raise KeyError(name)
