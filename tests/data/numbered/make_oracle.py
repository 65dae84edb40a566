"""Regenerate LibreOffice's renditions of the Word files in this folder (they are committed;
run this only after adding a file or upgrading LibreOffice): `python tests/data/numbered/make_oracle.py`.

- `oracle/NAME.txt`: LibreOffice's plain-text export, which prints each paragraph with the
  list number or heading number Word *displays* in front of it. The numbering tests and
  `benchmarks/numbering_agreement.py` compare clausewise's numbers with these.
- `pdf/NAME.pdf`: LibreOffice's PDF of the same file, for the PDF reader's tests.

One soffice process converts every file (about 2 s a file when started once per file), with
a private profile so it neither disturbs nor waits for another LibreOffice on the machine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
from tests.data.libreoffice import convert  # noqa: E402
from tests.ingest.numbering_oracle import ORACLE, TEXT_FILTER  # noqa: E402  (the tests read what this writes)

PDF = HERE / "pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true", help="regenerate the text oracle only")
    args = parser.parse_args()
    files = sorted(HERE.glob("*.docx"))
    convert(files, ORACLE, TEXT_FILTER)
    if not args.no_pdf:
        convert(files, PDF, "pdf")
    outputs = "oracle/" if args.no_pdf else "oracle/ and pdf/"
    print(f"{len(files)} files converted into {outputs}")


if __name__ == "__main__":
    main()
