"""Report speed: divergence and redline generation for the model against each corpus document.

    python benchmarks/report_bench.py [--repeat 5]

Alignments are computed once, outside the timings, because renderers never recompute them.
The redline is the council's own Word file with the changes tracked in it (`report redline
OLD.docx NEW.docx`), also timed end to end (read both .docx files, align, build, write) beside
python-redlines' Docxodus engine on the same two .docx files, when it is installed
(`pip install "python-redlines[docxodus]"`; not a clausewise dependency). Target: end to end at
most half Docxodus's time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_seconds

from clausewise.align import align
from clausewise.align.model import Alignment
from clausewise.app import write_report
from clausewise.app.reports import redline_report
from clausewise.corpus import load_manifest
from clausewise.ingest import Document, read
from clausewise.reports import build_divergence, build_redline, render
from clausewise.reports.docx_redline import redline_in_docx

AS_OF = date(2026, 11, 23)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:9.1f}"


def docxodus() -> Any:
    try:
        from python_redlines import DocxodusEngine
    except ImportError:
        return None
    try:
        return DocxodusEngine()
    except Exception as exc:  # the engine binary comes in a separate wheel and may be absent
        print(f"python-redlines is installed but its Docxodus engine is not usable: {exc}")
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    manifest = load_manifest()
    entry = next(d for d in manifest if d.model)
    others = [d for d in manifest if not d.model]
    model_docx = read(entry.files["docx"])
    out = Path(tempfile.mkdtemp(prefix="report-bench-"))

    print("Divergence (alignment done once, outside the timing), median ms:")
    print(f"{'model against':24} {'build':>9} {'html':>9} {'markdown':>9} {'json':>9} {'docx':>9} {'all':>9}")
    for other in others:
        local = read(other.files["docx"])
        alignment = align(model_docx, local)

        build = partial(build_divergence, model_docx, local, alignment, council=other.council, as_of=AS_OF)
        report = build()
        tasks: list[Callable[[], object]] = [
            build,
            partial(render, report, "html"),
            partial(render, report, "md"),
            partial(render, report, "json"),
            partial(write_report, report, out / f"{other.key}.docx"),
        ]
        times = [median_seconds(task, args.repeat) for task in tasks]
        print(f"{other.key:24} " + " ".join(ms(t) for t in times) + " " + ms(sum(times)))

    engine = docxodus()
    print("\nRedline .docx with tracked changes, median ms:")
    print(
        f"{'model against':24} {'report':>9} {'end-end':>9} {'docxodus':>9} {'ratio':>7}   "
        "(report: build + write; end-end: read both .docx + align + build + write)"
    )
    other_bytes = {other.key: Path(other.files["docx"]).read_bytes() for other in others}
    for other in others:
        local = read(other.files["docx"])
        alignment = align(model_docx, local)

        def redline(local: Document = local, alignment: Alignment = alignment, key: str = other.key) -> Path:
            # The council's own Word file with the changes tracked in it, as `report redline` makes it.
            report = build_redline(model_docx, local, alignment, council=local.council or key, as_of=AS_OF)
            own = redline_in_docx(other_bytes[key], report, model_docx, local)
            return write_report(replace(report, own_docx=own), out / f"redline-{key}.docx")

        def end_to_end(old_path: Path = entry.files["docx"], new_path: Path = other.files["docx"]) -> Path:
            report = redline_report(None, old_path, new_path, as_of=AS_OF)
            assert report.own_docx is not None  # the in-document redline, not a generated one
            return write_report(report, out / f"redline-e2e-{new_path.stem}.docx")

        ours = median_seconds(redline, args.repeat)
        whole = median_seconds(end_to_end, args.repeat)
        if engine is not None:
            run = partial(engine.run_redline, other.council, entry.files["docx"], other.files["docx"])
            theirs = median_seconds(run, args.repeat)
            print(f"{other.key:24} {ms(ours)} {ms(whole)} {ms(theirs)} {whole / theirs:7.2f}")
        else:
            print(f"{other.key:24} {ms(ours)} {ms(whole)} {'n/a':>9} {'':>7}")
    if engine is None:
        print('python-redlines (Docxodus) not installed: pip install "python-redlines[docxodus]" to compare')


if __name__ == "__main__":
    main()
