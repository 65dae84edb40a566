"""Word automatic numbering: the "4.1" or "(a)" Word shows is not in the paragraph text.

Word draws it from numbering.xml. A paragraph names a list instance (`w:num`, by `w:numId`)
and a level (`w:ilvl`), directly or through its style. The instance points to an abstract
definition (`w:abstractNum`) whose levels give a start value, a format (decimal, lowerLetter,
…) and a template such as "%1.%2"; the instance may override a level's definition or its
start (`w:lvlOverride`). Counting the paragraphs in document order reproduces the numbers,
with the rules Word (and LibreOffice, the oracle of the tests) follows:

- The counters belong to the abstract definition, not to the instance: two instances of one
  definition continue each other's count. An abstract definition that only points to a
  numbering style (`w:numStyleLink`) is the definition carrying that style (`w:styleLink`).
- An instance with a `w:startOverride` restarts its level at the override the first time one
  of its paragraphs appears; a `w:lvl` inside an override changes how the level looks only.
- A level restarts after any higher level is used, unless `w:lvlRestart` says after which
  level it restarts (0: never).
- A legal level (`w:isLgl`) shows every number in its template as a decimal (Word's "Article
  I." heading is followed by "Section 1.01"; LibreOffice 7.4 ignores `w:isLgl`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docx.oxml.ns import qn
from lxml.etree import _Element

from ..markers import roman_numeral

MAX_LEVEL = 8  # Word's list levels are 0-8
MAX_START = 32767  # the largest start value Word accepts; a larger one is damage
BULLET = "•"  # every bullet reads as this one: the glyph Word draws depends on the font
_INTEGER = re.compile(r"\s*[-+]?\d{1,9}\s*")
_PLACEHOLDER = re.compile(r"%([1-9])")
_PADDED = re.compile(r"(0+)1\b")  # a custom format of zero-padded numbers: "001, 002, 003, ..."
_CIRCLED = ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1))  # circled-number blocks: first, last, code point
_LEGAL_KEEPS = ("decimalZero", "none")  # legal numbering turns "I.01" into "1.01", not "1.1"

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    " seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str  # decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, ordinalText, bullet, none, …
    text: str  # template: "%1.%2", "(%3)", "•"
    restart_after: int | None = None  # w:lvlRestart: restart after levels above this one (0: never)
    legal: bool = False  # w:isLgl: the numbers in the template show as decimals
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to
    width: int = 2  # digits of a zero-padded number (decimalZero: "01"; Word's custom "001")

    def restarts_after(self, ilvl: int, own: int) -> bool:
        """Whether a paragraph at level `ilvl` (above this level, `own`) restarts this level."""
        limit = own if self.restart_after is None else self.restart_after
        return ilvl < limit


@dataclass(frozen=True)
class ListInstance:
    """One `w:num`: the counters it shares (its abstract definition), how its levels look,
    and the levels it restarts when it first appears."""

    counters: str
    levels: dict[int, Level]
    start_overrides: dict[int, int] = field(default_factory=dict)


@dataclass
class Numbering:
    """List instances by numId, and the running counters while reading a document."""

    instances: dict[str, ListInstance]
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    pending_start: dict[str, dict[int, int]] = field(default_factory=dict)  # overrides not yet counted
    seen: set[str] = field(default_factory=set)

    @classmethod
    def from_part(cls, numbering: _Element | None) -> Numbering:
        if numbering is None:
            return cls({})
        abstracts = {a.get(qn("w:abstractNumId")) or "": a for a in numbering.iterfind(qn("w:abstractNum"))}
        by_style_link = {_val(a, "w:styleLink"): key for key, a in abstracts.items() if _val(a, "w:styleLink")}
        instances: dict[str, ListInstance] = {}
        for num in numbering.iterfind(qn("w:num")):
            key = _val(num, "w:abstractNumId") or ""
            key = by_style_link.get(_val(abstracts[key], "w:numStyleLink"), key) if key in abstracts else key
            levels = _levels(abstracts[key]) if key in abstracts else {}
            starts: dict[int, int] = {}
            for override in num.iterfind(qn("w:lvlOverride")):
                ilvl = word_int(override.get(qn("w:ilvl")), 0, MAX_LEVEL)
                redefined = override.find(qn("w:lvl"))
                if redefined is not None:
                    levels[ilvl] = parse_level(redefined)
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    starts[ilvl] = word_int(start.get(qn("w:val")), 1, MAX_START)
            instances[num.get(qn("w:numId")) or ""] = ListInstance(key, levels, starts)
        return cls(instances)

    def level_of_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level of list `num_id` linked to paragraph style `style_id` (`w:lvl/w:pStyle`):
        a style that names a list but no level is numbered at the level that names the style."""
        instance = self.instances.get(num_id)
        if instance is None or style_id is None:
            return None
        return next((ilvl for ilvl, level in sorted(instance.levels.items()) if level.style == style_id), None)

    def next_number(self, num_id: str, ilvl: int) -> tuple[str, bool] | None:
        """The number the next paragraph of list `num_id` at level `ilvl` shows, and whether
        it is a bullet; None when the list or level is not defined (numId 0 means "no list")
        or the level shows nothing. Every call counts, as Word counts empty paragraphs."""
        instance = self.instances.get(num_id)
        if instance is None or ilvl not in instance.levels:
            return None
        counts = self.counters.setdefault(instance.counters, {})
        pending = self.pending_start.setdefault(instance.counters, {})
        if num_id not in self.seen:
            self.seen.add(num_id)
            for overridden, start in instance.start_overrides.items():
                counts.pop(overridden, None)
                pending[overridden] = start
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else pending.pop(ilvl, instance.levels[ilvl].start)
        for deeper, level in instance.levels.items():
            if deeper > ilvl and level.restarts_after(ilvl, deeper):
                counts.pop(deeper, None)
        return _display(instance, ilvl, counts, pending)


def _display(
    instance: ListInstance, ilvl: int, counts: dict[int, int], pending: dict[int, int]
) -> tuple[str, bool] | None:
    level = instance.levels[ilvl]
    if level.fmt == "bullet":
        return BULLET, True  # even a blank bullet (pandoc's task lists): the paragraph is a list item

    def number(match: re.Match[str]) -> str:
        k = int(match.group(1)) - 1
        shown = instance.levels.get(k)
        value = counts.get(k, pending.get(k, shown.start if shown else 1))
        fmt = shown.fmt if shown else "decimal"
        if level.legal and fmt not in _LEGAL_KEEPS:
            fmt = "decimal"
        return format_number(value, fmt, shown.width if shown else 2)

    text = _PLACEHOLDER.sub(number, level.text).strip()
    return (text, False) if text else None


def _levels(abstract: _Element) -> dict[int, Level]:
    return {word_int(lvl.get(qn("w:ilvl")), 0, MAX_LEVEL): parse_level(lvl) for lvl in abstract.iterfind(qn("w:lvl"))}


def parse_level(lvl: _Element) -> Level:
    """One `w:lvl`: start, format, template, restart rule, legal flag, linked style."""
    restart = _val(lvl, "w:lvlRestart")
    legal = lvl.find(qn("w:isLgl"))
    fmt, width = _number_format(lvl)
    return Level(
        start=word_int(_val(lvl, "w:start"), 1, MAX_START),
        fmt=fmt,
        text=_val(lvl, "w:lvlText") or "",
        restart_after=None if restart is None else word_int(restart, MAX_LEVEL + 1, MAX_LEVEL + 1),
        legal=legal is not None and legal.get(qn("w:val"), "true") not in ("0", "false", "off"),
        style=_val(lvl, "w:pStyle"),
        width=width,
    )


def _number_format(lvl: _Element) -> tuple[str, int]:
    """The level's w:numFmt and the width of its zero padding. Word writes "001, 002, 003, …"
    as a custom format inside mc:AlternateContent, plain decimal being the fallback for older
    readers; the first w:numFmt in document order is the preferred choice."""
    numfmt = next(lvl.iter(qn("w:numFmt")), None)
    fmt = (numfmt.get(qn("w:val")) if numfmt is not None else None) or "decimal"
    if fmt != "custom":
        return fmt, 2
    padded = _PADDED.match(numfmt.get(qn("w:format")) or "") if numfmt is not None else None
    return ("decimalZero", len(padded.group(1)) + 1) if padded else ("decimal", 0)


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


def format_number(value: int, fmt: str, width: int = 2) -> str:
    """`value` written in Word's number format `fmt` (`width`: digits of decimalZero); formats
    clausewise does not know (chineseCounting, hebrew1, …) fall back to decimal digits."""
    if fmt == "none":
        return ""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = _letters(value)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = roman_numeral(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:0{width}d}"
    if fmt == "decimalEnclosedCircle":
        return _enclosed(value)
    if fmt in ("cardinalText", "ordinalText") and 0 < value <= MAX_START:
        words = _cardinal(value) if fmt == "cardinalText" else _ordinal_words(value)
        return words[:1].upper() + words[1:]
    if fmt == "ordinal":
        return f"{value}{_ordinal_suffix(value)}"
    return str(value)


def _letters(value: int) -> str:
    """Word's letters repeat past z: a … z, aa … zz, aaa … (not spreadsheet columns)."""
    if value <= 0:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def _enclosed(value: int) -> str:
    """①…⑳, ㉑…㉟, ㊱…㊿: Unicode has circled numbers up to 50; past them, digits."""
    for first, last, code in _CIRCLED:
        if first <= value <= last:
            return chr(code + value - first)
    return str(value)


def _cardinal(value: int) -> str:
    if value < 20:
        return _UNITS[value]
    if value < 100:
        tens, units = divmod(value, 10)
        return _TENS[tens] + (f"-{_UNITS[units]}" if units else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        return f"{_UNITS[hundreds]} hundred" + (f" {_cardinal(rest)}" if rest else "")
    # "one hundred one" but "one thousand and one", as LibreOffice writes them
    thousands, rest = divmod(value, 1000)
    joint = " and " if 0 < rest < 100 else " "
    return f"{_cardinal(thousands)} thousand" + (f"{joint}{_cardinal(rest)}" if rest else "")


def _ordinal_words(value: int) -> str:
    words = _cardinal(value)
    head, sep, last = words.rpartition("-" if "-" in words.split(" ")[-1] else " ")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def _ordinal_suffix(value: int) -> str:
    if value % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
