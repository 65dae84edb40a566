"""Word automatic numbering: the "4.1" or "(a)" Word shows is not in the paragraph text.

Word draws it from numbering.xml: a paragraph names a list instance (`w:numId`) and a level
(`w:ilvl`), directly or through its style; the instance points to an abstract definition
whose levels give a start value, a format (decimal, lowerLetter, …) and a template such as
"%1.%2". Counting the paragraphs of each list in document order reproduces the numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml.etree import _Element

MAX_LEVEL = 8  # Word's list levels are 0-8
MAX_START = 32767  # the largest start value Word accepts; a larger one is damage
_INTEGER = re.compile(r"\s*[-+]?\d{1,9}\s*")

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str  # decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet, none
    text: str  # template: "%1.%2", "(%3)", "•"


@dataclass
class Numbering:
    """Level definitions per list instance, and the running counters while reading."""

    levels: dict[str, dict[int, Level]]
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_part(cls, numbering: _Element | None) -> Numbering:
        if numbering is None:
            return cls({})
        abstract = {a.get(qn("w:abstractNumId")): _levels(a) for a in numbering.iterfind(qn("w:abstractNum"))}
        levels: dict[str, dict[int, Level]] = {}
        for num in numbering.iterfind(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            base = dict(abstract.get(ref.get(qn("w:val")) if ref is not None else None, {}))
            for override in num.iterfind(qn("w:lvlOverride")):
                ilvl = word_int(override.get(qn("w:ilvl")), 0, MAX_LEVEL)
                start = override.find(qn("w:startOverride"))
                if start is not None and ilvl in base:
                    old = base[ilvl]
                    base[ilvl] = Level(word_int(start.get(qn("w:val")), 1, MAX_START), old.fmt, old.text)
            levels[num.get(qn("w:numId")) or ""] = base
        return cls(levels)

    def next_number(self, num_id: str, ilvl: int) -> tuple[str, bool] | None:
        """The number the next paragraph of list `num_id` at level `ilvl` shows, and whether
        it is a bullet; None when the list or level is not defined (numId 0 means "no list")."""
        defs = self.levels.get(num_id)
        if not defs or ilvl not in defs:
            return None
        level = defs[ilvl]
        if level.fmt == "none":
            return None
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a new "2." restarts its "2.1", "2.2", …
        if level.fmt == "bullet":
            return "•", True
        text = level.text
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" in text:
                value = counts.get(k, defs[k].start if k in defs else 1)
                text = text.replace(f"%{k + 1}", _format(value, defs[k].fmt if k in defs else "decimal"))
        return text, False


def _levels(abstract: _Element) -> dict[int, Level]:
    result = {}
    for lvl in abstract.iterfind(qn("w:lvl")):
        result[word_int(lvl.get(qn("w:ilvl")), 0, MAX_LEVEL)] = Level(
            start=word_int(_val(lvl, "w:start"), 1, MAX_START),
            fmt=_val(lvl, "w:numFmt") or "decimal",
            text=_val(lvl, "w:lvlText") or "",
        )
    return result


def word_int(value: str | None, default: int, highest: int) -> int:
    """A number from a Word attribute, kept within 0..`highest`; `default` when it is no number.

    Damaged or hand-made files carry "x", "1.5" or eleven digits where Word writes a small
    integer; a list level or start value out of range must not stop the reading (or count
    to a roman numeral of a billion).
    """
    if value is None or not _INTEGER.fullmatch(value):
        return default
    return min(max(int(value), 0), highest)


def _val(element: _Element, tag: str) -> str | None:
    child = element.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _format(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rem = divmod(value - 1, 26)
            letters = chr(ord("a") + rem) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for amount, digits in _ROMAN:
            while value >= amount:
                roman, value = roman + digits, value - amount
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
