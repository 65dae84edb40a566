"""Word numbers against LibreOffice: per file, how many numbered paragraphs clausewise numbers
exactly as LibreOffice displays them (issue 16, target >= 98% overall).

The files are the third-party Word files in tests/data/numbered/ and the oracle is
LibreOffice's text export of each, committed beside them (regenerate with
tests/data/numbered/make_oracle.py). `--show` lists the paragraphs that disagree.

    python benchmarks/numbering_agreement.py [--show]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ingest"))
from numbering_oracle import Agreement, compare, numbered_files

TARGET_PERCENT = 98.0  # issue 16: numbered paragraphs agreeing with LibreOffice, all files together


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list each paragraph that disagrees")
    args = parser.parse_args()
    print(f"{'file':52} {'numbered':>8} {'agreeing':>8} {'%':>6}")
    rows: list[Agreement] = []
    for path in numbered_files():
        paragraphs = [p for p in compare(path) if p.numbered]
        row = Agreement(path.stem, len(paragraphs), sum(p.agrees for p in paragraphs))
        rows.append(row)
        print(f"{row.name:52} {row.numbered:8} {row.agreeing:8} {row.percent:6.1f}")
        if args.show:
            for p in paragraphs:
                if not p.agrees:
                    print(f"    ours {p.ours!r:14} LibreOffice {p.displayed!r:14} {p.text[:60]!r}")
    total = Agreement("total", sum(r.numbered for r in rows), sum(r.agreeing for r in rows))
    print(f"{f'total ({len(rows)} files)':52} {total.numbered:8} {total.agreeing:8} {total.percent:6.1f}")
    print(f"target >= {TARGET_PERCENT:.0f}%: {'met' if total.percent >= TARGET_PERCENT else 'NOT met'}")


if __name__ == "__main__":
    main()
