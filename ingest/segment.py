"""From classified blocks to the clause tree: front matter, headings, lead-ins, ids.

One segmenter serves every format, so a policy read from its .txt, .docx and .pdf gives the
same clauses. Front matter (cover, contents, contact block) ends at the heading before the
first real paragraph; it and the metadata lines feed the metadata, not the clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .classify import Part, classify, is_letter_number, lone_connective
from .markers import ends_sentence, number_depth
from .model import Clause, RawDocument

_TITLE_WORDS = re.compile(
    r"\b(protocol|policy|procedure|code|orders|regulations|strategy|plan|statement|charter|scheme)\b",
    re.IGNORECASE,
)
_LEAD_IN_END = re.compile(r"[:;–—-]$")


@dataclass(frozen=True)
class _Open:
    """A heading the clauses that follow sit under."""

    level: int
    label: str
    lettered: bool  # "a. Procedure for Officers": its siblings are "b.", "c.", not its children


@dataclass(frozen=True)
class Segmented:
    clauses: tuple[Clause, ...]
    title: str | None
    front: tuple[str, ...]  # cover, contents and other front-matter lines
    meta: tuple[str, ...]  # metadata lines taken out of the body ("Next review: April 2028")


def segment(raw: RawDocument) -> Segmented:
    parts = _merge_connectives(classify(raw.blocks, styled=raw.format in ("docx", "pdf")))
    start = _body_start(parts)
    front, body = parts[:start], parts[start:]
    clauses = _build(body)
    return Segmented(
        clauses=clauses,
        title=raw.title or _title(front),
        front=tuple(p.label for p in front),
        meta=tuple(p.text for p in body if p.kind == "meta"),
    )


def _merge_connectives(parts: list[Part]) -> list[Part]:
    """Fold a lone "or" into the item before it, and an item starting "or …" that a page
    break split from its first half, so every rendition has the same items."""
    merged: list[Part] = []
    for part in parts:
        previous = merged[-1] if merged else None
        if previous is not None and previous.kind in ("item", "paragraph"):
            if lone_connective(part.text) and (part.bullet or not part.number):
                merged[-1] = replace(previous, text=f"{previous.text} {part.text}")
                continue
            if (
                part.kind == "item"
                and previous.kind == "item"
                and part.bullet
                and previous.bullet
                and re.match(r"(or|and)\s", part.text)
                and not ends_sentence(previous.text)
            ):
                merged[-1] = replace(previous, text=f"{previous.text} {part.text}")
                continue
        merged.append(part)
    return merged


def _body_start(parts: list[Part]) -> int:
    """Index where the body begins: the heading before the first substantial paragraph."""
    first = next(
        (i for i, p in enumerate(parts) if p.kind in ("paragraph", "item") and _substantial(p)),
        None,
    )
    if first is None:
        return 0
    for index in range(first - 1, -1, -1):
        if parts[index].kind == "heading":
            return index
        if parts[index].kind in ("toc", "meta"):
            break
    return first if any(p.kind in ("toc", "meta", "heading") for p in parts[:first]) else 0


def _substantial(part: Part) -> bool:
    return len(part.text.split()) >= 8 or (part.number is not None and number_depth(part.number) >= 2)


def _build(body: list[Part]) -> tuple[Clause, ...]:
    """Assign heading paths, levels and ids; headings stay in the sequence as clauses."""
    clauses: list[Clause] = []
    stack: list[_Open] = []  # the headings the current clause sits under, outermost first
    lead_in: str | None = None
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
            lead_in = None
            continue
        depth = len(stack)
        if part.kind == "item":
            path = _path(stack, lead_in)
            clauses.append(Clause(ident, part.number, path, "item", part.text, part.source, depth + 2, part.marker))
            continue
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


def _path(stack: list[_Open], lead_in: str | None = None) -> tuple[str, ...]:
    labels = tuple(heading.label for heading in stack)
    return (*labels, lead_in) if lead_in else labels


def _heading_level(part: Part, stack: list[_Open], seen_top: bool) -> int:
    if part.number and number_depth(part.number):
        return number_depth(part.number)
    if part.number and part.number.startswith(("Part", "Section", "Article", "Schedule", "Appendix")):
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
