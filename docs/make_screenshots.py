"""Pictures of reports for the README: docs/divergence.png, docs/redline.png, docs/redline-spilsby.png.

    python docs/make_screenshots.py

Needs Chromium (the divergence HTML is screenshotted as a browser shows it) and LibreOffice
with Poppler (the redline .docx is converted to PDF and its first page with a change drawn at
80 dpi), so the pictures show what a clerk would see, not what we think they would.

docs/redline-spilsby.png is a revision a clerk might make of Spilsby's own 2026 Word file (made
here with python-docx: a new date, a reworded sentence, a bullet reworded, one added, one
paragraph removed), as `report redline` gives it: page 1 beside the page with the most tracked
changes. (LibreOffice 7.4 cannot draw comments in a PDF's margin, so `--cover` is not pictured.)
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from copy import deepcopy
from datetime import date
from pathlib import Path

import docx
from PIL import Image

from clausewise.align import align
from clausewise.app import write_report
from clausewise.app.reports import redline_report
from clausewise.corpus import load_manifest
from clausewise.ingest import read
from clausewise.reports import build_divergence

DOCS = Path(__file__).resolve().parent
AS_OF = date(2026, 11, 23)
COUNCIL = "spilsby"
STEM = "sandon-burston-parish-council_model-councillor-officer-clerk-protocol"


def tool(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit(f"{names[0]} is needed: apt-get install -y libreoffice-writer-nogui chromium poppler-utils")


def main() -> None:
    manifest = load_manifest()
    entry = next(d for d in manifest if d.model)
    local_entry = next(d for d in manifest if d.key == COUNCIL)
    model, local = read(entry.files["text"]), read(local_entry.files["text"])
    alignment = align(model, local)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        divergence = build_divergence(model, local, alignment, council=local_entry.council, as_of=AS_OF)
        html = work / "divergence.html"
        write_report(divergence, html)
        subprocess.run(
            [
                tool("chromium", "chromium-browser", "google-chrome"),
                *("--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,1400"),
                f"--screenshot={DOCS / 'divergence.png'}",
                html.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
        # The redline inside the model's own Word file: its annual review (version 3 to 4),
        # drawn at the first page with a tracked change.
        originals = Path(entry.files["docx"]).parent
        v3, v4 = (originals / f"{STEM}_{v}.docx" for v in ("v3-2026", "v4-2027"))
        redline = redline_report(None, v3, v4, as_of=AS_OF, author="Town Clerk")
        pdf = _pdf(write_report(redline, work / "redline.docx"), work)
        page = _first_page_with(pdf, "social media")
        subprocess.run(
            [tool("pdftoppm"), "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
             str(pdf), str(DOCS / "redline")],
            check=True,
        )  # fmt: skip
        _spilsby_revision(Path(local_entry.files["docx"]), work)
    print(f"wrote {DOCS / 'divergence.png'}, {DOCS / 'redline.png'} and {DOCS / 'redline-spilsby.png'}")


# What the clerk changes in Spilsby's Word file: (paragraph text it starts with, words, new words).
REWORDINGS = (
    ("April 2026", "April 2026", "April 2027"),
    ("Next review: April 2028", "2028", "2029"),
    ("The purpose of this Protocol", "as they work together", "as they work together, in person and online"),
    (
        "Where/who a Councillor",
        "Where/who a Councillor or an Officer should go",
        "Where a Councillor or an Officer should turn",
    ),
)
ADDED_AFTER = ("Who is responsible for making decisions.", "How councillors and officers communicate on social media.")
REMOVED = "The aim is effective and professional working relationships"


def _spilsby_revision(source: Path, work: Path) -> None:
    document = docx.Document(str(source))
    paragraphs = document.paragraphs
    for start, words, new in REWORDINGS:
        run = next(r for p in paragraphs if p.text.startswith(start) for r in p.runs if words in r.text)
        run.text = run.text.replace(words, new)
    after = next(p for p in paragraphs if p.text == ADDED_AFTER[0])
    added = deepcopy(after._p)
    after._p.addnext(added)
    for node in added.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"):
        node.text = ""
    added.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t").text = ADDED_AFTER[1]
    removed = next(p for p in paragraphs if p.text.startswith(REMOVED))
    removed._p.getparent().remove(removed._p)
    revised = work / "spilsby-2027.docx"
    document.save(str(revised))
    redline = redline_report(None, source, revised, as_of=AS_OF, author="Town Clerk")
    assert redline.own_docx is not None  # Spilsby's own file, not a generated document
    pdf = _pdf(write_report(redline, work / "redline-spilsby.docx"), work)
    pages = [1, _first_page_with(pdf, "communicate on")]
    for page in pages:
        subprocess.run(
            [tool("pdftoppm"), "-png", "-r", "70", "-f", str(page), "-l", str(page), "-singlefile",
             str(pdf), str(work / f"page-{page}")],
            check=True,
        )  # fmt: skip
    images = [Image.open(work / f"page-{page}.png") for page in pages]
    sheet = Image.new("RGB", (sum(i.width for i in images) + 20, max(i.height for i in images)), "#888888")
    sheet.paste(images[0], (0, 0))
    sheet.paste(images[1], (images[0].width + 20, 0))
    sheet.save(DOCS / "redline-spilsby.png", optimize=True)


def _pdf(docx_path: Path, work: Path) -> Path:
    """LibreOffice's PDF of a .docx."""
    subprocess.run(
        [
            tool("soffice", "libreoffice"),
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            *("--headless", "--convert-to", "pdf", "--outdir", str(work), str(docx_path)),
        ],
        check=True,
        capture_output=True,
    )
    return work / f"{docx_path.stem}.pdf"


def _first_page_with(pdf: Path, words: str) -> int:
    """The number of the first page of `pdf` whose text has `words`."""
    text = subprocess.run([tool("pdftotext", "pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True)
    for number, page in enumerate(text.stdout.split("\f"), start=1):
        if words in " ".join(page.split()):
            return number
    return 1


if __name__ == "__main__":
    main()
