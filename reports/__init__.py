"""Tells people: Jinja2 templates and HTML/PDF/CSV/XLSX/GeoJSON outputs. Knows nothing of Chromium."""
