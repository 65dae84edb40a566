"""Alembic migrations of the store schema (run by store.db.upgrade)."""
