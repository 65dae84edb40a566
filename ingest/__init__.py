"""Ingest: read council policy files into an immutable clause tree with metadata.

    read.py        read(path) -> Document: the one entry point
    readers/       one reader per format (pdf, docx, text) behind a registry keyed by detected type
    classify.py    blocks -> headings, paragraphs, list items;  segment.py: -> the clause tree
    markers.py     clause numbers and bullets;  metadata.py, dates.py: adoption, reviews, versions
    citations.py   how a clerk cites each clause ("3.2(b)", "INTRODUCTION › paragraph 2")
    model.py       Document, Clause, Metadata: the frozen model every stage shares
    serialize.py   Documents as JSON-ready data

Pure functions over frozen dataclasses; errors are `clausewise.errors.InputError`s.
"""

from clausewise.lazy import attach_stub

__getattr__, __dir__, __all__ = attach_stub(__name__, __file__)
