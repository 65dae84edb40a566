"""Errors of the store, each one line naming the thing and the fix (exit code 2)."""

from __future__ import annotations

from ingest.errors import ClausewiseError


class StoreError(ClausewiseError):
    """A problem with the database or what is asked of it."""


class DatabaseTooNew(StoreError):
    def __init__(self, where: str, revision: str) -> None:
        super().__init__(
            f"{where}: this database was written by a newer clausewise (schema revision {revision}); "
            "upgrade clausewise (pip install -U clausewise) — the database was not changed"
        )


class DatabaseUnavailable(StoreError):
    def __init__(self, where: str, detail: str) -> None:
        super().__init__(f"{where}: cannot open the database ({detail}); check --db or CLAUSEWISE_DB")


class NotFound(StoreError):
    """A council, policy or version that is not in the database."""


class Ambiguous(StoreError):
    """A reference that matches more than one thing."""


class Conflict(StoreError):
    """A write that would overwrite something already stored."""


class BadValue(StoreError):
    """A command-line value that is not valid (a date, a number)."""
