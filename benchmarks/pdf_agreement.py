"""PDF numbers against Word's: per file, how many numbered clauses the LibreOffice PDF of a
third-party Word file gives with the same number as the .docx, and how many of the Word file's
clauses it gives with the same text (issue 16, item 2; target >= 95% of numbered clauses).

The files are tests/data/numbered/*.docx and their PDFs in tests/data/numbered/pdf/; how the
clauses are lined up is in tests/ingest/pdf_agreement.py. `--show` lists the clauses that
disagree.

    python benchmarks/pdf_agreement.py [--show]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ingest"))
from pdf_agreement import FileAgreement, Pair, compare, rendition_pairs

from clausewise.errors import ClausewiseError

TARGET_PERCENT = 95.0  # issue 16: numbered clauses of the PDF agreeing with the Word file


def _show(lined_up: list[Pair]) -> None:
    for pair in lined_up:
        if (pair.numbered and not pair.numbers_agree) or (pair.word and not pair.texts_agree):
            word = f"{pair.word.number!r:8} {pair.word.text[:50]!r}" if pair.word else "-"
            pdf = f"{pair.pdf.number!r:8} {pair.pdf.text[:50]!r}" if pair.pdf else "-"
            print(f"    word {word}\n     pdf {pdf}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list each clause that disagrees")
    args = parser.parse_args()
    print(f"{'file':52} {'numbered':>8} {'agree':>6} {'%':>6} {'clauses':>8} {'same text':>9} {'%':>6}")
    rows: list[FileAgreement] = []
    for docx_path, pdf_path in rendition_pairs():
        try:
            row, lined_up = compare(docx_path, pdf_path)
        except ClausewiseError as error:  # a PDF with no text outside a table, say
            print(f"{docx_path.stem:52} refused: {str(error).split(': ', 1)[-1][:60]}")
            continue
        rows.append(row)
        print(
            f"{row.name:52} {row.numbered:8} {row.numbers_agreeing:6} {row.number_percent:6.1f}"
            f" {row.clauses:8} {row.texts_agreeing:9} {row.text_percent:6.1f}"
        )
        if args.show:
            _show(lined_up)
    numbered, agreeing = sum(r.numbered for r in rows), sum(r.numbers_agreeing for r in rows)
    clauses, same = sum(r.clauses for r in rows), sum(r.texts_agreeing for r in rows)
    percent = 100.0 * agreeing / numbered if numbered else 100.0
    label = f"total ({len(rows)} files)"
    print(f"{label:52} {numbered:8} {agreeing:6} {percent:6.1f} {clauses:8} {same:9} {100.0 * same / clauses:6.1f}")
    print(f"target >= {TARGET_PERCENT:.0f}% of numbered clauses: {'met' if percent >= TARGET_PERCENT else 'NOT met'}")


if __name__ == "__main__":
    main()
