"""Facility rules (GB 55019-2021 / GB 50763-2012) and their vectorised scoring."""
