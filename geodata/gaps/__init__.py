"""Gap analysis over scored facilities, one analysis per module (each module's docstring gives its method and
parameters; defaults in ``GapParams``). Every distance and area is computed in metres in EPSG:4547.

* ``coverage``: grid cells farther than D from a compliant accessible toilet / parking / curb ramp at a crossing.
* ``priority_places``: hospitals, metro stations, schools and service halls without what they need within D.
* ``tactile_continuity``: breaks, obstructions and dead ends along tactile paving.
* ``units``: figures per street and community (by polygon when loaded, else by the recorded unit).
* ``worst_units``: units with failures, worst first, each with a reason.
* ``sites``: scanned web sites on the same map.
* ``report``: ``analyse`` runs them all over one facility frame into a ``GapReport``.

Straight-line distance understates walking distance; it is the usual first screen for coverage gaps.
"""
from __future__ import annotations

from geodata.gaps._common import (
    CROSSING_CONTEXTS, FACILITY_LABELS, PARKING_TYPES, GapParams, compliant_of, failing_rules_of, metric_xy,
    nearest_distances, points_in_polygons,
)
from geodata.gaps.coverage import COVERAGE_TARGETS, coverage
from geodata.gaps.priority_places import PRIORITY_NEEDS, priority_gaps
from geodata.gaps.report import GapReport, analyse
from geodata.gaps.sites import SITE_COLUMNS, sites_on_map
from geodata.gaps.tactile_continuity import TACTILE_TERMINALS, tactile_continuity, tactile_records
from geodata.gaps.units import area_stats, assign_units
from geodata.gaps.worst_units import worst_places

__all__ = [
    "COVERAGE_TARGETS", "CROSSING_CONTEXTS", "FACILITY_LABELS", "PARKING_TYPES", "PRIORITY_NEEDS", "SITE_COLUMNS",
    "TACTILE_TERMINALS", "GapParams", "GapReport", "analyse", "area_stats", "assign_units", "compliant_of",
    "coverage", "failing_rules_of", "metric_xy", "nearest_distances", "points_in_polygons", "priority_gaps",
    "sites_on_map", "tactile_continuity", "tactile_records", "worst_places",
]
