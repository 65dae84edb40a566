"""Pictures of two reports for the README: docs/divergence.png and docs/redline.png.

    python docs/make_screenshots.py

Needs Chromium (the divergence HTML is screenshotted as a browser shows it) and LibreOffice
with Poppler (the redline .docx is converted to PDF and its first page with a change drawn at
80 dpi), so the pictures show what a clerk would see, not what we think they would.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

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
        docx = write_report(redline, work / "redline.docx")
        subprocess.run(
            [
                tool("soffice", "libreoffice"),
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                *("--headless", "--convert-to", "pdf", "--outdir", str(work), str(docx)),
            ],
            check=True,
            capture_output=True,
        )
        page = _first_page_with(work / "redline.pdf", "social media")
        subprocess.run(
            [tool("pdftoppm"), "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
             str(work / "redline.pdf"), str(DOCS / "redline")],
            check=True,
        )  # fmt: skip
    print(f"wrote {DOCS / 'divergence.png'} and {DOCS / 'redline.png'}")


def _first_page_with(pdf: Path, words: str) -> int:
    """The number of the first page of `pdf` whose text has `words`."""
    text = subprocess.run([tool("pdftotext", "pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True)
    for number, page in enumerate(text.stdout.split("\f"), start=1):
        if words in " ".join(page.split()):
            return number
    return 1


if __name__ == "__main__":
    main()
