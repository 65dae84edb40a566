"""Regenerate the web-page renditions of the corpus protocols (they are committed; run this only
after a corpus .docx changes or LibreOffice is upgraded): `python tests/data/html/make_renditions.py`.

`corpus/NAME.html` is LibreOffice's XHTML export of `corpus/originals/NAME.docx`. That filter
writes each list number as Word displays it ("1.1", "(a)") as text before the item, as Word's
own "Save as Web Page" does. LibreOffice's default HTML filter (`--convert-to html`) does not:
it writes Word's multilevel lists as nested `<ol>`, which a browser numbers "1.", "1.", "2." …,
and restarts a list that a bulleted list interrupted, so the page itself no longer shows
Word's numbers (measured: 234 of the 390 numbered clauses of the six files keep their number).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # run as a script: the repository's tests package
from tests.data import libreoffice  # noqa: E402

ORIGINALS = HERE.parents[2] / "corpus" / "originals"
OUT = HERE / "corpus"
XHTML_FILTER = "html:XHTML Writer File:UTF8"


def convert(files: list[Path], outdir: Path) -> None:
    """The files as LibreOffice's XHTML pages (see XHTML_FILTER)."""
    libreoffice.convert(files, outdir, XHTML_FILTER)


def main() -> None:
    files = sorted(ORIGINALS.glob("*.docx"))
    convert(files, OUT)
    print(f"wrote {len(files)} web pages to {OUT.relative_to(HERE.parents[2])}/")


if __name__ == "__main__":
    main()
