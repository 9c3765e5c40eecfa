"""Veta's domain objects: regions, features, unmapped passages, data resources, the atlas."""

from __future__ import annotations

from dataclasses import dataclass, field

from shapely.geometry.base import BaseGeometry

from veta.evidence import Evidence, passage_ids_of
from veta.seed import Passage, Seed


@dataclass(frozen=True)
class Region:
    """A focus region: a real admin-1 polygon."""

    id: str
    name: str
    country: str
    geometry: BaseGeometry
    area_km2: float | None = None
    official_area_km2: float | None = None


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
    geometry: BaseGeometry
    caveat: str = ""

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

    def region(self, region_id: str) -> Region:
        """The region with this id; KeyError if unknown."""
        for region in self.regions:
            if region.id == region_id:
                return region
        raise KeyError(region_id)

    def feature(self, feature_id: str) -> Feature:
        """The feature with this id; KeyError if unknown."""
        for feature in self.features:
            if feature.id == feature_id:
                return feature
        raise KeyError(feature_id)

    def features_in(self, region_id: str, layer: str | None = None) -> tuple[Feature, ...]:
        """A region's features, optionally of one layer, in file order."""
        return tuple(f for f in self.features if f.region == region_id and (layer is None or f.layer == layer))

    def features_citing(self, passage_id: str) -> tuple[Feature, ...]:
        """The features whose evidence quotes this passage."""
        return tuple(f for f in self.features if passage_id in f.passage_ids)

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
