"""The JSON API against the command line: the same JSON, the same one-line errors, the right
status codes, and nothing stored or left behind by a bad upload."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from clausewise.cli import cli
from clausewise.web import WebSettings, create_app
from tests.conftest import DATA, corpus_path
from tests.store.conftest import snapshot


def cli_output(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def upload(client: TestClient, left: Path, right: Path, **data: str) -> object:
    with left.open("rb") as one, right.open("rb") as two:
        return client.post("/api/compare", files={"left": (left.name, one), "right": (right.name, two)}, data=data)


def test_health(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize(
    ("left", "right"),
    [(("sandon-burston", "txt"), ("spilsby", "txt")), (("chard", "docx"), ("chard", "pdf"))],
)
def test_compare_is_the_cli_json(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, left: tuple[str, str], right: tuple[str, str]
) -> None:
    first, second = corpus_path(*left), corpus_path(*right)
    response = upload(client, first, second)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    monkeypatch.chdir(first.parent)  # the CLI names the files as given: by their names, as the upload does
    code, printed, _ = cli_output("compare", first.name, str(second.relative_to(first.parent)), "--format", "json")
    assert code in (0, 1)
    expected = json.loads(printed)
    expected["right"]["path"] = second.name  # an upload has a name, never a folder
    assert response.json() == expected
    if first.parent == second.parent:
        assert response.text == printed  # byte for byte
    assert response.json()["links"]


def test_compare_takes_semantic(client: TestClient) -> None:
    response = upload(client, corpus_path("sandon-burston", "txt"), corpus_path("spilsby", "txt"), semantic="none")
    assert response.json()["settings"]["semantic"] == "none"
    bad = upload(client, corpus_path("chard", "txt"), corpus_path("spilsby", "txt"), semantic="psychic")
    assert bad.status_code == 400
    assert "psychic" in bad.json()["error"]


def test_reviews_is_the_cli_json(client: TestClient, demo_db: str) -> None:
    for query, args in (
        ("?as_of=2026-09-01", ["--as-of", "2026-09-01"]),
        ("?as_of=2030-01-01&within=10", ["--as-of", "2030-01-01", "--within", "10"]),
    ):
        response = client.get("/api/reviews" + query)
        assert response.status_code == 200
        code, printed, _ = cli_output("reviews", *args, "--format", "json", "--db", demo_db)
        assert code == 0
        assert response.text == printed
        assert json.loads(printed)["items"]


def test_reviews_bad_date(client: TestClient) -> None:
    response = client.get("/api/reviews?as_of=01/02/2026")
    assert response.status_code == 400
    assert response.json()["error"].startswith("as_of: ")


BAD_UPLOADS = [
    ("empty.txt", 400),  # nothing in it
    ("corrupt.pdf", 400),  # a damaged PDF
    ("scanned.pdf", 400),  # no text layer
    ("legacy.doc", 415),  # Word 97: not a format clausewise reads
    ("policy.rtf", 415),
    ("not-really.pdf", 415),  # random bytes named .pdf
]


@pytest.mark.parametrize(("name", "status"), BAD_UPLOADS)
def test_bad_upload_is_the_cli_error(
    client: TestClient, demo_db: str, monkeypatch: pytest.MonkeyPatch, name: str, status: int
) -> None:
    before = snapshot(demo_db)
    response = upload(client, DATA / name, corpus_path("spilsby", "txt"))
    assert response.status_code == status
    monkeypatch.chdir(DATA)
    code, _, stderr = cli_output("compare", name, str(corpus_path("spilsby", "txt")))
    assert code == 2
    assert stderr.strip() == f"clausewise: error: {response.json()['error']}"
    assert "Traceback" not in response.text and "\n" not in response.json()["error"]
    assert snapshot(demo_db) == before
    assert list(client.app.state.web.folder.path.iterdir()) == []  # type: ignore[attr-defined]


def test_missing_file_field(client: TestClient) -> None:
    with corpus_path("spilsby", "txt").open("rb") as one:
        response = client.post("/api/compare", files={"left": ("spilsby.txt", one)})
    assert response.status_code == 400
    assert response.json()["error"] == "right: no file was sent; choose a policy file (.pdf, .docx, .txt or .md)"


def test_too_big(demo_db: str, tmp_path: Path) -> None:
    settings = WebSettings(db=demo_db, max_upload_mb=0.05)  # 51 kB: the corpus PDFs are larger
    big = corpus_path("spilsby", "pdf")
    assert big.stat().st_size > settings.max_upload_bytes
    with TestClient(create_app(settings)) as client:
        response = upload(client, big, corpus_path("spilsby", "txt"))
        assert response.status_code == 413
        assert response.json()["error"] == (
            f"{big.name}: the file is larger than 0.05 MB, this server's limit; send a smaller file "
            "(or start `clausewise serve` with a larger --max-upload)"
        )
        huge = tmp_path / "huge.txt"
        huge.write_bytes(b"x" * (settings.max_body_bytes + 1))
        whole = upload(client, huge, huge)  # the request itself is too long: refused unread
        assert whole.status_code == 413
        assert list(client.app.state.web.folder.path.iterdir()) == []  # type: ignore[attr-defined]


def test_upload_names_are_never_used(client: TestClient, tmp_path: Path) -> None:
    """A name with a path in it is only ever a name: the server's copy has a made-up name in its
    own folder, and the document is called by the upload's last part."""
    text = corpus_path("spilsby", "txt").read_bytes()
    files = {"left": ("../../etc/evil.txt", text), "right": ("C:\\Users\\clerk\\spilsby.txt", text)}
    response = client.post("/api/compare", files=files)
    assert response.status_code == 200
    assert (response.json()["left"]["path"], response.json()["right"]["path"]) == ("evil.txt", "spilsby.txt")
    assert not (tmp_path.parent / "etc").exists()


def test_openapi_documents_the_api_and_nothing_loads_from_the_internet(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/api/compare", "/api/health", "/api/reviews"} <= set(schema["paths"])
    assert set(schema["paths"]["/api/compare"]["post"]["responses"]) >= {"200", "400", "413", "415"}
    assert client.get("/docs").status_code == 404  # FastAPI's page would fetch Swagger UI from a CDN
