"""What a new model version means for a council's adapted policy: a clause-aware three-way update.

Three documents: the model version the council adopted (base), the council's policy (local) and
the new model version (new). Two alignments say what happened: base -> new (what the model
changed) and base -> local (how the council adapted the model). Every model change is then
classified for the council:

- apply: the council's clause still says what the base said where the model changed it; the
  proposed text is a word-level three-way merge (`merge.merge3`) that keeps the council's edits;
- conflict: the council changed the same words (or split, merged or reworded a clause the model
  removes); shown side by side, nothing proposed;
- already: the council's text already says what the new model says (up to its own terminology);
- not_needed: a terminology-only model change where the council does not use the old term;
- not_applicable: the council removed that clause; listed for information;
- new_clause: a clause the model added, proposed after the local partner of its neighbour and
  numbered in the local scheme ("4.3A").

The proposed policy is the local Document with every apply and new clause made, and the links
from the local to the proposed policy are given with it, so a redline of the two needs no
second alignment.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from clausewise.ingest.model import Clause, Document

from .classify import relation, stem
from .diff import word_diff
from .merge import Conflict, merge3
from .model import Alignment, Link
from .normalise import Profile, fold, words

Action = Literal["apply", "conflict", "already", "not_needed", "not_applicable", "new_clause"]
ModelChange = Literal["modified", "cosmetic", "added", "removed", "moved"]
ACTIONS: tuple[Action, ...] = ("apply", "conflict", "already", "not_needed", "not_applicable", "new_clause")
BULLETS = frozenset({"•", "-", "–", "—", "*", "o", "·", "▪"})


@dataclass(frozen=True)
class ProposedChange:
    """One change the model made, and what it means for the council."""

    action: Action
    model_change: ModelChange
    base_id: str | None  # the clause in the model version the council adopted
    new_id: str | None  # the clause in the new model version
    local_id: str | None  # the council's clause (for a new clause: the one it goes after)
    base_text: str | None
    new_text: str | None
    local_text: str | None
    proposed_text: str | None  # what the council's clause would say; None: nothing proposed
    local_number: str | None  # the council's clause number, or the one proposed for a new clause
    why: str  # one line for the clerk: what the model did and why this action
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True)
class Update:
    base: Document
    local: Document
    new: Document
    changes: tuple[ProposedChange, ...]
    proposed: Document  # the local policy with every apply and new clause made
    links: tuple[Link, ...]  # local (left) -> proposed (right), content clauses only

    def count(self, action: Action) -> int:
        return sum(1 for change in self.changes if change.action == action)

    @property
    def summary(self) -> dict[Action, int]:
        return {action: self.count(action) for action in ACTIONS}

    @property
    def proposes(self) -> bool:
        """Whether anything is proposed for the council's text."""
        return any(change.proposed_text is not None for change in self.changes if change.action != "already")


@dataclass
class _Edits:
    """The proposed edits to the local policy, collected before the document is rebuilt."""

    replace: dict[str, str] = field(default_factory=dict)  # local id -> proposed text
    delete: set[str] = field(default_factory=set)
    after: dict[str | None, list[Clause]] = field(default_factory=dict)  # anchor id (None: the start)
    moved: set[str] = field(default_factory=set)


def plan_update(
    base: Document,
    local: Document,
    new: Document,
    *,
    model: Alignment,
    adapted: Alignment,
    profile: Profile,
) -> Update:
    """Classify every change `model` (base -> new) made, for the council whose adaptation of the
    base is `adapted` (base -> local), and propose the council's updated policy."""
    if model.left.sha256 != base.sha256 or adapted.left.sha256 != base.sha256 or model.right.sha256 != new.sha256:
        raise ValueError("the alignments must be base -> new and base -> local")
    planner = _Planner(base, local, new, model, adapted, profile)
    changes = planner.changes()
    proposed, links = _rebuild(local, planner.edits)
    return Update(base, local, new, tuple(changes), proposed, links)


class _Planner:
    def __init__(
        self, base: Document, local: Document, new: Document, model: Alignment, adapted: Alignment, profile: Profile
    ) -> None:
        self.base, self.local, self.new, self.profile = base, local, new, profile
        self.names = tuple(name for name in (local.council,) if name)
        self.model_links = model.links
        self.in_local = {b: link for link in adapted.links for b in link.left}  # base id -> its local link
        self.base_of_new = {n: link for link in model.links for n in link.right}  # new id -> model link
        self.base_texts = {c.id: c.text for c in base.clauses}  # ids are per document: never mix them
        self.new_texts = {c.id: c.text for c in new.clauses}
        self.local_clauses = {c.id: c for c in local.clauses}
        self.edits = _Edits()

    def changes(self) -> list[ProposedChange]:
        found: list[ProposedChange] = []
        for link in self.model_links:
            if link.relation in ("modified", "cosmetic"):
                found.append(self._changed(link))
            elif link.moved:
                found.append(self._moved(link))
        linked = {b for link in self.model_links for b in link.left}
        found += [self._removed(c) for c in self.base.content if c.id not in linked]
        new_linked = {n for link in self.model_links for n in link.right}
        found += [self._added(c) for c in self.new.content if c.id not in new_linked]
        order = {c.id: k for k, c in enumerate(self.new.clauses)}
        base_order = {c.id: k for k, c in enumerate(self.base.clauses)}
        return sorted(found, key=lambda c: (order.get(c.new_id or "", -1), base_order.get(c.base_id or "", -1)))

    # --- the kinds of model change -------------------------------------------------------------

    def _changed(self, link: Link) -> ProposedChange:
        base_text, new_text = self._joined(self.base_texts, link.left), self._joined(self.new_texts, link.right)
        kind: ModelChange = "cosmetic" if link.relation == "cosmetic" else "modified"
        change = ProposedChange(
            "apply", kind, link.left[0], link.right[0], None, base_text, new_text, None, None, None, ""
        )
        local = self._local_of(link.left)
        if local is None:
            return replace(change, action="not_applicable", why="the council's policy has no such clause")
        clause, whole = local
        change = replace(change, local_id=clause.id, local_text=clause.text, local_number=clause.number)
        if not whole or len(link.left) > 1 or len(link.right) > 1:
            return replace(
                change,
                action="conflict",
                why="the clause was split or merged on one side, so it is for the council to update by hand",
            )
        same = relation(clause.text, new_text, self.profile, self.names)
        if same == "identical":
            return replace(change, action="already", why="the council's clause already says what the new model says")
        if kind == "cosmetic" and not self._uses_changed_terms(base_text, new_text, clause.text):
            return replace(change, action="not_needed", why="the council's clause does not use the terms it changed")
        if same == "cosmetic":  # the new model's words, in the council's own terminology
            return replace(change, action="already", why="the council's clause already says what the new model says")
        merged = merge3(base_text, clause.text, new_text)
        if not merged.clean or merged.text is None:
            why = "the council changed the same words the model changed"
            return replace(change, action="conflict", conflicts=merged.conflicts, why=why)
        self.edits.replace[clause.id] = merged.text
        return replace(
            change,
            proposed_text=merged.text,
            why="the proposed wording makes the model's change and keeps the council's own edits",
        )

    def _moved(self, link: Link) -> ProposedChange:
        text = self._joined(self.base_texts, link.left)
        change = ProposedChange("apply", "moved", link.left[0], link.right[0], None, text, text, None, None, None, "")
        local = self._local_of(link.left)
        if local is None:
            return replace(change, action="not_applicable", why="the council's policy has no such clause")
        clause, _ = local
        anchor = self._anchor(link.right[0])
        change = replace(change, local_id=clause.id, local_text=clause.text, local_number=clause.number)
        if anchor == self._previous_local(clause.id):
            return replace(change, action="already", why="the council's clause already stands where the model moved it")
        self.edits.moved.add(clause.id)
        self.edits.after.setdefault(anchor, []).append(clause)
        return replace(
            change,
            proposed_text=clause.text,
            why=f"the proposal moves it to follow {self._cite(anchor)}, as in the model",
        )

    def _removed(self, gone: Clause) -> ProposedChange:
        change = ProposedChange("apply", "removed", gone.id, None, None, gone.text, None, None, None, None, "")
        local = self._local_of((gone.id,))
        if local is None:
            return replace(change, action="already", why="the council's policy has no such clause either")
        clause, whole = local
        change = replace(change, local_id=clause.id, local_text=clause.text, local_number=clause.number)
        if not whole or relation(gone.text, clause.text, self.profile, self.names) == "modified":
            why = "the council reworded the clause the model removes: decide whether to keep it"
            return replace(change, action="conflict", why=why)
        self.edits.delete.add(clause.id)
        return replace(change, proposed_text="", why="the proposal removes it too")

    def _added(self, clause: Clause) -> ProposedChange:
        change = ProposedChange("new_clause", "added", None, clause.id, None, None, clause.text, None, None, None, "")
        same = next((c for c in self.local.content if self._says(c.text, clause.text)), None)
        if same is not None:
            why = "the council's policy already has this clause"
            return replace(
                change, action="already", local_id=same.id, local_text=same.text, local_number=same.number, why=why
            )
        anchor = self._anchor(clause.id)
        inserted = self._new_clause(clause, anchor)
        self.edits.after.setdefault(anchor, []).append(inserted)
        why = f"proposed after {self._cite(anchor)}, where the model puts it"
        return replace(change, local_id=anchor, proposed_text=clause.text, local_number=inserted.number, why=why)

    # --- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _joined(texts: dict[str, str], ids: Iterable[str]) -> str:
        return " ".join(texts[i] for i in ids)

    def _says(self, text: str, other: str) -> bool:
        return relation(text, other, self.profile, self.names) in ("identical", "cosmetic")

    def _local_of(self, base_ids: tuple[str, ...]) -> tuple[Clause, bool] | None:
        """The council's clause for these base clauses, and whether the link is one to one."""
        link = self.in_local.get(base_ids[0])
        if link is None:
            return None
        return self.local_clauses[link.right[0]], len(link.left) == 1 and len(link.right) == 1

    def _uses_changed_terms(self, base_text: str, new_text: str, local_text: str) -> bool:
        """Whether the council's clause has a term the model's terminology change took out
        ("Officer/Clerk" going to "Clerk": only a council that writes "Officer/Clerk" uses it);
        for a change of spelling or inflection, any word the model changed."""
        removed = self._terms_in(base_text) - self._terms_in(new_text)
        if removed:
            return bool(set(removed) & set(self._terms_in(local_text)))
        changed = {stem(w) for span in word_diff(base_text, new_text) if span.op == "delete" for w in words(span.text)}
        return bool(changed & {stem(w) for w in words(local_text)})

    def _terms_in(self, text: str) -> Counter[str]:
        """The profile's terms as written in the text ("officer/clerk", "clerk"), plurals aside."""
        variants = len(self.profile.canonicals)
        return Counter(
            next(group for group in match.groups()[:variants] if group is not None)
            for match in self.profile.terms.finditer(fold(text))
        )

    def _anchor(self, new_id: str) -> str | None:
        """The council's clause a new-model clause should follow: the local partner of the
        nearest clause before it in the new model that the council has (None: the start)."""
        ids = [c.id for c in self.new.clauses]
        for earlier in reversed(ids[: ids.index(new_id)]):
            link = self.base_of_new.get(earlier)
            if link is not None:
                local = self._local_of(link.left)
                if local is not None:
                    return local[0].id
            if earlier not in self.base_of_new:
                heading = self._local_heading(earlier)
                if heading is not None:
                    return heading
        return None

    def _local_heading(self, new_id: str) -> str | None:
        """A heading of the new model matched by text to one of the council's headings."""
        clause = next(c for c in self.new.clauses if c.id == new_id)
        if clause.kind != "heading":
            return None
        key = " ".join(words(clause.text))
        return next((c.id for c in self.local.clauses if c.kind == "heading" and " ".join(words(c.text)) == key), None)

    def _previous_local(self, local_id: str) -> str | None:
        ids = [c.id for c in self.local.clauses]
        position = ids.index(local_id)
        return ids[position - 1] if position else None

    def _cite(self, local_id: str | None) -> str:
        return self.local.citation(local_id) if local_id is not None else "the start of the policy"

    def _new_clause(self, clause: Clause, anchor: str | None) -> Clause:
        """The model's new clause dressed in the local scheme: the anchor's section, level and
        bullet, or its number with a letter ("4.3A"), as amended legislation numbers insertions."""
        near = self.local_clauses.get(anchor) if anchor is not None else None
        if near is None or near.kind == "heading":
            heading = ((near.text,) if near is not None else ()) + (near.heading if near is not None else ())
            return replace(
                clause, id=f"proposed:{clause.id}", heading=heading or clause.heading, number=None, marker=None
            )
        taken = {c.number for c in self.local.clauses} | {
            c.number for clauses in self.edits.after.values() for c in clauses
        }
        number, marker = None, near.marker if near.marker in BULLETS else None
        if near.number and near.marker not in BULLETS:
            number = next(
                f"{near.number}{letter}"
                for letter in "ABCDEFGHJKLMNPQRSTUVWXYZ"
                if f"{near.number}{letter}" not in taken
            )
            marker = near.marker.replace(near.number, number) if near.marker and near.number in near.marker else number
        return replace(
            clause, id=f"proposed:{clause.id}", heading=near.heading, level=near.level, number=number, marker=marker
        )


def _rebuild(local: Document, edits: _Edits) -> tuple[Document, tuple[Link, ...]]:
    """The local policy with the edits made, and its content clauses' links from the local one."""
    clauses: list[Clause] = list(edits.after.get(None, []))
    for clause in local.clauses:
        if clause.id not in edits.delete and clause.id not in edits.moved:
            clauses.append(replace(clause, text=edits.replace.get(clause.id, clause.text)))
        clauses.extend(_placed(edits.after.get(clause.id, []), edits))
    links = tuple(_link(old, new, old.id in edits.moved) for old, new in _kept(local, clauses))
    digest = hashlib.sha256("\n".join(c.printed for c in clauses).encode("utf-8")).hexdigest()
    proposed = replace(local, sha256=digest, clauses=tuple(clauses), path=f"{local.path} (proposed)")
    return proposed, links


def _placed(clauses: list[Clause], edits: _Edits) -> list[Clause]:
    """Clauses put after an anchor: moved ones with their proposed text."""
    return [replace(c, text=edits.replace.get(c.id, c.text)) for c in clauses]


def _kept(local: Document, proposed: list[Clause]) -> list[tuple[Clause, Clause]]:
    by_id = {c.id: c for c in proposed}
    return [(c, by_id[c.id]) for c in local.content if c.id in by_id]


def _link(old: Clause, new: Clause, moved: bool) -> Link:
    if old.text == new.text:
        return Link((old.id,), (new.id,), "identical", moved, 100.0)
    return Link((old.id,), (new.id,), "modified", moved, 100.0, word_diff(old.text, new.text))
