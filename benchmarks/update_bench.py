"""`clausewise update` on the shipped corpus: speed per council, and agreement with git's merge.

    python benchmarks/update_bench.py [--repeat 5]

Each council's current version is updated from the model's version 3 (the one the corpus's
councils were adapted from) to its version 4, from a store built from the manifest:

- speed: the median time of a whole update (three sides looked up, two alignments — cached in
  the store after the first run, as a clerk's second run would find them — the classification,
  and the report) per council, beside a plain `difflib` diff of the same two model texts in the
  same process. Target: under 2 s per council.
- agreement: for every clause triple the update merged or called a conflict (a model clause the
  model changed, with a council clause), `git merge-file` on the three texts written one word
  per line says clean or conflict; the rate at which the two agree, and each disagreement.
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_seconds

from clausewise.align import AlignSettings
from clausewise.align.diff import word_diff
from clausewise.app import Store
from clausewise.corpus import corpus_dir
from clausewise.reports import UpdateReport

SPACY = AlignSettings(semantic="spacy")
AS_OF = date(2027, 6, 1)
# The update found the two sides' edits compatible. "not_needed" is not among them: the council
# changed the words the model's terminology change touched, and the rule keeps the council's.
MERGED = {"apply", "already"}
TOKENS = re.compile(r"\w[\w'’-]*|[^\w\s]")


def git_clean(base: str, local: str, new: str, folder: Path, *, apart: bool = False) -> bool:
    """Whether `git merge-file` merges the three texts, one word per line, without a conflict.
    `apart`: words and punctuation apart, as the update's merge tokenises them, with an unchanged
    separator line after each, so that edits to neighbouring words are not neighbouring lines
    (git's merge calls touching hunks a conflict; the update's does not)."""
    paths = []
    for name, text in (("local", local), ("base", base), ("new", new)):
        path = folder / name
        tokens = TOKENS.findall(text) if apart else text.split()
        path.write_text(("\n.\n" if apart else "\n").join(tokens) + "\n", encoding="utf-8")
        paths.append(str(path))
    result = subprocess.run(["git", "merge-file", "-p", *paths], capture_output=True, text=True)
    return result.returncode == 0


def agreement(reports: list[UpdateReport], *, apart: bool) -> None:
    agree = total = 0
    disagreements: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for report in reports:
            for item in report.items:
                if item.action not in MERGED | {"conflict", "not_needed"} or None in (
                    item.base_text,
                    item.local_text,
                    item.new_text,
                ):
                    continue
                assert item.base_text and item.local_text and item.new_text
                ours = item.action in MERGED
                theirs = git_clean(item.base_text, item.local_text, item.new_text, Path(folder), apart=apart)
                total += 1
                agree += ours == theirs
                if ours != theirs:
                    ours_words = "merged" if ours else "conflict"
                    theirs_words = "clean" if theirs else "conflict"
                    detail = (
                        f"{report.council} {item.citation}: update {item.action} ({ours_words}), git {theirs_words}"
                    )
                    disagreements.append(f"{detail}: {_edits(item.base_text, item.local_text, item.new_text)}")
    layout = "words and punctuation apart, an unchanged line between them" if apart else "one word per line"
    print(f"agreement with git merge-file ({layout}): {agree}/{total} = {agree / max(total, 1):.3f}")
    for line in disagreements:
        print("  " + line)


def _edits(base: str, local: str, new: str) -> str:
    """Each side's word edits, to say why the two merges disagree."""

    def changed(other: str) -> str:
        spans = word_diff(base, other)
        return " ".join(f"[{s.op[0]}:{s.text.strip()}]" for s in spans if s.op != "equal")

    return f"council {changed(local)} | model {changed(new)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    corpus = corpus_dir()
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.db")
        store.add_manifest(corpus / "manifest.toml")
        councils = [c.name for c in store.councils() if c.kind != "model publisher"]
        model = "Sandon and Burston Parish Council"
        v3, v4 = (
            corpus / f"sandon-burston-parish-council_model-councillor-officer-clerk-protocol_{v}.txt"
            for v in ("v3-2026", "v4-2027")
        )
        old, new = v3.read_text(encoding="utf-8").splitlines(), v4.read_text(encoding="utf-8").splitlines()
        baseline = median_seconds(lambda: list(difflib.unified_diff(old, new)), args.repeat)
        print(f"difflib unified_diff of model v3 -> v4 (baseline): {baseline * 1000:.1f} ms")

        def update(council: str) -> UpdateReport:
            return store.update(council, base=f'"{model}"@3', new=f'"{model}"@4', as_of=AS_OF, settings=SPACY)

        reports = []
        for council in councils:
            first = median_seconds(lambda council=council: update(council), 1)  # alignments made and stored
            warm = median_seconds(lambda council=council: update(council), args.repeat)
            report = update(council)
            reports.append(report)
            counts = ", ".join(f"{n} {a}" for a, n in report.summary.items() if n)
            print(
                f"{council:32} first {first:5.2f} s, then {warm:5.2f} s "
                f"({warm / baseline:,.0f}x difflib; target < 2 s): {counts}"
            )
        agreement(reports, apart=False)
        agreement(reports, apart=True)


if __name__ == "__main__":
    main()
