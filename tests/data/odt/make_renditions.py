"""Regenerate the OpenDocument renditions (they are committed; run this only after a corpus or
numbered .docx changes or LibreOffice is upgraded): `python tests/data/odt/make_renditions.py`.

- `corpus/NAME.odt`: LibreOffice's .odt of `corpus/originals/NAME.docx`.
- `numbered/NAME.odt`: LibreOffice's .odt of some of the third-party Word files in
  `tests/data/numbered/` (`THIRD_PARTY` below), whose displayed numbers the committed text oracle
  there gives. `benchmarks/odt_numbering.py` converts all 41 at run time instead.

An .odt stores no list numbers, so LibreOffice writes the list styles and the reader counts.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))  # run as a script: the repository's tests package
from tests.data import libreoffice  # noqa: E402

ROOT = HERE.parents[2]
ORIGINALS = ROOT / "corpus" / "originals"
NUMBERED = ROOT / "tests" / "data" / "numbered"
# Small files that between them have letters, roman numerals, restarts, item-level overrides,
# zero-padded and ordinal-word numbers, outline-numbered headings and headings that opt out.
THIRD_PARTY = (
    "docxjs-numbering",
    "pandoc-0_level_headers",
    "pandoc-enumerated_headings",
    "pandoc-lists_restart_8367",
    "poi-NumberingWOverrides",
    "powertools-FormattingAssembler01_Test02",
    "powertools-HC048-Excerpt",
    "powertools-NumberedListRomanNumerals",
)


def convert(files: list[Path], outdir: Path) -> None:
    """The files as LibreOffice's .odt."""
    libreoffice.convert(files, outdir, "odt")


def main() -> None:
    convert(sorted(ORIGINALS.glob("*.docx")), HERE / "corpus")
    convert([NUMBERED / f"{name}.docx" for name in THIRD_PARTY], HERE / "numbered")
    print(f"wrote the corpus and {len(THIRD_PARTY)} third-party files as .odt under {HERE.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
