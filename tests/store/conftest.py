"""Store fixtures: a fresh database per test on every backend, and CLI helpers.

`db` runs each test on SQLite (a file in tmp_path) and on PostgreSQL (a schema of its own in
the server named by CLAUSEWISE_TEST_PG_URL). Without that variable the PostgreSQL runs skip,
saying why; under CI (CI=true) they fail instead, so CI can never pass without them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.schema import CreateSchema, DropSchema

from clausewise.cli import cli
from clausewise.store import export_data, open_session

PG_ENV = "CLAUSEWISE_TEST_PG_URL"
POLICY = "Councillor-Officer Protocol"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def postgres_url() -> str:
    """The test server's URL, or a skip (locally) / failure (CI) saying what is missing."""
    base = os.environ.get(PG_ENV)
    if not base:
        reason = f"PostgreSQL store tests need a server: set {PG_ENV}=postgresql+psycopg://USER@HOST/DB"
        if _in_ci():
            pytest.fail(f"{reason} (CI=true: .ci/run starts one and sets it)")
        pytest.skip(reason)
    return base


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    """A `--db` value for an empty database of each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "clausewise.db")
        return
    base = postgres_url()
    schema = f"test_{uuid.uuid4().hex[:16]}"
    engine = create_engine(base)
    with engine.begin() as connection:
        connection.execute(CreateSchema(schema))
    try:
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as connection:
            connection.execute(DropSchema(schema, cascade=True))
        engine.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Any) -> str:
    return str(tmp_path / "clausewise.db")


def run(db: str, *args: str, ok: bool = True) -> Result:
    """`clausewise ARGS --db DB` through click's runner; asserts exit 0 unless ok=False."""
    result = CliRunner().invoke(cli, [*args, "--db", db])
    if ok:
        assert result.exit_code == 0, (result.output, result.stderr, result.exception)
    return result


def snapshot(db: str) -> dict[str, Any]:
    """Everything the database holds, as the export sees it. Where there is no database (a
    command that fails on a new database leaves none), what an empty database holds."""
    where: str | URL = db
    if "://" not in db and not Path(db).exists():
        where = URL.create("sqlite+pysqlite", database=":memory:")
    with open_session(where, write=False) as session:
        return export_data(session)
