"""Classifying a link: identical, cosmetic or modified.

- identical: only whitespace, case, punctuation, bullets or numbering differ;
- cosmetic: the same once the terminology profile, spelling variants and number words are set
  aside, or differing only in the inflection of a word ("officer"/"officers", "need"/"needs");
  an added or dropped word, even "the", is a change of wording;
- modified: anything else.
"""

from __future__ import annotations

from .model import Relation
from .normalise import Profile, identity_key

_SUFFIXES = ("ing", "ive", "ied", "ies", "ed", "es", "e", "s")


def relation(old: str, new: str, profile: Profile, council_names: tuple[str, ...] = ()) -> Relation:
    if identity_key(old) == identity_key(new):
        return "identical"
    left = profile.canonical(old, council_names).split()
    right = profile.canonical(new, council_names).split()
    if left == right or inflection_only(left, right):
        return "cosmetic"
    return "modified"


def same_words(old: str, new: str, profile: Profile, council_names: tuple[str, ...] = ()) -> bool:
    """Whether two texts have the same words in any order (up to terminology and inflection):
    the most that putting pieces of a split or merge in another order could make equal."""
    left = profile.canonical(old, council_names).split()
    right = profile.canonical(new, council_names).split()
    return sorted(map(stem, left)) == sorted(map(stem, right))


def stem(word: str) -> str:
    """A light stem that folds inflections together ("copied"/"copies", "role"/"roles")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def inflection_only(left: list[str], right: list[str]) -> bool:
    """Whether two token sequences are the same words, some in another inflection."""
    return len(left) == len(right) and all(stem(a) == stem(b) for a, b in zip(left, right, strict=True))
