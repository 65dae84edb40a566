"""Batch alignment at corpus scale: a 50-council synthetic corpus (the real model and a revision
of it, councils adapting either with seeded edits) aligned by `align-all` in one process and in
a pool of two gives the same stored alignments and the same matrix; those alignments are the
ones the aligner gives pair by pair, and the matrix read from run summaries is the one built
from whole alignments, as before."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import delete

from clausewise import Store
from clausewise.align import DEFAULT_SETTINGS, align
from clausewise.app.adding import add_read
from clausewise.app.batch import align_stored, corpus_pairs, missing_pairs, save_results
from clausewise.app.comparing import run_provenance
from clausewise.app.lineage import lineage_of
from clausewise.cli import cli
from clausewise.ingest import read
from clausewise.reports import build_matrix
from clausewise.reports.matrix import MatrixReport
from clausewise.store import (
    MODEL_PUBLISHER,
    AddOptions,
    current_versions,
    database_url,
    open_session,
    resolve_version,
)
from clausewise.store import stored_alignment as stored_run
from clausewise.store.documents import load_document
from clausewise.store.lineage import model_versions
from clausewise.store.models import AlignmentRun
from tests.app.revision_chains import councils, model_chain, write
from tests.conftest import CORPUS

POLICY = "Councillor-Officer Protocol"
MODEL = "Model Publisher"
AS_OF = date(2027, 6, 30)
PAIRS = 100  # 50 councils x the model's 2 versions


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """50 councils stored with no alignment yet: added before the model, so `add` had no model
    version to detect their lineage against; then the model's two versions."""
    folder = tmp_path_factory.mktemp("corpus")
    chain = model_chain(2, seed=17)
    made = councils(chain, (0.05, 0.15, 0.3, 0.5, 0.7), seeds=5, seed=17)
    assert len(made) == 50
    database = folder / "corpus.db"
    council_files = [(read(write(folder, c.name, c.text)), AddOptions(POLICY, council=c.name)) for c in made]
    models = [
        (
            read(write(folder, f"model v{n}", text)),
            AddOptions(POLICY, council=MODEL, kind=MODEL_PUBLISHER, label=str(n), adopted_on=date(2020 + n, 5, 1)),
        )
        for n, text in enumerate(chain, 1)
    ]
    with open_session(str(database)) as session:
        add_read(session, council_files, today=date(2026, 11, 30))
    with open_session(str(database)) as session:
        add_read(session, models, today=date(2026, 11, 30))
        assert session.query(AlignmentRun).count() == 0
    return database


def _copy(database: Path, to: Path) -> str:
    shutil.copy(database, to)
    return str(to)


def _stored(db: str) -> dict[tuple[str, str], tuple[object, ...]]:
    """Every stored alignment (links, possible matches, provenance) by (left, right) reference:
    each model version against each council."""
    key = run_provenance("default", DEFAULT_SETTINGS)
    found = {}
    with open_session(db, write=False) as session:
        councils_now = [v for v in current_versions(session, POLICY) if v.council_kind != MODEL_PUBLISHER]
        for left in model_versions(session, POLICY):
            for right in councils_now:
                run = stored_run(session, left.id, right.id, key)
                assert run is not None, (left.reference, right.reference)
                found[left.reference, right.reference] = (run.links, run.possible, run.provenance)
    assert len(found) == PAIRS
    return found


def _align_all(db: str, jobs: int) -> str:
    result = CliRunner().invoke(cli, ["align-all", "--jobs", str(jobs), "--db", db])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


@pytest.fixture(scope="module")
def aligned(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The corpus aligned by `align-all` in this process, and in a pool of two workers."""
    folder = tmp_path_factory.mktemp("aligned")
    one, two = _copy(corpus_db, folder / "one.db"), _copy(corpus_db, folder / "two.db")
    assert f"aligned {PAIRS} pairs; 0 were stored already" in _align_all(one, 1)
    assert f"aligned {PAIRS} pairs; 0 were stored already" in _align_all(two, 2)  # the pool path
    return one, two


def test_one_job_and_two_give_the_same_alignments_and_matrix(aligned: tuple[str, str]) -> None:
    one, two = aligned
    assert _stored(one) == _stored(two)
    matrix_one, matrix_two = Store(one).matrix(as_of=AS_OF, jobs=1), Store(two).matrix(as_of=AS_OF, jobs=2)
    assert matrix_one == matrix_two
    assert len(matrix_one.rows) == 50 and not matrix_one.skipped
    assert {row.model_version for row in matrix_one.rows} >= {"1 (now 2)", "2"}  # lineage detected both ways
    assert f"aligned 0 pairs; {PAIRS} were stored already" in _align_all(two, 2)  # nothing left to do


def test_the_batch_alignments_and_matrix_are_those_made_pair_by_pair(aligned: tuple[str, str]) -> None:
    """What the pool stored is what `align` gives each pair, and the matrix read from run
    summaries is `build_matrix` over those alignments with each council's lineage, as the
    matrix was built before."""
    db = aligned[1]
    matrix = Store(db).matrix(as_of=AS_OF)
    with open_session(db, write=False) as session:
        model = resolve_version(session, "model")
        assert model.label == "2"
        model_document = load_document(session, model.id)
        key = run_provenance("default", DEFAULT_SETTINGS)
        versions = [v for v in current_versions(session, POLICY) if v.council_kind != MODEL_PUBLISHER]
        alignments = []
        for version in versions:
            stored = stored_run(session, model.id, version.id, key)
            assert stored is not None
            alignments.append((version.council, stored))
        for version in versions[::10]:  # a few councils aligned afresh, as the aligner gives them
            fresh = align(model_document, load_document(session, version.id))
            stored = dict(alignments)[version.council]
            assert (fresh.links, fresh.possible) == (stored.links, stored.possible)
        lineages = {version.council: lineage_of(session, version) for version in versions}
    expected = build_matrix(model_document, alignments, council="All councils", as_of=AS_OF, lineages=lineages)
    assert isinstance(matrix, MatrixReport) and matrix == expected


def test_the_unit_a_distributed_engine_maps_stores_what_align_all_stores(
    corpus_db: Path, aligned: tuple[str, str], tmp_path: Path
) -> None:
    """`align_stored` on a pair (what a Dask or Ray worker runs) and `save_results` give the runs
    `align-all` stores; pairs already stored are not missing any more."""
    db = _copy(corpus_db, tmp_path / "distributed.db")
    url = database_url(db)
    with open_session(url, write=False) as session:
        cells, lineage = corpus_pairs(session)
    assert len(cells) == 50 and len(set(cells) | set(lineage)) == PAIRS
    chosen = cells[:2]
    results = [align_stored(url.render_as_string(hide_password=False), pair) for pair in chosen]
    assert save_results(url, results) == []
    assert missing_pairs(url, cells) == cells[2:]
    key = run_provenance("default", DEFAULT_SETTINGS)
    with open_session(db, write=False) as here, open_session(aligned[1], write=False) as there:
        for left, right in chosen:
            mine, theirs = stored_run(here, left, right, key), stored_run(there, left, right, key)
            assert mine is not None and theirs is not None
            assert (mine.links, mine.possible) == (theirs.links, theirs.possible)


def test_align_all_with_two_workers_remakes_the_matrix_on_each_backend(db: str) -> None:
    """On SQLite and PostgreSQL: the shipped corpus's matrix (its runs made by `add`, summarised
    on first read), then every run deleted and made again by a pool of two: the same matrix."""
    Store(db).add_manifest(CORPUS / "manifest.toml")
    before = Store(db).matrix(as_of=AS_OF, jobs=1)
    assert len(before.rows) == 4
    with open_session(db) as session:
        session.execute(delete(AlignmentRun))
    result = Store(db).align_all(jobs=2)
    assert (result.aligned, result.stored_before, result.failed) == (8, 0, ())  # 4 councils x 2 model versions
    assert Store(db).matrix(as_of=AS_OF, jobs=2) == before
