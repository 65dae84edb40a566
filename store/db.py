"""Opening the database: URLs, SQLite settings, migrations, one transaction per command.

`--db PATH`, else `CLAUSEWISE_DB`, else `clausewise.db` in the working directory; a value
with `://` is any SQLAlchemy URL (`postgresql+psycopg://user@host/db`). SQLite runs in WAL
mode with a busy timeout, and a writing transaction starts with `BEGIN IMMEDIATE`, so
several processes writing at once wait for one another instead of failing.

Migrations (Alembic, shipped in `store/migrations`) run on first use under a lock, so
processes opening a new database at once do not race. A database at a schema revision this
clausewise does not know was written by a newer one: it is refused and never altered.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, func, inspect, select
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session

from clausewise.errors import DatabaseTooNew, DatabaseUnavailable, StoreError

ENV_VAR = "CLAUSEWISE_DB"
DEFAULT_FILE = "clausewise.db"
BUSY_TIMEOUT_MS = 60_000
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_PG_LOCK_KEY = 0x636C6175  # "clau": one advisory lock for schema upgrades
_PG_WRITE_KEY = 0x636C6176  # and one for writes that read before they write (see serialise_writes)
_WRITE = "clausewise_write"


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None  # the schema revision found; None for a new database
    after: str


def database_url(db: str | None = None) -> URL:
    """The URL for `--db` (a path or URL), else $CLAUSEWISE_DB, else ./clausewise.db."""
    value = db or os.environ.get(ENV_VAR) or DEFAULT_FILE
    if "://" in value:
        try:
            return make_url(value)
        except ArgumentError as exc:
            raise StoreError(f"{value}: not a database URL ({exc}); give a file path or a SQLAlchemy URL") from exc
    return URL.create("sqlite+pysqlite", database=str(Path(value).expanduser().resolve()))


def describe(url: URL) -> str:
    """The database as a user would name it (no password)."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def create_store_engine(url: URL | str) -> Engine:
    url = make_url(url) if isinstance(url, str) else url
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:" and not Path(url.database).parent.is_dir():
            raise DatabaseUnavailable(describe(url), f"the folder {Path(url.database).parent} does not exist")
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        hint = " (pip install 'clausewise[postgres]')" if url.get_backend_name() == "postgresql" else ""
        raise DatabaseUnavailable(describe(url), f"no driver for {url.drivername}{hint}") from exc


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy issues BEGIN itself (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # A writer takes the write lock up front: a deferred transaction that reads and then
    # writes can fail at once (SQLITE_BUSY) when another writer got there first.
    write = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def serialise_writes(session: Session) -> None:
    """Make this transaction the only writer until it ends.

    A write that depends on what it read (which version is current, whether a council
    exists) must not interleave with another. SQLite already has the write lock
    (BEGIN IMMEDIATE); PostgreSQL takes a transaction-level advisory lock.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_PG_WRITE_KEY)))


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def _check(connection: Connection, where: str) -> str | None:
    # Tables first, then the revision: on PostgreSQL each statement sees the latest commits, so
    # a first migration another process commits in between shows its revision too, and its
    # tables are never taken for a foreign database's.
    has_tables = bool(inspect(connection).get_table_names())
    revision = current_revision(connection)
    if revision is not None and revision not in _known_revisions():
        raise DatabaseTooNew(where, revision)
    if revision is None and has_tables:
        raise StoreError(
            f"{where}: this database has tables but is not a clausewise database — it was not changed",
            needs="database",
        )
    return revision


def upgrade(engine: Engine) -> UpgradeResult:
    """Bring the schema to this clausewise's head revision (a no-op when it is there)."""
    where = describe(engine.url)
    try:
        with engine.connect() as probe:
            before = _check(probe, where)
        head = head_revision()
        if before == head:
            return UpgradeResult(before, head)
        with engine.execution_options(**{_WRITE: True}).connect() as connection, connection.begin():
            if engine.dialect.name == "postgresql":
                connection.execute(select(func.pg_advisory_xact_lock(_PG_LOCK_KEY)))
            before = _check(connection, where)  # another process may have upgraded meanwhile
            if before != head:
                command.upgrade(_config(connection), "head")
        return UpgradeResult(before, head)
    except DBAPIError as exc:
        raise DatabaseUnavailable(where, str(exc.orig).strip().splitlines()[0]) from exc


@contextmanager
def open_session(db: str | URL | None = None, *, write: bool = True) -> Iterator[Session]:
    """One session in one transaction: committed when the block ends, rolled back if it raises.

    The schema is created or upgraded first. `write=False` is for commands that only read.
    """
    url = db if isinstance(db, URL) else database_url(db)
    engine = create_store_engine(url)
    try:
        upgrade(engine)
        bind = engine.execution_options(**{_WRITE: write})
        try:
            with Session(bind=bind) as session, session.begin():
                yield session
        except OperationalError as exc:
            raise DatabaseUnavailable(describe(url), str(exc.orig).strip().splitlines()[0]) from exc
    finally:
        engine.dispose()


def upgrade_database(db: str | URL | None = None) -> tuple[str, UpgradeResult]:
    """`clausewise db upgrade`: the database described, and the revisions before and after."""
    url = db if isinstance(db, URL) else database_url(db)
    engine = create_store_engine(url)
    try:
        return describe(url), upgrade(engine)
    finally:
        engine.dispose()
