"""How long `ingest.read` takes on the corpus PDFs and Word files, against a baseline.

The baseline, measured in the same process on the same files, is what a bare extraction
costs: pdfplumber's `extract_text` on every page for a PDF, python-docx's paragraph loop for
a .docx. Target: our PDF reading at most 2.0x the bare extraction.

    python benchmarks/ingest_bench.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import docx
import pdfplumber

from clausewise.ingest import read

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_seconds

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "originals"


def bare_pdf(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def bare_docx(path: Path) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(str(path)).paragraphs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'file':58} {'ours ms':>9} {'bare ms':>9} {'ratio':>6}")
    totals: dict[str, list[float]] = {"pdf": [0.0, 0.0], "docx": [0.0, 0.0]}
    for suffix, bare in (("pdf", bare_pdf), ("docx", bare_docx)):
        for path in sorted(CORPUS.glob(f"*.{suffix}")):
            read(path)  # warm imports and caches before timing
            ours = median_seconds(lambda path=path: read(path), args.repeat)
            base = median_seconds(lambda path=path, bare=bare: bare(path), args.repeat)
            totals[suffix][0] += ours
            totals[suffix][1] += base
            print(f"{path.name[:58]:58} {ours * 1000:9.1f} {base * 1000:9.1f} {ours / base:6.2f}")
    for suffix, (ours, base) in totals.items():
        print(f"{'all .' + suffix:58} {ours * 1000:9.1f} {base * 1000:9.1f} {ours / base:6.2f}")


if __name__ == "__main__":
    main()
