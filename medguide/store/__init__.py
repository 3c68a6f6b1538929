"""SQLite store over SQLAlchemy 2: schema, database opening and migrations, importer,
repository, search."""
