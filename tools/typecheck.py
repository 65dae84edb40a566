"""mypy over the installed layout: the stage folders as `clausewise.ingest`, `clausewise.align`, ...

setuptools installs the top-level folders ingest/ align/ store/ reports/ inside the one
`clausewise` namespace (setup.cfg's package_dir), but mypy finds modules by their place on
disk and would name ingest/model.py `ingest.model`, leaving every `clausewise.ingest` import
unresolved. This runs mypy with each source file given its installed module name instead.

    python tools/typecheck.py          # what `tox -e lint` runs; extra arguments go to mypy
"""

from __future__ import annotations

import sys
from pathlib import Path

from mypy import build
from mypy.find_sources import BuildSource
from mypy.main import process_options

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("ingest", "align", "store", "reports")
PACKAGES = ("clausewise", *STAGES)


def installed_name(source: BuildSource) -> BuildSource:
    """`ingest.model` -> `clausewise.ingest.model`; `clausewise.*` stays as it is."""
    top = source.module.partition(".")[0]
    if top not in STAGES:
        return source
    return BuildSource(source.path, f"clausewise.{source.module}", source.text, base_dir=str(ROOT))


def main(argv: list[str]) -> int:
    sources, options = process_options([*argv, *(str(ROOT / p) for p in PACKAGES)])
    result = build.build([installed_name(s) for s in sources], options)
    for line in result.errors:
        print(line)
    files = len({s.path for s in sources})
    if result.errors:
        errors = sum(": error:" in line for line in result.errors)
        print(f"Found {errors} errors (checked {files} source files)", file=sys.stderr)
        return 1
    print(f"Success: no issues found in {files} source files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
