"""Classifying a link: identical, cosmetic or modified.

- identical: only whitespace, case, punctuation, bullets or numbering differ;
- cosmetic: the same once the terminology profile, spelling variants and number words are set
  aside, or differing only in
  - the inflection of a word ("officer"/"officers", "need"/"needs"),
  - the grammar a changed term brings with it: its article or a "relevant" before it, and the
    verb that agrees with it ("an Officer/Clerk is" -> "the Clerk is", "from Officer/Clerks"
    -> "from the Clerk", "the relevant Officer/Clerk" -> "the Clerk"),
  - a list item's closing "and" or "or" ("…in private;" -> "…in private; and");
  an added or dropped word anywhere else, even "the", is a change of wording;
- modified: anything else.
"""

from __future__ import annotations

from .model import Relation
from .normalise import Profile, identity_key

_SUFFIXES = ("ing", "ive", "ied", "ies", "ed", "es", "e", "s")
# Words that come and go with a term: its article, or the adjective that picks one out.
TERM_GRAMMAR = frozenset({"a", "an", "the", "relevant", "appropriate"})
# A verb that agrees with a term in number: singular and plural forms count as one.
AGREEMENT = {"are": "is", "were": "was", "have": "has", "do": "does"}
LIST_CLOSING = frozenset({"and", "or"})


def relation(old: str, new: str, profile: Profile, council_names: tuple[str, ...] = ()) -> Relation:
    if identity_key(old) == identity_key(new):
        return "identical"
    left = profile.canonical(old, council_names).split()
    right = profile.canonical(new, council_names).split()
    if left == right or inflection_only(left, right):
        return "cosmetic"
    if inflection_only(_grammar_aside(left, profile), _grammar_aside(right, profile)):
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


def _grammar_aside(words: list[str], profile: Profile) -> list[str]:
    """Canonical words without the grammar that terms bring with them (see the module)."""
    terms = profile.term_words
    kept: list[str] = []
    for k, word in enumerate(words):
        if word in TERM_GRAMMAR and _term_follows(words, k + 1, terms):
            continue
        kept.append(AGREEMENT.get(word, word))
    while kept and kept[-1] in LIST_CLOSING:
        kept.pop()
    return kept


def _term_follows(words: list[str], start: int, terms: frozenset[str]) -> bool:
    """Whether a term comes next, past any more of its grammar ("the relevant officer")."""
    for word in words[start:]:
        if word in TERM_GRAMMAR:
            continue
        return word in terms or (word.endswith("s") and word[:-1] in terms)
    return False
