"""Pure domain layer: enums, dataclasses and text rules. Imports neither Qt nor SQLAlchemy."""
