"""Lineage: which stored model version a council's version follows, and the evidence for it.

Each stored version of the model publisher's same policy is a candidate; the council's version
is aligned with each (model on the left, as divergence reports align them, so the runs are
shared and kept in the store), and a candidate's evidence is how many of its content clauses
the council kept verbatim or changed only cosmetically, and what share of them. The closest
candidate is the one with the most clauses kept; where two keep as many, the one with more kept
verbatim, then the one with more of its words kept, and after that the later version. When no candidate's share reaches
`LineageSettings.floor` the text is too far from every model version to say which it follows.
A model version given with `--based-on` wins over detection, and the reason says what detection
would have chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Literal, Protocol

from sqlalchemy.orm import Session

from clausewise.align import DEFAULT_SETTINGS, AlignSettings
from clausewise.align.model import DiffSpan
from clausewise.ingest import Document
from clausewise.reports.lineage import ModelLineage
from clausewise.reports.model import kept_words, word_count
from clausewise.store import MODEL_PUBLISHER, VersionInfo
from clausewise.store.lineage import DETECTED, RecordedBase, current_of, model_versions, recorded_base

from .comparing import compare_versions


@dataclass(frozen=True)
class LineageSettings:
    # The issue's bar: the base must be right "for every council that kept >= 30% of the
    # model". Below it a council has rewritten so much that the closest model version is a
    # guess (the corpus's own councils keep 0–40% of the model), so no lineage is claimed.
    floor: float = 0.3


DEFAULT_LINEAGE = LineageSettings()
KEPT = frozenset({"identical", "cosmetic"})  # a model clause the council kept (word for word or cosmetically)


@dataclass(frozen=True)
class Evidence:
    """How close a council's version is to one model version."""

    model: VersionInfo
    clauses: int  # the model version's content clauses (headings are not counted)
    identical: int  # of them, kept word for word
    cosmetic: int  # changed only in terminology, spelling or inflection
    words_kept: int  # the model version's words the council kept, as divergence counts them

    @property
    def kept(self) -> int:
        return self.identical + self.cosmetic

    @property
    def share(self) -> float:
        """The share of the model version's clauses kept, 0–1 (a model with none: 0)."""
        return self.kept / self.clauses if self.clauses else 0.0

    @property
    def closeness(self) -> tuple[int, int, int]:
        """What "closest" compares: the clauses kept, then those kept verbatim, then the words
        kept (a council that reworded every clause a revision changed kept more of the words
        of the version it adapted). Counts, not shares: what two model versions share counts
        alike for both, so only what one version changed, added or deleted decides, and a
        version that deleted a clause the council also dropped does not look closer for having
        fewer clauses."""
        return self.kept, self.identical, self.words_kept

    def describe(self) -> str:
        """ "64% of its clauses kept, 78 of 122"."""
        return f"{self.share:.0%} of its clauses kept, {self.kept} of {self.clauses}"


@dataclass(frozen=True)
class Lineage:
    """The model version a council's version follows (`base`), how that was found and why."""

    version: VersionInfo  # the council's version
    base: VersionInfo | None  # the model version it follows; None when none can be said
    origin: Literal["detected", "given"] | None
    evidence: tuple[Evidence, ...]  # one per stored model version, oldest first
    detected: Evidence | None  # the candidate detection chooses (whatever was given); None below the floor
    current: VersionInfo | None  # the model's current version (the base publisher's), when there is a base
    reason: str  # in words: "detected: 64% of its clauses kept, 78 of 122", or why there is no base

    @property
    def model_revised(self) -> bool:
        """Whether the model has a newer current version than the one this version follows."""
        return self.base is not None and self.current is not None and self.base.id != self.current.id


def lineage(
    session: Session,
    version: VersionInfo,
    *,
    settings: AlignSettings = DEFAULT_SETTINGS,
    lineage_settings: LineageSettings = DEFAULT_LINEAGE,
) -> Lineage:
    """Which stored model version `version` follows (see the module docstring)."""
    if version.council_kind == MODEL_PUBLISHER:
        return Lineage(version, None, None, (), None, None, "a model version follows no other model version")
    candidates = [m for m in model_versions(session, version.policy) if m.id != version.id]
    evidence = tuple(_evidence(session, model, version, settings) for model in candidates)
    given = recorded_base(session, version.id)
    return lineage_from(version, evidence, given, partial(current_of, session), lineage_settings)


def lineage_from(
    version: VersionInfo,
    evidence: tuple[Evidence, ...],
    given: RecordedBase | None,
    current_of: Callable[[int], VersionInfo],
    lineage_settings: LineageSettings = DEFAULT_LINEAGE,
) -> Lineage:
    """The lineage of a council's version from its evidence against each model version, the
    base recorded for it, and `current_of` (a model version's id -> its policy's current
    version): `lineage` for one version, and corpus reports for thousands, read set-based."""
    chosen = _closest(evidence, lineage_settings)
    if given is not None and not given.detected:
        detection = f"; detection would choose version {chosen.model.label}" if chosen else ""
        current = current_of(given.base.id)
        return Lineage(version, given.base, "given", evidence, chosen, current, f"given{detection}")
    if chosen is None:
        return Lineage(version, None, None, evidence, None, None, _not_detected(version, evidence, lineage_settings))
    current = current_of(chosen.model.id)
    return Lineage(version, chosen.model, "detected", evidence, chosen, current, f"{DETECTED}: {chosen.describe()}")


class LinkLike(Protocol):
    """What evidence reads of a link: an `align.Link`, or a stored one read without its run."""

    @property
    def left(self) -> tuple[str, ...]: ...
    @property
    def relation(self) -> str: ...
    @property
    def diff(self) -> tuple[DiffSpan, ...]: ...


def _evidence(session: Session, model: VersionInfo, version: VersionInfo, settings: AlignSettings) -> Evidence:
    alignment = compare_versions(session, model, version, settings=settings)
    return evidence_of(model, content_words(alignment.left), alignment.links)


def content_words(model: Document) -> dict[str, int]:
    """A model version's content clauses (headings are not clauses) and the words of each."""
    return {clause.id: word_count(clause.text) for clause in model.content}


def evidence_of(model: VersionInfo, words: dict[str, int], links: Iterable[LinkLike]) -> Evidence:
    """How close a council's version is to `model`, from the links of their alignment (model
    on the left) and the model's `content_words`."""
    links = tuple(links)
    relation = {cid: link.relation for link in links for cid in link.left if cid in words}
    relations = list(relation.values())
    kept = sum(words[cid] for cid, how in relation.items() if how in KEPT)
    kept += sum(kept_words(link.diff) for link in links if link.relation == "modified")
    return Evidence(model, len(words), relations.count("identical"), relations.count("cosmetic"), kept)


def _best(evidence: tuple[Evidence, ...]) -> Evidence:
    """The closest candidate; of equally close ones the later (candidates come oldest first)."""
    return max(reversed(evidence), key=lambda candidate: candidate.closeness)


def _closest(evidence: tuple[Evidence, ...], settings: LineageSettings) -> Evidence | None:
    """The closest candidate, unless no candidate keeps the floor's share of its clauses."""
    if not evidence or max(candidate.share for candidate in evidence) < settings.floor:
        return None
    return _best(evidence)


def _not_detected(version: VersionInfo, evidence: tuple[Evidence, ...], settings: LineageSettings) -> str:
    if not evidence:
        return f"no model version of {version.policy} is stored"
    best = max(evidence, key=lambda candidate: candidate.share)
    closest = f"version {best.model.label}, the closest model version, has {best.describe()}"
    return f"not detected: {closest}; {settings.floor:.0%} needed"


def model_lineage(found: Lineage) -> ModelLineage | None:
    """What the reports say of a lineage (None when no model version can be named)."""
    if found.base is None or found.current is None:
        return None
    if found.detected is not None and found.origin == DETECTED:
        chosen = found.detected
        how = f"detected: this version keeps {chosen.share:.0%} of that model version's clauses"
        how += f", {chosen.kept} of {chosen.clauses}"
    else:
        how = "given when this version was added"
    return ModelLineage(
        based_on=found.base.label,
        current=found.current.label,
        how=how,
        based_on_adopted=found.base.adopted_on,
        current_adopted=found.current.adopted_on,
        based_on_precision=found.base.adopted_precision,
        current_precision=found.current.adopted_precision,
        model=found.base.council,
    )


def lineage_of(session: Session, version: VersionInfo) -> ModelLineage | None:
    """`model_lineage` of a stored version, under the default settings its detection used when
    it was added (so the alignments are the stored ones, whatever a report was asked for)."""
    return model_lineage(lineage(session, version))
