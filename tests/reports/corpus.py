"""Real corpus documents and their alignments against the model, each computed once."""

from __future__ import annotations

from datetime import date
from functools import cache

from clausewise.align import align
from clausewise.align.model import Alignment
from clausewise.corpus import load_manifest
from clausewise.ingest import Document
from tests.conftest import corpus_document

MODEL = "sandon-burston"
COUNCILS = ("chard", "spilsby", "district", "east-northamptonshire")
AS_OF = date(2026, 11, 23)


@cache
def council_name(key: str) -> str:
    return next(d.council for d in load_manifest() if d.key == key)


def model() -> Document:
    return corpus_document(MODEL, "txt")


def local(key: str) -> Document:
    return corpus_document(key, "txt")


@cache
def against_model(key: str) -> Alignment:
    return align(model(), local(key))
