"""What an alignment amounts to, counted once for every view that states it.

Counts are of the left (old, or model) version's clauses — what happened to each of them — and
of the right version's clauses that are new. A merge of two clauses into one counts two
modified clauses; a split of one into three counts one.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Alignment


@dataclass(frozen=True)
class ChangeSummary:
    identical: int  # left clauses kept word for word (up to case, spacing and punctuation)
    cosmetic: int  # left clauses changed only in terminology, spelling or inflection
    modified: int  # left clauses reworded
    moved: int  # left clauses that now sit elsewhere (whatever else changed)
    removed: int  # left clauses with no counterpart
    added: int  # right clauses with no counterpart

    @property
    def total(self) -> int:
        """Changes of substance: clauses reworded, moved, gone or new."""
        return self.modified + self.moved + self.removed + self.added

    def describe(self) -> str:
        """ "3 modified, 1 added, 0 removed, 2 moved, 4 changed cosmetically, 20 unchanged"."""
        parts = [f"{self.modified} modified", f"{self.added} added", f"{self.removed} removed"]
        if self.moved:
            parts.append(f"{self.moved} moved")
        if self.cosmetic:
            parts.append(f"{self.cosmetic} changed cosmetically")
        parts.append(f"{self.identical} unchanged")
        return ", ".join(parts)


def summarise(alignment: Alignment) -> ChangeSummary:
    relation = {cid: link.relation for link in alignment.links for cid in link.left}
    relations = list(relation.values())
    return ChangeSummary(
        identical=relations.count("identical"),
        cosmetic=relations.count("cosmetic"),
        modified=relations.count("modified"),
        moved=sum(len(link.left) for link in alignment.links if link.moved),
        removed=len(alignment.removed()),
        added=len(alignment.added()),
    )
