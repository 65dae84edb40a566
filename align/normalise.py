"""Normalisation and terminology profiles: what never counts as a change.

Two levels:
- `identity_key`: only letters and digits, case-folded. Clauses with equal keys differ only
  in whitespace, case or punctuation: the relation is "identical".
- `Profile.canonical`: the identity of wording once terminology (Officer/Clerk ≈ Officer,
  Member ≈ Councillor, the council's own name ≈ "the Council"), spelling variants (-ise/-ize,
  -our/-or) and number words ("four" ≈ "4") are set aside. Equal canonical forms with
  different keys are a "cosmetic" change.

Profiles are TOML data (`align/profiles/*.toml`, or a user's file), not code.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from clausewise.errors import ProfileError

PROFILE_DIR = Path(__file__).resolve().parent / "profiles"
DEFAULT_PROFILE = "default"

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
        "\u00ad": "",
    }
)
_NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Unicode-normalised, case-folded text with one kind of quote and dash."""
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()


def identity_key(text: str) -> str:
    """Letters and digits only: equal keys mean only whitespace, case or punctuation differ."""
    return cached(_IDENTITY_CACHE, text, _identity_key)


def _identity_key(text: str) -> str:
    return _NON_WORD.sub("", fold(text)).replace("_", "")


def words(text: str) -> list[str]:
    """Word tokens: an apostrophe inside a word is dropped ("council's" -> "councils"); a hyphen
    separates words, so "line-management" and "line management" are the same words."""
    return [w for w in _NON_WORD.split(_APOSTROPHE.sub("", fold(text))) if w and w != "_"]


_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b")
Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")
_CANONICAL_CACHE: dict[tuple[int, tuple[str, ...], str], str] = {}
# The canonical form of folded text once the council names are replaced, by profile: the same
# for every pair that a model clause is in, whichever council is on the other side.
_TERMS_CACHE: dict[tuple[int, str], str] = {}
_FOLD_CACHE: dict[str, str] = {}
_IDENTITY_CACHE: dict[str, str] = {}  # a model clause's key, for every link it is in
# Entries each cache holds before it is emptied. A model's few hundred texts (and their
# sentences) are what the caches are for; a worker aligning thousands of councils keeps about
# 5 MB in each. (At 200,000 entries the canonical cache alone grew a worker by 120 MB over
# 3,000 councils.)
CACHE_LIMIT = 10_000


@dataclass(frozen=True)
class Profile:
    """Terminology equivalences and spelling rules, compiled for matching.

    All terms form one alternation (longest variants first) so a text is scanned once; the
    alternative that matched says which canonical word replaces it.
    """

    name: str
    description: str
    terms: re.Pattern[str]  # (variant 1)|(variant 2)|…, then an optional plural
    canonicals: tuple[str, ...]  # the canonical word of each alternative, in order
    spelling_words: re.Pattern[str]
    spelling_pairs: tuple[tuple[str, str], ...]  # folded variant -> canonical spelling
    spelling_rules: tuple[tuple[re.Pattern[str], str], ...]  # whole-word pattern -> replacement
    digest: str = ""  # sha256 of the TOML it was read from: a stored alignment names the exact terms

    @property
    def term_words(self) -> frozenset[str]:
        """The first word of each canonical term ("officer", "code" of "code of conduct")."""
        return frozenset(canonical.split()[0] for canonical in self.canonicals)

    def canonical(self, text: str, council_names: tuple[str, ...] = ()) -> str:
        """The clause's wording with terminology, spelling and number words set aside."""
        key = (id(self), council_names, text)
        return cached(_CANONICAL_CACHE, key, lambda _: self._canonical(text, council_names))

    def _canonical(self, text: str, council_names: tuple[str, ...]) -> str:
        folded = cached(_FOLD_CACHE, text, fold)
        for folded_name in (cached(_FOLD_CACHE, name, fold) for name in council_names if name):
            # The pattern matches only where the folded name occurs: most texts never name the
            # other council, and their canonical form is then the one cached for any council.
            if folded_name in folded:
                folded = re.sub(rf"\b(?:the\s+)?{re.escape(folded_name)}\b", "the council", folded)
        return cached(_TERMS_CACHE, (id(self), folded), lambda key: self._terms_aside(key[1]))

    def _terms_aside(self, folded: str) -> str:
        """Folded text (council names replaced) with terminology, spelling and number words set aside."""
        spellings = dict(self.spelling_pairs)
        folded = self.spelling_words.sub(lambda m: spellings[m.group(0)], folded)
        folded = self.terms.sub(self._replace_term, folded)
        for rule, replacement in self.spelling_rules:
            folded = rule.sub(replacement, folded)
        folded = _NUMBER_WORD.sub(lambda m: _NUMBER_WORDS[m.group(1)], folded)
        return " ".join(words(folded))

    def _replace_term(self, match: re.Match[str]) -> str:
        plural = match.group(len(self.canonicals) + 1) or ""
        index = next(i for i in range(1, len(self.canonicals) + 1) if match.group(i) is not None)
        return self.canonicals[index - 1] + plural


def cached(cache: dict[Key, Value], key: Key, compute: Callable[[Key], Value]) -> Value:
    """`cache[key]`, computed on a miss; a cache holding `CACHE_LIMIT` entries is emptied first,
    so a process aligning thousands of councils keeps what one model's texts need and no more."""
    found = cache.get(key)
    if found is None:
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        found = cache[key] = compute(key)
    return found


def clear_caches() -> None:
    """Forget every canonical form computed so far (benchmarks and tests compare with and without)."""
    _CANONICAL_CACHE.clear()
    _TERMS_CACHE.clear()
    _FOLD_CACHE.clear()
    _IDENTITY_CACHE.clear()


def _variant_pattern(variant: str) -> str:
    """A variant as a regular expression: spaces match any whitespace, "/" may have spaces
    around it; a variant that is itself a regular expression (it has "(?") is kept."""
    body = re.escape(fold(variant)) if "(?" not in variant else variant
    return body.replace(r"\ ", r"\s+").replace("/", r"\s*/\s*")


def load_profile(name_or_path: str = DEFAULT_PROFILE) -> Profile:
    """A shipped profile by name ("default") or a user's TOML file by path."""
    path = Path(name_or_path)
    if not path.suffix:
        path = PROFILE_DIR / f"{name_or_path}.toml"
    return _load(path.resolve())


@cache
def _load(path: Path) -> Profile:
    try:
        source = path.read_text(encoding="utf-8")
        data = tomllib.loads(source)
    except FileNotFoundError:
        shipped = ", ".join(sorted(p.stem for p in PROFILE_DIR.glob("*.toml")))
        raise ProfileError(f"{path}: no such profile; shipped profiles: {shipped}") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{path}: cannot read the profile ({exc})") from exc
    try:
        variants = sorted(
            ((str(v), str(term["canonical"])) for term in data.get("term", []) for v in term["variants"]),
            key=lambda item: len(_variant_pattern(item[0])),
            reverse=True,  # longest first, so "officer/clerk" wins over "clerk"
        )
        spelling = data.get("spelling", {})
        pairs = tuple((fold(variant), fold(canonical)) for variant, canonical in spelling.get("words", []))
        rules = tuple(
            (re.compile(rf"\b(?:{pattern.strip('^$')})\b"), replacement)
            for pattern, replacement in spelling.get("rules", [])
        )
        alternation = "|".join(f"({_variant_pattern(v)})" for v, _ in variants) or "(?!)"
        terms = re.compile(rf"\b(?:{alternation})(s|'s|s')?\b")
        spelling_words = re.compile(
            r"\b(?:" + ("|".join(re.escape(v) for v, _ in sorted(pairs, key=lambda p: -len(p[0]))) or "(?!)") + r")\b"
        )
    except (KeyError, TypeError, ValueError, AttributeError, re.error) as exc:
        raise ProfileError(f"{path}: the profile is not valid ({exc})") from exc
    return Profile(
        name=str(data.get("name", path.stem)),
        description=str(data.get("description", "")),
        terms=terms,
        canonicals=tuple(canonical for _, canonical in variants),
        spelling_words=spelling_words,
        spelling_pairs=pairs,
        spelling_rules=rules,
        digest=hashlib.sha256(source.encode("utf-8")).hexdigest(),
    )
