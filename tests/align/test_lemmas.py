"""The lemma blend's lemmas (align/lemmas.py, spaCy's tables without spaCy) are spaCy's.

The reference is what the blend used before: a blank English spaCy pipeline with the lookup
lemmatizer (spacy and spacy-lookups-data are in the dev extra, as the table's source). Checked on
every clause and every line of the corpus, the shared corpus, the gold alignment texts and the
text fixtures, and on random text built to hit the tokenizer's corners (hyphens, apostrophes,
slashes, brackets, URLs, e-mail addresses, numbers, abbreviations).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clausewise.align import lemmas
from clausewise.ingest import read

ROOT = Path(__file__).parents[2]
SHARED = ROOT.parent / "shared"


@cache
def _spacy() -> Any:
    spacy = pytest.importorskip("spacy")
    pytest.importorskip("spacy_lookups_data")
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def _theirs(texts: list[str]) -> list[list[str]]:
    return [
        [t.lemma_ or t.text for t in doc if t.is_alpha and not t.is_stop and len(t.text) > 1]
        for doc in _spacy().pipe(texts)
    ]


def _texts() -> Iterator[str]:
    folders = [ROOT / "corpus", SHARED / "corpus", ROOT / "tests" / "data"]
    for folder in folders:
        for path in sorted(folder.rglob("*.txt")):
            if "expected" in path.name or path.stat().st_size > 500_000:
                continue
            text = path.read_bytes().decode("utf-8", errors="replace")
            yield from (line for line in text.splitlines() if line.strip())
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        yield from (c.text for c in read(path).clauses)
    for path in sorted((SHARED / "eval" / "gold").rglob("*")) if (SHARED / "eval" / "gold").exists() else []:
        if path.is_file() and path.suffix in (".json", ".jsonl", ".csv", ".tsv", ".txt"):
            yield from (line for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def test_the_same_lemmas_as_spacy_on_every_corpus_text() -> None:
    texts = list(dict.fromkeys(t.casefold() for t in _texts()))
    assert len(texts) > 2000
    ours = [lemmas.content_lemmas(t) for t in texts]
    differ = [(t, a, b) for t, a, b in zip(texts, ours, _theirs(texts), strict=True) if a != b]
    assert not differ, differ[:5]


def test_the_same_tokens_as_spacy_where_words_are_hard() -> None:
    hard = (
        "Councillor-Officer relations (see 4.1(a)) aren't the Clerk's; e.g. don't e-mail "
        "townclerk@spilsbytowncouncil.gov.uk or visit https://www.example.org/policy?id=3 — "
        "£1,000.00 at 9.30a.m. on 1st April; non-statutory/advisory 'quoted' “curly” o'clock etc."
    )
    assert lemmas.tokens(hard) == [t.text for t in _spacy()(hard) if not t.is_space]


WORDS = st.sampled_from(
    ["officer", "councillor's", "non-statutory", "e.g.", "can't", "clerk/officer", "(a)", "4.1",
     "www.example.org", "a@b.com", "mr.", "u.k.", "1st", "£5", "co-operate", "'s", "—", "...", "Officers'",
     "re-elected", "covid19", "n't", "etc.", "i.e.", "x", "and/or", "well-being;", "\"quoted\""]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(alphabet="ab-'./()1,;:&", min_size=1, max_size=8)), max_size=12))
def test_random_text_gives_spacys_lemmas(words: list[str]) -> None:
    """The lemmas, and the words they come from, are spaCy's. (Punctuation-only tokens may
    differ: spaCy's special-case matcher breaks ties between overlapping emoticons such as
    ":)" and "):" in ways its own `explain` does not reproduce; no lemma depends on them.)"""
    text = " ".join(words).casefold()
    assert lemmas.content_lemmas(text) == _theirs([text])[0]
    words_of = [t.text for t in _spacy()(text) if any(ch.isalpha() for ch in t.text)]
    assert [t for t in lemmas.tokens(text) if any(ch.isalpha() for ch in t)] == words_of
