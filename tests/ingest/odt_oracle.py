"""OpenDocument numbers as clausewise counts them against the numbers LibreOffice displays.

The same comparison as numbering_oracle.py makes for Word files, over the .odt reader's blocks:
an .odt made by LibreOffice from a third-party Word file is compared with that Word file's
committed text oracle (tests/data/numbered/oracle/NAME.txt). Used by tests/ingest/test_odt.py
and benchmarks/odt_numbering.py.
"""

from __future__ import annotations

from pathlib import Path

from clausewise.ingest.readers.numbering import BULLET
from clausewise.ingest.readers.odt import read_odt
from tests.ingest.numbering_oracle import Agreement, Paragraph, _align, _normal, oracle_lines


def compare_odt(odt_path: Path, lines: list[str] | None = None) -> list[Paragraph]:
    """Each paragraph the .odt reader found, with its number and the number LibreOffice shows:
    in `lines` (a LibreOffice text export), by default the Word file's the .odt was made from."""
    lines = oracle_lines(odt_path.stem) if lines is None else lines
    blocks = read_odt(odt_path, odt_path.read_bytes()).blocks
    texts = [_normal(block.text) for block in blocks]
    found = _align(texts, lines)
    return [
        Paragraph(text, BULLET if block.number == BULLET else (block.marker or ""), found.get(index))
        for index, (text, block) in enumerate(zip(texts, blocks, strict=True))
    ]


def odt_agreement(odt_path: Path) -> Agreement:
    paragraphs = [p for p in compare_odt(odt_path) if p.numbered]
    return Agreement(odt_path.stem, len(paragraphs), sum(p.agrees for p in paragraphs))
