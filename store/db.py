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
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from sqlalchemy import Engine, column, create_engine, event, func, inspect, select, table
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DataError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlalchemy.orm import Session

from clausewise.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseReadOnly,
    DatabaseTooNew,
    DatabaseUnavailable,
    StoreError,
)

from .limits import guard
from .models import Council, Policy

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
        if is_read_only(url):
            return _read_only_sqlite(url)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        hint = " (pip install 'clausewise[postgres]')" if url.get_backend_name() == "postgresql" else ""
        raise DatabaseUnavailable(describe(url), f"no driver for {url.drivername}{hint}") from exc


def _read_only_sqlite(url: URL) -> Engine:
    """A SQLite file that can only be read (permissions, a read-only disk, a CD): opened in
    read-only mode. A WAL database needs its shared-memory file, which a read-only folder
    cannot get; with no write-ahead log left over the file is whole, so it is opened as
    immutable, which needs neither."""
    path = Path(str(url.database))
    whole = not path.with_name(path.name + "-wal").exists()
    flags = "mode=ro&immutable=1" if whole and not os.access(path.parent, os.W_OK) else "mode=ro"
    uri = f"file:{quote(str(path))}?{flags}"
    engine = create_engine(
        "sqlite+pysqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
    )
    event.listen(engine, "connect", _sqlite_connect_read_only)
    event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy issues BEGIN itself (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")


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


# The migrations are one line, 0001 -> 0002 -> ..., each file named after its revision, so the
# head and the known revisions are read from the file names and the database's revision from
# Alembic's own table: a database that is already current is checked without importing Alembic
# (about a third of every command's start-up). tests/store/test_migrations.py checks that this
# agrees with Alembic's view.
_ALEMBIC_VERSION = table("alembic_version", column("version_num"))


def _revisions() -> list[str]:
    return sorted(path.name.partition("_")[0] for path in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def head_revision() -> str:
    return _revisions()[-1]


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    found: str | None = connection.execute(select(_ALEMBIC_VERSION.c.version_num)).scalar()
    return found


def _known_revisions() -> set[str]:
    return set(_revisions())


def _config(connection: Connection) -> Any:
    """Alembic's configuration for this connection (Alembic is imported only here)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _run_migrations(connection: Connection) -> None:
    from alembic import command

    command.upgrade(_config(connection), "head")


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
                _run_migrations(connection)
        return UpgradeResult(before, head)
    except DBAPIError as exc:
        raise database_error(where, exc) from exc


def database_error(where: str, exc: DBAPIError) -> StoreError:
    """What a driver's error means for the clerk: damaged, busy, read-only or unreachable.
    SQLite says which by its message (stable across versions), PostgreSQL by its SQLSTATE."""
    detail = (str(exc.orig).strip().splitlines() or [type(exc.orig).__name__])[0]
    lowered = detail.lower()
    state = str(getattr(exc.orig, "sqlstate", "") or "")
    if "malformed" in lowered or "not a database" in lowered or state == "XX001":
        return DatabaseDamaged(where, detail)
    if "database is locked" in lowered or "busy" in lowered or state in _PG_LOCKED:
        return DatabaseBusy(where, BUSY_TIMEOUT_MS // 1000)
    if "readonly" in lowered or state in _PG_READ_ONLY:
        return DatabaseReadOnly(where, detail)
    if state == "22021" or ("nul" in lowered and "0x00" in lowered):  # PostgreSQL refuses NUL even in a lookup
        return StoreError(f"{where}: a value contains a NUL character, which cannot be stored; remove it")
    if isinstance(exc, DataError | IntegrityError) or state.startswith(("22", "23")):
        return StoreError(f"{where}: the database refused a value ({detail}); nothing was stored")
    return DatabaseUnavailable(where, detail)


# PostgreSQL's SQLSTATEs: a lock not granted in time, and a write this user or transaction may not make.
_PG_LOCKED = {"55P03", "40P01"}
_PG_READ_ONLY = {"42501", "25006"}


def is_read_only(url: URL) -> bool:
    """Whether a SQLite database file can be read but not written (file or folder permissions,
    a read-only disk). Other databases say so when a write is refused."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return False
    path = Path(url.database)
    if not path.exists():
        return False
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


@contextmanager
def open_session(db: str | URL | None = None, *, write: bool | Literal["cache"] = True) -> Iterator[Session]:
    """One session in one transaction: committed when the block ends, rolled back if it raises.

    The schema is created or upgraded first. `write=False` is for commands that only read;
    `write="cache"` for those that only read but keep what they compute (alignments) where the
    database allows: on a read-only database the session reads, and `may_cache` says no.
    """
    url = db if isinstance(db, URL) else database_url(db)
    new_file = _missing_file(url)
    if new_file is not None and write is not True:
        # Only reading: the answers of an empty database, without making one on disk.
        url, new_file = URL.create("sqlite+pysqlite", database=":memory:"), None
    read_only = is_read_only(url)
    if read_only and write is True:
        raise DatabaseReadOnly(describe(url))
    engine = create_store_engine(url)
    created: int | None = None
    try:
        if read_only:
            _check_current(engine)
        else:
            upgrade(engine)
        if new_file is not None and new_file.exists():
            created = new_file.stat().st_ino
        writes = write is True or (write == "cache" and not read_only)
        bind = engine.execution_options(**{_WRITE: writes})
        try:
            with Session(bind=bind) as session, session.begin():
                guard(session)
                session.info["cache"] = writes
                session.info["where"] = describe(url)
                yield session
        except DBAPIError as exc:
            raise database_error(describe(url), exc) from exc
    except BaseException:
        if new_file is not None and created is not None:
            _remove_if_unused(engine, new_file, created)
        raise
    finally:
        engine.dispose()


def _missing_file(url: URL) -> Path | None:
    """The SQLite file this URL names, when it does not exist yet (in a folder that does)."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    path = Path(url.database)
    if not path.parent.is_dir():
        raise DatabaseUnavailable(describe(url), f"the folder {path.parent} does not exist")
    return None if path.exists() else path


def _remove_if_unused(engine: Engine, path: Path, inode: int) -> None:
    """A command that created a database and then failed leaves no empty database behind.
    Only the file this process created (same inode), and only while nothing is stored in it:
    another process may have started using it in the meantime."""
    try:
        if path.stat().st_ino != inode:
            return
        with engine.connect() as connection:
            stored = select(Council.id).union_all(select(Policy.id)).limit(1)
            if connection.execute(stored).first() is not None:
                return
        engine.dispose()
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
    except (OSError, DBAPIError):
        return  # keeping an empty database is harmless; failing here would hide the real error


def _check_current(engine: Engine) -> None:
    """A read-only database can be read only at this clausewise's schema revision."""
    where = describe(engine.url) if engine.url.database else "the read-only database"
    try:
        with engine.connect() as probe:
            revision = _check(probe, where)
    except DBAPIError as exc:
        raise database_error(where, exc) from exc
    if revision != head_revision():
        raise DatabaseReadOnly(where, f"it is at schema revision {revision} and needs upgrading to {head_revision()}")


def may_cache(session: Session) -> bool:
    """Whether this session keeps what it computes (`open_session(write="cache")`)."""
    return bool(session.info.get("cache", True))


def cache_write(session: Session, action: Callable[[], object]) -> bool:
    """Run a write that only keeps a computed result, if the database lets it: a database
    that refuses writes (read-only, or a user without write permission) turns caching off
    for the rest of the session instead of failing the report. Whether it was kept."""
    if not may_cache(session):
        return False
    try:
        with session.begin_nested():
            action()
    except DBAPIError as exc:
        error = database_error(str(session.info.get("where", "the database")), exc)
        if not isinstance(error, DatabaseReadOnly):
            raise
        session.info["cache"] = False
        session.info["cache_refused"] = error.message
        return False
    return True


def upgrade_database(db: str | URL | None = None) -> tuple[str, UpgradeResult]:
    """`clausewise db upgrade`: the database described, and the revisions before and after."""
    url = db if isinstance(db, URL) else database_url(db)
    engine = create_store_engine(url)
    try:
        return describe(url), upgrade(engine)
    finally:
        engine.dispose()
