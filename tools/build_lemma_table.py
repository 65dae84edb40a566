"""Write align/data/lemmas-en.json.gz: what the "spacy" blend needs from spaCy, as data.

    python tools/build_lemma_table.py

The lemma blend used a blank English spaCy pipeline with the lookup lemmatizer, which costs
seconds of start-up per process (importing spaCy, building the pipeline, loading the lookups).
Its behaviour is all data: the English tokenizer's prefix, suffix and infix patterns, URL
pattern and special cases, the stop words, and spacy-lookups-data's `lemma_lookup` table. This
script exports them once; `align/lemmas.py` runs spaCy's own tokenizer algorithm (its
pure-Python `Tokenizer.explain`) over them. tests/align/test_lemmas.py checks that both give the
same lemmas on every corpus text.

Needs the dev extra (spacy, spacy-lookups-data). The lookup table is from spacy-lookups-data
(from WordNet 3.0, under its licence, whose text is copied into the file; see align/data/NOTICE).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import spacy
import spacy_lookups_data
from spacy.attrs import ORTH

OUT = Path(__file__).resolve().parents[1] / "align" / "data" / "lemmas-en.json.gz"


def main() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    tokenizer = nlp.tokenizer
    lookups = nlp.get_pipe("lemmatizer").lookups
    data_dir = Path(spacy_lookups_data.__file__).parent / "data"
    table = {
        "spacy": spacy.__version__,
        "notice": (data_dir / "en_license.txt").read_text(encoding="utf-8"),
        "prefix": tokenizer.prefix_search.__self__.pattern,
        "suffix": tokenizer.suffix_search.__self__.pattern,
        "infix": tokenizer.infix_finditer.__self__.pattern,
        "token_match": tokenizer.token_match.__self__.pattern if tokenizer.token_match else None,
        "url_match": tokenizer.url_match.__self__.pattern if tokenizer.url_match else None,
        "special": {orth: [piece[ORTH] for piece in pieces] for orth, pieces in sorted(tokenizer.rules.items())},
        "stop": sorted(nlp.Defaults.stop_words),
        # The table spaCy loaded, by its strings (spaCy's own Table is keyed by hashes).
        "lemma": _lemma_table(data_dir, lookups.get_table("lemma_lookup")),
    }
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as out:
        json.dump(table, out, ensure_ascii=False, separators=(",", ":"))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KB, {len(table['lemma'])} lemmas)")


def _lemma_table(data_dir: Path, loaded: Any) -> dict[str, str]:
    with gzip.open(data_dir / "en_lemma_lookup.json.gz", "rt", encoding="utf-8") as source:
        table: dict[str, str] = json.load(source)
    assert len(table) == len(loaded) and all(loaded.get(word) == lemma for word, lemma in table.items())
    return dict(sorted(table.items()))


if __name__ == "__main__":
    main()
