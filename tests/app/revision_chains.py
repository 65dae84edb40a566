"""Synthetic revision chains with known lineage, from the real model text.

The model's v1 is the shipped model protocol; each later model version is the one before with
an annual review's seeded edits (paragraphs reworded, one added, one deleted). A council's text
is one model version with its own seeded edits, heavier or lighter, so which model version it
follows is known. Used by tests/app/test_lineage.py and benchmarks/lineage_eval.py.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import corpus_path

# Words an edit puts in: ordinary policy words, so an edited paragraph still reads as policy
# and the aligner sees a reworded clause rather than noise.
WORDS = (
    "annual written local parish clerk committee register report panel monitoring officer agreed formal "
    "prompt advice notice record quarterly meeting standards training budget member public website "
    "confidential review deputy mayor complaint decision resident timely fair budgetary statutory"
).split()
NEW_CLAUSE = "The {0} will keep a {1} {2} of {3} and present it to the {4} {5}."
EDITABLE_WORDS = 10  # a line this long or longer is a clause an edit may touch (short ones are headings)


@dataclass(frozen=True)
class Revision:
    """How much one round of edits changes: shares of the editable lines."""

    reworded: float
    deleted: float
    added: int  # new clauses


ANNUAL_REVIEW = Revision(reworded=0.08, deleted=0.01, added=1)  # the model's own revisions


def model_text() -> str:
    return corpus_path("sandon-burston", "txt").read_text(encoding="utf-8")


def _reword(line: str, rng: random.Random) -> str:
    """A substantive edit: a run of 3–6 words replaced by other words (a bullet keeps its dash)."""
    bullet = "- " if line.startswith("- ") else ""
    words = line.removeprefix(bullet).split()
    size = min(rng.randint(3, 6), len(words) - 2)
    start = rng.randrange(1, len(words) - size)
    words[start : start + size] = rng.sample(WORDS, size)
    return bullet + " ".join(words)


def _new_clause(rng: random.Random) -> str:
    return NEW_CLAUSE.format(*rng.sample(WORDS, 6)).capitalize()


def revise(text: str, revision: Revision, rng: random.Random) -> str:
    """`text` with seeded edits: some editable lines reworded, some deleted, new clauses added."""
    lines = text.split("\n")
    editable = [k for k, line in enumerate(lines) if len(line.split()) >= EDITABLE_WORDS]
    rng.shuffle(editable)
    reworded = round(revision.reworded * len(editable))
    deleted = round(revision.deleted * len(editable))
    for k in editable[:reworded]:
        lines[k] = _reword(lines[k], rng)
    for k in editable[reworded : reworded + deleted]:
        lines[k] = ""
    for _ in range(revision.added):
        at = rng.choice(editable)
        lines[at] = f"{lines[at]}\n\n{_new_clause(rng)}"
    return "\n".join(lines)


def model_chain(versions: int, seed: int) -> list[str]:
    """v1 (the shipped model) and each later version revised from the one before it."""
    rng = random.Random(seed)
    chain = [model_text()]
    while len(chain) < versions:
        chain.append(revise(chain[-1], ANNUAL_REVIEW, rng))
    return chain


@dataclass(frozen=True)
class SyntheticCouncil:
    name: str
    follows: int  # the model version (1, 2, ...) its text was adapted from
    edits: float  # the share of the model's editable lines it reworded
    text: str


def councils(chain: list[str], intensities: tuple[float, ...], seeds: int, seed: int) -> list[SyntheticCouncil]:
    """For each model version, intensity and seed, a council that adapted that version."""
    rng = random.Random(seed)
    made = []
    for follows, model in enumerate(chain, 1):
        for edits in intensities:
            for n in range(seeds):
                own = Revision(reworded=edits, deleted=edits / 4, added=2 + n)
                name = f"Council v{follows} e{round(edits * 100)} s{n}"
                made.append(SyntheticCouncil(name, follows, edits, revise(model, own, rng)))
    return made


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name.lower().replace(' ', '-')}.txt"
    path.write_text(text, encoding="utf-8")
    return path
