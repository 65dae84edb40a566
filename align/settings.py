"""The aligner's whole configuration: one frozen settings object, in the manner of pdfplumber's
`TableSettings`. Callers override a field by keyword (`AlignSettings(semantic="none")`,
`replace(DEFAULT_SETTINGS, threshold=60)`); nothing else in `align/` holds a tuning constant.

`AlignSettings.key` names an alignment's method exactly: a hash of every setting and of the
aligner's own code. A stored alignment run is reused only under the same key, so a change to a
weight, a threshold or the algorithm itself is never served a run made the old way.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import cache, cached_property
from pathlib import Path

ALGORITHM = "clausewise-align"
AUTO = "auto"  # `semantic` and `embedder`: what is installed decides (`embeddings.resolved`)


@dataclass(frozen=True)
class Blend:
    """How one `--semantic` choice combines the registered scorers: (scorer name, weight)s.

    The blend never lowers a clear lexical match (see `align.combined_scores`), so semantic
    scorers only add reworded matches.
    """

    name: str
    weights: tuple[tuple[str, float], ...]
    description: str = ""

    @property
    def embeds(self) -> bool:
        """Whether the blend weights the sentence-embedding scorer (and so needs an embedder)."""
        return any(scorer == "embedding" for scorer, _ in self.weights)


BLENDS: tuple[Blend, ...] = (
    Blend("none", (("lexical", 1.0),), "lexical only"),
    Blend("spacy", (("lexical", 0.5), ("lemma", 0.5)), "lexical and spaCy lemmas of content words (offline)"),
    Blend(
        "embeddings",
        (("lexical", 0.4), ("lemma", 0.2), ("embedding", 0.4)),
        "lexical, lemmas and all-MiniLM-L6-v2 sentence embeddings (extra 'semantic')",
    ),
)


@dataclass(frozen=True)
class AlignSettings:
    """Scores are 0–100 (a blend of the scorers); shares are 0–1."""

    semantic: str = AUTO  # the name of one of `blends`; "auto": embeddings where installed, else spacy
    embedder: str = AUTO  # for a blend that embeds: a registered embedder, or the first installed
    blends: tuple[Blend, ...] = BLENDS
    # Scoring
    scored_chars: int = 4000  # a longer clause is scored on its start and end; identity uses all of it
    neighbour_bonus: float = 6.0  # added at most when the pairs before and after also match
    heading_bonus: float = 4.0  # added at most when the clauses' headings match
    sentence_words: int = 5  # a sentence this long or longer carries evidence of its own
    sentence_coverage: float = 0.5  # how much less one sentence counts when it is little of its clause
    sentence_clear: float = 70.0  # a sentence pair this close is evidence of one provision (weighed)
    overview_factor: float = 0.75  # how an overview item's score counts with a clause that is not one
    twin: float = 90.0  # lexical score at which two clauses of one document are near-copies
    # Linking
    threshold: float = 58.0  # below this, two clauses are different clauses
    anchor: float = 80.0  # at or above this, a pair in document order fixes the position of its neighbours
    between_anchors: float = 55.0  # threshold for a pair whose position the anchors around it support
    # Splits and merges
    contained: float = 82.0  # partial ratio for a clause to count as a piece of a longer one
    verbatim: float = 97.0  # partial ratio for a clause to be, word for word, a piece of a longer one
    clearly_better: float = 10.0  # how much closer a word-for-word home must be than a clause's partner
    min_piece_words: int = 5  # a shorter clause is too generic to place by containment
    min_shared_words: float = 0.7  # share of a piece's distinct words its container must also have
    made_of: float = 0.8  # share of a clause that verbatim pieces of others must cover to be their merge
    room: float = 1.2  # a container is at least this many times as long as a piece it holds
    room_share: float = 0.8  # and at least this share of the piece and what it already matches
    piece: float = 50.0  # least score for a leftover clause to be tried as a piece of a split or merge
    union_gain: float = 5.0  # how much better the pieces together must match than the link without it
    union_tie: float = 1.0  # pieces whose gains differ by no more than this add as much as each other
    join_margin: float = 10.0  # how much better a leftover must carry a sentence than that sentence's link does
    # Possible matches of a clause in no link (`align.possible`)
    possible: float = 50.0  # least score for a clause no link explains to be a possible match
    possible_linked: float = 60.0  # least score for a clause already in a modified link
    possible_spread: float = 10.0  # how far below the best a further possible match may score
    possible_max: int = 2  # at most this many possible matches for one clause

    def __post_init__(self) -> None:
        names = [AUTO, *(blend.name for blend in self.blends)]
        if self.semantic not in names:
            raise ValueError(f"semantic {self.semantic!r} is not one of {', '.join(names)}")

    @property
    def blend(self) -> Blend:
        """The blend that scores; "auto" must be resolved first (`embeddings.resolved`)."""
        return self.blend_named(self.semantic)

    def blend_named(self, name: str) -> Blend:
        found = next((blend for blend in self.blends if blend.name == name), None)
        if found is None:
            raise ValueError(f"semantic {name!r} names no blend: resolve 'auto' with align.embeddings.resolved")
        return found

    @cached_property
    def key(self) -> str:
        """`clausewise-align/<hash>`: these settings and the aligner's code, hashed."""
        payload = json.dumps(asdict(self), sort_keys=True) + code_fingerprint()
        return f"{ALGORITHM}/{hashlib.sha256(payload.encode()).hexdigest()[:16]}"


DEFAULT_SETTINGS = AlignSettings()
SEMANTIC_CHOICES: tuple[str, ...] = (AUTO, *(blend.name for blend in BLENDS))


@cache
def code_fingerprint() -> str:
    """A hash of the aligner's source files, so a new algorithm never reuses an old run."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
