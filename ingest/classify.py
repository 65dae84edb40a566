"""Deciding what each block is: contents line, metadata line, heading, paragraph or list item.

Word and PDF give hints (styles, fonts); plain text gives none, so the same questions are
also answered from the wording: a heading is short, has no closing punctuation and is
numbered, in capitals, or in title case. The answers must agree across renditions of one
policy, so style hints only confirm what the wording allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .markers import clean, ends_sentence, has_dot_leader, is_noise, is_page_number, parse_marker, parse_part
from .metadata import is_metadata_line
from .model import Block, BlockRole, SetAside, SetAsideReason, SourceRef, numbered_label

Kind = Literal["toc", "meta", "contact", "heading", "paragraph", "item"]

_CONTENTS = re.compile(r"^(?:table of )?contents?(?:\s+page)?:?$|^index$", re.IGNORECASE)
_CONTACT = re.compile(r"^(?:contact(?: details| us| information)?|address|enquiries)\s*:?$", re.IGNORECASE)
_TOC_ENTRY = re.compile(r"^.{2,120}?\s\d{1,3}$")
_STYLED_HEADING: frozenset[BlockRole | None] = frozenset({"heading", "title", "subtitle"})
_SMALL_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "vs", "via"]
)
_LETTER_NUMBER = re.compile(r"^(?:[a-z]|[ivx]+)$")


@dataclass(frozen=True)
class Part:
    """A block with its marker parsed and its kind decided."""

    text: str  # without the number or bullet
    number: str | None
    marker: str | None  # the number or bullet as printed
    bullet: bool
    kind: Kind
    role: BlockRole | None
    level: int | None
    source: SourceRef
    caps: bool  # written in capitals (a top-level heading in many policies)
    printed: str  # the block as printed, its number included: what a set-aside line shows

    @property
    def label(self) -> str:
        return numbered_label(self.number, self.text)


def classify(blocks: tuple[Block, ...], styled: bool) -> list[Part]:
    """Parse markers and decide the kind of every block, in order.

    `styled` says whether the format carries style hints (Word, PDF); for plain text the
    wording alone decides what is a heading.
    """
    parsed = [p for p in map(_parse, blocks) if p is not None]
    parts: list[Part] = []
    in_contents = in_contact = False
    after_colon_heading = False
    for index, current in enumerate(parsed):
        block, text, number = current.block, current.text, current.number
        following = parsed[index + 1] if index + 1 < len(parsed) else None
        kind = _kind(current, following, styled)
        if _CONTENTS.match(block.text.strip()) and not number:
            in_contents, kind = True, "toc"
        elif in_contents and kind != "toc":
            if _TOC_ENTRY.match(block.text) and len(block.text.split()) <= 14:
                kind = "toc"
            else:
                in_contents = False
        if _CONTACT.match(block.text.strip()):
            in_contact, kind = True, "contact"
        elif in_contact:
            # An address, phone number and e-mail: short lines that are not sentences.
            in_contact = kind in ("paragraph", "heading") and not number and _address_line(text)
            kind = "contact" if in_contact else kind
        # "Background Papers:" introduces short unnumbered lines that look like headings
        # but are its entries: they are clauses, as Word renditions style them.
        if kind == "heading" and after_colon_heading and not number and not styled:
            kind = "paragraph"
        if kind == "heading":
            after_colon_heading = text.endswith(":")
        elif kind != "paragraph" or number or re.search(r"[.;!?]$", text) or len(text.split()) > 15:
            after_colon_heading = False
        parts.append(
            Part(
                text,
                number,
                current.marker,
                current.bullet,
                kind,
                block.role,
                block.level,
                block.source,
                _is_caps(text),
                printed(block),
            )
        )
    return parts


def printed(block: Block) -> str:
    """The block as the reader sees it: Word's generated number, then the text."""
    text = clean(block.text)
    return f"{block.marker or block.number} {text}" if block.number else text


def set_aside_blocks(blocks: tuple[Block, ...]) -> tuple[SetAside, ...]:
    """The blocks `classify` leaves out (page numbers, extraction noise), each with its reason."""
    found = []
    for block in blocks:
        text = clean(block.text)
        if text and (is_noise(text) or is_page_number(text)):  # what `_parse` leaves out
            reason: SetAsideReason = "extraction noise" if is_noise(text) else "page number"
            found.append(SetAside(printed(block), reason, front=False, source=block.source))
    return tuple(found)


@dataclass(frozen=True)
class _Parsed:
    block: Block
    text: str  # without its marker
    number: str | None
    marker: str | None
    bullet: bool


def _parse(block: Block) -> _Parsed | None:
    text = clean(block.text)
    if not text or is_noise(text) or is_page_number(text):
        return None
    if block.number:
        return _Parsed(block, text, block.number, block.marker or block.number, block.number == "•")
    part = parse_part(text)
    if part and (block.role in _STYLED_HEADING or len(part[1].split()) <= 12):
        # "Part 5.3:" alone is its own text; its number is not printed a second time.
        return _Parsed(block, part[1] or text, part[0], part[0] if part[1] else None, False)
    marker = parse_marker(text)
    if marker and marker.rest:
        return _Parsed(block, marker.rest, marker.number, marker.printed, marker.bullet)
    return _Parsed(block, text, None, None, False)


def _kind(current: _Parsed, following: _Parsed | None, styled: bool) -> Kind:
    block, text, number = current.block, current.text, current.number
    if block.role == "toc" or has_dot_leader(block.text):
        return "toc"
    if current.bullet:
        return "item"
    if not number and block.role not in _STYLED_HEADING and is_metadata_line(text):
        return "meta"
    next_is_item = following is not None and (following.bullet or is_letter_number(following.number))
    if _is_heading(block, text, number, next_is_item, styled):
        return "heading"
    if block.role == "item" or is_letter_number(number):
        return "item"
    return "paragraph"


def _is_heading(block: Block, text: str, number: str | None, next_is_item: bool, styled: bool) -> bool:
    words = text.split()
    if text.endswith(":") and (next_is_item or len(words) > 6):
        return False  # a lead-in to a list ("Officers must:"), not a heading
    if block.role in _STYLED_HEADING:
        return len(words) <= 25
    if not _heading_shape(text):
        return False
    if number:
        return len(words) <= 12
    if styled:
        return block.bold and len(words) <= 15
    return len(words) <= 8 or _is_caps(text) or _title_case(words)


def _address_line(text: str) -> bool:
    return "@" in text or (len(text.split()) <= 16 and not ends_sentence(text))


def _heading_shape(text: str) -> bool:
    """Short, no closing punctuation other than a colon, starting like a title."""
    first = text[:1]
    return (
        len(text.split()) <= 15
        and not re.search(r"[.;,!?\-–—]$", text)
        and (first.isupper() or first.isdigit() or first in "\"'“‘(")
    )


def _title_case(words: list[str]) -> bool:
    significant = [w for w in words if w.lower() not in _SMALL_WORDS and w[:1].isalpha()]
    return bool(significant) and sum(w[0].isupper() for w in significant) / len(significant) >= 0.75


def _is_caps(text: str) -> bool:
    if not text.isupper():
        return False  # a lower-case letter, or no cased letter at all: cheap to see, and most text
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def is_letter_number(number: str | None) -> bool:
    """ "(a)", "a", "(iv)", "iv": a lettered or roman item number."""
    return bool(number) and bool(_LETTER_NUMBER.match(number.strip("()")))  # type: ignore[union-attr]


def lone_connective(text: str) -> bool:
    """A line that is only "or" / "and" between two list items."""
    return clean(text).lower().rstrip(":;,") in {"or", "and", "and/or"}
