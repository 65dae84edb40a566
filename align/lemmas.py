"""Content-word lemmas as spaCy's blank English pipeline with the lookup lemmatizer gives them,
without spaCy at run time.

Building that pipeline cost about three seconds of every process's start-up, and all it does
is data: split on whitespace, peel prefixes and suffixes, split infixes and special cases
("can't" -> "ca", "n't"), keep URLs whole, then look each token up in spacy-lookups-data's
lemma table. tools/build_lemma_table.py exports that data to data/lemmas-en.json.gz (206 KB,
loaded in tens of milliseconds when the first lemma is wanted), and `tokens` below is spaCy's
own algorithm (`Tokenizer.explain`, its pure-Python mirror of the tokenizer) over it.
tests/align/test_lemmas.py checks the lemmas against spaCy's on every corpus text.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

TABLE = Path(__file__).parent / "data" / "lemmas-en.json.gz"
_NEVER = re.compile("a^")  # spaCy's stand-in for a pattern a language does not have


@dataclass(frozen=True)
class _Tokenizer:
    prefix: Callable[[str], re.Match[str] | None]
    suffix: Callable[[str], re.Match[str] | None]
    infixes: Callable[[str], Iterator[re.Match[str]]]
    token_match: Callable[[str], re.Match[str] | None]
    url_match: Callable[[str], re.Match[str] | None]
    special: dict[str, list[str]]
    # Special cases with punctuation in them ("1:)" -> "1", ":)"), keyed by how the affix rules
    # alone split them: spaCy's special-case matcher re-joins such runs after splitting.
    rejoined: dict[tuple[str, ...], list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class LemmaTable:
    tokenizer: _Tokenizer
    stop: frozenset[str]
    lemma: dict[str, str]


@cache
def table() -> LemmaTable:
    with gzip.open(TABLE, "rt", encoding="utf-8") as source:
        data: dict[str, Any] = json.load(source)

    def compiled(key: str) -> re.Pattern[str]:
        return re.compile(data[key]) if data[key] else _NEVER

    tokenizer = _Tokenizer(
        prefix=compiled("prefix").search,
        suffix=compiled("suffix").search,
        infixes=compiled("infix").finditer,
        token_match=compiled("token_match").match,
        url_match=compiled("url_match").match,
        special=data["special"],
    )
    return LemmaTable(_with_rejoined(tokenizer), frozenset(data["stop"]), data["lemma"])


def _with_rejoined(t: _Tokenizer) -> _Tokenizer:
    """`Tokenizer.add_special_case`: a special case the affix rules would split goes to the
    special-case matcher, as the affix rules' tokens of it."""
    affixes_only = replace(t, special={})
    rejoined = {
        tuple(_split_chunk(orth, affixes_only)): pieces
        for orth, pieces in t.special.items()
        if t.prefix(orth) or t.suffix(orth) or any(True for _ in t.infixes(orth)) or " " in orth
    }
    return replace(t, rejoined=rejoined)


def content_lemmas(text: str) -> list[str]:
    """The lemmas of the content words of `text`: alphabetic tokens longer than one letter that
    are not stop words, as the spaCy pipeline gave them (`t.lemma_ or t.text`)."""
    words = table()
    return [
        words.lemma.get(token, token) or token
        for token in tokens(text)
        if len(token) > 1 and token.isalpha() and token.lower() not in words.stop
    ]


def tokens(text: str) -> list[str]:
    """spaCy's English tokens of `text`, whitespace left out."""
    tokens: list[str] = []
    chunks: list[int] = []  # which whitespace-separated chunk each token came from
    for number, chunk in enumerate(text.split()):
        pieces = _chunk_tokens(chunk)
        tokens.extend(pieces)
        chunks.extend([number] * len(pieces))
    return _rejoin_special_cases(tokens, chunks, table().tokenizer)


@lru_cache(maxsize=1 << 16)  # words repeat: as spaCy does, split each distinct chunk once
def _chunk_tokens(chunk: str) -> tuple[str, ...]:
    return tuple(_split_chunk(chunk, table().tokenizer))


def _rejoin_special_cases(tokens: list[str], chunks: list[int], t: _Tokenizer) -> list[str]:
    """spaCy's special-case matcher: runs of tokens that are a special case split by the affix
    rules become the special case's tokens. Runs are chosen longest first, then leftmost
    (`filter_spans`), across the whole text; a chosen run that spans whitespace is then left
    as it is, as spaCy does."""
    longest = max(map(len, t.rejoined), default=0)
    runs = [
        (j - i, i, j)
        for i in range(len(tokens))
        for j in range(i + 1, min(len(tokens), i + longest) + 1)
        if tuple(tokens[i:j]) in t.rejoined
    ]
    taken: set[int] = set()
    chosen: dict[int, int] = {}
    for _, i, j in sorted(runs, key=lambda run: (-run[0], run[1])):
        if i not in taken and j - 1 not in taken and chunks[i] == chunks[j - 1]:
            chosen[i] = j
        taken.update(range(i, j))
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i in chosen:
            out.extend(t.rejoined[tuple(tokens[i : chosen[i]])])
            i = chosen[i]
        else:
            out.append(tokens[i])
            i += 1
    return out


def _split_chunk(substring: str, t: _Tokenizer) -> list[str]:
    """One whitespace-separated chunk, as `spacy.tokenizer.Tokenizer.explain` splits it."""
    tokens: list[str] = []
    suffixes: list[str] = []
    while substring:
        if substring in t.special:
            tokens.extend(t.special[substring])
            substring = ""
            continue
        while t.prefix(substring) or t.suffix(substring):
            if t.token_match(substring):
                tokens.append(substring)
                substring = ""
                break
            if substring in t.special:
                tokens.extend(t.special[substring])
                substring = ""
                break
            prefix = t.prefix(substring)
            if prefix:
                split = prefix.end()
                if split == 0:  # the pattern matched the empty string
                    break
                tokens.append(substring[:split])
                substring = substring[split:]
                if substring in t.special:
                    continue
            suffix = t.suffix(substring)
            if suffix:
                split = suffix.start()
                if split == len(substring):
                    break
                suffixes.append(substring[split:])
                substring = substring[:split]
        if not substring:
            continue
        if t.token_match(substring) or t.url_match(substring):
            tokens.append(substring)
        elif substring in t.special:
            tokens.extend(t.special[substring])
        else:
            tokens.extend(_split_infixes(substring, t))
        substring = ""
    tokens.extend(reversed(suffixes))
    return tokens


def _split_infixes(substring: str, t: _Tokenizer) -> list[str]:
    pieces: list[str] = []
    offset = 0
    for match in t.infixes(substring):
        if offset == 0 and match.start() == 0:
            continue
        pieces.extend(p for p in (substring[offset : match.start()], substring[match.start() : match.end()]) if p)
        offset = match.end()
    if substring[offset:]:
        pieces.append(substring[offset:])
    return pieces
