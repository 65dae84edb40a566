"""Bad input to every command: one line on stderr naming what is wrong, exit status 2, no
traceback, and the store exactly as it was (its export compared before and after) — on SQLite
and on PostgreSQL alike."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from clausewise.cli import UNEXPECTED, cli
from clausewise.errors import DatabaseBusy
from clausewise.store.db import database_error
from tests.conftest import CORPUS, corpus_path
from tests.store.conftest import POLICY, run, snapshot

CHARD = str(corpus_path("chard", "txt"))
SPILSBY = str(corpus_path("spilsby", "txt"))
MODEL = str(corpus_path("sandon-burston", "txt"))


def failed_cleanly(result: Result, *named: str) -> str:
    """The rule for bad input: exit 2, one line on stderr naming the things at fault, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.stderr, result.exception)
    line = result.stderr
    assert line.startswith("clausewise: error: ") and line.count("\n") == 1, line
    assert "Traceback" not in result.output + line and UNEXPECTED not in line, line
    for name in named:
        assert name in line, (name, line)
    return line


def _model_and_chard(db: str) -> None:
    run(db, "add", MODEL, "--policy", POLICY, "--council", "Sandon and Burston Parish Council", "--model")
    run(db, "add", CHARD, "--policy", POLICY, "--council", "Chard Town Council")


# --- Output files --------------------------------------------------------------------------------


def test_output_paths_that_cannot_be_files_are_refused(db: str, tmp_path: Path) -> None:
    _model_and_chard(db)
    before = snapshot(db)
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    long_name = tmp_path / ("a" * 300 + ".html")
    for target, words in (
        (tmp_path, "is a folder"),
        (fifo, "is a device or pipe"),
        (Path("/dev/null"), "is a device or pipe"),
        (Path("/proc/clausewise.html"), "cannot write a file there"),
        (tmp_path / "no" / "such" / "x.html", "does not exist"),
        (long_name, "too long"),
    ):
        result = run(db, "report", "divergence", "Chard", "-o", str(target), ok=False)
        failed_cleanly(result, str(target), words)
    assert stat.S_ISFIFO(fifo.stat().st_mode) and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("clausewise.db")) == ["pipe.html"]
    assert snapshot(db) == before


def test_a_name_near_the_length_limit_is_written(sqlite_db: str, tmp_path: Path) -> None:
    _model_and_chard(sqlite_db)
    target = tmp_path / ("a" * 250 + ".html")  # 255 characters: the temporary name must be shorter
    run(sqlite_db, "report", "divergence", "Chard", "-o", str(target))
    assert "Chard Town Council" in target.read_text(encoding="utf-8")


def test_a_symbolic_link_is_written_through_and_stays_a_link(sqlite_db: str, tmp_path: Path) -> None:
    _model_and_chard(sqlite_db)
    real, link = tmp_path / "real.html", tmp_path / "link.html"
    real.write_text("old", encoding="utf-8")
    link.symlink_to(real)
    run(sqlite_db, "report", "divergence", "Chard", "-o", str(link))
    assert link.is_symlink() and "Chard Town Council" in real.read_text(encoding="utf-8")


def test_dash_prints_text_and_pipes_word(sqlite_db: str) -> None:
    _model_and_chard(sqlite_db)
    page = run(sqlite_db, "report", "divergence", "Chard", "-o", "-").output
    assert page.lstrip().lower().startswith("<!doctype html")
    word = run(sqlite_db, "report", "divergence", "Chard", "-o", "-", "--format", "docx").stdout_bytes
    assert word.startswith(b"PK\x03\x04")  # a .docx is a zip
    failed_cleanly(run(sqlite_db, "report", "divergence", "Chard", "--format", "docx", ok=False), "-o FILE.docx")


# --- Input files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command", [["read"], ["add", "--council", "X", "--policy", "P", "--db"], ["compare", MODEL, "--db"]]
)
def test_input_paths_that_are_not_files_are_one_line(command: list[str], sqlite_db: str, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    options = [sqlite_db] if command[-1] == "--db" else []
    for path in (tmp_path, tmp_path / ("b" * 300 + ".txt"), tmp_path / "missing.txt", fifo):
        result = CliRunner().invoke(cli, [*command, *options, str(path)])
        failed_cleanly(result, str(path))
    assert not Path(sqlite_db).exists()  # a failed first command leaves no database behind


def test_manifest_mistakes_name_the_manifest_and_the_entry(sqlite_db: str, tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.toml"
    for body, words in (
        ('[[document]]\nkey = "a"\ncouncil = "X"\n', "[[document]] 1 (a) names no file"),
        ('[[document]]\ntext = "a.txt"\n', "needs key"),
        ("document = 3\n", "[[document]] tables"),
        ("[[document\n", "not a TOML manifest"),
    ):
        manifest.write_text(body, encoding="utf-8")
        failed_cleanly(run(sqlite_db, "add", "--manifest", str(manifest), ok=False), str(manifest), words)
    failed_cleanly(run(sqlite_db, "add", "--manifest", str(tmp_path), ok=False), str(tmp_path), "is a folder")
    assert not Path(sqlite_db).exists()


# --- Values the database would refuse: the same on both backends ----------------------------------


def test_names_longer_than_their_column_are_refused_alike(db: str) -> None:
    _model_and_chard(db)
    before = snapshot(db)
    for option, value, words in (
        ("--council", "C" * 201, "council name"),
        ("--minute", "1" * 101, "minute reference (--minute)"),
        ("--version", "v" * 101, "version label (--version)"),
        ("--adopted-by", "A" * 201, "adopted by"),
    ):
        extra = () if option == "--council" else ("--council", "Spilsby Town Council")
        result = run(db, "add", SPILSBY, "--policy", POLICY, option, value, *extra, ok=False)
        failed_cleanly(result, words, "characters long; the most is")
    assert snapshot(db) == before


def test_a_nul_character_in_a_manifest_name_is_refused_alike(db: str, tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.toml"
    manifest.write_text(
        f'[[document]]\nkey = "x"\ncouncil = "Chard\\u0000Town"\npolicy = "P"\ntext = "{CHARD}"\n', encoding="utf-8"
    )
    run(db, "add", MODEL, "--policy", POLICY, "--council", "Sandon and Burston Parish Council", "--model")
    before = snapshot(db)
    failed_cleanly(run(db, "add", "--manifest", str(manifest), ok=False), "NUL character")
    assert snapshot(db) == before


def test_an_import_that_breaks_the_schema_names_the_file_and_stores_nothing(db: str, tmp_path: Path) -> None:
    source = str(tmp_path / "source.db")
    _model_and_chard(source)
    export = tmp_path / "backup.json"
    run(source, "export", str(export))
    data = json.loads(export.read_text(encoding="utf-8"))
    for change, words in (
        (lambda d: d["councils"][0].update(kind="bogus"), "does not allow"),
        (lambda d: d["versions"][0].update(status="weird"), "does not allow"),
        (lambda d: d["versions"][0].pop("label"), "'label' is missing"),
        (lambda d: d["versions"][0].update(adopted_on="2026-13-01"), "month must be in 1..12"),
        (lambda d: d.update(versions=5), "wrong kind"),
    ):
        broken = json.loads(json.dumps(data))
        change(broken)
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps(broken), encoding="utf-8")
        line = failed_cleanly(run(db, "import", str(bad), ok=False), str(bad), words)
        assert "Error" not in line  # no Python exception names
        assert snapshot(db)["versions"] == []


# --- Names with / : @, and a council whose stored data is damaged --------------------------------


def test_names_with_slash_colon_and_at_can_be_referenced_in_quotes(db: str) -> None:
    council, label = "Hinton/Brook: Parish @ Council", "2023/24"
    run(db, "add", MODEL, "--policy", POLICY, "--council", "Sandon and Burston Parish Council", "--model")
    run(db, "add", CHARD, "--policy", POLICY, "--council", council, "--version", label)
    reference = f'"{council}"@"{label}"'
    assert council in run(db, "history", f'"{council}"').output
    compared = run(db, "compare", "model", reference, ok=False)
    assert compared.exit_code == 1 and "modified" in compared.output
    assert council in run(db, "report", "divergence", reference, "--format", "md").output
    assert council in run(db, "report", "matrix", "--format", "csv").output
    failed_cleanly(run(db, "compare", "model", f'"{council}@{label}', ok=False), "not closed")


def test_a_council_with_damaged_data_is_left_out_of_the_matrix_and_said(sqlite_db: str) -> None:
    _model_and_chard(sqlite_db)
    run(sqlite_db, "add", SPILSBY, "--policy", POLICY, "--council", "Spilsby Town Council")
    engine = create_engine(f"sqlite:///{sqlite_db}")
    with engine.begin() as connection:  # what a hand edit or a bad disk could leave
        connection.execute(text("UPDATE version SET metadata = '[1, 2]' WHERE source_name LIKE 'chard%'"))
    engine.dispose()
    result = run(sqlite_db, "report", "matrix", "--format", "csv")
    assert "Spilsby Town Council" in result.stdout and "Chard Town Council" not in result.stdout
    assert result.stderr.startswith("clausewise: warning: left out of the matrix: Chard Town Council")
    page = run(sqlite_db, "report", "matrix", "--format", "md").stdout
    assert "Left out because their stored version could not be compared:" in page and "- Chard Town Council" in page
    failed_cleanly(
        run(sqlite_db, "report", "divergence", "Chard", ok=False), "Chard Town Council", "cannot be read back"
    )


# --- Damaged, read-only and locked databases -----------------------------------------------------

STORE_COMMANDS = [
    ["councils"],
    ["reviews"],
    ["history", "Chard"],
    ["compare", "model", "Chard"],
    ["report", "divergence", "Chard"],
    ["report", "matrix", "--format", "csv"],
    ["export", "-"],
    ["add", SPILSBY, "--policy", POLICY, "--council", "Spilsby Town Council"],
    ["review", "Chard", "--on", "2026-01-01", "--next", "2027-01-01"],
]


def test_a_damaged_sqlite_file_is_said_by_every_command_and_left_alone(sqlite_db: str, tmp_path: Path) -> None:
    _model_and_chard(sqlite_db)
    damaged = tmp_path / "damaged.db"
    shutil.copy(sqlite_db, damaged)
    data = bytearray(damaged.read_bytes())
    page = 4096
    for start in range(page, len(data), page):  # every page after the first: a valid header, bad pages
        data[start + 8 : start + page] = bytes((start + k) * 7 % 251 for k in range(page - 8))
    damaged.write_bytes(bytes(data))
    for command in STORE_COMMANDS:
        result = run(str(damaged), *command, ok=False)
        failed_cleanly(result, str(damaged), "damaged")
    assert damaged.read_bytes() == bytes(data)


def test_a_read_only_postgresql_user_can_report_but_not_write(db: str) -> None:
    if "://" not in db:
        pytest.skip("the SQLite read-only case is test_a_read_only_sqlite_file_can_report_but_not_write")
    _model_and_chard(db)
    before = snapshot(db)
    url = make_url(db)
    schema = url.query["options"].split("=", 1)[1]
    role = f"reader_{schema[-12:]}"
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE ROLE {role} LOGIN"))
        connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {role}"))
        connection.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}"))
    reader = url.set(username=role).render_as_string(hide_password=False)
    try:
        # Lexical only: `add` stored the default alignment (lineage), so this one is new and not kept.
        result = run(reader, "report", "divergence", "Chard", "--format", "md", "--semantic", "none")
        assert "Chard Town Council" in result.output
        assert "alignments made now are not kept" in result.stderr
        for command in STORE_COMMANDS[-2:]:
            failed_cleanly(run(reader, *command, ok=False), "can be read but not written")
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP OWNED BY {role}"))
            connection.execute(text(f"DROP ROLE {role}"))
        admin.dispose()
    assert snapshot(db) == before


def test_a_read_only_sqlite_file_can_report_but_not_write(sqlite_db: str, tmp_path: Path) -> None:
    """A database on a read-only disk (a read-only bind mount: the tests run as root, and root
    writes files whatever their permissions)."""
    _model_and_chard(sqlite_db)
    mount = tmp_path / "read-only"
    mount.mkdir()
    mounted = subprocess.run(["mount", "--bind", str(Path(sqlite_db).parent), str(mount)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot make a read-only mount here: {mounted.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], check=True)
        database = str(mount / Path(sqlite_db).name)
        before = snapshot(sqlite_db)
        result = run(database, "compare", "model", "Chard", ok=False)
        assert result.exit_code == 1 and "alignments made now are not kept" in result.stderr
        assert "Chard Town Council" in run(database, "councils").output
        for command in STORE_COMMANDS[-2:]:
            failed_cleanly(run(database, *command, ok=False), database, "can be read but not written")
        assert snapshot(sqlite_db) == before
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_usage_mistakes_are_one_line_pointing_to_help(sqlite_db: str) -> None:
    for args, words in (
        (["read", "--bogus", CHARD], "clausewise read --help"),
        (["nonsense"], "clausewise --help"),
        (["reviews", "--within", "-3"], "clausewise reviews --help"),
        (["report", "divergence"], "Missing argument 'COUNCIL'"),
    ):
        failed_cleanly(run(sqlite_db, *args, ok=False), words)


def test_the_corpus_manifest_still_adds(sqlite_db: str) -> None:
    """The checks above refuse only what is wrong: the shipped corpus goes in as it did."""
    result = run(sqlite_db, "add", "--manifest", str(CORPUS / "manifest.toml"))
    assert result.output.count("added ") == 6


def test_a_locked_database_is_said_as_busy_not_as_a_bad_path(sqlite_db: str) -> None:
    """Another program holding the write lock: a writer that gives up says so (the command line
    waits up to a minute first; here the wait is cut to nothing with a real lock held)."""
    run(sqlite_db, "add", CHARD, "--policy", POLICY, "--council", "Chard Town Council")
    holder = sqlite3.connect(sqlite_db, timeout=0)
    holder.execute("BEGIN IMMEDIATE")
    impatient = create_engine(f"sqlite:///{sqlite_db}", connect_args={"timeout": 0})
    try:
        with pytest.raises(DBAPIError) as caught, impatient.connect() as connection:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        error = database_error(sqlite_db, caught.value)
        assert isinstance(error, DatabaseBusy) and "another program kept the database locked" in error.message
    finally:
        impatient.dispose()
        holder.rollback()
        holder.close()


def test_a_file_name_with_a_newline_or_an_escape_stays_one_line(tmp_path: Path) -> None:
    path = tmp_path / "line\nbreak\x1b[31m.txt"
    result = CliRunner().invoke(cli, ["read", str(path)])
    failed_cleanly(result, "line\\x0abreak\\x1b[31m.txt", "no such file")
