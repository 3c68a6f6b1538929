"""The SQLite store, over SQLAlchemy 2, in three rooms and a front door.

- the persistence core: ``schema`` (tables), ``database`` (opening, migrations), ``repository``
  (reading pages and the clinic's data; the ORM, in short sessions);
- ``importing/``: files into the store (SQLAlchemy Core, one transaction per batch);
- ``search/``: finding drugs (names in memory, FTS5 over raw SQLite);
- ``collection``: the front door. ``open_collection`` is the one place that builds a database
  with its repository, search engine and importer; everything above the store receives the
  ``Collection`` (or a narrow protocol of it).
"""
