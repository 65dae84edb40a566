"""The application layer runs on every store backend, as the store tests do."""

from tests.store.conftest import db  # noqa: F401  (the fixture: SQLite and PostgreSQL)
