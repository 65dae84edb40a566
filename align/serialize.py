"""Alignments as the JSON contract of `clausewise compare --format json` (see DESIGN.md)."""

from __future__ import annotations

from typing import Any

from clausewise.ingest.model import Document
from clausewise.ingest.serialize import clause_to_dict

from .model import Alignment


def _side(document: Document) -> dict[str, Any]:
    return {
        "path": document.path,
        "title": document.title,
        "council": document.council,
        # "text" is the clause as printed, its number or bullet included, so a quote that runs
        # from one list item into the next ("…partnership; - An understanding…") is found.
        "clauses": [{**clause_to_dict(c), "text": c.printed} for c in document.content],
    }


def alignment_to_dict(alignment: Alignment) -> dict[str, Any]:
    return {
        "left": _side(alignment.left),
        "right": _side(alignment.right),
        "links": [
            {
                "left": list(link.left),
                "right": list(link.right),
                "relation": link.relation,
                "kind": link.kind,
                "moved": link.moved,
                "score": link.score,
                "diff": [[span.op, span.text] for span in link.diff],
            }
            for link in alignment.links
        ],
        "removed": [c.id for c in alignment.removed()],
        "added": [c.id for c in alignment.added()],
        "possible": [
            {"left": p.left, "right": p.right, "score": p.score, "evidence": p.evidence} for p in alignment.possible
        ],
        "settings": {
            "profile": alignment.provenance.profile,
            "semantic": alignment.provenance.semantic,
            "threshold": alignment.provenance.threshold,
            "algorithm": alignment.provenance.algorithm,
            "backend": alignment.provenance.backend,
        },
    }
