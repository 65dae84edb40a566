"""Migration 0006: the indexes every command-line lookup uses, added to a database that has
data already, on SQLite and PostgreSQL, and used by the lookups themselves."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from clausewise.store import open_session, resolve_version
from clausewise.store.db import _config, create_store_engine, database_url, head_revision
from tests.store.conftest import POLICY, run, snapshot

ADDED = {"ix_council_lower_name", "ix_alignment_run_right_version_id", "ix_version_based_on_id"}


def _indexes(connection: Connection) -> set[str]:
    if connection.dialect.name == "sqlite":  # SQLAlchemy does not reflect expression indexes on SQLite
        return set(connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())
    found = inspect(connection)
    return {index["name"] for table in found.get_table_names() for index in found.get_indexes(table) if index["name"]}


def _council_lookup_plan(connection: Connection) -> str:
    """How the database runs `references.find_council`'s exact lookup."""
    query = "SELECT id FROM council WHERE lower(name) = 'spilsby town council'"
    if connection.dialect.name == "sqlite":
        return " ".join(str(row[-1]) for row in connection.execute(text(f"EXPLAIN QUERY PLAN {query}")))
    connection.execute(text("SET LOCAL enable_seqscan = off"))  # a table this small is scanned otherwise
    return " ".join(str(row[0]) for row in connection.execute(text(f"EXPLAIN {query}")))


def test_the_upgrade_from_0005_adds_the_lookup_indexes_and_keeps_the_rows(db: str) -> None:
    """A database written at 0005 (a council name in mixed case): after the upgrade its rows are
    as they were, the indexes are there, and the council lookup in any case uses its index."""
    engine = create_store_engine(database_url(db))
    try:
        with engine.begin() as connection:
            command.upgrade(_config(connection), "0005")
            assert not ADDED & _indexes(connection)
            connection.execute(text("INSERT INTO council (id, name, kind) VALUES (1, 'Spilsby Town Council', 'town')"))
            connection.execute(text("INSERT INTO policy (id, name) VALUES (1, :name)"), {"name": POLICY})
            connection.execute(
                text(
                    "INSERT INTO version (id, council_id, policy_id, label, source_name, sha256, format, "
                    "ingested_at, status, metadata, warnings, origins) VALUES (1, 1, 1, '2026', 's.txt', :sha, "
                    "'text', '2026-01-01 00:00:00+00:00', 'current', '{}', '[]', '{}')"
                ),
                {"sha": "0" * 64},
            )
    finally:
        engine.dispose()
    assert run(db, "db", "upgrade").output.strip().endswith(f"to schema revision {head_revision()}")
    assert [(v["council"], v["label"]) for v in snapshot(db)["versions"]] == [("Spilsby Town Council", "2026")]
    engine = create_store_engine(database_url(db))
    try:
        with engine.begin() as connection:
            assert _indexes(connection) >= ADDED
            assert "ix_council_lower_name" in _council_lookup_plan(connection)
    finally:
        engine.dispose()
    with open_session(db, write=False) as session:
        found = resolve_version(session, "spilsby TOWN council")
    assert (found.council, found.label, found.clauses) == ("Spilsby Town Council", "2026", 0)
