"""Reports as Markdown (GitHub-flavoured), for issue notes, emails and wikis.

Document text is escaped twice over: Markdown's own punctuation is backslash-escaped and
`<`, `>`, `&` become entities, so a clause can neither start a list or heading nor inject
HTML into a page that renders the Markdown. Deleted words are `~~struck~~`; inserted words
are `<ins>…</ins>`, which GitHub renders as underlined.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from clausewise.align.model import DiffSpan

from .divergence import DivergenceReport
from .history import HistoryReport, based_on_line, review_line
from .lineage import REVISED, ModelLineage
from .matrix import CELL_TITLES, CELLS, MatrixReport
from .model import QuotedClause
from .redline import RedlineReport
from .registry import renderer
from .reviews import BUCKET_TITLES, BUCKETS, ReviewRow, ReviewsReport
from .update import ACTION_TITLES, MODEL_CHANGE_WORDS, UpdateItem, UpdateReport
from .words import capitalised, long_date, percent, plural

# Only what is markup inside a line is escaped, so the Markdown stays readable as text ("3.2",
# "(a)" and "Councillor-Officer" unchanged); a heading, list or quote marker can only start a
# line, and each text becomes one line, so only its start needs more.
_INLINE = re.compile(r"([\\`*_\[\]|~])")
_LINE_START = re.compile(r"^(?:([#+\-=])|(\d+)([.)]))")


def md_escape(text: str, *, starts_line: bool = True) -> str:
    """Text as Markdown that shows it literally; `starts_line=False` for text that never begins
    a line (inside emphasis, after other words), where "1." needs no escape."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = " ".join(_INLINE.sub(r"\\\1", text).split())  # a newline would break a table cell or list item
    if not starts_line:
        return text
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def redline_markdown(spans: Iterable[DiffSpan]) -> str:
    parts = []
    for span in spans:
        text = md_escape(span.text)
        if not text:
            parts.append(" " if span.text else "")
            continue
        # Emphasis markers must hug the words, so spaces at the edges move outside them.
        lead = " " if span.text[:1].isspace() else ""
        tail = " " if span.text[-1:].isspace() else ""
        if span.op == "delete":
            parts.append(f"{lead}~~{text}~~{tail}")
        elif span.op == "insert":
            parts.append(f"{lead}<ins>{text}</ins>{tail}")
        else:
            parts.append(f"{lead}{text}{tail}")
    return re.sub(r" {2,}", " ", "".join(parts)).strip()


def _table(head: Sequence[str], rows: Iterable[Sequence[object]], right: Sequence[int] = ()) -> list[str]:
    align = ["---:" if k in right else "---" for k in range(len(head))]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return [*lines, ""]


def _header(title: str, council: str, kind: str, when: str) -> list[str]:
    return [f"# {md_escape(title)}", "", f"*{md_escape(council)} · {kind} · {when}*", ""]


def _clauses(clauses: tuple[QuotedClause, ...], none: str) -> list[str]:
    if not clauses:
        return [f"*{none}*", ""]
    lines: list[str] = []
    section = None
    for clause in clauses:
        if clause.section != section:
            section = clause.section
            lines += [f"### {md_escape(section)}", ""]
        lines += [f"*{md_escape(clause.citation, starts_line=False)}*", "", f"> {md_escape(clause.printed)}", ""]
        for p in getattr(clause, "possible", ()):
            lines += [md_escape(p.note, starts_line=False), ""]
    return lines


@renderer(DivergenceReport, "md")
def _divergence(report: DivergenceReport) -> str:
    h = report.headline
    lines = _header(report.local_title, report.council, "Divergence from the model", long_date(report.as_of))
    lines += [
        f"Compared with the model: {md_escape(report.model_title)} ({md_escape(report.model_council)}).",
        "",
        *_lineage(report.lineage),
        f"**Similarity to the model: {percent(h.similarity)}.** {md_escape(report.similarity_definition)}",
        "",
    ]
    lines += _table(
        ("Model clauses", "Kept verbatim", "Cosmetic", "Modified", "Missing", "Local additions", "Moved"),
        [(h.model_clauses, h.identical, h.cosmetic, h.modified, h.missing, h.added, h.moved)],
        right=range(7),
    )
    lines += ["## By section of the model", ""]
    lines += _table(
        ("Section", "Clauses", "Kept", "Cosmetic", "Modified", "Missing", "Similarity"),
        [
            (md_escape(s.title), s.clauses, s.identical, s.cosmetic, s.modified, s.missing, percent(s.similarity))
            for s in report.sections
        ],
        right=range(1, 7),
    )
    lines += [
        "## Modified clauses",
        "",
        "~~Deleted~~ words are the model's; <ins>inserted</ins> words the council's.",
        "",
    ]
    section = None
    for m in report.modified:
        if m.section != section:
            section = m.section
            lines += [f"### {md_escape(section)}", ""]
        lines += [f"*{md_escape(m.where, starts_line=False)}*", "", redline_markdown(m.diff), ""]
    if not report.modified:
        lines += ["*None.*", ""]
    lines += ["## Model clauses missing from this version", ""]
    if h.possibly_covered:
        lines += [h.possible_note, ""]
    lines += _clauses(report.missing, "None.")
    lines += ["## Local additions", ""]
    lines += _clauses(report.added, "None.")
    lines += ["---", "", f"*Alignment: {md_escape(report.settings, starts_line=False)}.*"]
    return "\n".join(lines)


def _lineage(lineage: ModelLineage | None) -> list[str]:
    """The model version a council's version follows, and the flag when the model moved on."""
    if lineage is None:
        return []
    flag = f" **{capitalised(REVISED)}.**" if lineage.revised else ""
    return [f"{md_escape(lineage.sentence)}{flag} *({md_escape(lineage.how, starts_line=False)})*", ""]


@renderer(RedlineReport, "md")
def _redline(report: RedlineReport) -> str:
    lines = _header(report.new_title, report.council, "Redline", long_date(report.as_of))
    lines += _redline_summary(report)
    for p in report.paragraphs:
        text = redline_markdown(p.spans)
        note = f" *({md_escape(p.note)})*" if p.note else ""
        if p.kind == "heading":
            lines += [f"{'#' * min(p.level + 1, 4)} {text}{note}", ""]
        elif p.kind == "item":
            lines += [f"- {text}{note}"]
        else:
            lines += ["", f"{text}{note}", ""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _redline_summary(report: RedlineReport) -> list[str]:
    """The cover note as a quote when asked for; otherwise one line of counts (and the
    cosmetic changes left out, if any)."""
    if report.cover:
        return ["\n>\n".join(f"> {md_escape(text)}" for text in report.cover_note()[1:]), ""]
    lines = [
        f"Changes from {md_escape(report.old_label)} to {md_escape(report.new_label)} by {md_escape(report.author)}: "
        f"{plural(report.count('changed'), 'paragraph')} changed, {report.count('inserted')} inserted, "
        f"{report.count('deleted')} deleted, {report.moved} moved.",
        "",
    ]
    if report.left_out_note:
        lines += [f"*{md_escape(report.left_out_note, starts_line=False)}*", ""]
    return lines


@renderer(ReviewsReport, "md")
def _reviews(report: ReviewsReport) -> str:
    lines = _header("Policy reviews", report.council, "Policy reviews", long_date(report.as_of))
    for bucket in BUCKETS:
        items = report.in_bucket(bucket)
        if not items:
            continue
        lines += [f"## {BUCKET_TITLES[bucket]} ({len(items)})", ""]
        lines += _table(
            ("Council", "Policy", "Version", "Adopted", "Review due", "Days", "Model"),
            [
                (
                    md_escape(i.row.council),
                    md_escape(i.row.policy),
                    md_escape(i.row.version_label),
                    long_date(i.row.adopted_on, i.row.adopted_precision),
                    long_date(i.row.review_due, i.row.review_due_precision),
                    "—" if i.days is None else i.days,
                    _model_cell(i.row),
                )
                for i in items
            ],
            right=(5,),
        )
    if not report.items:
        lines += ["*No policies were given.*", ""]
    return "\n".join(lines)


def _model_cell(row: ReviewRow) -> str:
    """The model version a policy follows; flagged when the model has been revised since."""
    if row.model_version is None:
        return "—"
    version = md_escape(row.model_version, starts_line=False)
    if not row.model_revised:
        return f"version {version}"
    return f"version {version}: **{REVISED}** (now {md_escape(row.model_now or '', starts_line=False)})"


@renderer(MatrixReport, "md")
def _matrix(report: MatrixReport) -> str:
    lines = _header(report.title, report.council, "Corpus matrix", long_date(report.as_of))
    lines += _table(
        ("Council", "Model version", *(CELL_TITLES[c] for c in CELLS)),
        [(md_escape(r.council), md_escape(r.model_version) or "—", *(r.count(c) for c in CELLS)) for r in report.rows],
        right=range(2, 6),
    )
    if report.skipped:
        lines += ["Left out because their stored version could not be compared:", ""]
        lines += [f"- {md_escape(reason)}" for reason in report.skipped] + [""]
    lines += ["## Model clauses most often dropped or changed", ""]
    lines += _table(
        ("Clause", "Text", "Dropped", "Changed"),
        [
            (md_escape(r.clause.citation), md_escape(_short(r.clause.printed)), r.missing, r.modified)
            for r in report.ranking
        ],
        right=(2, 3),
    )
    return "\n".join(lines)


@renderer(HistoryReport, "md")
def _history(report: HistoryReport) -> str:
    lines = _header(report.title, report.council, "Version history", long_date(report.as_of))
    if report.entries:
        last = report.last_review
        lines += [
            f"**Next review due: {long_date(report.next_review, report.next_review_precision)}.** "
            f"Last recorded review: {long_date(last.reviewed_on) if last else 'none'}.",
            "",
        ]
    for e in report.entries:
        facts = [
            e.adopted_by and f"adopted by {md_escape(e.adopted_by)}",
            e.minute and f"minute {md_escape(e.minute)}",
            f"review due {long_date(e.review_due, e.review_due_precision)}" if e.review_due else "no review date",
            e.source and md_escape(e.source) + (f", {plural(e.clauses, 'clause')}" if e.clauses is not None else ""),
            e.based_on and md_escape(based_on_line(e), starts_line=False),
        ]
        said = "; ".join(fact for fact in facts if fact)
        adopted = long_date(e.adopted_on, e.adopted_precision)
        lines += [f"## {adopted}: version {md_escape(e.version_label)} ({md_escape(e.status)})", ""]
        lines += [said[0].upper() + said[1:] + ".", ""]
        if e.adopted_note:
            lines += [f"Adoption date: {md_escape(e.adopted_note, starts_line=False)}.", ""]
        if e.summary:
            lines += [md_escape(e.summary), ""]
        if e.changes:
            changed = f" Changed: {md_escape('; '.join(e.changed), starts_line=False)}." if e.changed else ""
            lines += [f"Against the previous version: {e.changes.describe()}.{changed}", ""]
        for r in e.reviews:
            lines += [md_escape(capitalised(review_line(r, long_date))) + ".", ""]
    return "\n".join(lines)


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@renderer(UpdateReport, "md")
def _update(report: UpdateReport) -> str:
    lines = _header(report.title, report.council, "Proposed update", long_date(report.as_of))
    counts = ", ".join(f"{n} {action.replace('_', ' ')}" for action, n in report.summary.items() if n)
    lines += [
        f"What the model's changes from {md_escape(report.base_label, starts_line=False)} to "
        f"{md_escape(report.new_label, starts_line=False)} mean for "
        f"{md_escape(report.local_label, starts_line=False)}: {counts or 'nothing changed'}.",
        "",
    ]
    for action, title in ACTION_TITLES.items():
        items = [item for item in report.items if item.action == action]
        if not items:
            continue
        lines += [f"## {title} ({len(items)})", ""]
        for item in items:
            lines += _update_item(item)
    return "\n".join(lines).rstrip() + "\n"


def _update_item(item: UpdateItem) -> list[str]:
    cited = md_escape(item.citation or "not in the council's policy", starts_line=False)
    where = f"{cited} (model: {md_escape(item.model_citation, starts_line=False)})"
    lines = [
        f"### {where}",
        "",
        f"The model {MODEL_CHANGE_WORDS[item.model_change]}: {md_escape(item.why, starts_line=False)}.",
        "",
    ]
    if item.proposed_diff:
        lines += ["Proposed wording:", "", "> " + (redline_markdown(item.proposed_diff) or "*(removed)*"), ""]
    else:
        for label, text in (
            ("Model before", item.base_text),
            ("Council", item.local_text),
            ("Model now", item.new_text),
        ):
            if text is not None:
                lines += [f"- **{label}:** {md_escape(text, starts_line=False)}"]
        lines += [""]
    return lines
