"""What a plain diff does: align paragraphs in order with difflib.SequenceMatcher.

Used as the baseline in the alignment evaluation and benchmark: equal runs become identical
links, replaced runs are paired in order as modified, everything else is removed or added.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from clausewise.ingest import Document
from clausewise.ingest.serialize import clause_to_dict


def difflib_alignment(left: Document, right: Document) -> dict[str, Any]:
    lefts, rights = list(left.content), list(right.content)
    matcher = SequenceMatcher(a=[c.text for c in lefts], b=[c.text for c in rights], autojunk=False)
    links = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):
            for a, b in zip(lefts[i1:i2], rights[j1:j2], strict=False):
                relation = "identical" if tag == "equal" else "modified"
                links.append({"left": [a.id], "right": [b.id], "relation": relation, "moved": False, "score": 0})
    return {
        "left": {"clauses": [{**clause_to_dict(c), "text": c.printed} for c in lefts]},
        "right": {"clauses": [{**clause_to_dict(c), "text": c.printed} for c in rights]},
        "links": links,
    }
