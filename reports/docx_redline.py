"""A redline inside the council's own .docx: the new version with the changes tracked in it.

The new document is kept as it is — styles, numbering, tables, section properties, headers and
footers — and only the paragraphs of clauses that changed are touched:

- a changed clause keeps its runs; the words only the new text has are wrapped in `w:ins`, the
  words only the old text had are put back as `w:del` runs carrying the formatting (`w:rPr`) of
  the run the change falls in;
- a clause only the new version has is wrapped in `w:ins`, its paragraph mark too;
- a clause only the old version has comes back as a deleted paragraph (its paragraph mark
  deleted as well), styled like the nearest new paragraph of the same kind.

The order of paragraphs, and which old clause pairs with which new one, come from the report
`build_redline` made, so this document shows what the generated redline shows: moved clauses
deleted at the old place and inserted at the new, and with `changes="substantive"` the cosmetic
changes left untracked (the new text stands). The cover note, when asked for, is a comment on
the first paragraph, outside the text. Lines outside the clauses (cover, date, contents,
"Next review: …") that the new version edited are tracked too; ones it added or dropped stand
as the new file has them. Accepting every change gives the new document; rejecting
every change gives the old clauses in the new document's frame (with "substantive", except the
paragraphs whose cosmetic changes were left out).
"""

from __future__ import annotations

import difflib
from copy import deepcopy
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.types import ProvidesStoryPart

from clausewise.align.diff import word_diff
from clausewise.align.model import DiffSpan
from clausewise.ingest.markers import clean
from clausewise.ingest.model import Clause, Document
from clausewise.ingest.readers.docx import body_items

from .docx_tracked import XML_SPACE, Revisions, comment_at_start, deleted_run, mark_paragraph
from .model import xml_safe
from .redline import RedlineParagraph, RedlineReport

# Run children that stand for text, as the docx reader reads them (a break reads as a space).
_TEXT_OF = {"w:tab": "\t", "w:ptab": "\t", "w:br": " ", "w:cr": " ", "w:noBreakHyphen": "-"}
_REVISED = (qn("w:del"), qn("w:moveFrom"), qn("w:ins"), qn("w:moveTo"))
# A line outside the clauses is tracked as edited when at least this share of its words stays.
FRAME_SIMILARITY = 0.5
# A paragraph mark's w:rPr comes before these in w:pPr (ECMA-376 Part 1, 17.3.1.26).
_AFTER_MARK = (qn("w:sectPr"), qn("w:pPrChange"))


@dataclass(frozen=True)
class _Atom:
    """One piece of a run: a w:t (its text), a tab or break (one character), or something with
    no text (a drawing, a field character), which is never split and never tracked."""

    run: Any
    child: Any
    text: str


def redline_in_docx(new_docx: bytes, report: RedlineReport, old: Document, new: Document) -> bytes:
    """The new .docx with the changes of `report` tracked in it (see the module docstring).

    `new` is `ingest.read()` of `new_docx` and `report` is `build_redline(old, new, …)`."""
    package = docx.Document(BytesIO(new_docx))
    body = package.element.body
    items = list(body_items(body))  # the paragraphs and tables, as the reader numbered them
    places = _clause_paragraphs(items, new)
    frame = _frame_changes(items, old, new)
    revisions = Revisions(report.author, report.changed_at)
    notes = _track_clauses(report, old, new, places, revisions, package)
    for element, before in frame:
        revisions.later = not revisions.later
        _track_text(element, xml_safe(before), revisions)
    for element, note in notes:
        comment_at_start(package, Paragraph(element, package.part), (note,), report.author)
    if report.cover and package.paragraphs:
        comment_at_start(package, package.paragraphs[0], report.cover_note(), report.author)
    out = BytesIO()
    package.save(out)
    return out.getvalue()


def _track_clauses(
    report: RedlineReport,
    old: Document,
    new: Document,
    places: dict[str, Any],
    revisions: Revisions,
    package: Any,
) -> list[tuple[Any, str]]:
    """Each line of the report in the document: changed words tracked in place, inserted
    clauses marked, old clauses put back as deleted paragraphs after the last one placed.
    Returns the paragraphs that carry a note ("Moved to 4.2.") with the note."""
    old_clauses = {c.id: c for c in old.clauses}
    new_clauses = {c.id: c for c in new.clauses}
    anchor: Any = None  # the last paragraph placed; a deleted old paragraph goes after it
    waiting: list[Any] = []  # deleted paragraphs before the first new paragraph
    notes: list[tuple[Any, str]] = []  # "Moved to 4.2." on the paragraphs of moved clauses
    for position, line in enumerate(report.paragraphs):
        if line.status == "deleted" and line.old_id is not None:
            donor = _style_donor(report.paragraphs, position, places, new_clauses)
            revisions.later = not revisions.later  # see docx_tracked.APART
            deleted = _deleted_paragraph(old_clauses[line.old_id], donor, new_clauses, places, revisions, package)
            if line.note:
                notes.append((deleted, line.note))
            if anchor is None:
                waiting.append(deleted)
            else:
                anchor.addnext(deleted)
                anchor = deleted
            continue
        element = places.get(line.new_id or "")
        if element is None:
            continue  # a clause the reader found but this module could not place: left as it is
        for deleted in waiting:
            element.addprevious(deleted)
        waiting = []
        anchor = element
        if line.note:
            notes.append((element, line.note))
        if line.status == "inserted":
            revisions.later = not revisions.later
            _insert_whole(element, revisions, package)
        elif line.old_id is not None and not line.cosmetic_left_out:
            _track_words(element, old_clauses[line.old_id], new_clauses[line.new_id or ""], revisions)
    for deleted in waiting:  # the new version has no clause this module could place
        _before_section(package.element.body, deleted)
    return notes


def _clause_paragraphs(items: list[Any], new: Document) -> dict[str, Any]:
    """Each new clause's w:p. The reader's paragraph index is tried first; a clause whose text
    is not there is looked for among the paragraphs not yet taken, by its text."""
    texts = [clean(_paragraph_text(e)) if e.tag == qn("w:p") else "" for e in items]
    taken: set[int] = set()
    places: dict[str, Any] = {}
    for clause in new.clauses:
        index = clause.source.paragraph
        if index is None or not (0 <= index < len(items)) or not _holds(texts[index], clause):
            index = next((k for k, t in enumerate(texts) if k not in taken and _holds(t, clause)), None)
        if index is not None:
            taken.add(index)
            places[clause.id] = items[index]
    return places


def _frame_changes(items: list[Any], old: Document, new: Document) -> list[tuple[Any, str]]:
    """The paragraphs outside the clauses (cover, date, contents, metadata lines) that changed
    from a line of the old version: each new one with the old text it replaces. Lines are
    paired in order (difflib), and only where most of the words are shared, so "April 2026"
    becomes "April 2027" but a new contact line is left as it stands, untracked."""
    olds = [line.text for line in old.set_aside]
    news = [(line.text, line.source.paragraph) for line in new.set_aside]
    matcher = difflib.SequenceMatcher(a=olds, b=[text for text, _ in news], autojunk=False)
    changed = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        for before, (after, index) in zip(olds[i1:i2], news[j1:j2], strict=False):
            if index is None or not 0 <= index < len(items) or items[index].tag != qn("w:p"):
                continue
            element = items[index]
            if clean(_paragraph_text(element)) == clean(after) and _similar(before, after):
                changed.append((element, before))
    return changed


def _similar(before: str, after: str) -> bool:
    """Most words shared: the same line edited, not another line in its place."""
    return difflib.SequenceMatcher(a=before.split(), b=after.split(), autojunk=False).ratio() >= FRAME_SIMILARITY


def _holds(paragraph_text: str, clause: Clause) -> bool:
    return bool(clause.text) and paragraph_text.endswith(clause.text)


def _atoms(p: Any) -> list[_Atom]:
    atoms = []
    for run in p.iter(qn("w:r")):
        if _revised(run, p):
            continue
        for child in run:
            if child.tag == qn("w:rPr"):
                continue
            if child.tag == qn("w:t"):
                text = child.text or ""
            else:
                text = next((v for k, v in _TEXT_OF.items() if child.tag == qn(k)), "")
            atoms.append(_Atom(run, child, text))
    return atoms


def _revised(run: Any, stop: Any) -> bool:
    parent = run.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in _REVISED:
            return True
        parent = parent.getparent()
    return False


def _paragraph_text(p: Any) -> str:
    return "".join(a.text for a in _atoms(p))


def _old_side(old: Clause, new: Clause, paragraph_text: str) -> str:
    """The old clause as this paragraph would print it: with its number when the new
    paragraph has its number in the text, without it when Word numbers the paragraph."""
    literal_number = clean(paragraph_text) != new.text
    return xml_safe(old.printed if literal_number else old.text)


def _track_words(p: Any, old: Clause, new: Clause, revisions: Revisions) -> None:
    _track_text(p, _old_side(old, new, _paragraph_text(p)), revisions)


def _track_text(p: Any, before: str, revisions: Revisions) -> None:
    """The paragraph's words tracked as changed from `before`."""
    atoms = _atoms(p)
    current = "".join(a.text for a in atoms)
    if clean(before) == clean(current):
        return  # only spacing differs: the paragraph is left exactly as it is
    revisions.later = not revisions.later  # see docx_tracked.APART
    spans = word_diff(before, current)
    _replace_runs(atoms, _tracked_pieces(atoms, spans, revisions))


def _tracked_pieces(atoms: list[_Atom], spans: tuple[DiffSpan, ...], revisions: Revisions) -> list[list[Any]]:
    """For each atom, the elements that replace it: its text split where the diff says, the
    new-only part wrapped in w:ins, old-only text added as w:del runs before it."""
    pieces: list[list[Any]] = [[] for _ in atoms]
    tail: list[Any] = []  # deletions after the last atom
    index = offset = 0
    for span in spans:
        if span.op == "delete":
            at = index if index < len(atoms) else len(atoms) - 1
            run = _text_run(atoms[at].run if atoms else None, "w:delText", span.text)
            wrapper = revisions.mark("w:del")
            wrapper.append(run)
            (pieces[at] if index < len(atoms) else tail).append(wrapper)
            continue
        left = len(span.text)
        while left > 0 or (index < len(atoms) and not atoms[index].text):
            atom = atoms[index]
            take = min(left, len(atom.text) - offset)
            piece = _piece(atom, offset, take)
            if span.op == "insert" and atom.text:
                wrapper = revisions.mark("w:ins")
                wrapper.append(piece)
                piece = wrapper
            pieces[index].append(piece)
            offset += take
            left -= take
            if offset >= len(atom.text):
                index, offset = index + 1, 0
    for atom_index in range(index, len(atoms)):  # things with no text after the last word
        pieces[atom_index].append(_piece(atoms[atom_index], 0, 0))
    if atoms:
        pieces[-1].extend(tail)
    return pieces


def _piece(atom: _Atom, start: int, length: int) -> Any:
    """A copy of the atom's run holding only this atom, its text cut to [start, start+length)."""
    run = _bare_run(atom.run)
    child = deepcopy(atom.child)
    if atom.child.tag == qn("w:t"):
        child.text = atom.text[start : start + length]
        child.set(XML_SPACE, "preserve")
    run.append(child)
    return run


def _bare_run(model: Any) -> Any:
    run = OxmlElement("w:r")
    r_pr = model.find(qn("w:rPr")) if model is not None else None
    if r_pr is not None:
        run.append(deepcopy(r_pr))
    return run


def _text_run(model: Any, tag: str, text: str) -> Any:
    run = _bare_run(model)
    node = OxmlElement(tag)
    node.set(XML_SPACE, "preserve")
    node.text = text
    run.append(node)
    return run


def _replace_runs(atoms: list[_Atom], pieces: list[list[Any]]) -> None:
    by_run: dict[Any, list[Any]] = {}
    for atom, made in zip(atoms, pieces, strict=True):
        by_run.setdefault(atom.run, []).extend(made)
    for run, made in by_run.items():
        for element in made:
            run.addprevious(element)
        run.getparent().remove(run)


def _insert_whole(p: Any, revisions: Revisions, story: ProvidesStoryPart) -> None:
    for run in list(p.iter(qn("w:r"))):
        if _revised(run, p):
            continue
        wrapper = revisions.mark("w:ins")
        run.addprevious(wrapper)
        wrapper.append(run)
    _mark(p, "w:ins", revisions, story)


def _mark(p: Any, tag: str, revisions: Revisions, story: ProvidesStoryPart) -> None:
    """The paragraph mark tracked, its w:rPr where the schema wants it (before w:sectPr and
    w:pPrChange) and the revision first in it (before any formatting)."""
    p_pr = p.get_or_add_pPr()
    if p_pr.find(qn("w:rPr")) is None:
        r_pr = OxmlElement("w:rPr")
        later = next((c for c in p_pr if c.tag in _AFTER_MARK), None)
        if later is not None:
            later.addprevious(r_pr)
        else:
            p_pr.append(r_pr)
    mark_paragraph(Paragraph(p, story), tag, revisions)
    r_pr = p_pr.find(qn("w:rPr"))
    r_pr.insert(0, r_pr[-1])


def _style_donor(
    lines: tuple[RedlineParagraph, ...], position: int, places: dict[str, Any], new: dict[str, Clause]
) -> Any:
    """The placed new paragraph nearest to `position` of the same kind (and level, if one is
    as near), or None."""
    kind, level = lines[position].kind, lines[position].level
    candidates = [
        (abs(k - position), line.level != level, k)
        for k, line in enumerate(lines)
        if line.status != "deleted" and line.kind == kind and places.get(line.new_id or "") is not None
    ]
    if not candidates:
        return None
    return places[lines[min(candidates)[2]].new_id or ""]


def _deleted_paragraph(
    old: Clause,
    donor: Any,
    new: dict[str, Clause],
    places: dict[str, Any],
    revisions: Revisions,
    story: ProvidesStoryPart,
) -> Any:
    """The old clause as a deleted paragraph (mark included), with the donor's paragraph
    properties (style, numbering, indents) and the formatting of its first run of text."""
    p = OxmlElement("w:p")
    model_run = None
    text = xml_safe(old.text)
    if donor is not None:
        p_pr = donor.find(qn("w:pPr"))
        if p_pr is not None:
            p_pr = deepcopy(p_pr)
            for child in p_pr.findall(qn("w:rPr")) + [c for c in p_pr if c.tag in _AFTER_MARK]:
                p_pr.remove(child)
            p.append(p_pr)
        atoms = [a for a in _atoms(donor) if a.text.strip()]
        model_run = atoms[0].run if atoms else None
        donor_clause = next((new[i] for i, e in places.items() if e is donor), None)
        if donor_clause is not None:
            text = _old_side(old, donor_clause, _paragraph_text(donor))
    deleted_run(Paragraph(p, story), text, revisions)
    if model_run is not None:
        r_pr = model_run.find(qn("w:rPr"))
        if r_pr is not None:
            p.find(qn("w:del")).find(qn("w:r")).insert(0, deepcopy(r_pr))
    _mark(p, "w:del", revisions, story)
    return p


def _before_section(body: Any, element: Any) -> None:
    section = body.find(qn("w:sectPr"))
    if section is not None:
        section.addprevious(element)
    else:
        body.append(element)
