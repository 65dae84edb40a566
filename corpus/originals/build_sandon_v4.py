"""Build version 4 of the Sandon and Burston model protocol (its annual review) from version 3.

    python corpus/originals/build_sandon_v4.py

writes corpus/<V4>.txt, corpus/originals/<V4>.docx and corpus/originals/<V4>.pdf. Every change
is in CHANGES below, once, and is applied to the text and to the Word rendition alike; all else
stays as in version 3 (the text byte for byte, the Word file paragraph for paragraph: its
styles, bullets, contents list, version table, header and footer). corpus/CHANGES-v4.md lists
the same changes clause by clause, for people and for tests.

The .docx is version 3's .docx edited with python-docx (so it keeps that rendition's structure);
its contents list gets this layout's page numbers, read back from the PDF that LibreOffice
exports (`soffice --headless --convert-to pdf`), which is then exported again.
"""

from __future__ import annotations

import copy
import re
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import docx
import pdfplumber
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

CORPUS = Path(__file__).resolve().parents[1]
V3 = "sandon-burston-parish-council_model-councillor-officer-clerk-protocol_v3-2026"
V4 = "sandon-burston-parish-council_model-councillor-officer-clerk-protocol_v4-2027"

# The new row of the version table. Version 4 was approved in October 2026, so that a store
# built today (and tests dated from November 2026) can hold it: `clausewise add` refuses an
# adoption in the future. The file name's 2027 is the year the edition runs for (review due
# October 2027).
VERSION_ROW = (
    "20.10.2026",
    "4",
    "Annual review: response times, data protection, council email; Clerk in Press and Media",
    "October 2027",
)
WRITTEN = "2026-10-21T09:05:00Z", "2026-10-21T11:30:00Z"  # the .docx's created and modified times


@dataclass(frozen=True)
class Replace:
    """Within the one paragraph (or bullet) that holds `old`, write `new` instead."""

    old: str
    new: str


@dataclass(frozen=True)
class InsertAfter:
    """A new paragraph after the one that starts with `anchor`, in the same style (a bullet
    after a bullet)."""

    anchor: str
    text: str


@dataclass(frozen=True)
class Delete:
    """The paragraph that is exactly `text` goes."""

    text: str


@dataclass(frozen=True)
class Move:
    """The paragraph that starts with `start` moves to just after the one that starts with `after`."""

    start: str
    after: str


Change = Replace | InsertAfter | Delete | Move

# (id, change): the ids are those of corpus/CHANGES-v4.md.
CHANGES: tuple[tuple[str, Change], ...] = (
    (
        "E1",
        Replace(
            "bullying, intimidation, harassment, or put them",
            "bullying, intimidation, harassment (including online and on social media), or put them",
        ),
    ),
    (
        "B1",
        InsertAfter(
            "to treat them fairly and with respect, dignity and courtesy",
            "to respect their working hours and not expect a response outside them except in an emergency",
        ),
    ),
    (
        "E2",
        Replace(
            "in accordance with the council's standards protocol",
            "in accordance with the council's complaints procedure",
        ),
    ),
    ("D1", Replace(" This is a long-standing tradition in public service.", "")),
    ("D2", Delete("Potential breaches of this Protocol are considered below.")),
    (
        "E3",
        Replace(
            "A timely response from Officer/Clerks to enquiries and complaints;",
            "A response from Officer/Clerks to enquiries and complaints within 10 working days;",
        ),
    ),
    (
        "M1",
        Move(
            "For completeness, councillors do, of course, have the same right",
            "The legal rights of councillors to inspect council documents",
        ),
    ),
    (
        "E4",
        Replace(
            "the proper performance of the councillor's duties as a member of the council.",
            "the proper performance of the councillor's duties as a member of the council. Personal data must be"
            " kept securely, handled in accordance with data protection law and the council's data protection"
            " policy, and not kept for longer than that purpose requires.",
        ),
    ),
    ("E5", Replace("should normally be sent out under the name of", "should be sent out under the name of")),
    (
        "N1",
        InsertAfter(
            "Correspondence to individual councillors from Officer/Clerks",
            "Councillors should use the email account provided by the council for all council business, and not"
            " a personal email account. This helps the council to keep personal data secure and to find council"
            " records when they are requested.",
        ),
    ),
    ("T1", Replace("The Officer/Clerk may respond to press enquiries", "The Clerk may respond to press enquiries")),
    ("T1", Replace("On no account must an Officer/Clerk expressly", "On no account must the Clerk expressly")),
    ("T1", Replace("should be approved by the Officer/Clerk.", "should be approved by the Clerk.")),
    ("T1", Replace("should liaise with the Officer/Clerk on all forms", "should liaise with the Clerk on all forms")),
    (
        "E6",
        Replace(
            "delegate authority to a small group of councillors",
            "delegate authority to a staffing committee or a small group of councillors",
        ),
    ),
    (
        "E7",
        Replace(
            "should be reported to the chair and then raised",
            "should be reported in writing to the chair and then raised",
        ),
    ),
)


# --- the text ------------------------------------------------------------------------------


def _once(text: str, old: str) -> int:
    if text.count(old) != 1:
        raise SystemExit(f"{old!r} occurs {text.count(old)} times in the text, not once")
    return text.index(old)


def _line_starting(text: str, start: str) -> tuple[int, int]:
    """The span of the one line that starts with `start` (after a bullet's "- "), with its newline."""
    matches = [m for m in re.finditer(rf"^(- )?{re.escape(start)}.*\n", text, flags=re.M)]
    if len(matches) != 1:
        raise SystemExit(f"{len(matches)} lines start with {start!r}, not one")
    return matches[0].span()


def change_text(text: str, change: Change) -> str:
    if isinstance(change, Replace):
        at = _once(text, change.old)
        return text[:at] + change.new + text[at + len(change.old) :]
    if isinstance(change, InsertAfter):
        begin, end = _line_starting(text, change.anchor)
        bullet = text[begin:end].startswith("- ")
        # A bullet joins its list on the next line; a paragraph is followed by a blank line.
        return text[:end] + ("- " + change.text + "\n" if bullet else "\n" + change.text + "\n") + text[end:]
    if isinstance(change, Delete):
        begin, end = _line_starting(text, change.text)
        return text[:begin] + text[end + 1 :]  # the line and the blank line after it
    begin, end = _line_starting(text, change.start)
    moved, rest = text[begin : end + 1], text[:begin] + text[end + 1 :]
    _, after = _line_starting(rest, change.after)
    return rest[: after + 1] + moved + rest[after + 1 :]


def build_text() -> str:
    text = (CORPUS / f"{V3}.txt").read_text(encoding="utf-8")
    for _, change in CHANGES:
        text = change_text(text, change)
    return text + "\n" + "\t".join(VERSION_ROW)  # the table is last, with no newline at the end


# --- the Word rendition ----------------------------------------------------------------------


def _body_paragraphs(document: docx.document.Document) -> list[Paragraph]:
    return [p for p in document.paragraphs if p.text.strip()]


def _the_paragraph(document: docx.document.Document, test: str, how: str) -> Paragraph:
    found = [
        p
        for p in _body_paragraphs(document)
        if (test in p.text if how == "in" else p.text.startswith(test) if how == "start" else p.text == test)
    ]
    if len(found) != 1:
        raise SystemExit(f"{len(found)} Word paragraphs match {test!r}, not one")
    return found[0]


def _set_text(paragraph: Paragraph, text: str) -> None:
    """Each body paragraph of the rendition is one run of plain text; it stays one run."""
    runs = paragraph._p.findall(qn("w:r"))
    if len(runs) != 1 or len(runs[0].findall(qn("w:t"))) != 1:
        raise SystemExit(f"not a one-run paragraph: {paragraph.text!r}")
    runs[0].find(qn("w:t")).text = text


def change_word(document: docx.document.Document, change: Change) -> None:
    if isinstance(change, Replace):
        paragraph = _the_paragraph(document, change.old, "in")
        _set_text(paragraph, paragraph.text.replace(change.old, change.new))
    elif isinstance(change, InsertAfter):
        anchor = _the_paragraph(document, change.anchor, "start")
        new = copy.deepcopy(anchor._p)  # the same style, and the same list for a bullet
        anchor._p.addnext(new)
        _set_text(Paragraph(new, anchor._parent), change.text)
    elif isinstance(change, Delete):
        paragraph = _the_paragraph(document, change.text, "exact")
        paragraph._p.getparent().remove(paragraph._p)
    else:
        moved = _the_paragraph(document, change.start, "start")._p
        _the_paragraph(document, change.after, "start")._p.addnext(moved)


def add_version_row(document: docx.document.Document) -> None:
    table = document.tables[0]
    last = table.rows[-1]._tr
    row = copy.deepcopy(last)
    last.addnext(row)
    for cell, value in zip(row.findall(qn("w:tc")), VERSION_ROW, strict=True):
        (text,) = cell.iter(qn("w:t"))
        text.text = value


def _style(paragraph: Paragraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def contents(document: docx.document.Document) -> dict[str, str]:
    """The contents list, heading -> page as printed: each entry is "HEADING<tab>PAGE"."""
    entries = (p.text.split("\t") for p in document.paragraphs if _style(p) in ("TOC 1", "TOC 2"))
    return {heading: page for heading, page in entries}


def set_contents_pages(document: docx.document.Document, pages: dict[str, int]) -> None:
    """The page number is the last text of the entry's one run."""
    for paragraph in document.paragraphs:
        if _style(paragraph) in ("TOC 1", "TOC 2"):
            texts = list(paragraph._p.iter(qn("w:t")))
            texts[-1].text = str(pages[paragraph.text.split("\t")[0]])


def heading_pages(pdf: Path, headings: list[str]) -> dict[str, int]:
    """The page each heading is printed on, looked for in order after the contents page."""
    with pdfplumber.open(pdf) as opened:
        texts = [page.extract_text() or "" for page in opened.pages]
    pages, page = {}, 1  # page index 0 is the cover with the contents list
    for heading in headings:
        # whole lines, and a long heading may wrap onto a second line
        printed = re.compile(r"(?m)^\s*" + r"\s+".join(map(re.escape, heading.split())) + r"\s*$")
        while not printed.search(texts[page]):
            page += 1
        pages[heading] = page + 1
    return pages


def export_pdf(source: Path, folder: Path) -> Path:
    """LibreOffice with its own profile, so that a LibreOffice already running is no matter."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    return folder / f"{source.stem}.pdf"


def set_properties(document: docx.document.Document, pdf: Path) -> None:
    """Core properties as Word writes them on saving, and app.xml's counts for this text."""
    properties = document.core_properties
    properties.created, properties.modified = (_iso(when) for when in WRITTEN)
    properties.revision = 4
    words = (
        " ".join(p.text for p in document.paragraphs)
        + " "
        + " ".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    )
    with pdfplumber.open(pdf) as opened:
        page_count = len(opened.pages)
    counts = {
        "Pages": page_count,
        "Words": len(words.split()),
        "Characters": len(re.sub(r"\s", "", words)),
        "CharactersWithSpaces": len(words),
        "Paragraphs": sum(1 for p in document.paragraphs if p.text.strip()),
    }
    app = next(part for part in document.part.package.parts if part.partname == "/docProps/app.xml")
    tree = etree.fromstring(app.blob)
    for name, value in counts.items():
        (element,) = tree.iter(f"{{{tree.nsmap[None]}}}{name}")
        element.text = str(value)
    app._blob = etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True)


def _iso(when: str) -> datetime:
    return datetime.fromisoformat(when.replace("Z", "+00:00"))


def build_word(folder: Path) -> tuple[Path, Path]:
    document = docx.Document(str(CORPUS / "originals" / f"{V3}.docx"))
    for _, change in CHANGES:
        change_word(document, change)
    add_version_row(document)
    word = folder / f"{V4}.docx"
    for _ in range(3):  # page numbers change the layout at most once; check they settle
        document.save(str(word))
        pdf = export_pdf(word, folder)
        printed = contents(document)
        pages = heading_pages(pdf, list(printed))
        if printed == {heading: str(page) for heading, page in pages.items()}:
            break
        set_contents_pages(document, pages)
    else:
        raise SystemExit("the contents list's page numbers do not settle")
    set_properties(document, pdf)
    document.save(str(word))
    return word, export_pdf(word, folder)


# --- the check the other renditions passed: the same words in the .txt and the .docx ---------


def body_words_of_text(text: str) -> list[str]:
    body = text[text.index("\nINTRODUCTION\n\n") :]  # after the contents list
    return re.sub(r"<(https?://[^>]+)>", r"\1", body).replace("\n- ", "\n").split()


def body_words_of_word(path: Path) -> list[str]:
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    start = next(i for i, p in enumerate(document.paragraphs) if _style(p) == "Heading 1")
    table = ["\t".join(cell.text for cell in row.cells) for row in document.tables[0].rows]
    return " ".join([*paragraphs[start:], *table]).split()


def main() -> None:
    text = build_text()
    (CORPUS / f"{V4}.txt").write_text(text, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        word, pdf = build_word(Path(tmp))
        if body_words_of_text(text) != body_words_of_word(word):
            raise SystemExit("the .docx and the .txt differ in their words")
        for made in (word, pdf):
            (CORPUS / "originals" / made.name).write_bytes(made.read_bytes())
    print(f"wrote {V4}.txt, .docx and .pdf")


if __name__ == "__main__":
    main()
