"""Storage, below every domain package: one SQLAlchemy metadata, SQLite by default (``./wuzhangai.db``),
PostgreSQL by URL.

Each area has one module that declares its tables and holds every query on them: ``scans`` (scans, pages,
findings, issues, the frontier), ``sites``, ``surveys``, ``geo``. The store takes and returns plain rows (dicts,
frames); it imports no domain package, so ``scanner``, ``checks``, ``surveys``, ``geodata`` and ``reports`` can
all stand on it. ``node_assets`` says where the npm packages installed at set-up lie.
"""
