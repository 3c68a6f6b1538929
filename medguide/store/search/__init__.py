"""Search over the store: names in memory (``names``), full-text look-ups in FTS5 (``fts``),
one query's candidates (``run``), look-alike names (``lasa``) and the engine that ties them
together (``engine``). SQL here is raw SQLite on a private connection per thread: FTS5 ``MATCH``,
``bm25`` and ``snippet`` have no SQLAlchemy form, and the plain ``sqlite3`` cursor measured about
twice as fast as a Core query for the per-keystroke look-ups."""
