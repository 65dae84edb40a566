"""Adding many files at once (a county's parishes, a national corpus): the files are read in a
process pool and stored as they come, in one transaction, so a bad file anywhere stores nothing;
the Documents stored are the ones `read` gives; and which model version each council follows is
left for the corpus's alignments to decide, where it comes out as detection on adding gives it."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy.orm import Session

from clausewise.app.adding import DEFAULT_ADD, add_in_turn, manifest_jobs, models_first, read_files
from clausewise.app.lineage import lineage_of
from clausewise.cli import cli
from clausewise.ingest import read
from clausewise.store import MODEL_PUBLISHER, VersionInfo, current_versions, open_session
from clausewise.store.corpus import recorded_bases
from clausewise.store.documents import load_document
from clausewise.store.lineage import stored_version
from tests.app.revision_chains import SyntheticCouncil, councils, model_chain, write
from tests.store.test_bad_input import failed_cleanly

POLICY = "Councillor-Officer Protocol"
MODEL = "Model Publisher"


def _manifest(folder: Path, chain: list[str], made: list[SyntheticCouncil]) -> Path:
    entries = [f"policy = {json.dumps(POLICY)}\n"]
    for n, text in enumerate(chain, 1):
        path = write(folder, f"model v{n}", text)
        entries.append(
            f'[[document]]\nkey = "m{n}"\ncouncil = "{MODEL}"\nversion = "{n}"\ntext = "{path.name}"\nmodel = true\n'
        )
    for k, council in enumerate(made):
        path = write(folder, council.name, council.text)
        entries.append(f'[[document]]\nkey = "c{k}"\ncouncil = "{council.name}"\ntext = "{path.name}"\n')
    manifest = folder / "manifest.toml"
    manifest.write_text("\n".join(entries), encoding="utf-8")
    return manifest


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[SyntheticCouncil]]:
    """A manifest of the model's two versions and 26 councils adapting them: more councils than
    `add` detects the base of one by one."""
    folder = tmp_path_factory.mktemp("many")
    chain = model_chain(2, seed=5)
    made = councils(chain, (0.05, 0.5), seeds=7, seed=5)[:26]
    assert len(made) > DEFAULT_ADD.detect_up_to
    return _manifest(folder, chain, made), made


def _dump(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_many_files_are_read_in_a_pool_and_stored_as_read(corpus: tuple[Path, list[SyntheticCouncil]]) -> None:
    manifest, made = corpus
    db = manifest.parent / "pool.db"
    result = CliRunner().invoke(cli, ["add", "--manifest", str(manifest), "--jobs", "2", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "`clausewise align-all`" in result.stderr  # the base is not detected now, and it says how
    with open_session(str(db), write=False) as session:
        versions = {v.council: v for v in current_versions(session, POLICY)}
        assert set(versions) == {c.name for c in made} | {MODEL}
        for council in made:
            stored = load_document(session, versions[council.name].id)
            assert stored.clauses == read(manifest.parent / f"{council.name.lower().replace(' ', '-')}.txt").clauses
        assert recorded_bases(session, [v.id for v in versions.values()]) == {}


def test_the_corpus_alignments_find_the_base_detection_on_adding_finds(
    corpus: tuple[Path, list[SyntheticCouncil]],
) -> None:
    """Detection left for later, after `align-all`, names for every council the model version
    that detecting it on adding records."""
    manifest, made = corpus
    deferred, inline = manifest.parent / "deferred.db", manifest.parent / "inline.db"
    added = CliRunner().invoke(cli, ["add", "--manifest", str(manifest), "--jobs", "1", "--db", str(deferred)])
    assert added.exit_code == 0, added.output
    aligned = CliRunner().invoke(cli, ["align-all", "--jobs", "2", "--db", str(deferred)])
    assert aligned.exit_code == 0, aligned.output
    with open_session(str(deferred), write=False) as session:
        later = {v.council: (found.based_on if (found := lineage_of(session, v)) else None) for v in _councils(session)}
    jobs = manifest_jobs(manifest)
    order = models_first([job.options for job in jobs])
    with open_session(str(inline)) as session:
        add_in_turn(session, read_files([jobs[k] for k in order]), today=date(2026, 11, 30), detect=True)
        versions = _councils(session)
        bases = recorded_bases(session, [v.id for v in versions])
        on_adding = {
            v.council: stored_version(session, bases[v.id][0]).label if v.id in bases else None for v in versions
        }
    assert later == on_adding
    assert sum(base is not None for base in later.values()) >= len(made) // 2  # not all "none found"


def _councils(session: Session) -> list[VersionInfo]:
    return [v for v in current_versions(session, POLICY) if v.council_kind != MODEL_PUBLISHER]


def test_a_bad_file_among_many_stores_nothing(corpus: tuple[Path, list[SyntheticCouncil]], tmp_path: Path) -> None:
    manifest, _ = corpus
    text = manifest.read_text(encoding="utf-8")
    bad = manifest.parent / "council-v1-e50-s3.txt"
    original = bad.read_bytes()
    db = tmp_path / "store.db"
    try:
        bad.write_bytes(b"\x00\x01\x02 not a policy")
        result = CliRunner().invoke(cli, ["add", "--manifest", str(manifest), "--jobs", "2", "--db", str(db)])
        failed_cleanly(result, str(bad))
        assert not db.exists()  # a failed first command leaves no database behind
        first = CliRunner().invoke(cli, ["add", str(manifest.parent / "model-v1.txt"), "--model", "--council", MODEL,
                                         "--policy", POLICY, "--version", "1", "--db", str(db)])  # fmt: skip
        assert first.exit_code == 0, first.output
        before = _dump(db)
        result = CliRunner().invoke(cli, ["add", "--manifest", str(manifest), "--jobs", "2", "--db", str(db)])
        failed_cleanly(result, str(bad))
        assert _dump(db) == before  # the store exactly as it was
    finally:
        bad.write_bytes(original)
    assert manifest.read_text(encoding="utf-8") == text
