"""Each version's original file: kept byte for byte by its sha256, once per distinct file,
removed with the last version read from it, carried by export and import, and added by the
migration to a database that has versions already."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from alembic import command
from sqlalchemy import func, select, text

from clausewise.store import load_original, open_session
from clausewise.store.db import _config, create_store_engine, database_url, head_revision
from clausewise.store.models import OriginalFile
from tests.conftest import CORPUS, corpus_path
from tests.store.conftest import POLICY, run, snapshot

SPILSBY = corpus_path("spilsby", "docx")


def _kept(db: str) -> dict[str, tuple[str, bytes]]:
    """Every original in the database: its sha256 -> (format, bytes)."""
    with open_session(db, write=False) as session:
        keys = session.scalars(select(OriginalFile.sha256)).all()
        return {key: found for key in keys if (found := load_original(session, key)) is not None}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_add_keeps_each_distinct_file_once_and_remove_drops_it_with_its_last_version(db: str) -> None:
    pdf = corpus_path("chard", "pdf")
    run(db, "add", str(SPILSBY), str(pdf), "--policy", POLICY)
    assert _kept(db) == {_sha(SPILSBY): ("docx", SPILSBY.read_bytes()), _sha(pdf): ("pdf", pdf.read_bytes())}
    # The same file under a second council (the README's mistake): one original, shared.
    run(db, "add", str(SPILSBY), "--policy", POLICY, "--council", "Chard Town Council", "--version", "2026")
    with open_session(db, write=False) as session:
        assert session.scalar(select(func.count()).select_from(OriginalFile)) == 2
    run(db, "remove", '"Chard Town Council"@2026', "--reason", "Spilsby's protocol")
    assert set(_kept(db)) == {_sha(SPILSBY), _sha(pdf)}  # Spilsby's version still came from it
    run(db, "remove", "Spilsby", "--reason", "a test")
    assert set(_kept(db)) == {_sha(pdf)}


def test_export_and_import_carry_the_originals_byte_for_byte(db: str, tmp_path: Path) -> None:
    source = str(tmp_path / "source.db")
    run(source, "add", "--manifest", str(CORPUS / "manifest.toml"))
    run(source, "add", str(SPILSBY), "--policy", POLICY, "--version", "2026 Word")
    dump = tmp_path / "dump.json"
    run(source, "export", str(dump))
    data = json.loads(dump.read_text(encoding="utf-8"))
    assert data["format_version"] == 3
    assert data["versions"][0]["council"]  # the rest stays readable: originals come last
    assert list(data)[-1] == "originals" and len(data["originals"]) == 7
    imported = run(db, "import", str(dump))
    assert "7 original files" in imported.output
    assert _kept(db) == _kept(source)
    assert _kept(db)[_sha(SPILSBY)] == ("docx", SPILSBY.read_bytes())
    assert run(db, "export", "-").output == dump.read_text(encoding="utf-8")


def test_an_export_without_originals_still_imports(db: str, tmp_path: Path) -> None:
    source = str(tmp_path / "source.db")
    run(source, "add", str(SPILSBY), "--policy", POLICY)
    old = {**snapshot(source), "format_version": 2}
    del old["originals"]
    dump = tmp_path / "format-2.json"
    dump.write_text(json.dumps(old), encoding="utf-8")
    assert "1 version" in run(db, "import", str(dump)).output
    assert _kept(db) == {}
    run(db, "add", str(SPILSBY), "--policy", POLICY)  # the same file again: nothing new but its original
    assert _kept(db) == {_sha(SPILSBY): ("docx", SPILSBY.read_bytes())}


def test_a_damaged_original_in_an_export_is_one_line_and_nothing_is_stored(db: str, tmp_path: Path) -> None:
    source = str(tmp_path / "source.db")
    run(source, "add", str(SPILSBY), "--policy", POLICY)
    data = snapshot(source)
    data["originals"][0]["content"] = base64.b64encode(b"not the file").decode("ascii")
    dump = tmp_path / "damaged.json"
    dump.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot(db)
    result = run(db, "import", str(dump), ok=False)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert str(dump) in result.stderr and "does not have that sha256" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(db) == before


def test_an_upgrade_to_0005_keeps_the_versions_and_adds_an_empty_table(db: str) -> None:
    """A database from before originals were kept: its versions read back as they were, with no
    original, and adding one of their files again keeps its original."""
    engine = create_store_engine(database_url(db))
    try:
        with engine.begin() as connection:
            command.upgrade(_config(connection), "0004")
            connection.execute(text("INSERT INTO council (id, name, kind) VALUES (1, 'Spilsby Town Council', 'town')"))
            connection.execute(text("INSERT INTO policy (id, name) VALUES (1, :name)"), {"name": POLICY})
            connection.execute(
                text(
                    "INSERT INTO version (id, council_id, policy_id, label, source_name, sha256, format, "
                    "ingested_at, status, metadata, warnings, origins) VALUES (1, 1, 1, '2026', :name, :sha, "
                    "'docx', '2026-01-01 00:00:00+00:00', 'current', '{}', '[]', '{}')"
                ),
                {"name": SPILSBY.name, "sha": _sha(SPILSBY)},
            )
    finally:
        engine.dispose()
    assert run(db, "db", "upgrade").output.strip().endswith(f"to schema revision {head_revision()}")
    assert head_revision() >= "0005"  # later revisions (0006: indexes) keep what 0005 made
    assert [v["label"] for v in snapshot(db)["versions"]] == ["2026"]
    assert _kept(db) == {}
    assert "unchanged" in run(db, "add", str(SPILSBY), "--policy", POLICY, "--council", "Spilsby Town Council").output
    assert _kept(db) == {_sha(SPILSBY): ("docx", SPILSBY.read_bytes())}
