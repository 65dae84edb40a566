"""merge3 against a standard three-way merge: `git merge-file` on the texts written one word a line.

For clause triples made from the corpus (random model edits and random council edits to each
clause, seeded) and for a hand-written set of realistic triples, both merges say clean or
conflict; this prints how often they agree, each kind of disagreement with examples, how often
the merged texts agree where both are clean, and merge3's speed.

    python benchmarks/merge_crosscheck.py [--trials 2000] [--seed 14] [--edits 3] [--examples 2]

Kinds of disagreement, each told by a test that does not use merge3's own diff:
- punctuation: a word and the punctuation after it are one line for git ("Clerk." ->
  "Clerk or the Chair."), two tokens for merge3, so a change to the word and text added before
  the full stop touch different tokens; git merges it with one token a line;
- adjacent: edits to neighbouring words, which git never merges (changes that touch conflict)
  and merge3 does by design; difflib's diffs of each side against base (tokens, a different
  diff engine) change no token in common and insert at no common point;
- whitespace: one word a line drops spacing, which merge3 keeps and merges; merge3 merges it
  once spacing is normalised;
- anything else is printed as "other" for a person to explain.
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import product
from pathlib import Path

from clausewise.align.diff import _TOKEN
from clausewise.align.merge import merge3
from clausewise.ingest import read

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
TARGET = 0.95  # issue 14: agreement with a standard three-way merge on the corpus
MIN_WORDS, MAX_WORDS = 5, 80  # clauses long enough to edit twice, short enough to print

# Edits a model revision or a council makes, as (weight, name); applied to whitespace chunks.
EDIT_WEIGHTS = (
    (30, "replace"),
    (25, "insert"),
    (15, "delete"),
    (10, "case"),
    (5, "punctuation"),
    (15, "terminology"),
)
TERMS = {
    "Officer/Clerks": "Officers",
    "Officer/Clerk": "Clerk",
    "councillors": "Councillors",
    "council": "Council",
    "should": "must",
    "Chair": "Chairman",
    "Members": "Councillors",
}

# Realistic triples written by hand: (base, local = the council's, new = the model's, what happens).
HAND_WRITTEN = (
    (
        "take up the concern with the chair",
        "take up the concern with the Chair",
        "take up the concern with the chair in writing",
        "council capitalises a word, model adds words right after it",
    ),
    (
        "Councillors should not give instructions to any member of staff.",
        "Councillors must not give instructions to any member of staff.",
        "Councillors should not give instructions to any member of staff or contractor.",
        "edits far apart",
    ),
    (
        "Councillors should not give instructions to any member of staff.",
        "Councillors must not give instructions to any member of staff.",
        "Councillors shall not give instructions to any member of staff.",
        "the same word changed differently",
    ),
    (
        "Councillors should not give instructions to any member of staff.",
        "Councillors must not give instructions to any member of staff.",
        "Councillors must not give instructions to any member of staff.",
        "the same change on both sides",
    ),
    (
        "Officer/Clerks are responsible to the council.",
        "Officers are responsible to the Council.",
        "Officer/Clerks are responsible to the council as a whole.",
        "council's terminology, model extends the sentence before its full stop",
    ),
    (
        "Councillors have four main areas of responsibility:",
        "Councillors have five main areas of responsibility:",
        "Councillors have four principal areas of responsibility:",
        "neighbouring words changed by each side",
    ),
    (
        "The Clerk will acknowledge correspondence within five working days.",
        "The Clerk will acknowledge correspondence within 5 working days.",
        "The Clerk will acknowledge correspondence within ten working days.",
        "the same word changed differently",
    ),
    (
        "to treat them fairly and with respect, dignity and courtesy",
        "to treat them fairly and with respect, dignity and courtesy at all times",
        "to treat them fairly and with respect, dignity, courtesy and patience",
        "both add at the end of a list item; the model's rewrite diffs as 'courtesy' -> 'patience'",
    ),
    (
        "The Officer/Clerk will advise the council. The Officer/Clerk will not act for one councillor.",
        "The Clerk will advise the council. The Clerk will not act for one councillor.",
        "The Officer/Clerk will advise the council. The Officer/Clerk will not act for one councillor. "
        "Advice will be given in writing where asked.",
        "terminology in two places, model adds a sentence",
    ),
    (
        "The Officer/Clerk will advise the council. The Officer/Clerk will not act for one councillor.",
        "The Officer/Clerk will advise the council.",
        "The Officer/Clerk will advise the council. The Officer/Clerk will not act for any one councillor.",
        "council deleted a sentence the model edited",
    ),
    (
        "Councillors should not involve themselves in the day to day running of the council.",
        "Councillors should not involve themselves in the day-to-day running of the council.",
        "Councillors should not involve themselves in the day to day running of the parish council.",
        "hyphenation by the council, a word added by the model",
    ),
    (
        "Complaints about an officer should be made to the Clerk.",
        "Complaints about an officer should be made to the Clerk in writing.",
        "Complaints about an officer should be made to the Clerk or the Chair.",
        "both sides add at the same point",
    ),
    (
        "Complaints about an officer should be made to the Clerk.",
        "Complaints  about an officer should be made to the Clerk.",
        "Complaints about an officer must be made to the Clerk.",
        "council's spacing, model's word",
    ),
    (
        "Complaints about the Clerk should be made to the Chair.",
        "Complaints about the Clerk should be made to the Chairman.",
        "Complaints about the Clerk should be made to the chair.",
        "the same word changed differently (case)",
    ),
    (
        "Officers will respond to councillors' enquiries promptly and courteously.",
        "Officers will respond to councillors' enquiries promptly.",
        "Officers will respond to all councillors' enquiries promptly and courteously.",
        "council deletes words, model inserts elsewhere",
    ),
    (
        "Officers will respond to councillors' enquiries promptly and courteously.",
        "Officers will respond to councillors' enquiries promptly.",
        "Officers will respond to councillors' enquiries promptly, courteously and fairly.",
        "council deletes words the model rewrote",
    ),
    (
        "Councillors must respect the impartiality of officers.",
        "All councillors must respect the impartiality of officers.",
        "Councillors must always respect the political impartiality of officers.",
        "three insertions at three points",
    ),
    (
        "Councillors must respect the impartiality of officers.",
        "Councillors must respect the impartiality of officers and staff.",
        "Councillors must respect the impartiality of officers at all times.",
        "both sides add at the end",
    ),
    (
        "The protocol will be reviewed every two years.",
        "The protocol will be reviewed every year.",
        "The protocol will be reviewed by the council every two years.",
        "council deletes a word next to the model's insertion",
    ),
    (
        "The protocol will be reviewed every two years.",
        "This protocol will be reviewed every two years.",
        "The protocol will be reviewed every three years.",
        "first word and a late word",
    ),
    (
        "Where a councillor is dissatisfied, they should raise the matter with the Clerk.",
        "Where a councillor is dissatisfied they should raise the matter with the Clerk.",
        "Where a councillor is dissatisfied, they should first raise the matter with the Clerk.",
        "council drops a comma, model adds a word two words later",
    ),
    (
        "Where a councillor is dissatisfied, they should raise the matter with the Clerk.",
        "Where a councillor is dissatisfied, they should raise the matter with the Proper Officer.",
        "Where a councillor is unhappy, they should raise the matter with the Clerk.",
        "edits far apart",
    ),
)


@dataclass(frozen=True)
class Triple:
    base: str
    local: str
    new: str
    source: str  # "random" or the hand-written note


# --- making triples ----------------------------------------------------------------------------


def corpus_clauses() -> list[str]:
    texts = (clause.text for path in sorted(CORPUS.glob("*.txt")) for clause in read(path).content)
    return [t for t in texts if MIN_WORDS <= len(t.split()) <= MAX_WORDS]


def edited(text: str, rng: random.Random, vocabulary: list[str], count: int) -> str:
    """The text with `count` random word edits, each chosen by EDIT_WEIGHTS."""
    chunks = [[m.group(1), m.group(2)] for m in re.finditer(r"(\S+)(\s*)", text)]
    weights, names = zip(*EDIT_WEIGHTS, strict=True)
    for _ in range(count):
        if not chunks:
            break
        at = rng.randrange(len(chunks))
        word, space = chunks[at]
        kind = rng.choices(names, weights)[0]
        if kind == "replace":
            chunks[at] = [rng.choice(vocabulary), space]
        elif kind == "insert":
            phrase = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 3)))
            chunks.insert(at, [phrase, " "])
        elif kind == "delete":
            del chunks[at : at + rng.randint(1, 2)]
        elif kind == "case":
            chunks[at] = [word[:1].swapcase() + word[1:], space]
        elif kind == "punctuation":
            chunks[at] = [word.rstrip(".,;:") + rng.choice(",;."), space]
        else:
            term = next((t for t in TERMS if t in word), None)
            chunks[at] = [word.replace(term, TERMS[term]) if term else rng.choice(vocabulary), space]
    return "".join(word + space for word, space in chunks).rstrip()


def random_triples(trials: int, seed: int, most_edits: int) -> list[Triple]:
    rng = random.Random(seed)
    clauses = corpus_clauses()
    vocabulary = sorted({w for text in clauses for w in re.findall(r"[A-Za-z]{3,}", text)})
    triples = []
    for _ in range(trials):
        base = rng.choice(clauses)
        local = edited(base, rng, vocabulary, rng.randint(1, most_edits))
        new = edited(base, rng, vocabulary, rng.randint(1, most_edits))
        triples.append(Triple(base, local, new, "random"))
    return triples


# --- git merge-file -------------------------------------------------------------------------------


def words_per_line(text: str) -> str:
    """One word a line, as the issue asks: a word is what whitespace separates."""
    return "".join(f"{word}\n" for word in text.split())


def tokens_per_line(text: str) -> str:
    """One word or punctuation mark a line (diff.py's tokens, whitespace dropped)."""
    return "".join(f"{token}\n" for token in tokens(text))


def tokens(text: str) -> list[str]:
    return [token for token in _TOKEN.findall(text) if not token.isspace()]


def touching_only(triple: Triple) -> bool:
    """Whether difflib's token diffs of the two sides change no base token in common and insert
    at no common point (nor one side inside the other's change): their edits at most touch."""
    base = tokens(triple.base)
    changes = []
    for side in (triple.local, triple.new):
        opcodes = SequenceMatcher(None, base, tokens(side), autojunk=False).get_opcodes()
        changes.append([(i1, i2) for tag, i1, i2, _, _ in opcodes if tag != "equal"])
    for (a1, a2), (b1, b2) in product(*changes):
        if a1 == a2 == b1 == b2 or (a1 < b2 and b1 < a2) or a1 < b1 < a2 or b1 < a1 < b2:
            return False
    return True


def git_merge(triple: Triple, lines: Callable[[str], str], folder: Path) -> tuple[bool, str]:
    """Whether `git merge-file` merges the three texts cleanly, and its merged words."""
    paths = []
    for name, text in (("local", triple.local), ("base", triple.base), ("new", triple.new)):
        path = folder / name
        path.write_text(lines(text), encoding="utf-8")
        paths.append(str(path))
    result = subprocess.run(["git", "merge-file", "-p", *paths], capture_output=True, text=True, check=False)
    if result.returncode < 0:
        raise RuntimeError(f"git merge-file failed: {result.stderr.strip()}")
    return result.returncode == 0, " ".join(result.stdout.split())


def disagreement(triple: Triple, git_clean: bool, folder: Path) -> str:
    """Why git and merge3 disagree about this triple (see the module docstring)."""
    if not git_clean:  # merge3 merged it
        if git_merge(triple, tokens_per_line, folder)[0]:
            return "git conflict, merge3 clean: punctuation attached to a word"
        if touching_only(triple):
            return "git conflict, merge3 clean: adjacent edits"
        return "git conflict, merge3 clean: other"
    spaced = [" ".join(text.split()) for text in (triple.base, triple.local, triple.new)]
    if merge3(*spaced).clean:
        return "git clean, merge3 conflict: whitespace git does not see"
    return "git clean, merge3 conflict: other"


# --- running ---------------------------------------------------------------------------------------


def merges_per_second(triples: list[Triple], repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for t in triples:
            merge3(t.base, t.local, t.new)
        best = min(best, time.perf_counter() - started)
    return len(triples) / best


def crosscheck(triples: Iterable[Triple], examples: int) -> tuple[Counter[str], dict[str, list[Triple]], float]:
    """Counts, examples of each kind of disagreement, and git merge-file's speed (triples a second)."""
    counts: Counter[str] = Counter()
    shown: dict[str, list[Triple]] = {}
    git_seconds = 0.0
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for triple in triples:
            merged = merge3(triple.base, triple.local, triple.new)
            started = time.perf_counter()
            git_clean, git_words = git_merge(triple, words_per_line, folder)
            git_seconds += time.perf_counter() - started
            counts["triples"] += 1
            counts["merge3 clean"] += merged.clean
            counts["git clean"] += git_clean
            if git_clean == merged.clean:
                counts["agree"] += 1
                if merged.clean:
                    counts["both clean"] += 1
                    counts["same merged words"] += git_words == " ".join((merged.text or "").split())
                continue
            kind = disagreement(triple, git_clean, folder)
            counts[kind] += 1
            shown.setdefault(kind, [])
            if len(shown[kind]) < examples:
                shown[kind].append(triple)
    return counts, shown, counts["triples"] / git_seconds


def report(title: str, counts: Counter[str], shown: dict[str, list[Triple]]) -> None:
    total = counts["triples"]
    print(f"\n{title}: {total} triples")
    print(f"  merge3 clean {counts['merge3 clean']}, git merge-file clean {counts['git clean']}")
    print(f"  agreement (clean/conflict): {counts['agree']}/{total} = {counts['agree'] / total:.3f} (target {TARGET})")
    explained = counts["agree"] + sum(n for kind, n in counts.items() if ":" in kind and not kind.endswith("other"))
    print(f"  agreement counting the explained kinds below as agreeing: {explained}/{total} = {explained / total:.3f}")
    if counts["both clean"]:
        same = counts["same merged words"]
        print(f"  both clean with the same merged words: {same}/{counts['both clean']}")
    for kind in sorted(shown):
        print(f"  {kind}: {counts[kind]}")
        for t in shown[kind]:
            note = "" if t.source == "random" else f"  ({t.source})"
            print(f"      base:  {t.base!r}{note}\n      local: {t.local!r}\n      new:   {t.new!r}")
            merged = merge3(t.base, t.local, t.new)
            outcome = repr(merged.text) if merged.clean else f"conflicts {[(c.local, c.new) for c in merged.conflicts]}"
            print(f"      merge3: {outcome}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--edits", type=int, default=3, help="most random word edits on each side (at least 1)")
    parser.add_argument("--examples", type=int, default=2, help="examples printed per kind of disagreement")
    args = parser.parse_args()
    randoms = random_triples(args.trials, args.seed, args.edits)
    hand = [Triple(base, local, new, note) for base, local, new, note in HAND_WRITTEN]
    counts, shown, git_rate = crosscheck(randoms, args.examples)
    report(f"Random corpus triples (seed {args.seed}, 1 to {args.edits} edits a side)", counts, shown)
    hand_counts, hand_shown, _ = crosscheck(hand, len(hand))
    report("Hand-written triples", hand_counts, hand_shown)
    rate = merges_per_second(randoms + hand)
    print(f"\nSpeed: merge3 {rate:,.0f} triples/s; git merge-file (a process each) {git_rate:,.0f} triples/s")
    print(f"       ratio {rate / git_rate:.0f}x (the baseline is dominated by starting git)")


if __name__ == "__main__":
    main()
