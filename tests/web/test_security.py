"""Who may use the server and what it does with what it is sent: the token (bearer or sign-in
cookie), the anti-forgery check on every form that writes, the bind address, and document text
always escaped."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient

from clausewise.app import Store
from clausewise.web import WebSettings, create_app
from clausewise.web.settings import DEFAULT_HOST
from tests.conftest import corpus_path
from tests.store.conftest import snapshot

from .conftest import csrf_of

TOKEN = "correct horse battery staple"


def test_token_needed_everywhere_but_health(demo_db: str) -> None:
    with TestClient(create_app(WebSettings(db=demo_db, token=TOKEN)), follow_redirects=False) as client:
        assert client.get("/api/health").status_code == 200
        refused = client.get("/api/reviews")
        assert refused.status_code == 401
        assert "access token" in refused.json()["error"]
        assert client.get("/").headers["location"] == "/login?next=/"
        assert client.get("/api/reviews", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/api/reviews", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_sign_in_form_sets_a_cookie_that_is_not_the_token(demo_db: str) -> None:
    with TestClient(create_app(WebSettings(db=demo_db, token=TOKEN)), follow_redirects=False) as client:
        assert client.get("/login").status_code == 200
        csrf = client.cookies["clausewise_csrf"]
        wrong = client.post("/login", data={"token": "guess", "csrf": csrf, "next": "/reviews"})
        assert wrong.status_code == 401
        assert "clausewise_session" not in client.cookies
        right = client.post("/login", data={"token": TOKEN, "csrf": csrf, "next": "/reviews"})
        assert right.status_code == 303 and right.headers["location"] == "/reviews"
        assert TOKEN not in client.cookies["clausewise_session"]
        assert client.get("/reviews").status_code == 200
        elsewhere = client.post("/login", data={"token": TOKEN, "csrf": csrf, "next": "//evil.example/"})
        assert elsewhere.headers["location"] == "/"


def test_writing_forms_need_the_anti_forgery_value(client: TestClient, demo_db: str) -> None:
    before = snapshot(demo_db)
    form = {"name": "Spilsby Town Council", "policy": "Councillor-Officer Protocol", "on": "2026-11-02"}
    form["next_due"] = "2027-11-30"
    assert client.post("/council/review", data=form).status_code == 403  # no value at all
    assert client.post("/council/review", data={**form, "csrf": "forged"}).status_code == 403
    csrf = csrf_of(client)
    other_site = client.post("/council/review", data={**form, "csrf": csrf}, headers={"Origin": "https://evil.example"})
    assert other_site.status_code == 403
    with corpus_path("spilsby", "txt").open("rb") as file:
        added = client.post("/council/add", data={"name": "Spilsby", "policy": "P"}, files={"file": ("s.txt", file)})
    assert added.status_code == 403
    assert "expired or came from another site" in added.text
    assert snapshot(demo_db) == before
    done = client.post("/council/review", data={**form, "csrf": csrf}, follow_redirects=False)
    assert done.status_code == 303
    assert snapshot(demo_db) != before


def test_pages_allow_no_foreign_script(client: TestClient) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_hostile_document_is_shown_escaped(client: TestClient, hostile_file: Path) -> None:
    csrf = csrf_of(client)
    with hostile_file.open("rb") as one, corpus_path("spilsby", "txt").open("rb") as two:
        files = {"left_file": (hostile_file.name, one), "right_file": ("spilsby.txt", two)}
        page = client.post("/compare", data={"csrf": csrf}, files=files)
    assert page.status_code == 200
    html = page.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert "hostile&lt;b&gt;protocol.txt" in html  # the file's own name is document text too
    assert html.count("<script") == 1  # only the page's own /static/app.js


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(*args: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], int]:
    port = free_port()
    command = [sys.executable, "-m", "clausewise", "serve", "--port", str(port), *args]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
    for _ in range(100):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1)
            return process, port
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError(process.stderr.read() if process.stderr else "the server did not start")


def stop(process: subprocess.Popen[str]) -> str:
    process.terminate()
    _, err = process.communicate(timeout=20)
    return err


def test_serve_binds_to_this_computer_by_default(demo_db: str) -> None:
    assert DEFAULT_HOST == "127.0.0.1"
    process, port = serve("--db", demo_db)
    try:
        assert httpx.get(f"http://127.0.0.1:{port}/api/reviews").status_code == 200
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("8.8.8.8", 80))  # no packet is sent: only the machine's own outward address
            outward = probe.getsockname()[0]
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://{outward}:{port}/api/health", timeout=2)
    finally:
        err = stop(process)
    assert "warning" not in err
    assert f"http://127.0.0.1:{port}/" in err


def test_serve_beyond_this_computer_warns_without_a_token(demo_db: str) -> None:
    process, port = serve("--host", "0.0.0.0", "--db", demo_db)
    err = stop(process)
    assert "clausewise: warning: serving on 0.0.0.0 without a token" in err
    process, port = serve("--host", "0.0.0.0", "--db", demo_db, env={"CLAUSEWISE_TOKEN": TOKEN})
    try:
        assert httpx.get(f"http://127.0.0.1:{port}/api/reviews").status_code == 401
        ok = httpx.get(f"http://127.0.0.1:{port}/api/reviews", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200
    finally:
        err = stop(process)
    assert "warning" not in err


def test_hostile_names_are_escaped_on_every_page(client: TestClient, demo_db: str, hostile_file: Path) -> None:
    """A council and a policy named with markup (stored from the command line) appear as text."""
    council, policy = "<script>alert(1)</script> Council", '<img src=x onerror="alert(2)"> Protocol'
    Store(demo_db).add(hostile_file, council=council, policy=policy, kind="town")
    link = f"/council?name={quote(council)}&policy={quote(policy)}"
    for path in ("/", "/reviews", link, "/compare"):
        html = client.get(path).text
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Council" in html, path
    council_page = client.get(link).text
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt; Council"' in council_page  # the forms' hidden fields
