"""What `clausewise read` and `clausewise compare` print: a document's outline and metadata,
and an alignment's changes, each clause cited as a clerk would cite it."""

from __future__ import annotations

import textwrap

from clausewise.align.model import Alignment, Possible
from clausewise.align.summary import summarise
from clausewise.ingest.model import Adoption, DateValue, Document, SetAside
from clausewise.ingest.segment import place
from clausewise.reports.words import plural

CLAUSE_WIDTH = 72


def _date(value: DateValue | None) -> str:
    if value is None:
        return "-"
    parsed = value.value.isoformat()[: 7 if value.precision == "month" else 10] if value.value else "unparsed"
    return f"{value.text} ({parsed})"


def _event(event: Adoption) -> str:
    parts = [_date(event.on)]
    if event.body:
        parts.append(f"by {event.body}")
    if event.minute:
        parts.append(f"minute {event.minute}")
    return " ".join(parts)


def metadata_lines(document: Document) -> list[str]:
    meta = document.metadata
    lines = [f"Title:        {document.title or '-'}", f"Council:      {document.council or '-'}"]
    if meta.adopted:
        lines.append(f"Adopted:      {_event(meta.adopted)}")
    lines.extend(f"Amended:      {_event(event)}" for event in meta.amendments)
    if meta.version:
        lines.append(f"Version:      {meta.version}")
    for row in meta.version_table:
        change = f" - {row.change}" if row.change else ""
        lines.append(
            f"  v{row.version or '?'}: approved {_date(row.approved_on)}{change}; review {_date(row.review_due)}"
        )
    if meta.issued:
        lines.append(f"Issued:       {_date(meta.issued)}")
    lines.append(f"Next review:  {_date(meta.next_review)}")
    return lines


def set_aside_lines(document: Document) -> list[str]:
    """The front matter line by line, then what else was set aside and why: nothing is lost unseen."""
    front = document.front_matter
    lines: list[str] = []
    if front:
        kinds = ", ".join(dict.fromkeys(line.reason for line in front))
        lines.append(f"Front matter: {place(front, span=True)} ({kinds}), not read as clauses:")
        lines += [f"  | {textwrap.shorten(line.text, CLAUSE_WIDTH, placeholder=' …')}" for line in front]
    by_reason: dict[str, list[SetAside]] = {}
    for line in document.set_aside:
        if not line.front:
            by_reason.setdefault(line.reason, []).append(line)
    for reason, found in by_reason.items():
        lines.append(f"Set aside:    {place(found, span=False)} taken as {reason}")
    return lines


def render_outline(document: Document) -> str:
    content = len(document.content)
    lines = [
        f"{document.path}  [{document.format}, {plural(content, 'clause')}, "
        f"{plural(len(document.clauses) - content, 'heading')}]",
        *metadata_lines(document),
        *set_aside_lines(document),
        "",
    ]
    for clause in document.clauses:
        indent = "  " * max(clause.level - 1, 0)
        if clause.kind == "heading":
            lines.append(f"{indent}{clause.label}")
            continue
        number = f"{clause.number} " if clause.number else ""
        start = textwrap.shorten(clause.text, CLAUSE_WIDTH - len(indent), placeholder=" …")
        lines.append(f"{indent}{number}{start}")
    return "\n".join(lines)


def _span(op: str, text: str) -> str:
    return {"delete": f"[-{text}-]", "insert": f"{{+{text}+}}"}.get(op, text)


def render_comparison(alignment: Alignment) -> str:
    """Counts, then each change, its clauses cited on each side, with a word diff ([-old-] {+new+})."""
    left, right = alignment.left, alignment.right
    lines = [f"{left.path}  ->  {right.path}", summarise(alignment).describe(), ""]
    for link in alignment.links:
        if link.relation == "identical" and not link.moved:
            continue
        old = ", ".join(left.citation(cid) for cid in link.left)
        new = ", ".join(right.citation(cid) for cid in link.right)
        moved = " (moved)" if link.moved else ""
        lines.append(f"{link.relation} {link.kind}{moved}: {old} -> {new}  [{link.score:.0f}]")
        if link.diff:
            lines.append("  " + "".join(_span(span.op, span.text) for span in link.diff))
    possible: dict[str, list[Possible]] = {}
    for candidate in alignment.possible:
        possible.setdefault(candidate.left, []).append(candidate)
    for title, document, clauses in (("removed", left, alignment.removed()), ("added", right, alignment.added())):
        for clause in clauses:
            start = textwrap.shorten(clause.text, CLAUSE_WIDTH, placeholder=" …")
            lines.append(f"{title}: {document.citation(clause.id)}: {start}")
            for candidate in possible.get(clause.id, ()):
                why = textwrap.shorten(candidate.evidence, CLAUSE_WIDTH, placeholder=" …")
                lines.append(f"  possibly covered by {right.citation(candidate.right)} [{candidate.score:.0f}]: {why}")
    return "\n".join(lines)
