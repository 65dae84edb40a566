"""Redline: two versions of a policy as one sequence of tracked paragraphs.

Every paragraph of the old and the new version appears once, in an order that keeps both
versions' orders, so accepting every change gives the new version and rejecting every change
gives the old one. Content clauses are paired by the alignment; headings (which alignment
treats as context) are paired by their text. A pair that would break either order, or a link
the alignment marks as moved, becomes a deletion at the old place and an insertion at the new
place, each with a note naming the other place. Splits and merges are shown the same way,
because one paragraph cannot be tracked into two without paragraph-mark revisions that Word
and LibreOffice display differently.

With `changes="substantive"` the pairs the aligner classes as cosmetic or identical (only
terminology, spelling, case, punctuation or numbering differ; headings are classed by the same
rules) are not tracked: the new text simply stands, as Word's "ignore case changes" leaves such
edits out of a comparison. Accepting every change still gives the new version exactly;
rejecting every change gives the old version except those paragraphs, which keep the new text.
The report counts them, so every rendering can say how many were left out.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Literal

from clausewise.align.assign import longest_in_order
from clausewise.align.classify import relation
from clausewise.align.diff import word_diff
from clausewise.align.model import Alignment, DiffSpan
from clausewise.align.normalise import identity_key, load_profile
from clausewise.errors import ProfileError
from clausewise.ingest.model import Clause, ClauseKind, Document

from .model import xml_safe
from .registry import register_report
from .words import plural

ParagraphStatus = Literal["unchanged", "changed", "inserted", "deleted"]
Move = Literal["from", "to"]
Changes = Literal["substantive", "all"]
CHANGES: tuple[Changes, ...] = ("all", "substantive")  # the first is the default
HEADING_PAIR_RATIO = 0.6  # renamed headings this alike are shown as edited, not replaced
NOT_SUBSTANTIVE = frozenset({"identical", "cosmetic"})  # relations changes="substantive" leaves untracked


@dataclass(frozen=True)
class RedlineParagraph:
    """One paragraph of the redline; its spans read as the old text (equal + delete) and as
    the new text (equal + insert)."""

    kind: ClauseKind
    level: int
    status: ParagraphStatus
    spans: tuple[DiffSpan, ...]
    old_id: str | None = None
    new_id: str | None = None
    move: Move | None = None  # "from": the old place of a moved clause; "to": its new place
    note: str | None = None  # shown as a comment, never as text, so accept/reject stay exact
    cosmetic_left_out: bool = False  # a cosmetic change not shown: the new text stands (old_text is new)

    @property
    def old_text(self) -> str:
        return "".join(s.text for s in self.spans if s.op != "insert")

    @property
    def new_text(self) -> str:
        return "".join(s.text for s in self.spans if s.op != "delete")


@dataclass(frozen=True)
class RedlineReport:
    council: str
    as_of: date
    author: str
    changed_at: datetime  # the w:date of every tracked change
    old_title: str
    new_title: str
    old_label: str
    new_label: str
    paragraphs: tuple[RedlineParagraph, ...]
    changes: Changes = "all"
    cover: bool = False  # a cover note is wanted (Word: a comment, outside the tracked body)
    # The redline as the council's own Word file (the new version's .docx with the changes
    # tracked in it, `docx_redline`), when the new version is a .docx; else Word gets a new file.
    own_docx: bytes | None = None

    @property
    def title(self) -> str:
        return f"{self.new_title}: changes from {self.old_label} to {self.new_label}"

    @property
    def cosmetic_left_out(self) -> int:
        """Cosmetic changes not shown (only with changes="substantive")."""
        return sum(1 for p in self.paragraphs if p.cosmetic_left_out)

    @property
    def left_out_note(self) -> str | None:
        """ "100 changes of terminology, spelling, … are not shown: …", or None when none were left out."""
        n = self.cosmetic_left_out
        if not n:
            return None
        verb = "is" if n == 1 else "are"
        return (
            f"{plural(n, 'change')} of terminology, spelling, capitals, punctuation or numbering {verb} not shown: "
            f"{'that paragraph reads' if n == 1 else 'those paragraphs read'} as in {self.new_label}."
        )

    def cover_note(self) -> tuple[str, ...]:
        """The cover note's paragraphs: what is compared, the counts, and what accept/reject give."""
        reject = (
            "rejecting every change gives the old one, except the paragraphs whose cosmetic changes are not shown."
            if self.cosmetic_left_out
            else "rejecting every change gives the old one."
        )
        counts = (
            f"{plural(self.count('changed'), 'paragraph')} changed, {self.count('inserted')} inserted, "
            f"{self.count('deleted')} deleted; {self.moved} moved (shown deleted at the old place and "
            f"inserted at the new one, with a comment). Accepting every change gives the new version; {reject}"
        )
        lead = (
            f"Changes from {self.old_label} ({self.old_title}) to {self.new_label} ({self.new_title}), "
            f"as tracked changes by {self.author}."
        )
        return tuple(xml_safe(t) for t in (self.title, lead, counts, self.left_out_note) if t)

    def count(self, status: ParagraphStatus) -> int:
        return sum(1 for p in self.paragraphs if p.status == status)

    @property
    def moved(self) -> int:
        return sum(1 for p in self.paragraphs if p.move == "to")

    def old_texts(self) -> tuple[str, ...]:
        """What rejecting every change gives, paragraph by paragraph: the old version, except
        that with changes="substantive" a paragraph whose cosmetic change was left out reads
        as in the new version (see `cosmetic_left_out`)."""
        return tuple(p.old_text for p in self.paragraphs if p.status != "inserted")

    def new_texts(self) -> tuple[str, ...]:
        """The new version, paragraph by paragraph (what accepting every change gives)."""
        return tuple(p.new_text for p in self.paragraphs if p.status != "deleted")


@dataclass(frozen=True)
class _Pair:
    old: int  # index into old.clauses
    new: int
    diff: tuple[DiffSpan, ...]  # the alignment's word diff when it has one
    untracked: bool = False  # a cosmetic change left out: the new text stands (changes="substantive")


def build_redline(
    old: Document,
    new: Document,
    alignment: Alignment,
    *,
    council: str,
    as_of: date,
    author: str | None = None,
    old_label: str = "the old version",
    new_label: str = "the new version",
    changes: Changes = "all",
    cover: bool = False,
) -> RedlineReport:
    """The redline from `old` (the alignment's left side) to `new` (its right side); with
    `changes="substantive"` the cosmetic links stand untracked in their new text."""
    if changes not in CHANGES:
        raise ValueError(f"changes must be one of {CHANGES}, not {changes!r}")
    if alignment.left.sha256 != old.sha256 or alignment.right.sha256 != new.sha256:
        raise ValueError("the alignment was not made from these two documents (old left, new right)")
    old_index = {c.id: k for k, c in enumerate(old.clauses)}
    new_index = {c.id: k for k, c in enumerate(new.clauses)}
    pairs: list[_Pair] = []
    moved: list[_Pair] = []
    for link in alignment.links:
        if len(link.left) != 1 or len(link.right) != 1:
            continue  # splits and merges: their clauses stay unpaired (deleted and inserted)
        untracked = changes == "substantive" and link.relation in NOT_SUBSTANTIVE
        pair = _Pair(old_index[link.left[0]], new_index[link.right[0]], link.diff, untracked)
        (moved if link.moved else pairs).append(pair)
    headings = _heading_pairs(old.clauses, new.clauses)
    if changes == "substantive":
        headings = _untrack_cosmetic_headings(headings, old, new, alignment.provenance.profile)
    pairs.extend(headings)
    in_order, out_of_order = _longest_in_order(pairs)
    moved.extend(out_of_order)
    paragraphs = _merge(old, new, in_order, moved)
    return RedlineReport(
        council=council,
        as_of=as_of,
        author=author or council,
        changed_at=datetime.combine(as_of, time(12, 0)),
        old_title=old.title or old_label,
        new_title=new.title or new_label,
        old_label=old_label,
        new_label=new_label,
        paragraphs=paragraphs,
        changes=changes,
        cover=cover,
    )


def _heading_pairs(old: tuple[Clause, ...], new: tuple[Clause, ...]) -> list[_Pair]:
    old_heads = [k for k, c in enumerate(old) if c.kind == "heading"]
    new_heads = [k for k, c in enumerate(new) if c.kind == "heading"]
    texts_old = [old[k].printed.casefold() for k in old_heads]
    texts_new = [new[k].printed.casefold() for k in new_heads]
    pairs = []
    matcher = difflib.SequenceMatcher(a=texts_old, b=texts_new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                alike = difflib.SequenceMatcher(a=texts_old[i], b=texts_new[j]).ratio()
                if tag == "equal" or alike >= HEADING_PAIR_RATIO:
                    pairs.append(_Pair(old_heads[i], new_heads[j], ()))
    return pairs


def _untrack_cosmetic_headings(pairs: list[_Pair], old: Document, new: Document, profile: str) -> list[_Pair]:
    """Heading pairs the aligner's classifier would call identical or cosmetic stand untracked."""
    try:
        terms = load_profile(profile)
    except ProfileError:  # an alignment made with a profile object, not a named one: case and punctuation only
        terms = None
    names = tuple(name for name in (old.council, new.council) if name)
    out = []
    for pair in pairs:
        before, after = old.clauses[pair.old].text, new.clauses[pair.new].text
        if terms is not None:
            kind = relation(before, after, terms, names)
        else:
            kind = "identical" if identity_key(before) == identity_key(after) else "modified"
        out.append(replace(pair, untracked=kind in NOT_SUBSTANTIVE))
    return out


def _longest_in_order(pairs: list[_Pair]) -> tuple[list[_Pair], list[_Pair]]:
    """The most pairs whose old and new positions both increase (the aligner's longest
    in-order chain); the rest cannot be shown in place."""
    chain = set(longest_in_order([(p.old, p.new) for p in pairs]))
    ordered = sorted(pairs, key=lambda p: p.old)
    return [p for p in ordered if (p.old, p.new) in chain], [p for p in ordered if (p.old, p.new) not in chain]


def _merge(
    old_document: Document, new_document: Document, pairs: list[_Pair], moved: list[_Pair]
) -> tuple[RedlineParagraph, ...]:
    """Walk both versions at once: between two kept pairs, old-only paragraphs (deleted) come
    before new-only ones (inserted), as Word shows a replacement."""
    old, new = old_document.clauses, new_document.clauses
    by_old = {p.old: p for p in pairs}
    by_new = {p.new: p for p in pairs}
    moved_old = {p.old: p for p in moved}
    moved_new = {p.new: p for p in moved}
    out: list[RedlineParagraph] = []
    i = j = 0
    while i < len(old) or j < len(new):
        if i < len(old) and i not in by_old:
            out.append(_whole(old[i], "deleted", moved_old.get(i), new_document))
            i += 1
        elif j < len(new) and j not in by_new:
            out.append(_whole(new[j], "inserted", moved_new.get(j), old_document))
            j += 1
        else:
            pair = by_old[i]
            if pair.new != j:  # cannot happen: pairs increase in both positions
                raise AssertionError("redline pairs out of order")
            out.append(_standing(old[i], new[j]) if pair.untracked else _paired(old[i], new[j], pair.diff))
            i += 1
            j += 1
    return tuple(out)


def _whole(clause: Clause, status: ParagraphStatus, pair: _Pair | None, other: Document) -> RedlineParagraph:
    op = "delete" if status == "deleted" else "insert"
    move: Move | None = None
    note = None
    if pair is not None:
        move = "from" if status == "deleted" else "to"
        there = other.clauses[pair.new] if status == "deleted" else other.clauses[pair.old]
        changed = _printed(clause) != _printed(there)
        where = other.citation(there.id)
        note = f"Moved to {where}." if move == "from" else f"Moved from {where}" + (", reworded." if changed else ".")
    return RedlineParagraph(
        kind=clause.kind,
        level=clause.level,
        status=status,
        spans=(DiffSpan(op, _printed(clause)),),  # type: ignore[arg-type]
        old_id=clause.id if status == "deleted" else None,
        new_id=clause.id if status == "inserted" else None,
        move=move,
        note=note,
    )


def _paired(old: Clause, new: Clause, diff: tuple[DiffSpan, ...]) -> RedlineParagraph:
    before, after = _printed(old), _printed(new)
    if before == after:
        spans: tuple[DiffSpan, ...] = (DiffSpan("equal", after),)
    else:
        # The alignment's diff covers the text; the number or bullet is diffed here with it,
        # and cosmetic links (which carry no diff) get one, since a redline shows every change.
        marker = _marker_spans(old, new)
        text = diff if diff and _fits(diff, old.text, new.text) else word_diff(xml_safe(old.text), xml_safe(new.text))
        spans = _joined(marker + text)
    return RedlineParagraph(
        kind=new.kind,
        level=new.level,
        status="unchanged" if before == after else "changed",
        spans=spans,
        old_id=old.id,
        new_id=new.id,
    )


def _standing(old: Clause, new: Clause) -> RedlineParagraph:
    """A cosmetic change left out: the new text stands, untracked."""
    after = _printed(new)
    return RedlineParagraph(
        kind=new.kind,
        level=new.level,
        status="unchanged",
        spans=(DiffSpan("equal", after),),
        old_id=old.id,
        new_id=new.id,
        cosmetic_left_out=_printed(old) != after,
    )


def _marker_spans(old: Clause, new: Clause) -> tuple[DiffSpan, ...]:
    before = f"{old.marker} " if old.marker else ""
    after = f"{new.marker} " if new.marker else ""
    if before == after:
        return (DiffSpan("equal", before),) if before else ()
    return tuple(s for s in (DiffSpan("delete", before), DiffSpan("insert", after)) if s.text)


def _fits(diff: tuple[DiffSpan, ...], old: str, new: str) -> bool:
    """Whether a diff reproduces both texts exactly (it always should; the check is cheap)."""
    old_side = "".join(s.text for s in diff if s.op != "insert")
    new_side = "".join(s.text for s in diff if s.op != "delete")
    return old_side == xml_safe(old) and new_side == xml_safe(new)


def _joined(spans: tuple[DiffSpan, ...]) -> tuple[DiffSpan, ...]:
    out: list[DiffSpan] = []
    for span in spans:
        if not span.text:
            continue
        if out and out[-1].op == span.op:
            out[-1] = DiffSpan(span.op, out[-1].text + span.text)
        else:
            out.append(span)
    return tuple(out)


def _printed(clause: Clause) -> str:
    return xml_safe(clause.printed)


register_report(
    "redline",
    RedlineReport,
    "a redline between two versions, with Word tracked changes",
    default="docx",
    demo=("docx", "html"),
)
