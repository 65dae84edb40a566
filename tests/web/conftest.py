"""Web app fixtures: the shipped corpus in a store built once, a fresh copy for tests that
write, and a client of the app (FastAPI's TestClient: the real app, in process)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from clausewise.app import Store
from clausewise.web import WebSettings, create_app
from tests.conftest import CORPUS

HOSTILE = (
    "Hostile Town Council\n\nCouncillor-Officer Protocol\n\n"
    "1. Introduction\n\n"
    "1.1 Councillors must <script>alert('x')</script> respect officers at all times.\n\n"
    '1.2 Officers shall <img src=x onerror="alert(1)"> advise the Council impartially.\n\n'
    '1.3 Read the model at [the model](javascript:alert(2)) and <a href="javascript:alert(3)">here</a>.\n'
)


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus added once (SQLite); copy it before writing (`demo_db`)."""
    path = tmp_path_factory.mktemp("web-store") / "corpus.db"
    Store(str(path)).add_manifest(CORPUS / "manifest.toml")
    return path


@pytest.fixture
def demo_db(corpus_db: Path, tmp_path: Path) -> str:
    copy = tmp_path / "store.db"
    shutil.copy(corpus_db, copy)
    return str(copy)


@pytest.fixture
def client(demo_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(WebSettings(db=demo_db))) as test_client:
        yield test_client


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile<b>protocol.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def csrf_of(client: TestClient) -> str:
    """The anti-forgery value a page gave this browser (any page sets it)."""
    if "clausewise_csrf" not in client.cookies:
        client.get("/reviews")
    return str(client.cookies["clausewise_csrf"])
