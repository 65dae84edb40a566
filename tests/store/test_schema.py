"""The schema: migrations agree with the models, run on first use, and never touch a newer database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from clausewise.store.db import _config, create_store_engine, database_url, head_revision, open_session
from clausewise.store.models import Base
from tests.store.conftest import postgres_url, run, snapshot


def test_models_and_migrations_agree(db: str) -> None:
    run(db, "db", "upgrade")
    engine = create_store_engine(database_url(db))
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_db_upgrade_creates_then_reports_the_revision(db: str) -> None:
    first = run(db, "db", "upgrade")
    assert f"upgraded from an empty database to schema revision {head_revision()}" in first.output
    again = run(db, "db", "upgrade")
    assert f"already at schema revision {head_revision()}" in again.output


def test_first_use_creates_the_schema(db: str) -> None:
    result = run(db, "councils")
    assert "No councils yet" in result.output
    assert snapshot(db)["versions"] == []


def test_a_database_from_a_newer_clausewise_is_refused_and_left_alone(db: str) -> None:
    run(db, "db", "upgrade")
    engine = create_store_engine(database_url(db))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'zz99_from_the_future'"))
    for args in (["councils"], ["db", "upgrade"], ["reviews"]):
        result = run(db, *args, ok=False)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1
        assert "newer clausewise" in result.stderr and "zz99_from_the_future" in result.stderr
        assert "not changed" in result.stderr
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "zz99_from_the_future"
    engine.dispose()


def test_a_database_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
    result = run(str(path), "councils", ok=False)
    assert result.exit_code == 2 and "not a clausewise database" in result.stderr
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"accounts"}


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(sqlite_db: str) -> None:
    with open_session(sqlite_db) as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert int(session.execute(text("PRAGMA busy_timeout")).scalar() or 0) >= 10_000
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_the_database_comes_from_the_environment_or_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLAUSEWISE_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    assert database_url(None).database == str(tmp_path / "clausewise.db")
    monkeypatch.setenv("CLAUSEWISE_DB", str(tmp_path / "office.db"))
    assert database_url(None).database == str(tmp_path / "office.db")
    assert database_url("postgresql+psycopg://clerk@server/policies").get_backend_name() == "postgresql"


def test_a_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    result = run(str(tmp_path / "no" / "such" / "folder" / "x.db"), "councils", ok=False)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "does not exist" in result.stderr


def test_an_unreachable_server_is_one_clear_line(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://nobody@/clausewise?host={tmp_path}&port=1"
    result = run(url, "councils", ok=False)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "cannot open the database" in result.stderr and "check --db or CLAUSEWISE_DB" in result.stderr


def test_postgresql_tests_skip_locally_but_fail_in_ci_without_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAUSEWISE_TEST_PG_URL", raising=False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="CLAUSEWISE_TEST_PG_URL"):
        postgres_url()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        postgres_url()


def test_a_database_of_the_first_schema_is_upgraded_keeping_its_runs(db: str) -> None:
    """A store written before possible matches were kept: its alignment run gains an empty list
    of them, and everything else reads back as it was."""
    engine = create_store_engine(database_url(db))
    try:
        with engine.begin() as connection:
            command.upgrade(_config(connection), "0001")
            connection.execute(text("INSERT INTO council (id, name, kind) VALUES (1, 'Old Parish Council', 'parish')"))
            connection.execute(text("INSERT INTO policy (id, name) VALUES (1, 'Protocol')"))
            for key, label in ((1, "1"), (2, "2")):
                connection.execute(
                    text(
                        "INSERT INTO version (id, council_id, policy_id, label, source_name, sha256, format, "
                        "ingested_at, status, metadata, warnings, origins) VALUES (:id, 1, 1, :label, 'p.txt', "
                        ":sha, 'text', '2026-01-01 00:00:00+00:00', :status, '{}', '[]', '{}')"
                    ),
                    {
                        "id": key,
                        "label": label,
                        "sha": f"{key:064x}",
                        "status": "current" if key == 2 else "superseded",
                    },
                )
            connection.execute(
                text(
                    "INSERT INTO alignment_run (id, left_version_id, right_version_id, profile, semantic, threshold, "
                    "algorithm, created_at) "
                    "VALUES (1, 1, 2, 'default#x', 'spacy', 58.0, 'old', '2026-01-01 00:00:00+00:00')"
                )
            )
    finally:
        engine.dispose()
    assert run(db, "db", "upgrade").output.strip().endswith(f"to schema revision {head_revision()}")
    data = snapshot(db)
    assert [v["label"] for v in data["versions"]] == ["1", "2"]
    [kept] = data["alignment_runs"]
    assert kept["algorithm"] == "old" and kept["possible"] == []


def test_an_upgrade_to_0004_makes_month_dates_months_again(db: str) -> None:
    """Before 0004 a date known only to its month was stored as its first day, its origin
    saying how it was written: the upgrade reads that back into a precision, and an adoption
    date taken from the cover is marked as such, as `add` marks it now."""
    origins = {
        "spilsby": '{"adopted": "document: issued \\"April 2026\\"", "review due": "document: \\"April 2028\\""}',
        "chard": '{"adopted": "document", "version": "manifest"}',
    }
    engine = create_store_engine(database_url(db))
    try:
        with engine.begin() as connection:
            command.upgrade(_config(connection), "0003")
            connection.execute(text("INSERT INTO policy (id, name) VALUES (1, 'Protocol')"))
            for key, (council, adopted) in enumerate((("spilsby", "2026-04-01"), ("chard", "2015-01-19")), 1):
                connection.execute(
                    text("INSERT INTO council (id, name) VALUES (:id, :name)"), {"id": key, "name": council}
                )
                connection.execute(
                    text(
                        "INSERT INTO version (id, council_id, policy_id, label, source_name, sha256, format, "
                        "ingested_at, adopted_on, review_due, status, metadata, warnings, origins) VALUES (:id, :id, "
                        "1, '1', 'p.txt', :sha, 'text', '2026-01-01 00:00:00+00:00', :adopted, :due, 'current', '{}', "
                        "'[]', :origins)"
                    ),
                    {
                        "id": key,
                        "sha": f"{key:064x}",
                        "adopted": adopted,
                        "due": "2028-04-01" if council == "spilsby" else None,
                        "origins": origins[council],
                    },
                )
    finally:
        engine.dispose()
    run(db, "db", "upgrade")
    versions = {v["council"]: v for v in snapshot(db)["versions"]}
    spilsby, chard = versions["spilsby"], versions["chard"]
    assert (spilsby["adopted_precision"], spilsby["review_due_precision"]) == ("month", "month")
    assert spilsby["origins"] == {"adopted": "the date on the cover", "review due": 'document: "April 2028"'}
    assert (chard["adopted_precision"], chard["review_due_precision"]) == ("day", "day")
    assert chard["origins"] == {"adopted": "document", "version": "manifest"}
    assert (
        "adopted 2026-04 (the date on the cover; no adoption date found); review due 2028-04"
        in run(db, "history", "spilsby").output
    )


def test_the_revisions_read_without_alembic_are_alembics(db: str) -> None:
    """store/db.py reads the head and known revisions from the migration files' names and the
    database's revision from alembic_version, so a current database opens without Alembic."""
    from alembic.script import ScriptDirectory

    from clausewise.store.db import MIGRATIONS, _known_revisions, current_revision

    scripts = ScriptDirectory(str(MIGRATIONS))
    assert head_revision() == scripts.get_current_head()
    assert _known_revisions() == {script.revision for script in scripts.walk_revisions()}
    run(db, "db", "upgrade")
    engine = create_store_engine(database_url(db))
    try:
        with engine.connect() as connection:
            assert current_revision(connection) == MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
