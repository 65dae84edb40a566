"""Regenerate the PDF layout fixtures in this folder (they are committed; run this only to
rebuild them): `python tests/data/pdf/make_fixtures.py`. Needs LibreOffice (`soffice`).

Each fixture is a short policy written for clausewise (our own words), saved as .docx with
python-docx and printed to PDF by LibreOffice, so the PDF carries what Word puts in the page
margins: a first-page header that differs from the rest, "Page X of Y" drawn from fields, and a
footer naming the policy. Both renditions are kept: the .docx says what the body is.

- `two-page-first-header.{docx,pdf}`: two pages; the first page's header differs from the
  second's, and the footer reads "Page 1 of 2" / "Page 2 of 2".
- `one-page-two-line-header.{docx,pdf}`: one page; a two-line header (council and policy),
  a footer with the version and "Page 1 of 1".
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.shared import Pt
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # run as a script: the repository's tests package
from tests.data.libreoffice import convert  # noqa: E402

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

COUNCIL = "Ashcombe Parish Council"


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word and LibreOffice compute when they lay out the page (PAGE, NUMPAGES)."""
    paragraph._p.append(parse_xml(f'<w:fldSimple {W} w:instr="{instruction}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))


def _page_x_of_y(paragraph: Paragraph) -> None:
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


_SECTIONS = (
    (
        "Introduction",
        (
            "This policy sets out how the council receives, records and answers a complaint about "
            "its services, its staff or the way a decision was reached.",
            "It applies to every complaint made in writing, by email or in person at a council "
            "office, whether the person complaining lives in the parish or not.",
        ),
    ),
    (
        "Making a complaint",
        (
            "A complaint should be sent to the Clerk, who will acknowledge it within five working "
            "days and say who will look into it and when a reply can be expected.",
            "A complaint about the Clerk should be sent to the Chair of the council, who will "
            "arrange for it to be considered by the Personnel Committee.",
            "Anonymous complaints will be recorded but will not normally be investigated unless "
            "they raise a matter of safety or of serious concern to the public.",
        ),
    ),
    (
        "Investigation",
        (
            "The person investigating will speak to the complainant and to any member of staff "
            "concerned, and will keep a written note of every conversation held.",
            "The investigation should be finished within twenty working days; where that is not "
            "possible the complainant will be told why and given a new date.",
            "Any councillor with a personal interest in the complaint must take no part in its "
            "investigation or in any decision about it.",
        ),
    ),
    (
        "Outcome and review",
        (
            "The complainant will receive a written reply setting out what was found, what the "
            "council will do as a result and how to ask for a review.",
            "A request for review will be heard by three councillors who took no part in the "
            "original investigation, at a meeting held within six weeks of the request.",
            "If the complainant remains dissatisfied they may contact the Local Government and "
            "Social Care Ombudsman, whose address the Clerk will provide on request.",
        ),
    ),
    (
        "Records",
        (
            "The Clerk keeps a register of complaints received, the dates of each step taken and "
            "the outcome, and reports the number of complaints to the council each year.",
            "Records of complaints are kept for six years and then destroyed securely, unless "
            "legal proceedings about the matter have begun or are expected.",
        ),
    ),
)


def _policy(document: docx.document.Document, sections: int, repeat: int) -> None:
    """The body: a title, then numbered headings and sub-clauses typed as text."""
    document.add_heading("Complaints Policy", level=0)
    for number, (heading, paragraphs) in enumerate(_SECTIONS[:sections], start=1):
        document.add_heading(f"{number}. {heading}", level=1)
        for sub, paragraph in enumerate(paragraphs * repeat, start=1):
            document.add_paragraph(f"{number}.{sub} {paragraph}")


def two_page_first_header() -> docx.document.Document:
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = f"{COUNCIL} – draft for consultation, March 2026"
    section.header.paragraphs[0].text = f"{COUNCIL} Complaints Policy"
    for footer in (section.first_page_footer, section.footer):
        _page_x_of_y(footer.paragraphs[0])
    _policy(document, sections=5, repeat=1)
    return document


def one_page_two_line_header() -> docx.document.Document:
    document = docx.Document()
    section = document.sections[0]
    header = section.header
    header.paragraphs[0].text = COUNCIL
    header.add_paragraph("Complaints Policy").runs[0].font.size = Pt(9)
    footer = section.footer.paragraphs[0]
    footer.add_run("Version 1.2 – adopted 12 January 2026 – ")
    _page_x_of_y(footer)
    _policy(document, sections=2, repeat=1)
    return document


FIXTURES = {
    "two-page-first-header": two_page_first_header,
    "one-page-two-line-header": one_page_two_line_header,
}


def main() -> None:
    files = []
    for name, build in FIXTURES.items():
        path = HERE / f"{name}.docx"
        build().save(str(path))
        files.append(path)
    convert(files, HERE, "pdf", timeout=120)
    print(f"{len(files)} fixtures written to {HERE}")


if __name__ == "__main__":
    main()
