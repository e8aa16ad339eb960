"""Persistence: the SQLite database, its schema and the functions the interface calls."""
