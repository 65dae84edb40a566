"""Fuzzing `read`: whatever the bytes, it returns a Document or raises an `InputError` whose
one-line message starts with the path; and the command line turns that into one line on
stderr and exit status 2, never a traceback.

The generators are in fuzz_inputs.py; benchmarks/fuzz_read.py runs them by the ten thousand.
Hypothesis is derandomized (the same examples on every run, no example database), so CI is
reproducible; its 500 examples and the command-line checks take about 15 s, most of it in PDFs.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausewise.cli import cli
from tests.conftest import corpus_path
from tests.ingest.fuzz_inputs import GENERATORS, Generator, outcome

EXAMPLES = {
    "random bytes": 150,
    "random text": 150,
    "damaged text": 80,
    "damaged docx": 100,
    "damaged pdf": 20,  # each read of a PDF costs a quarter of a second or more
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def fuzz(family: str) -> Callable[..., None]:
    generate: Generator = GENERATORS[family]
    slug = family.replace(" ", "-")

    @settings(
        max_examples=EXAMPLES[family],
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(rng=st.randoms(use_true_random=False))
    def check(folder: Path, rng: random.Random) -> None:
        name, data = generate(rng)
        path = folder / slug / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        outcome(path)

    return check


test_random_bytes = fuzz("random bytes")
test_random_text_in_random_encodings = fuzz("random text")
test_damaged_corpus_text = fuzz("damaged text")
test_damaged_corpus_word_files = fuzz("damaged docx")
test_damaged_corpus_pdfs = fuzz("damaged pdf")


def test_cli_reports_refused_inputs_in_one_line_with_exit_status_2(tmp_path: Path) -> None:
    """The first two inputs of each family (by seed) that `read` refuses, through `clausewise read`."""
    for family, generate in GENERATORS.items():
        refused, seed = 0, 0
        while refused < 2:
            name, data = generate(random.Random(f"cli:{family}:{seed}"))
            seed += 1
            path = tmp_path / f"{seed}-{name}"
            path.write_bytes(data)
            result = CliRunner().invoke(cli, ["read", str(path)])
            assert result.exit_code in (0, 2), (family, seed, result.output)
            assert "Traceback" not in result.stdout + result.stderr
            if result.exit_code == 2:
                refused += 1
                assert result.stderr.startswith(f"clausewise: error: {path}: "), (family, seed)
                assert len(result.stderr.splitlines()) == 1, (family, seed, result.stderr)


def test_cli_reads_a_damaged_pdf_with_one_warning_and_no_parser_log_lines(tmp_path: Path) -> None:
    """pdfminer logs the damage it reads around; unhandled, Python prints those lines on stderr."""
    data = bytearray(corpus_path("chard", "pdf").read_bytes())
    ninth_stream = [match.end() for match in re.finditer(rb"stream\r?\n", data)][8]
    data[ninth_stream + 200 : ninth_stream + 208] = b"\xff" * 8  # inside object 14, a compressed stream
    path = tmp_path / "chard.pdf"
    path.write_bytes(bytes(data))
    result = CliRunner().invoke(cli, ["read", str(path)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"clausewise: warning: {path}: this PDF is damaged in places; read around 1 problem "
        "(first: Data-loss while decompressing corrupted data)"
    ]
