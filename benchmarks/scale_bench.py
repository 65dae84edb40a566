"""The corpus at national scale: N synthetic councils added with `--manifest`, then the corpus
reports, each command run as its own process (as a clerk runs it) with its wall time and peak
memory.

Each synthetic council adapts one of the corpus's texts (the model's versions 3 and 4 mostly,
Spilsby's and Chard's protocols sometimes) with seeded edits of its own: lines deleted, words
changed, local clauses added, the council's own name put in for the original's, and a next
review date. The commands timed, in order:

    add --manifest          all N councils and the model's two versions, one command
    report matrix           first: computes every alignment the matrix needs
    report matrix           repeat: every alignment stored
    report reviews
    report divergence       one council against the model

Peak RSS is the command's own process (from wait4) and, for commands that start worker
processes, the largest sum over the process tree sampled every 0.2 s. The reports are written
with a fixed --as-of and their sha256 printed, so two runs (before and after a change) can be
checked for identical results.

    python benchmarks/scale_bench.py --councils 1000 [--db URL] [--jobs N] [--clausewise "CMD"]

`--clausewise` runs another build of clausewise (e.g. "python /tmp/before/launch.py"); by
default this checkout's (`python -m clausewise`). With --db a PostgreSQL URL, the benchmark works
in a schema of its own, dropped at the end.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
POLICY = "Councillor-Officer Protocol"
MODEL_COUNCIL = "Sandon and Burston Parish Council"
AS_OF = "2027-06-30"  # reports' date: about a third of the review dates below are overdue by then
SAMPLE_SECONDS = 0.2  # how often the process tree's memory is sampled
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Base:
    """A corpus text synthetic councils adapt, and the council name it gives itself."""

    file: str
    council: str
    weight: float  # how often it is chosen: most parishes adopt the model


BASES = (
    Base("sandon-burston-parish-council_model-councillor-officer-clerk-protocol_v3-2026.txt", MODEL_COUNCIL, 0.45),
    Base("sandon-burston-parish-council_model-councillor-officer-clerk-protocol_v4-2027.txt", MODEL_COUNCIL, 0.35),
    Base("spilsby-town-council_councillor-officer-protocol_2026.txt", "Spilsby Town Council", 0.1),
    Base("chard-town-council_member-officer-protocol_2015.txt", "Chard Town Council", 0.1),
)
MODELS = (("3", BASES[0].file), ("4", BASES[1].file))
PLACES = (
    "Ash Bark Beck Bram Brock Burn Cal Cold Crane Dun Elm Fen Ford Frog Hay Holm Kings Lang Lud Mars Mill "
    "Nor Oak Ox Ris Sal Stan Thorn Wal Wick"
).split()
ENDINGS = "by ford ham ley ton wick worth stead field bury thorpe well".split()
QUALIFIERS = ("", " Magna", " Parva", " St Mary", " Green", " on the Hill", " Marsh", " Cross")
KINDS = ("Parish Council", "Town Council")
WORDS = (
    "annual written local parish clerk committee register report panel monitoring agreed formal prompt advice "
    "notice record quarterly meeting standards training budget member public website confidential review "
    "deputy mayor complaint decision resident timely fair statutory"
).split()
MONTHS = "January February March April May June July August September October November December".split()


def council_names(count: int, rng: random.Random) -> list[str]:
    """`count` distinct invented council names ("Brockley Magna Parish Council"); past the
    5,760 combinations, wards of them ("Brockley Magna Ward 2 Parish Council")."""
    places = [
        (f"{place}{ending}{qualifier}", kind)
        for place in PLACES
        for ending in ENDINGS
        for qualifier in QUALIFIERS
        for kind in KINDS
    ]
    rng.shuffle(places)
    names = [f"{place} {kind}" for place, kind in places]
    ward = 1
    while len(names) < count:
        names += [f"{place} Ward {ward} {kind}" for place, kind in places[: count - len(names)]]
        ward += 1
    return names[:count]


def adapt(text: str, own_name: str, original: str, rng: random.Random) -> str:
    """A council's adaptation: lines deleted, words changed, local clauses added, its own name,
    and a next review date near the top (the first one a reader finds)."""
    lines = text.replace(original, own_name).split("\n")
    editable = [k for k, line in enumerate(lines) if len(line.split()) >= 10]
    rng.shuffle(editable)
    deleted = round(rng.uniform(0.0, 0.12) * len(editable))
    reworded = round(rng.uniform(0.0, 0.3) * len(editable))
    for k in editable[:deleted]:
        lines[k] = ""
    for k in editable[deleted : deleted + reworded]:
        words = lines[k].split(" ")
        for _ in range(rng.randint(1, 4)):
            words[rng.randrange(1, len(words))] = rng.choice(WORDS)
        lines[k] = " ".join(words)
    for _ in range(rng.randint(0, 3)):
        at = rng.choice(editable) if editable else len(lines) - 1
        local = f"The {own_name} {rng.choice(WORDS)} {' '.join(rng.sample(WORDS, 8))} will be kept by the clerk."
        lines[at] = f"{lines[at]}\n\n{local}"
    review = f"Next review: {rng.choice(MONTHS)} {rng.randint(2027, 2029)}"
    first = next((k for k, line in enumerate(lines) if line.strip()), 0)
    lines.insert(first + 1, f"\n{review}\n")
    return "\n".join(lines)


def build_corpus(folder: Path, councils: int, seed: int) -> tuple[Path, list[str]]:
    """The model's two versions and `councils` synthetic councils as text files, and a manifest."""
    rng = random.Random(seed)
    texts = {base.file: (CORPUS / base.file).read_text(encoding="utf-8") for base in BASES}
    entries = []
    for label, file in MODELS:
        (folder / file).write_text(texts[file], encoding="utf-8")
        entries.append(_entry(f"model-{label}", MODEL_COUNCIL, label, file, model=True))
    names = council_names(councils, rng)
    for n, name in enumerate(names):
        base = rng.choices(BASES, weights=[b.weight for b in BASES])[0]
        file = f"council-{n:05d}.txt"
        (folder / file).write_text(adapt(texts[base.file], name, base.council, rng), encoding="utf-8")
        entries.append(_entry(f"c{n}", name, str(rng.randint(2020, 2026)), file, kind=name.split()[-2].lower()))
    manifest = folder / "manifest.toml"
    manifest.write_text(f"policy = {json.dumps(POLICY)}\n\n" + "\n".join(entries), encoding="utf-8")
    return manifest, names


def _entry(key: str, council: str, version: str, file: str, *, model: bool = False, kind: str = "parish") -> str:
    lines = ["[[document]]", f"key = {json.dumps(key)}", f"council = {json.dumps(council)}"]
    lines += [f"kind = {json.dumps(kind)}", f"version = {json.dumps(version)}", f"text = {json.dumps(file)}"]
    return "\n".join([*lines, "model = true" if model else ""]) + "\n"


@dataclass(frozen=True)
class Run:
    name: str
    seconds: float
    own_rss_mb: float  # the command's own process
    tree_rss_mb: float  # the largest sum over it and its workers, as sampled
    status: int
    digest: str  # sha256 of what it wrote, to compare runs


def _tree_rss(root: int) -> int:
    """Resident bytes of `root` and its descendants now (from /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            statm = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(statm[1]) * PAGE
    total, frontier = 0, [root]
    while frontier:
        pid = frontier.pop()
        total += rss.get(pid, 0)
        frontier += [child for child, parent in parents.items() if parent == pid]
    return total


def run_command(name: str, clausewise: list[str], args: list[str], output: Path | None, log: Path) -> Run:
    """Run one clausewise command as its own process: wall time, peak RSS, what it wrote."""
    start = time.perf_counter()
    with log.open("ab") as sink:
        process = subprocess.Popen([*clausewise, *args], stdout=sink, stderr=sink, env=_env())
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(SAMPLE_SECONDS):
                peak[0] = max(peak[0], _tree_rss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
    seconds = time.perf_counter() - start
    digest = hashlib.sha256(output.read_bytes()).hexdigest()[:16] if output and output.exists() else "-"
    own = usage.ru_maxrss / 1024  # KiB on Linux
    return Run(name, seconds, own, max(peak[0] / 2**20, own), process.returncode, digest)


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "CLAUSEWISE_DB"}
    env["COLUMNS"] = "200"
    return env


@contextmanager
def database(url: str | None, folder: Path) -> Iterator[str]:
    """A fresh SQLite file, or a schema of its own on the PostgreSQL server `url` names."""
    if url is None:
        yield str(folder / "scale.db")
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.schema import CreateSchema, DropSchema

    schema = f"scale_{uuid.uuid4().hex[:12]}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(CreateSchema(schema))
    try:
        yield (
            make_url(url)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with engine.begin() as connection:
            connection.execute(DropSchema(schema, cascade=True))
        engine.dispose()


def commands(
    manifest: Path, folder: Path, divergence: str, jobs: int | None
) -> list[tuple[str, list[str], Path | None]]:
    """(name, arguments, file written) of each command timed, in order."""
    as_of = ["--as-of", AS_OF]
    parallel = ["--jobs", str(jobs)] if jobs else []
    matrix = ["report", "matrix", *as_of, *parallel, "-o"]
    return [
        # --force: a synthetic council may keep the model's "adopted May 2027", after today's date
        ("add --manifest", ["add", "--manifest", str(manifest), "--force"], None),
        ("report matrix (first)", [*matrix, str(folder / "m1.csv")], folder / "m1.csv"),
        ("report matrix (repeat)", [*matrix, str(folder / "m2.csv")], folder / "m2.csv"),
        ("report reviews", ["report", "reviews", *as_of, "-o", str(folder / "reviews.csv")], folder / "reviews.csv"),
        ("report divergence", ["report", "divergence", divergence, *as_of, "-o", str(folder / "d.json")],
         folder / "d.json"),
    ]  # fmt: skip


def reuse(source: Path, db: Path, *, clear: bool) -> None:
    """Start from an earlier run's database instead of adding the corpus again."""
    shutil.copy(source, db)
    if clear:
        connection = sqlite3.connect(db)
        with connection:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("DELETE FROM alignment_run")
        connection.close()
    print(f"reused {source}{' without its alignments' if clear else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=100)
    parser.add_argument("--db", metavar="URL", help="a PostgreSQL URL (default: a fresh SQLite file)")
    parser.add_argument("--jobs", type=int, help="pass --jobs N to report matrix (a build that has it)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--clausewise", default=f"{shlex.quote(sys.executable)} -m clausewise")
    parser.add_argument("--keep", type=Path, help="keep the corpus, database and reports in this folder")
    parser.add_argument(
        "--reuse",
        type=Path,
        help="a SQLite database of an earlier run with the same --councils and --seed: copied, and add is not run",
    )
    parser.add_argument(
        "--clear-runs",
        action="store_true",
        help="with --reuse: delete every stored alignment first, so the first matrix aligns them all",
    )
    args = parser.parse_args()
    clausewise = shlex.split(args.clausewise)
    with tempfile.TemporaryDirectory(prefix="scale_bench_") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        made = time.perf_counter()
        manifest, names = build_corpus(folder, args.councils, args.seed)
        print(f"{args.councils} councils written in {time.perf_counter() - made:.1f} s; load {os.getloadavg()[0]:.1f}")
        print(f"{'command':24} {'seconds':>9} {'own MB':>8} {'tree MB':>8} {'exit':>4}  sha256")
        with database(args.db, folder) as db:
            timed = commands(manifest, folder, names[len(names) // 2], args.jobs)
            if args.reuse:
                reuse(args.reuse, Path(db), clear=args.clear_runs)
                timed = timed[1:]
            for name, arguments, output in timed:
                run = run_command(name, clausewise, [*arguments, "--db", db], output, folder / "log.txt")
                print(
                    f"{run.name:24} {run.seconds:9.1f} {run.own_rss_mb:8.0f} {run.tree_rss_mb:8.0f} "
                    f"{run.status:4}  {run.digest}",
                    flush=True,
                )
        print(f"load average after: {os.getloadavg()[0]:.1f}")
        if any(line for line in (folder / "log.txt").read_text().splitlines() if "error" in line):
            print((folder / "log.txt").read_text()[-2000:])


if __name__ == "__main__":
    main()
