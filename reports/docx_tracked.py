"""Native Word tracked changes (w:ins / w:del) for python-docx paragraphs.

python-docx has no API for revisions, so the elements are built with its OxmlElement. The
markup follows ECMA-376 Part 1, 17.13.5: an insertion is `w:ins` wrapping ordinary runs; a
deletion is `w:del` wrapping runs whose text is in `w:delText`; a whole inserted or deleted
paragraph also marks its paragraph mark (`w:pPr/w:rPr/w:ins|w:del`), so accepting or
rejecting leaves no empty paragraph behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import count
from typing import Any

from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# LibreOffice joins two insertions by one author less than a minute apart into one, even across
# a paragraph mark, and the mark then counts as inserted: rejecting all would merge the two
# paragraphs. Where an insertion ends one paragraph and another begins the next, the second
# paragraph's revisions are stamped this much later, which keeps them apart (Word never joins).
APART = timedelta(minutes=2)


@dataclass
class Revisions:
    """Who made the changes and when; hands out the unique w:id every revision needs."""

    author: str
    when: datetime
    later: bool = False  # stamp revisions APART later (see APART)
    _ids: count[int] = field(default_factory=lambda: count(1))

    def mark(self, tag: str) -> Any:
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(next(self._ids)))
        element.set(qn("w:author"), self.author)
        # Word writes local time with a "Z"; the date is what a clerk reads in the margin.
        stamp = self.when + APART if self.later else self.when
        element.set(qn("w:date"), stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
        return element


def plain_run(paragraph: Paragraph, text: str) -> None:
    if text:
        paragraph._p.append(_run("w:t", text))


def inserted_run(paragraph: Paragraph, text: str, revisions: Revisions) -> None:
    if text:
        wrapper = revisions.mark("w:ins")
        wrapper.append(_run("w:t", text))
        paragraph._p.append(wrapper)


def deleted_run(paragraph: Paragraph, text: str, revisions: Revisions) -> None:
    if text:
        wrapper = revisions.mark("w:del")
        wrapper.append(_run("w:delText", text))
        paragraph._p.append(wrapper)


def mark_paragraph(paragraph: Paragraph, tag: str, revisions: Revisions) -> None:
    """Mark the paragraph mark itself as inserted ("w:ins") or deleted ("w:del")."""
    p_pr = paragraph._p.get_or_add_pPr()
    r_pr = p_pr.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        # w:rPr comes after the paragraph properties python-docx writes (pStyle, ind, …) and
        # before w:sectPr / w:pPrChange, which these paragraphs never have.
        p_pr.append(r_pr)
    r_pr.append(revisions.mark(tag))


def comment_at_start(document: WordDocument, paragraph: Paragraph, note: Sequence[str], author: str) -> None:
    """A comment (its first line, then one paragraph per further line) anchored at the start of
    `paragraph`: a comment is not part of the text, so accept-all and reject-all are unchanged
    by it. The cover note goes on the first paragraph; a moved clause's note on itself."""
    anchor = paragraph.add_run()
    paragraph._p.remove(anchor._r)
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, anchor._r)  # before the text, after w:pPr
    title, *rest = note
    comment = document.add_comment(anchor, text=title, author=author, initials=initials(author))
    for text in rest:
        comment.add_paragraph(text)


def initials(author: str) -> str:
    """What Word shows beside a comment: "Town Clerk" -> "TC"."""
    return "".join(word[0] for word in author.split() if word[:1].isupper())[:4] or "CW"


def _run(tag: str, text: str) -> Any:
    run = OxmlElement("w:r")
    node = OxmlElement(tag)
    node.set(XML_SPACE, "preserve")  # keep the spaces between changed and unchanged words
    node.text = text
    run.append(node)
    return run
