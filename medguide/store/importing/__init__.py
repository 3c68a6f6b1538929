"""Importing documents into the store: find and read the files (``prepare``, in worker
processes), then write a batch in one transaction (``write``), with the aliases the shipped name
tables add (``names``, ``brand_table``, ``name_variants``) and the search-index rows
(``fts_writer``). SQL here is SQLAlchemy Core on one connection per batch."""
