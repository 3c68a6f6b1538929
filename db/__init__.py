"""Alembic migration scripts (installed as ``medguide.migrations``); Alembic loads them by path."""
