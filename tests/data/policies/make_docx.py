"""Write the Word renditions of two of the policies here from their .txt, as a clerk's Word
file would have them: the title in the Title style, numbered headings in Heading 1 (numbers
typed), every other paragraph in Normal, and the statutory paragraphs in bold (as the model
standing orders and financial regulations print them).

    python tests/data/policies/make_docx.py
"""

from __future__ import annotations

import re
from pathlib import Path

import docx

HERE = Path(__file__).parent
# The paragraphs that restate the law, printed in bold: by how they start.
STATUTORY = {
    "standing-orders": (
        "a. Meetings shall not take place",
        "b. The minimum three clear days",
        "c. Meetings shall be open",
    ),
    "financial-regulations": ("1.2 The council is subject", "1.3 The Responsible Financial Officer"),
}
TITLES = {"standing-orders": "Standing Orders", "financial-regulations": "Financial Regulations"}
_HEADING = re.compile(r"^\d+\. [A-Z][^.]*$")  # "1. Rules of debate at meetings"


def write(stem: str) -> None:
    document = docx.Document()
    lines = [line.strip() for line in (HERE / f"{stem}.txt").read_text(encoding="utf-8").splitlines()]
    for text in filter(None, lines):  # one line of the text is one Word paragraph
        if text == TITLES[stem]:
            document.add_paragraph(text, style="Title")
        elif _HEADING.match(text):
            document.add_paragraph(text, style="Heading 1")
        else:
            run = document.add_paragraph().add_run(text)
            run.bold = text.startswith(STATUTORY[stem])
    document.core_properties.title = TITLES[stem]
    document.save(HERE / f"{stem}.docx")


if __name__ == "__main__":
    for name in STATUTORY:
        write(name)
