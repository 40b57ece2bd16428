"""Places things: boundaries, spatial joins, grids, gap analysis, maps."""
