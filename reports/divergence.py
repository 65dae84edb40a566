"""Divergence: one council's version of a policy against the model it was adapted from.

`build_divergence` reads the alignment once and keeps only what the report shows: headline
figures, a table by model section, each modified clause with its word diff, the model clauses
the council dropped and the clauses it added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clausewise.align.model import Alignment, DiffSpan, Provenance
from clausewise.align.summary import summarise
from clausewise.ingest.model import Clause, Document

from .lineage import ModelLineage
from .model import QuotedClause, kept_words, quote, section_of, word_count
from .registry import register_report
from .words import plural

SIMILARITY_DEFINITION = (
    "Similarity to the model is the share of the model's words that the council's version keeps: "
    "every word of a clause kept verbatim or changed only cosmetically (spelling, capitals, punctuation, "
    "terminology, inflection) counts, a modified clause counts the words its word-by-word comparison leaves "
    "unchanged, and a missing clause counts nothing. Local additions do not lower the figure; they are "
    "listed separately."
)


def _kept_share(kept_words: int, model_words: int) -> float:
    """The share of the model's words kept, 0–100; a model with no words is fully kept."""
    return 100.0 * kept_words / model_words if model_words else 100.0


@dataclass(frozen=True)
class Headline:
    model_clauses: int  # content clauses of the model (headings are context, not counted)
    identical: int  # model clauses kept verbatim
    cosmetic: int
    modified: int
    missing: int
    added: int  # local clauses with no model counterpart
    moved: int  # model clauses the council moved elsewhere
    possibly_covered: int  # missing model clauses with a possible match in the local version
    model_words: int
    kept_words: int

    @property
    def similarity(self) -> float:
        """Percentage, 0–100 (see SIMILARITY_DEFINITION)."""
        return _kept_share(self.kept_words, self.model_words)

    @property
    def possible_note(self) -> str:
        """The sentence above the missing clauses on how many have a possible match ("" if none)."""
        if not self.possibly_covered:
            return ""
        return (
            f"{self.possibly_covered} of these {plural(self.missing, 'clause')} "
            f"{'has' if self.possibly_covered == 1 else 'have'} a possible match in this version: a clause "
            "that may say the same in other words, named under it with the sentence that matched. Possible "
            "matches are not counted as kept; check each one."
        )


@dataclass(frozen=True)
class SectionRow:
    """One model top-level section, in model order."""

    title: str
    clauses: int
    identical: int
    cosmetic: int
    modified: int
    missing: int
    model_words: int
    kept_words: int

    @property
    def similarity(self) -> float:
        return _kept_share(self.kept_words, self.model_words)


@dataclass(frozen=True)
class ModifiedClause:
    """A model clause (or clauses, when merged) and the council's wording, as a word diff."""

    model: tuple[QuotedClause, ...]
    local: tuple[QuotedClause, ...]
    diff: tuple[DiffSpan, ...]
    moved: bool
    score: float

    @property
    def section(self) -> str:
        return self.model[0].section

    @property
    def where(self) -> str:
        """Where the clause is on each side, as a clerk cites it: "In the model: 3.2 · in this
        version: 4.1 · moved" (every format prints this one line)."""
        model = "; ".join(c.citation for c in self.model)
        local = "; ".join(c.citation for c in self.local)
        return f"In the model: {model} · in this version: {local}" + (" · moved" if self.moved else "")


@dataclass(frozen=True)
class Candidate:
    """A local clause that may cover a missing model clause, for a reader to check."""

    citation: str  # the local clause, as a clerk cites it
    score: float  # 0–100, below the linking threshold
    evidence: str  # the local sentence that matched best

    @property
    def note(self) -> str:
        """The line a report prints under the missing clause."""
        return f"Possibly covered by {self.citation} — check: “{self.evidence}” (score {self.score:.0f})"


@dataclass(frozen=True)
class MissingClause(QuotedClause):
    """A model clause with no counterpart, and the local clauses that may cover it in other words."""

    possible: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class DivergenceReport:
    council: str
    as_of: date
    model_title: str
    model_council: str
    local_title: str
    model_path: str
    local_path: str
    headline: Headline
    sections: tuple[SectionRow, ...]
    modified: tuple[ModifiedClause, ...]  # in model order
    missing: tuple[MissingClause, ...]  # in model order
    added: tuple[QuotedClause, ...]  # in local order
    settings: str  # how the alignment was made, so a reader can reproduce it
    similarity_definition: str = SIMILARITY_DEFINITION
    lineage: ModelLineage | None = None  # the model version this version follows, when known

    @property
    def title(self) -> str:
        return f"{self.local_title}: divergence from the model"


def build_divergence(
    model: Document,
    local: Document,
    alignment: Alignment,
    *,
    council: str,
    as_of: date,
    lineage: ModelLineage | None = None,
) -> DivergenceReport:
    """The divergence report of `local` (the alignment's right side) from `model` (its left);
    `lineage`, when known, says which model version `local` follows."""
    if alignment.left.sha256 != model.sha256 or alignment.right.sha256 != local.sha256:
        raise ValueError("the alignment was not made from these two documents (model left, local right)")
    status: dict[str, str] = {}
    words: dict[str, int] = {c.id: word_count(c.text) for c in model.content}
    kept: dict[str, int] = {}
    local_by_id = {c.id: c for c in local.content}
    model_by_id = {c.id: c for c in model.content}
    modified: list[ModifiedClause] = []
    for link in alignment.links:
        for cid in link.left:
            status[cid] = link.relation
            kept[cid] = words[cid] if link.relation != "modified" else 0
        if link.relation == "modified":
            _share_kept_words(link.left, kept_words(link.diff), words, kept)
            modified.append(
                ModifiedClause(
                    model=tuple(quote(model_by_id[cid], model) for cid in link.left),
                    local=tuple(quote(local_by_id[cid], local) for cid in link.right),
                    diff=link.diff,
                    moved=link.moved,
                    score=link.score,
                )
            )
    order = {c.id: k for k, c in enumerate(model.content)}
    modified.sort(key=lambda m: order[m.model[0].id])
    missing = _missing(alignment, model, local)
    for clause in missing:
        status[clause.id] = "missing"
        kept[clause.id] = 0
    changes = summarise(alignment)
    headline = Headline(
        model_clauses=len(model.content),
        identical=changes.identical,
        cosmetic=changes.cosmetic,
        modified=changes.modified,
        missing=changes.removed,
        added=changes.added,
        moved=changes.moved,
        possibly_covered=sum(1 for clause in missing if clause.possible),
        model_words=sum(words.values()),
        kept_words=sum(kept.values()),
    )
    return DivergenceReport(
        council=council,
        as_of=as_of,
        model_title=model.title or "Model policy",
        model_council=model.council or "the model",
        local_title=local.title or council,
        model_path=model.path,
        local_path=local.path,
        headline=headline,
        sections=_sections(model.content, status, words, kept),
        modified=tuple(modified),
        missing=missing,
        added=tuple(quote(c, local) for c in alignment.added()),
        settings=describe_method(alignment.provenance),
        lineage=lineage,
    )


def _missing(alignment: Alignment, model: Document, local: Document) -> tuple[MissingClause, ...]:
    candidates: dict[str, list[Candidate]] = {}
    for p in alignment.possible:
        candidates.setdefault(p.left, []).append(Candidate(local.citation(p.right), p.score, p.evidence))
    return tuple(
        MissingClause(**vars(quote(c, model)), possible=tuple(candidates.get(c.id, ()))) for c in alignment.removed()
    )


def describe_method(provenance: Provenance) -> str:
    """How an alignment was made, in a report's footer, so a reader can reproduce it: the
    backend that scored it by name (runs stored before backends were named give the blend)."""
    return (
        f"{provenance.algorithm}, profile {provenance.profile}, semantic {provenance.backend or provenance.semantic}, "
        f"threshold {provenance.threshold:g}"
    )


def _share_kept_words(ids: tuple[str, ...], total: int, words: dict[str, int], kept: dict[str, int]) -> None:
    """A merged link has one diff for several model clauses: credit its kept words in order,
    never more than a clause has, so per-section figures stay within 0–100%."""
    for cid in ids:
        share = min(total, words[cid])
        kept[cid] = share
        total -= share


def _sections(
    clauses: tuple[Clause, ...], status: dict[str, str], words: dict[str, int], kept: dict[str, int]
) -> tuple[SectionRow, ...]:
    groups: dict[str, list[Clause]] = {}
    for clause in clauses:
        groups.setdefault(section_of(clause), []).append(clause)
    rows = []
    for title, members in groups.items():
        states = [status.get(c.id, "missing") for c in members]
        rows.append(
            SectionRow(
                title=title,
                clauses=len(members),
                identical=states.count("identical"),
                cosmetic=states.count("cosmetic"),
                modified=states.count("modified"),
                missing=states.count("missing"),
                model_words=sum(words[c.id] for c in members),
                kept_words=sum(kept.get(c.id, 0) for c in members),
            )
        )
    return tuple(rows)


register_report(
    "divergence",
    DivergenceReport,
    "how a council's policy differs from the model",
    default="html",
    demo=("html", "docx", "md"),
)
