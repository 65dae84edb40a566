"""Recognising what starts a clause and what is not content, shared by every reader.

Clause numbers and bullets arrive in three ways: typed into the text ("1.1 The ideal…"),
drawn by the layout engine into a PDF's text layer ("\\uf0b7 To represent…"), or generated
by Word from numbering.xml. The first two are parsed here, so the text, Word and PDF
renditions of one policy give the same numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

# Private-use glyphs are what Word's Symbol and Wingdings bullets become in a PDF text layer.
BULLET_CHARS = "-•▪▫●◦·‣⁃∙■□➢➤✓\u2013\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8"
_BULLET = re.compile(rf"^[{re.escape(BULLET_CHARS)}*](?:\s+|$)")
_NUMBER = re.compile(
    r"""^(?:
        (?P<decimal>\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.)   # 1.  1.1  4.10  3.2.1.
      | \((?P<paren>[a-z]{1,2}|[ivxlc]{1,6}|\d{1,3})\)    # (a) (iv) (12)
      | (?P<closing>[a-z]|[ivx]{1,5}|\d{1,3})\)           # a)  iv) 3)
      | (?P<letter>[a-z]|[ivx]{2,5})\.                    # a.  iv.
    )(?:\s+|$)""",
    re.VERBOSE,
)
_BARE = re.compile(r"^(\d{1,3})\s+(?=[^\sa-z])")
# "Part 5.3", "Schedule 2", "Appendix A", "Annex B", "Part I": a division of the document.
PART_WORDS = ("Part", "Section", "Article", "Schedule", "Appendix", "Annex")
_PART = re.compile(rf"^(?P<part>(?:{'|'.join(PART_WORDS)})\s+(?:\d+(?:\.\d+)*|[A-Z])\b)(?![.’'-]\w)[:.]?\s*")

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*(?:of|/)\s*\d+|[-–]?\s*\d{1,4}\s*[-–]?|[ivxlc]{1,6})$",
    re.IGNORECASE,
)
_NOISE = re.compile(
    r"^(?:loading images\.*|loading\.*|\[?image\]?|click here to (?:download|view).*|"
    r"this page (?:is )?intentionally (?:left )?blank\.?)$",
    re.IGNORECASE,
)
_DOT_LEADER = re.compile(r"(?:\.{4,}|…{2,}|(?:\. ){4,})\s*\d{1,4}$")
_TERMINAL = re.compile(r"[.;:!?\"”’)]$")
_CONNECTIVES = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "and",
        "or",
        "in",
        "with",
        "for",
        "by",
        "on",
        "at",
        "from",
        "as",
        "that",
        "which",
        "who",
        "whose",
        "whom",
        "their",
        "his",
        "her",
        "its",
        "be",
        "is",
        "are",
        "was",
        "were",
        "not",
        "nor",
        "than",
        "such",
        "any",
        "all",
        "each",
        "this",
        "these",
        "those",
    ]
)


@dataclass(frozen=True)
class Marker:
    """A clause number or bullet found at the start of a paragraph."""

    number: str  # normalised: "1", "4.10", "(a)", "a", "•"
    bullet: bool
    rest: str  # the text after the marker
    printed: str = ""  # the marker as it appears: "-", "•", "1.1", "- 1.1", "(a)"


def parse_marker(text: str) -> Marker | None:
    """The number or bullet at the start of `text`, if any.

    A bullet may be followed by a number ("- 1.1 The purpose…", as plain-text extractions of
    numbered lists often show); the number wins, because it is what the reader sees. So does a
    typed "1.1" after a list ordinal ("1. 1.1. Target Uptime.", Markdown made from a web page).
    """
    bullet = _BULLET.match(text)
    found: Marker | None
    if bullet:
        rest = text[bullet.end() :]
        found = _parse_number(rest) or _parse_bare_number(rest) or Marker("•", True, rest)
    else:
        found = _parse_number(text)
        typed = _parse_number(found.rest) if found and found.number.isdigit() else None
        if typed is not None and number_depth(typed.number) >= 2 and not typed.rest[:1].islower():
            found = typed  # "1. 1.1. Target Uptime.": a Markdown list ordinal before the typed number
    if found is None:
        return None
    printed = text[: len(text) - len(found.rest)].strip()
    return replace(found, printed=printed_marker(printed))


def printed_marker(printed: str) -> str:
    """A marker as printed, with symbol-font bullet glyphs (private-use code points in a PDF
    text layer) shown as the bullet they are drawn as."""
    return "".join("•" if "\ue000" <= ch <= "\uf8ff" else ch for ch in printed)


def _parse_bare_number(text: str) -> Marker | None:
    """A number with no dot ("- 1 Both…") counts only after a bullet: in running text a line
    starting "4 main areas" is a wrapped sentence, not a clause."""
    match = _BARE.match(text)
    return Marker(match.group(1), False, text[match.end() :]) if match else None


def _parse_number(text: str) -> Marker | None:
    match = _NUMBER.match(text)
    if not match:
        return None
    kind = match.lastgroup
    value = match.group(kind or "decimal")
    number = f"({value})" if kind in ("paren", "closing") else value.rstrip(".")
    return Marker(number, False, text[match.end() :])


def parse_part(text: str) -> tuple[str, str] | None:
    """ "Part 5.3: A Protocol…" -> ("Part 5.3", "A Protocol…")."""
    match = _PART.match(text)
    return (match.group("part"), text[match.end() :]) if match else None


def normalise_number(printed: str) -> str:
    """Word's generated "1." and a typed "1." both become "1"; "(a)" stays as it is."""
    printed = printed.strip()
    if printed.startswith("(") or printed.endswith(")"):
        return f"({printed.strip('()')})"
    return printed.rstrip(".")


def number_depth(number: str) -> int:
    """How deep a number sits: "4" -> 1, "4.1" -> 2, "(a)" or "a" -> 0 (relative)."""
    if re.fullmatch(r"\d+(?:\.\d+)*", number):
        return number.count(".") + 1
    return 0


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text.strip()))


def is_noise(text: str) -> bool:
    """Extraction residue that is never policy text."""
    return bool(_NOISE.match(text.strip()))


def has_dot_leader(text: str) -> bool:
    """A contents line: "Introduction ........ 3"."""
    return bool(_DOT_LEADER.search(text.strip()))


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def continues(previous: str, following: str) -> bool:
    """Whether `following` carries on the sentence `previous` broke off (a line or page break).

    True when `previous` has no closing punctuation and either `following` starts in lower
    case or `previous` stops on a word a sentence cannot end on ("…with the" / "Officer…").
    """
    previous = previous.rstrip()
    if not previous or not following or ends_sentence(previous):
        return False
    if parse_marker(following) or re.match(r"(?:https?://|www\.)", following.lstrip()):
        return False
    first = following.lstrip()[0]
    last_word = previous.split()[-1].lower()
    return first.islower() or last_word in _CONNECTIVES


_SPACES = re.compile(r"[ \t\r\n\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


_ROMAN: tuple[tuple[int, str], ...] = (
    *((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")),
    *((40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")),
)


def roman_numeral(value: int) -> str:
    """4 -> "iv": the lower-case roman numeral Word, LibreOffice and browsers draw for a list
    number (every reader that counts numbers itself uses this one)."""
    numeral = ""
    for amount, symbol in _ROMAN:
        count, value = divmod(value, amount)
        numeral += symbol * count
    return numeral


def clean(text: str) -> str:
    """Collapse runs of spaces (including non-breaking ones) and trim."""
    return _SPACES.sub(" ", text.replace("\u00ad", "")).strip()
