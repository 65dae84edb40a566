"""A PDF's text lines, and the list numbers and bullets a layout engine drew in front of them.

Word and LibreOffice draw an automatic number ("1.", "a)", "IV.", "1.1") or bullet as real text
in the PDF, followed by a tab: a wider gap than any space on the line. A typed number ("1.1 The
ideal…") is read from the text by `markers.parse_marker`, as in every format; this module finds
the labels that the text alone does not show as numbers:

- a label set apart by a tab gap that the text parser does not know: a number without a full
  stop ("1 Introduction"), capital letters and roman numerals ("A)", "IV."), and bullets drawn
  from symbol fonts (private-use glyphs, Courier's "o", ballot boxes);
- a number drawn with no gap at all, when the number is wider than the tab it sits in
  ("1.1Head", "(a)foo"): only the forms that never begin a wrapped line of running text.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

WORD_GAP_EM = 0.15  # a gap of this share of the font size between glyphs separates two words
TAB_GAP_EM = 0.4  # a label's tab gap is at least this share of the font size (a space: ~0.25-0.35)
TAB_GAP_RATIO = 1.5  # … and this many times the line's other word gaps (justified text widens them all)
_ALIGNED = 1.0  # points: two labels, or two texts, start at the same place
_NUMBER_LABEL = re.compile(r"\(?(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[IVXLCivxlc]{2,6})[.)]{0,2}")
# Symbol-font bullets as they reach the text layer: Courier's "o", Wingdings' "§", "q", "v", "Ø", "ü".
_SYMBOL_LETTERS = frozenset("o§qvØü")
_GLUED = re.compile(
    r"""^(
        \d{1,3}(?:\.\d{1,3})*\.            # 1.one  1.1.Level2
      | \d{1,3}(?:\.\d{1,3})+(?=[A-Z])     # 1.1Head
      | \((?:[a-z]|[ivx]{1,5}|\d{1,3})\)   # (a)foo  (iv)bar  (1)baz
      | \(\d{1,3}\.                       # (1.one: Word's "(%1." format
      | (?:[a-z]|\d{1,3})\)                # a)foo  1)foo
    )(?=[^\W\d_])""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Line:
    text: str
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    page_height: float
    label: str | None = None  # a number or bullet drawn before the text, as printed (see above)
    family: str = ""  # the font family most of the line is set in ("DejaVuSerif")
    text_x: float | None = None  # where the text after a drawn label starts: the item's hanging indent


def font_family(chars: list[dict[str, Any]]) -> str:
    """The family most of the glyphs are set in, without the subset tag and the style
    ("BAAAAA+DejaVuSans-Bold" -> "DejaVuSans"); symbol-font glyphs (bullets) do not count."""
    fonts = Counter(c.get("fontname", "") for c in chars if not "\ue000" <= c["text"] <= "\uf8ff")
    if not fonts:
        return ""
    return re.split(r"[-,]", str(fonts.most_common(1)[0][0]).split("+")[-1])[0]


def is_bullet_label(label: str) -> bool:
    return len(label) == 1 and (not label.isalnum() or label in _SYMBOL_LETTERS)


@dataclass(frozen=True)
class Candidate:
    """A first word of a line that has the shape of a list number or bullet."""

    label: str
    x0: float  # where the label starts
    text_x: float  # where the text after it starts
    drawn: bool  # set apart by a tab gap, or glued to the text: drawn by the layout engine


def label_candidate(text: str, chars: list[dict[str, Any]], size: float) -> Candidate | None:
    """The line's first word if it has a label's shape, and whether a tab sets it apart."""
    glued = _GLUED.match(text)
    if glued and chars:
        return Candidate(glued.group(1), chars[0]["x0"], chars[0]["x0"], True)
    words = _words(chars, size)
    if len(words) < 2:
        return None
    (label, x0, x1), text_x = words[0], words[1][1]
    if not text.startswith(label) or not _label_shape(label):
        return None
    gap = text_x - x1
    others = [b[1] - a[2] for a, b in pairwise(words[1:])]
    tab = gap >= TAB_GAP_EM * size and (not others or gap >= TAB_GAP_RATIO * statistics.median(others))
    return Candidate(label, x0, text_x, tab)


def settle_labels(candidates: list[Candidate | None]) -> list[str | None]:
    """The labels of a page's lines: those drawn apart by a tab or glued, and those set with an
    ordinary gap that start where a drawn label starts and whose text starts where its text
    does ("II. two" under "I.\tone": a list's number column and hanging indent), or that are the
    same symbol-font bullet in a drawn bullet's column (a kerned capital after it can start
    closer than the list's tab: "\uf097 Auflagen")."""
    columns = [(c.x0, c.text_x) for c in candidates if c is not None and c.drawn]
    glyphs = [(c.label, c.x0) for c in candidates if c is not None and c.drawn and _is_symbol_glyph(c.label)]

    def aligned(candidate: Candidate) -> bool:
        if any(candidate.label == label and abs(candidate.x0 - x0) <= _ALIGNED for label, x0 in glyphs):
            return True  # the list's own symbol-font bullet in its column, whatever the text's kerning
        return any(
            abs(candidate.x0 - x0) <= _ALIGNED and abs(candidate.text_x - text_x) <= _ALIGNED for x0, text_x in columns
        )

    return [c.label if c is not None and (c.drawn or aligned(c)) else None for c in candidates]


def _is_symbol_glyph(label: str) -> bool:
    """A private-use glyph: a Symbol or Wingdings bullet as it reaches the text layer."""
    return len(label) == 1 and "\ue000" <= label <= "\uf8ff"


def _label_shape(label: str) -> bool:
    if is_bullet_label(label):
        return True
    # A number, or a letter with its punctuation: a bare "A" or "I" is a word.
    return bool(_NUMBER_LABEL.fullmatch(label)) and (any(c.isdigit() for c in label) or label[-1] in ".)")


def _words(chars: list[dict[str, Any]], size: float) -> list[tuple[str, float, float]]:
    """The line's visible glyphs grouped into words by the gaps between them: (text, x0, x1)."""
    words: list[tuple[str, float, float]] = []
    for char in chars:
        if words and char["x0"] - words[-1][2] < WORD_GAP_EM * size:
            text, x0, _ = words[-1]
            words[-1] = (text + char["text"], x0, char["x1"])
        else:
            words.append((char["text"], char["x0"], char["x1"]))
    return words


_RTL_LETTER = re.compile(r"[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\ufb1d-\ufdff\ufe70-\ufeff]")
_EDGES = re.compile(r"([.,:;]*)(.*?)([.,:;]*)")
_LTR_RUN = re.compile(r"[0-9]+(?:[.,:][0-9]+)*|[A-Za-z]+")


def is_right_to_left(text: str) -> bool:
    """A line written mostly in a right-to-left script (Hebrew, Arabic)."""
    rtl = len(_RTL_LETTER.findall(text))
    return rtl > 0 and rtl >= sum(c.isalpha() for c in text) - rtl


def logical_order(chars: list[dict[str, Any]], size: float) -> str:
    """A right-to-left line in reading order. A PDF stores its glyphs as drawn, left to right, so
    the words are reversed, and so are the letters of each right-to-left word; numbers and
    Latin words inside them read left to right still ("50-מ" drawn is "מ-50")."""

    def word(text: str) -> str:
        if not _RTL_LETTER.search(text):
            # Punctuation at the edge of a number or Latin word takes the line's direction:
            # drawn ".2.1" and ",USA" are "2.1." and "USA,".
            edges = _EDGES.fullmatch(text)
            return f"{edges.group(3)}{edges.group(2)}{edges.group(1)}" if edges else text
        return _LTR_RUN.sub(lambda run: run.group(0)[::-1], text[::-1])

    ordered: list[list[str]] = []  # runs of right-to-left words and of left-to-right words
    for text, _, _ in reversed(_words(chars, size)):
        rtl = bool(_RTL_LETTER.search(text))
        if ordered and not rtl and not _RTL_LETTER.search(ordered[-1][-1]):
            ordered[-1].append(text)
        else:
            ordered.append([word(text)])
    # A run of left-to-right words ("United States of America") keeps its own order.
    return " ".join(" ".join(run if _RTL_LETTER.search(run[0]) else run[::-1]) for run in ordered)
