"""Judges evidence. Pure functions over plain data: no I/O, no browser, no imports of the other packages."""
