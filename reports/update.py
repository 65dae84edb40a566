"""Update paper: what a new model version means for a council's adapted policy.

Built from an `align.update.Update` (the classified model changes and the proposed policy). The
paper lists each change the model made, what it means for the council (apply, conflict, already,
not needed, not applicable, new clause) and the proposed wording; its Word form is the council's
current policy with every proposed change tracked (accept all gives the proposed policy, reject
all the current one) and every conflict as a comment showing the model's new text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from clausewise.align.diff import word_diff
from clausewise.align.model import Alignment, DiffSpan, Provenance
from clausewise.align.update import ACTIONS, Action, ModelChange, ProposedChange, Update
from clausewise.ingest.model import Document

from .redline import RedlineReport, build_redline
from .registry import register_report

ACTION_TITLES: dict[Action, str] = {
    "apply": "Proposed: the model's change, with the council's own wording kept",
    "new_clause": "Proposed: a clause the model added",
    "conflict": "For the council to decide: the council changed the same words",
    "already": "Already in the council's policy",
    "not_needed": "Not needed: a change of terminology the council does not use",
    "not_applicable": "For information: the council's policy has no such clause",
}
MODEL_CHANGE_WORDS: dict[ModelChange, str] = {
    "modified": "reworded this clause",
    "cosmetic": "changed the terminology of this clause",
    "added": "added this clause",
    "removed": "removed this clause",
    "moved": "moved this clause",
}


@dataclass(frozen=True)
class UpdateItem:
    """One model change as the paper states it; citations as a clerk gives them."""

    action: Action
    model_change: ModelChange
    model_citation: str  # where the model says it: the new version's clause, else the old one's
    citation: str | None  # the council's clause, as cited in its policy (for a new clause: where it goes)
    section: str | None  # the council's section (else the model's)
    local_number: str | None
    base_text: str | None
    new_text: str | None
    local_text: str | None
    proposed_text: str | None
    why: str
    conflicts: tuple[tuple[str, str, str], ...] = ()  # (model before, council, model now) per overlap
    proposed_diff: tuple[DiffSpan, ...] = ()  # the council's text -> the proposed text, word by word


@dataclass(frozen=True)
class UpdateReport:
    council: str
    as_of: date
    local_title: str
    local_label: str  # "Spilsby Town Council, version 2026"
    base_label: str  # "the model, version 3"
    new_label: str
    items: tuple[UpdateItem, ...]
    redline: RedlineReport  # the current policy -> the proposed one, conflicts as comments

    @property
    def title(self) -> str:
        return f"{self.local_title}: proposed update from {self.base_label} to {self.new_label}"

    def count(self, action: Action) -> int:
        return sum(1 for item in self.items if item.action == action)

    @property
    def summary(self) -> dict[Action, int]:
        return {action: self.count(action) for action in ACTIONS}

    @property
    def proposes(self) -> bool:
        return bool(self.count("apply") or self.count("new_clause"))


def build_update(
    update: Update,
    *,
    council: str,
    as_of: date,
    provenance: Provenance,
    local_label: str,
    base_label: str,
    new_label: str,
    author: str | None = None,
) -> UpdateReport:
    items = tuple(_item(update, change) for change in update.changes)
    alignment = Alignment(update.local, update.proposed, update.links, provenance)
    redline = build_redline(
        update.local,
        update.proposed,
        alignment,
        council=council,
        as_of=as_of,
        author=author,
        old_label=local_label,
        new_label=f"{local_label} updated to {new_label}",
    )
    notes = {c.local_id: _conflict_note(c, new_label) for c in update.changes if c.action == "conflict" and c.local_id}
    paragraphs = tuple(
        replace(p, note=notes[p.old_id]) if p.old_id in notes and p.move != "to" else p for p in redline.paragraphs
    )
    return UpdateReport(
        council=council,
        as_of=as_of,
        local_title=update.local.title or "Policy",
        local_label=local_label,
        base_label=base_label,
        new_label=new_label,
        items=items,
        redline=replace(redline, paragraphs=paragraphs),
    )


def _item(update: Update, change: ProposedChange) -> UpdateItem:
    model_doc, model_id = (update.new, change.new_id) if change.new_id else (update.base, change.base_id)
    assert model_id is not None  # every model change has a clause on one side of the model
    local_id = change.local_id
    citation = update.local.citation(local_id) if local_id is not None else None
    if change.action == "new_clause":
        citation = f"new {change.local_number or 'clause'}, after {citation or 'the start'}"
    section = _section(update.local, local_id) or _section(model_doc, model_id)
    return UpdateItem(
        action=change.action,
        model_change=change.model_change,
        model_citation=model_doc.citation(model_id),
        citation=citation,
        section=section,
        local_number=change.local_number,
        base_text=change.base_text,
        new_text=change.new_text,
        local_text=change.local_text,
        proposed_text=change.proposed_text,
        why=change.why,
        conflicts=tuple((c.base, c.local, c.new) for c in change.conflicts),
        proposed_diff=_proposed_diff(change),
    )


def _proposed_diff(change: ProposedChange) -> tuple[DiffSpan, ...]:
    if change.proposed_text is None or change.action not in ("apply", "new_clause"):
        return ()
    if change.action == "new_clause":
        return (DiffSpan("insert", change.proposed_text),)
    return word_diff(change.local_text or "", change.proposed_text)


def _section(document: Document, clause_id: str | None) -> str | None:
    """The section a clause stands in: its outermost heading (a heading is its own section)."""
    clause = next((c for c in document.clauses if c.id == clause_id), None)
    if clause is None:
        return None
    return clause.heading[0] if clause.heading else (clause.text if clause.kind == "heading" else None)


def _conflict_note(change: ProposedChange, new_label: str) -> str:
    now = change.new_text if change.new_text is not None else "(the clause is removed)"
    return f"Not changed: {change.why}. {new_label} says: “{now}”"


register_report(
    "update",
    UpdateReport,
    "what a new model version means for a council's policy, with the proposed wording",
    default="md",
    demo=("docx", "html"),
)
