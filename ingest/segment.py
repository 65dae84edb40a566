"""From classified blocks to the clause tree: front matter, headings, lead-ins, ids.

One segmenter serves every format, so a policy read from its .txt, .docx and .pdf gives the
same clauses. Front matter (cover, contents, contact block) ends at the heading before the
first real paragraph; it and the metadata lines feed the metadata, not the clauses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .classify import Kind, Part, classify, is_letter_number, lone_connective, set_aside_blocks
from .markers import PART_WORDS, ends_sentence, number_depth
from .metadata import is_version_table
from .model import Clause, RawDocument, SetAside, SetAsideReason, SourceRef

_TITLE_WORDS = re.compile(
    r"\b(protocol|policy|procedure|code|orders|regulations|strategy|plan|statement|charter|scheme)\b",
    re.IGNORECASE,
)
_LEAD_IN_END = re.compile(r"[:;–—-]$")
_CONTENT_KINDS = ("heading", "paragraph", "item")
# Why a part that is in no clause was set aside; front-matter headings and paragraphs are its cover.
_REASONS: dict[Kind, SetAsideReason] = {
    "toc": "contents",
    "contact": "contact details",
    "meta": "metadata",
    "heading": "cover",
    "paragraph": "cover",
    "item": "cover",
}
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?$")
_MIN_SENTENCE_WORDS = 3  # "Some plain text." is policy text; "Draft." on a cover is not
# A cover's paragraphs (not its headings) hold a council's name, a date, an author; past this
# many words the front matter may hold policy text the segmenter could not tell apart, and a
# warning says so.
MAX_QUIET_COVER_WORDS = 40


@dataclass(frozen=True)
class _Open:
    """A heading the clauses that follow sit under."""

    level: int
    label: str
    lettered: bool  # "a. Procedure for Officers": its siblings are "b.", "c.", not its children


@dataclass(frozen=True)
class _SubList:
    """Items under an item that introduces them ("e. An amendment shall be:" / "i.", "ii.")."""

    label: str  # the introducing item, as its children's heading path shows it
    scheme: str  # how the children are numbered: "roman", "letter", "decimal" or "bullet"
    paren: bool  # "(i)" rather than "i"
    count: int  # children so far


_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


@dataclass(frozen=True)
class Segmented:
    clauses: tuple[Clause, ...]
    title: str | None
    front: tuple[str, ...]  # cover, contents and other front-matter lines
    meta: tuple[str, ...]  # metadata lines taken out of the body ("Next review: April 2028")
    set_aside: tuple[SetAside, ...] = ()  # every block in no clause, with the reason, in source order
    warnings: tuple[str, ...] = ()  # what was set aside that a clerk should check


def segment(raw: RawDocument) -> Segmented:
    parts = _merge_connectives(classify(raw.blocks, styled=raw.format in ("docx", "pdf")))
    start = _body_start(parts)
    front, body = parts[:start], parts[start:]
    set_aside = _set_aside(raw, front, body)
    return Segmented(
        clauses=_build(body),
        title=raw.title or _title(front),
        front=tuple(p.label for p in front),
        meta=tuple(p.text for p in body if p.kind == "meta"),
        set_aside=set_aside,
        warnings=_warnings(set_aside, sum(len(p.text.split()) for p in front if p.kind == "paragraph")),
    )


def place(lines: Sequence[SetAside], span: bool) -> str:
    """ "lines 1-38", "paragraphs 3, 9", "page 1": where set-aside lines stood in the source
    (`span`: from the first to the last, for a run such as the front matter)."""
    found = (
        (unit, sorted({value + offset for line in lines if (value := getattr(line.source, unit)) is not None}))
        for unit, offset in (("line", 0), ("paragraph", 1), ("page", 0))  # paragraphs are counted from 0
    )
    unit, places = next(((unit, places) for unit, places in found if places), ("line", []))
    if not places:
        return "lines"
    if len(places) > 1 and (span or places[-1] - places[0] == len(places) - 1):
        return f"{unit}s {places[0]}-{places[-1]}"
    return f"{unit}{'s' if len(places) > 1 else ''} {', '.join(map(str, places))}"


def _warnings(set_aside: tuple[SetAside, ...], cover_words: int) -> tuple[str, ...]:
    """A wordy cover and a table in the body: set aside, but possibly policy text."""
    warnings = []
    front = [line for line in set_aside if line.front]
    if cover_words > MAX_QUIET_COVER_WORDS:
        kinds = ", ".join(dict.fromkeys(line.reason for line in front))
        warnings.append(
            f"{place(front, span=True)} taken as front matter ({kinds}), with {cover_words} words of "
            "cover paragraphs not read as clauses; check them with `clausewise read`"
        )
    tables: dict[SourceRef, list[SetAside]] = {}
    for line in set_aside:
        if line.reason == "table" and not line.front:
            tables.setdefault(line.source, []).append(line)
    for rows in tables.values():
        where = place(rows[:1], span=False)
        warnings.append(f"a table of {len(rows)} row(s) at {where} set aside: tables are not read as clauses")
    return tuple(warnings)


def _set_aside(raw: RawDocument, front: list[Part], body: list[Part]) -> tuple[SetAside, ...]:
    """Everything the reader gave that is in no clause, with the reason, in source order: the
    front matter, contents and metadata lines in the body, page numbers, noise and tables."""
    lines = [SetAside(p.printed, _REASONS[p.kind], front=True, source=p.source) for p in front]
    lines += [SetAside(p.printed, _REASONS[p.kind], False, p.source) for p in body if p.kind not in _CONTENT_KINDS]
    lines += set_aside_blocks(raw.blocks)
    body_at = _position(body[0].source) if body else None
    for table in raw.tables:
        reason: SetAsideReason = "version table" if is_version_table(table) else "table"
        before_body = body_at is None or _position(table.source) < body_at
        lines += [SetAside(" | ".join(row), reason, before_body, table.source) for row in table.rows]
    return tuple(sorted(lines, key=lambda line: _position(line.source)))


def _position(source: SourceRef) -> tuple[int, int, int]:
    return (source.page or 0, source.paragraph or 0, source.line or 0)


def _merge_connectives(parts: list[Part]) -> list[Part]:
    """Fold a lone "or" into the item before it, and an item starting "or …" that a page
    break split from its first half, so every rendition has the same items."""
    merged: list[Part] = []
    for part in parts:
        previous = merged[-1] if merged else None
        if previous is not None and previous.kind in ("item", "paragraph"):
            if lone_connective(part.text) and (part.bullet or not part.number):
                merged[-1] = _joined(previous, part)
                continue
            if (
                part.kind == "item"
                and previous.kind == "item"
                and part.bullet
                and previous.bullet
                and re.match(r"(or|and)\s", part.text)
                and not ends_sentence(previous.text)
            ):
                merged[-1] = _joined(previous, part)
                continue
        merged.append(part)
    return merged


def _joined(previous: Part, part: Part) -> Part:
    return replace(previous, text=f"{previous.text} {part.text}", printed=f"{previous.printed} {part.printed}")


def _body_start(parts: list[Part]) -> int:
    """Index where the body begins: the heading before the first part that is policy text.

    Front matter is the cover, contents and contact block; a numbered clause, a list item or
    a sentence is never part of it, however short.
    """
    first = next((i for i, p in enumerate(parts) if _opens_body(p)), None)
    if first is None:
        return 0
    if parts[first].kind == "heading":
        return first
    for index in range(first - 1, -1, -1):
        if parts[index].kind == "heading":
            return index
        if parts[index].kind in ("toc", "meta"):
            break
    return first if any(p.kind in ("toc", "meta", "heading") for p in parts[:first]) else 0


def _opens_body(part: Part) -> bool:
    """Whether `part` is policy text, so the front matter ends before it."""
    number = "" if part.bullet else part.number or ""
    # "4", "4.1", "(2)", "a", "iv" are clause numbers; "Part 5.3" on a cover is not.
    numbered = number_depth(number) > 0 or number.startswith("(") or is_letter_number(number)
    if part.kind == "heading":
        return numbered
    if part.kind not in ("paragraph", "item"):
        return False
    sentence = bool(_SENTENCE_END.search(part.text)) and len(part.text.split()) >= _MIN_SENTENCE_WORDS
    return part.kind == "item" or numbered or sentence or _substantial(part)


def _substantial(part: Part) -> bool:
    return len(part.text.split()) >= 8 or (part.number is not None and number_depth(part.number) >= 2)


def _build(body: list[Part]) -> tuple[Clause, ...]:
    """Assign heading paths, levels and ids; headings stay in the sequence as clauses."""
    clauses: list[Clause] = []
    stack: list[_Open] = []  # the headings the current clause sits under, outermost first
    lead_in: str | None = None
    sub: _SubList | None = None  # the item whose own list the items now belong to
    seen_top = False  # a numbered or capitals heading came before
    content = [p for p in body if p.kind in ("heading", "paragraph", "item")]
    for index, part in enumerate(content):
        following = content[index + 1] if index + 1 < len(content) else None
        ident = f"c{len(clauses) + 1}"
        if part.kind == "heading":
            level = _heading_level(part, stack, seen_top)
            seen_top = seen_top or part.caps or bool(part.number and number_depth(part.number))
            while stack and stack[-1].level >= level:
                stack.pop()
            clauses.append(
                Clause(ident, part.number, _path(stack), "heading", part.text, part.source, level, part.marker)
            )
            stack.append(_Open(level, part.label, is_letter_number(part.number)))
            lead_in, sub = None, None
            continue
        depth = len(stack)
        if part.kind == "item":
            sub = _next_in(sub, part)
            path = _path(stack, lead_in) + ((sub.label,) if sub else ())
            level = depth + 2 + (sub is not None)
            clauses.append(Clause(ident, part.number, path, "item", part.text, part.source, level, part.marker))
            if sub is None and following is not None and following.kind == "item":
                sub = _sub_list(part, following)
            continue
        sub = None
        next_is_item = following is not None and following.kind == "item"
        if next_is_item and lead_in and not _LEAD_IN_END.search(part.text):
            path = _path(stack, lead_in)  # a closing sentence between items of one list
        else:
            path = _path(stack)
            # A paragraph followed by items introduces them ("Officers must:"); any other
            # paragraph ends the list before it.
            lead_in = part.label if next_is_item else None
        clauses.append(Clause(ident, part.number, path, "paragraph", part.text, part.source, depth + 1, part.marker))
    return tuple(clauses)


def _scheme(number: str | None, after: str | None = None) -> tuple[str, bool] | None:
    """How an item is numbered, and whether in brackets; "i" is roman unless it follows "h"."""
    if not number:
        return None
    if number == "•":
        return "bullet", False
    inner, paren = number.strip("()"), number.startswith("(")
    if inner.isdigit():
        return "decimal", paren
    if inner in _ROMAN and (len(inner) > 1 or (after or "").strip("()") not in ("h", "u", "w")):
        return "roman", paren
    return ("letter", paren) if len(inner) == 1 and inner.isalpha() else None


def _ordinal(number: str, scheme: str) -> int | None:
    """ "iii" -> 3 in a roman list, "c" -> 3 in a lettered one, "3" -> 3; None if not of the scheme."""
    inner = number.strip("()")
    if scheme == "roman":
        return _ROMAN.index(inner) + 1 if inner in _ROMAN else None
    if scheme == "letter":
        return ord(inner) - ord("a") + 1 if len(inner) == 1 and inner.isalpha() else None
    return int(inner) if inner.isdigit() else None


def _sub_list(item: Part, following: Part) -> _SubList | None:
    """The list an item ending in a colon opens, when the next item is numbered another way
    and starts that way's count ("e. … shall be:" then "i."); else None."""
    if not item.text.endswith(":"):
        return None
    mine, theirs = _scheme(item.number), _scheme(following.number, after=item.number)
    if theirs is None or theirs == mine:
        return None
    if theirs[0] != "bullet" and _ordinal(following.number or "", theirs[0]) != 1:
        return None
    return _SubList(item.label, theirs[0], theirs[1], 0)


def _next_in(sub: _SubList | None, part: Part) -> _SubList | None:
    """`sub` with `part` counted when `part` is its next item, else None (the list has ended)."""
    if sub is None or part.number is None:
        return None
    if sub.scheme == "bullet":
        return replace(sub, count=sub.count + 1) if part.bullet else None
    if part.number.startswith("(") != sub.paren or _ordinal(part.number, sub.scheme) != sub.count + 1:
        return None
    return replace(sub, count=sub.count + 1)


def _path(stack: list[_Open], lead_in: str | None = None) -> tuple[str, ...]:
    labels = tuple(heading.label for heading in stack)
    return (*labels, lead_in) if lead_in else labels


def _heading_level(part: Part, stack: list[_Open], seen_top: bool) -> int:
    if part.number and number_depth(part.number):
        return number_depth(part.number)
    if part.number and part.number.startswith(PART_WORDS):
        return 1
    if part.number:
        # "a. Procedure for Officers" sits under the numbered heading before it, and
        # "b. Procedure for Councillors" beside it.
        enclosing = [heading.level for heading in stack if not heading.lettered]
        return (enclosing[-1] + 1) if enclosing else 1
    if part.role == "heading" and part.level:
        return part.level
    if part.caps or part.role in ("title", "subtitle"):
        return 1
    return 2 if seen_top else 1


def _title(front: list[Part]) -> str | None:
    """The cover line that names the policy ("A Protocol for Councillor and Officer Relations")."""
    candidates = [p for p in front if p.kind == "heading" or p.role in ("title", "subtitle")]
    for part in candidates:
        if part.role == "title":
            return part.text
    for part in candidates:
        if _TITLE_WORDS.search(part.text):
            return part.text
    return candidates[0].text if candidates else None
