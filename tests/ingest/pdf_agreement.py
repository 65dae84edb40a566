"""A Word file's clauses against the clauses of its LibreOffice PDF (issue 16, item 2).

The .docx is the reference: its numbers are generated from numbering.xml as Word displays them
(checked against LibreOffice by numbering_oracle.py), and LibreOffice draws those numbers into
the PDF as text. Both renditions are read and segmented the same way (`read_raw` + `segment`,
so a file too short to be a policy is still compared), and their clauses are lined up by text:
difflib over each clause's first letters and digits, which a PDF keeps whatever its line
breaks. A numbered clause is one where either side shows a number; it agrees when the PDF
clause lined up with it shows the same number (any bullet matching any bullet). A clause's text
agrees when the two texts are at least TEXT_SIMILARITY alike (rapidfuzz ratio).
Used by tests/ingest/test_pdf_structure.py and benchmarks/pdf_agreement.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from rapidfuzz import fuzz

from clausewise.ingest.model import Clause
from clausewise.ingest.readers import read_raw
from clausewise.ingest.segment import segment

NUMBERED = Path(__file__).resolve().parents[1] / "data" / "numbered"
KEY_LETTERS = 40  # a clause is recognised by its first letters and digits
TEXT_SIMILARITY = 95.0  # rapidfuzz ratio: the same clause text, up to a glyph or a joined hyphen
_BULLETS = frozenset("•-–▪◦·o§")


@dataclass(frozen=True)
class Pair:
    """A clause of the Word file and the PDF clause lined up with it (None: not found)."""

    word: Clause | None
    pdf: Clause | None

    @property
    def numbered(self) -> bool:
        return bool((self.word and self.word.number) or (self.pdf and self.pdf.number))

    @property
    def numbers_agree(self) -> bool:
        if self.word is None or self.pdf is None:
            return False
        return same_number(self.word.number, self.pdf.number)

    @property
    def texts_agree(self) -> bool:
        return self.word is not None and self.pdf is not None and _similar(self.word.text, self.pdf.text)


@dataclass(frozen=True)
class FileAgreement:
    name: str
    numbered: int  # clauses numbered on either side
    numbers_agreeing: int
    clauses: int  # clauses of the Word file
    texts_agreeing: int  # of those, how many the PDF gives with the same text

    @property
    def number_percent(self) -> float:
        return 100.0 * self.numbers_agreeing / self.numbered if self.numbered else 100.0

    @property
    def text_percent(self) -> float:
        return 100.0 * self.texts_agreeing / self.clauses if self.clauses else 100.0


def same_number(word: str | None, pdf: str | None) -> bool:
    if word in _BULLETS or pdf in _BULLETS:
        return word in _BULLETS and pdf in _BULLETS
    return word == pdf


def _similar(a: str, b: str) -> bool:
    return fuzz.ratio(_normal(a), _normal(b)) >= TEXT_SIMILARITY


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2060", "")).strip()


def _key(clause: Clause) -> str:
    return "".join(re.findall(r"\w", clause.text.lower()))[:KEY_LETTERS]


def clauses(path: Path) -> tuple[Clause, ...]:
    return segment(read_raw(path, path.read_bytes())).clauses


def pairs(word: tuple[Clause, ...], pdf: tuple[Clause, ...], numbered: bool = True) -> list[Pair]:
    """Both files' clauses in order, lined up where their texts begin alike.

    Test files repeat short texts ("one", "two", "three" in list after list), so clauses are
    first lined up by text and number together, then what is left by text alone; either way
    two clauses are paired only where their texts begin alike.
    """

    def key(clause: Clause) -> str:
        return f"{_key(clause)}|{clause.number}" if numbered else _key(clause)

    matcher = SequenceMatcher(None, [key(c) for c in word], [key(c) for c in pdf], autojunk=False)
    found: list[Pair] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            found += [Pair(a, b) for a, b in zip(word[i1:i2], pdf[j1:j2], strict=True)]
        elif numbered and i2 > i1 and j2 > j1:
            found += pairs(word[i1:i2], pdf[j1:j2], numbered=False)
        else:
            found += [Pair(a, None) for a in word[i1:i2]] + [Pair(None, b) for b in pdf[j1:j2]]
    return found


def compare(docx_path: Path, pdf_path: Path) -> tuple[FileAgreement, list[Pair]]:
    lined_up = pairs(clauses(docx_path), clauses(pdf_path))
    numbered = [p for p in lined_up if p.numbered]
    from_word = [p for p in lined_up if p.word is not None]
    return (
        FileAgreement(
            docx_path.stem,
            len(numbered),
            sum(p.numbers_agree for p in numbered),
            len(from_word),
            sum(p.texts_agree for p in from_word),
        ),
        lined_up,
    )


def rendition_pairs() -> list[tuple[Path, Path]]:
    """Each numbered Word file with its LibreOffice PDF."""
    return [(path, NUMBERED / "pdf" / f"{path.stem}.pdf") for path in sorted(NUMBERED.glob("*.docx"))]
