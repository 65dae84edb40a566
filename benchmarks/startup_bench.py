"""Start-up: how long a clerk waits for `clausewise --help` and for a comparison of two files.

    python benchmarks/startup_bench.py [--repeat 10]

Each command runs as a fresh process (cold: nothing of clausewise in memory), `--repeat` times;
the medians are printed beside `python -c pass` and a bare difflib script that compares the same
two files line by line, measured in the same run, so the ratios hold on a busy machine too.
Targets (issue 17): --help <= 0.3 s, compare of two corpus .txt files <= 1.0 s.

`--before SITE` also times an earlier clausewise installed into a folder, in the same run:

    git worktree add /tmp/before 2a6adc2
    pip install --no-deps --target /tmp/before-site /tmp/before
    python benchmarks/startup_bench.py --before /tmp/before-site
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from timing import median_seconds

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
LEFT = CORPUS / "sandon-burston-parish-council_model-councillor-officer-clerk-protocol_v3-2026.txt"
RIGHT = CORPUS / "spilsby-town-council_councillor-officer-protocol_2026.txt"
DIFFLIB = (
    "import difflib, sys; a, b = (open(p, encoding='utf-8').read().splitlines() for p in sys.argv[1:3]); "
    "print(sum(1 for line in difflib.unified_diff(a, b) if line[:1] in '+-'))"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--before", type=Path, help="a folder with an earlier clausewise installed (pip --target)")
    args = parser.parse_args()
    clausewise = shutil.which("clausewise") or sys.exit("clausewise is not installed in this environment")
    runs = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "difflib script on the two files": [sys.executable, "-c", DIFFLIB, str(LEFT), str(RIGHT)],
        "clausewise --help": [clausewise, "--help"],
        "clausewise compare --semantic spacy": [clausewise, "compare", str(LEFT), str(RIGHT), "--semantic", "spacy"],
        "clausewise compare (auto: embeddings)": [clausewise, "compare", str(LEFT), str(RIGHT)],
    }
    if args.before:
        # -S: no site processing, so this environment's editable install of clausewise (a .pth
        # import hook) does not take the earlier one's place; its libraries come by PYTHONPATH.
        module = [sys.executable, "-S", "-m", "clausewise"]
        runs["before: clausewise --help"] = [*module, "--help"]
        runs["before: compare --semantic spacy"] = [*module, "compare", str(LEFT), str(RIGHT), "--semantic", "spacy"]
        runs["before: compare (auto: embeddings)"] = [*module, "compare", str(LEFT), str(RIGHT)]
    print(f"median of {args.repeat} cold runs, model v3 against Spilsby (.txt):")
    base = None
    for name, command in runs.items():
        path = os.pathsep.join([str(args.before), *(p for p in sys.path if p.endswith("site-packages"))])
        env = {**os.environ, "PYTHONPATH": path} if name.startswith("before") else None

        def run(command: list[str] = command, env: dict[str, str] | None = env, name: str = name) -> None:
            # From another folder: `python -m` puts the working folder first on the path.
            done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=args.before or None)
            if done.returncode not in (0, 1):  # 1: the two files differ, as diff says
                raise SystemExit(f"{name} failed: {done.stderr[-500:]}")

        seconds = median_seconds(run, args.repeat)
        base = base or seconds
        print(f"  {name:40} {seconds:7.3f} s  {seconds / base:6.1f}x python -c pass")


if __name__ == "__main__":
    main()
