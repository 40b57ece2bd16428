"""Storage: one SQLAlchemy metadata, SQLite by default (``./wuzhangai.db``), PostgreSQL by URL.

Each area declares its tables in its own module here (``scans``, ``surveys``...) on the shared ``Base``.
"""
