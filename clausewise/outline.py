"""The text outline `clausewise read` prints: metadata, then headings and clause starts."""

from __future__ import annotations

import textwrap

from ingest.model import Adoption, DateValue, Document

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


def render_outline(document: Document) -> str:
    content = len(document.content)
    lines = [
        f"{document.path}  [{document.format}, {content} clauses, {len(document.clauses) - content} headings]",
        *metadata_lines(document),
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
