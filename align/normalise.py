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

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ingest.errors import ClausewiseError

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
    return _NON_WORD.sub("", fold(text)).replace("_", "")


def words(text: str) -> list[str]:
    """Word tokens: an apostrophe inside a word is dropped ("council's" -> "councils"); a hyphen
    separates words, so "line-management" and "line management" are the same words."""
    return [w for w in _NON_WORD.split(_APOSTROPHE.sub("", fold(text))) if w and w != "_"]


@dataclass(frozen=True)
class Profile:
    """Terminology equivalences and spelling rules, compiled for matching."""

    name: str
    description: str
    terms: tuple[tuple[re.Pattern[str], str], ...]  # phrase pattern -> canonical word
    spelling_rules: tuple[tuple[re.Pattern[str], str], ...]  # whole-word pattern -> replacement
    spelling_words: tuple[tuple[re.Pattern[str], str], ...]

    def canonical(self, text: str, council_names: tuple[str, ...] = ()) -> str:
        """The clause's wording with terminology, spelling and number words set aside."""
        folded = fold(text)
        for name in council_names:
            if name:
                folded = re.sub(rf"\b(?:the\s+)?{re.escape(fold(name))}\b", "the council", folded)
        for pattern, replacement in self.spelling_words:
            folded = pattern.sub(replacement, folded)
        for pattern, canonical in self.terms:
            folded = pattern.sub(rf"{canonical}\g<plural>", folded)
        tokens = []
        for token in words(folded):
            for rule, replacement in self.spelling_rules:
                token = rule.sub(replacement, token)
            tokens.append(_NUMBER_WORDS.get(token, token))
        return " ".join(tokens)


def _term_pattern(variant: str) -> re.Pattern[str]:
    # Variants are phrases; spaces match any whitespace, and "/" may have spaces around it.
    body = re.escape(fold(variant)) if "(?" not in variant else variant
    body = body.replace(r"\ ", r"\s+").replace("/", r"\s*/\s*")
    return re.compile(rf"\b{body}(?P<plural>s|'s|s')?\b")


def load_profile(name_or_path: str = DEFAULT_PROFILE) -> Profile:
    """A shipped profile by name ("default") or a user's TOML file by path."""
    path = Path(name_or_path)
    if not path.suffix:
        path = PROFILE_DIR / f"{name_or_path}.toml"
    return _load(path.resolve())


@cache
def _load(path: Path) -> Profile:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        shipped = ", ".join(sorted(p.stem for p in PROFILE_DIR.glob("*.toml")))
        raise ClausewiseError(f"{path}: no such profile; shipped profiles: {shipped}") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ClausewiseError(f"{path}: cannot read the profile ({exc})") from exc
    try:
        terms = [
            (_term_pattern(variant), str(term["canonical"]))
            for term in data.get("term", [])
            for variant in sorted(term["variants"], key=len, reverse=True)
        ]
        spelling = data.get("spelling", {})
        rules = [(re.compile(pattern), replacement) for pattern, replacement in spelling.get("rules", [])]
        pairs = [
            (re.compile(rf"\b{re.escape(fold(variant))}\b"), fold(canonical))
            for variant, canonical in spelling.get("words", [])
        ]
    except (KeyError, TypeError, ValueError, re.error) as exc:
        raise ClausewiseError(f"{path}: the profile is not valid ({exc})") from exc
    # Longest variants first across all terms, so "officer/clerk" wins over "clerk".
    terms.sort(key=lambda item: len(item[0].pattern), reverse=True)
    return Profile(
        name=str(data.get("name", path.stem)),
        description=str(data.get("description", "")),
        terms=tuple(terms),
        spelling_rules=tuple(rules),
        spelling_words=tuple(pairs),
    )
