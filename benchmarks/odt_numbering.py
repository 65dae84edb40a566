"""OpenDocument numbers against LibreOffice: the 41 third-party Word files of
tests/data/numbered/ converted to .odt by LibreOffice at run time, and per file how many
numbered paragraphs the .odt reader numbers as LibreOffice displays the .odt (its text export of
the .odt, also made at run time) and as it displays the Word file (the committed oracle): the
two differ where LibreOffice's own round trip to .odt changes a number. Needs soffice (about
25 s). `--show` lists the paragraphs that disagree with the .odt's display.

    python benchmarks/odt_numbering.py [--show]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.data.odt.make_renditions import convert  # noqa: E402
from tests.ingest.numbering_oracle import TEXT_FILTER, Agreement, export_lines, numbered_files  # noqa: E402
from tests.ingest.odt_oracle import compare_odt  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list each paragraph that disagrees")
    args = parser.parse_args()
    rows: list[tuple[Agreement, Agreement]] = []
    with tempfile.TemporaryDirectory(prefix="odt-numbering-") as folder:
        convert(numbered_files(), Path(folder))
        convert(sorted(Path(folder).glob("*.odt")), Path(folder) / "text", TEXT_FILTER)
        print(f"{'file':52} {'numbered':>8} {'as .odt':>8} {'%':>6} {'as .docx':>8} {'%':>6}")
        for path in sorted(Path(folder).glob("*.odt")):
            shown = [
                p for p in compare_odt(path, export_lines(Path(folder) / "text" / f"{path.stem}.txt")) if p.numbered
            ]
            word = [p for p in compare_odt(path) if p.numbered]
            row = (
                Agreement(path.stem, len(shown), sum(p.agrees for p in shown)),
                Agreement(path.stem, len(word), sum(p.agrees for p in word)),
            )
            rows.append(row)
            print(_line(*row))
            if args.show:
                for p in shown:
                    if not p.agrees:
                        print(f"    ours {p.ours!r:14} LibreOffice {p.displayed!r:14} {p.text[:60]!r}")
    totals = [
        Agreement(f"total ({len(rows)} files)", sum(r[i].numbered for r in rows), sum(r[i].agreeing for r in rows))
        for i in (0, 1)
    ]
    print(_line(*totals))


def _line(odt: Agreement, word: Agreement) -> str:
    return f"{odt.name:52} {odt.numbered:8} {odt.agreeing:8} {odt.percent:6.1f} {word.agreeing:8} {word.percent:6.1f}"


if __name__ == "__main__":
    main()
