"""Shared fixtures: the shipped corpus and the bad-input files, found relative to this file."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from clausewise.ingest import Document, read

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"

STEMS = {
    "chard": "chard-town-council_member-officer-protocol_2015",
    "district": "district-council_member-officer-protocol",
    "east-northamptonshire": "east-northamptonshire_protocol-councillor-officer-relations_2017",
    "sandon-burston": "sandon-burston-parish-council_model-councillor-officer-clerk-protocol_v3-2026",
    "sandon-burston-v4": "sandon-burston-parish-council_model-councillor-officer-clerk-protocol_v4-2027",
    "spilsby": "spilsby-town-council_councillor-officer-protocol_2026",
}
FORMATS = ("txt", "docx", "pdf")


def corpus_path(key: str, fmt: str) -> Path:
    stem = STEMS[key]
    return CORPUS / f"{stem}.txt" if fmt == "txt" else CORPUS / "originals" / f"{stem}.{fmt}"


@cache
def corpus_document(key: str, fmt: str) -> Document:
    """Each corpus rendition is read once per test session; Documents are immutable."""
    return read(corpus_path(key, fmt))


@pytest.fixture(params=sorted(STEMS))
def corpus_key(request: pytest.FixtureRequest) -> str:
    return str(request.param)
