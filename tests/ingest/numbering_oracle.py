"""Word numbers as clausewise reads them against the numbers LibreOffice displays.

LibreOffice's text export (tests/data/numbered/oracle/NAME.txt, made by make_oracle.py) prints
each paragraph as "indent, displayed number, space, text". The Word reader gives each
paragraph's text and the number it generated. A reader paragraph is found in the export as the
next line (from where the last one was found) that ends with its text; what precedes the text
on that line is the number LibreOffice shows. A numbered paragraph is one where either side
shows a number; it agrees when both show the same number, or both a bullet (the glyph depends
on the font, so any bullet matches any bullet). Used by tests/ingest/test_word_numbering.py and
benchmarks/numbering_agreement.py.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from clausewise.ingest import read
from clausewise.ingest.readers.docx import read_docx
from clausewise.ingest.readers.numbering import BULLET

NUMBERED = Path(__file__).resolve().parents[1] / "data" / "numbered"
ORACLE = NUMBERED / "oracle"
TEXT_FILTER = "txt:Text (encoded):UTF8,LF,,,"  # LibreOffice's text export: UTF-8, LF, whatever the locale
LONGEST_LABEL = 32  # "Article IV." or "Section 1.02" fit; a longer prefix means a different paragraph
KEY = 12  # characters that find a paragraph's candidate lines; a shorter text must match whole
NEARLY_SAME = 0.95  # similarity of a line and a paragraph that differ by footnote marks only
_PRIVATE_USE = ("\ue000", "\uf8ff")  # symbol-font characters (Wingdings, Symbol) as LibreOffice prints them
_SPACE = re.compile(r"\s+")
# Word's bullets as LibreOffice prints them: symbol-font glyphs, and "o" from Courier New.
_BULLET_GLYPHS = frozenset("o§-–")


@dataclass(frozen=True)
class Paragraph:
    text: str
    ours: str  # the number clausewise shows, "•" for a bullet, "" for none
    displayed: str | None  # the number LibreOffice shows; None when the line was not found

    @property
    def numbered(self) -> bool:
        return bool(self.ours or self.displayed)

    @property
    def agrees(self) -> bool:
        if self.displayed is None:
            return False
        if self.ours == BULLET:
            return is_bullet(self.displayed)
        return self.ours == self.displayed


def is_bullet(label: str) -> bool:
    return len(label) == 1 and (not label.isalnum() or label in _BULLET_GLYPHS)


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def export_lines(path: Path) -> list[str]:
    """The lines of a LibreOffice text export, spaces collapsed."""
    return [_normal(line) for line in path.read_text(encoding="utf-8-sig").splitlines()]


def oracle_lines(name: str) -> list[str]:
    return export_lines(ORACLE / f"{name}.txt")


def compare(docx_path: Path, lines: list[str] | None = None) -> list[Paragraph]:
    """Each paragraph the Word reader found, with its number and the number LibreOffice shows."""
    blocks = read_docx(docx_path, docx_path.read_bytes()).blocks
    return _matched([(block.text, block.marker, block.number) for block in blocks], docx_path, lines)


def compare_clauses(docx_path: Path) -> list[Paragraph]:
    """The same for the clauses `read` makes of the file: do the numbers survive segmentation?"""
    clauses = read(docx_path).clauses
    return _matched([(clause.text, clause.marker, clause.number) for clause in clauses], docx_path, None)


def _matched(
    found: list[tuple[str, str | None, str | None]], docx_path: Path, lines: list[str] | None
) -> list[Paragraph]:
    lines = oracle_lines(docx_path.stem) if lines is None else lines
    texts = [_normal(text) for text, _, _ in found]
    labels = _align(texts, lines)
    return [
        Paragraph(text, BULLET if number == BULLET else (marker or ""), labels.get(index))
        for index, (text, (_, marker, number)) in enumerate(zip(texts, found, strict=True))
    ]


def _label(line: str, text: str) -> tuple[str, int] | None:
    """The number in front of `text` on `line` ("" for none) and how well the rest fits (2:
    the whole paragraph, 1: a part); None when the line is not that paragraph. LibreOffice
    ends a line at each line break inside a paragraph and prints footnote marks, so a line
    may hold only the paragraph's first part, or a little more. A label of symbol-font
    characters is a `w:sym` the reader leaves out of the text, not a number."""
    for start in range(min(len(line), LONGEST_LABEL) + 1):
        if start and line[start - 1] != " ":
            continue
        rest = line[start:]
        fit = 2 if rest == text else 1 if _overlaps(rest, text) else 0
        if fit:
            label = line[:start].strip()
            return ("" if all(_PRIVATE_USE[0] <= c <= _PRIVATE_USE[1] or c == " " for c in label) else label), fit
    return None


def _overlaps(rest: str, text: str) -> bool:
    if (len(rest) >= KEY and text.startswith(rest)) or (len(text) >= KEY and rest.startswith(text)):
        return True
    if rest[:KEY] != text[:KEY]:
        return False
    # Footnote numbers LibreOffice prints inside the text ("the OGUC3 says"): nearly the same.
    matcher = SequenceMatcher(None, rest, text, autojunk=False)
    return matcher.quick_ratio() >= NEARLY_SAME and matcher.ratio() >= NEARLY_SAME


def _align(texts: list[str], lines: list[str]) -> dict[int, str]:
    """The label of each paragraph found in the export: the best-fitting run of paragraphs
    found in order (identical paragraphs recur in test files, so the first line that fits
    may be the wrong one). Candidates come from an index of the export by the first
    characters after each possible label."""
    index: dict[str, set[int]] = defaultdict(set)
    for number, line in enumerate(lines):
        for start in range(min(len(line), LONGEST_LABEL) + 1):
            if start == 0 or line[start - 1] == " ":
                index[line[start : start + KEY]].add(number)
    pairs = []  # (paragraph, line, label, fit), each paragraph's lines descending
    for paragraph, text in enumerate(texts):
        for number in sorted(index.get(text[:KEY], ()), reverse=True):
            found = _label(lines[number], text)
            if found is not None:
                pairs.append((paragraph, number, *found))
    return {paragraph: label for paragraph, _, label, _ in _best_chain(pairs, len(lines))}


def _best_chain(pairs: list[tuple[int, int, str, int]], size: int) -> list[tuple[int, int, str, int]]:
    """The chain of pairs increasing in paragraph and line with the greatest total fit. A
    Fenwick tree over lines holds the best chain ending at or before each line; visiting a
    paragraph's lines in descending order keeps one paragraph to one line."""
    tree = [(0, -1)] * (size + 1)  # (best total fit, index of the pair ending that chain)
    before: list[int] = []
    best = (0, -1)
    for position, (_, number, _, fit) in enumerate(pairs):
        found, k = (0, -1), number  # best chain over lines < number
        while k > 0:
            found, k = max(found, tree[k]), k - (k & -k)
        before.append(found[1])
        score = (found[0] + fit, position)
        best = max(best, score)
        k = number + 1
        while k <= size:
            tree[k], k = max(tree[k], score), k + (k & -k)
    chain = []
    position = best[1]
    while position >= 0:
        chain.append(pairs[position])
        position = before[position]
    return chain[::-1]


@dataclass(frozen=True)
class Agreement:
    name: str
    numbered: int
    agreeing: int

    @property
    def percent(self) -> float:
        return 100.0 * self.agreeing / self.numbered if self.numbered else 100.0


def agreement(docx_path: Path, paragraphs: list[Paragraph] | None = None) -> Agreement:
    numbered = [p for p in (compare(docx_path) if paragraphs is None else paragraphs) if p.numbered]
    return Agreement(docx_path.stem, len(numbered), sum(p.agrees for p in numbered))


def numbered_files() -> list[Path]:
    return sorted(NUMBERED.glob("*.docx"))
