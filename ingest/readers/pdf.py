"""PDF with pdfplumber: lines of text become paragraphs as a reader sees them.

A PDF has no paragraphs, only positioned lines. We take out running headers and footers
(`pdf_margins`: by their place in the margin bands, or by repeating there), then start a
new paragraph at a larger vertical gap, a bullet or clause number, or a change of font, and
join a paragraph that a page break split. Words broken at a line-end hyphen are re-joined
when the document itself spells them without the hyphen elsewhere; otherwise the hyphen is
kept, because layout engines break lines at the hyphen of a real compound ("party-political").
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from clausewise.errors import CorruptFile, EncryptedFile, InputError, ScannedPdf, WrongContent

from ..markers import BULLET_CHARS, clean, continues, ends_sentence, normalise_number, parse_marker
from ..model import Block, BlockRole, RawDocument, SourceRef, Table
from .guards import damage_warning, large_pdf_warning, nul_warning, parser_log, raised_inside
from .pdf_lines import (
    Candidate,
    Line,
    font_family,
    is_bullet_label,
    is_right_to_left,
    label_candidate,
    logical_order,
    settle_labels,
)
from .pdf_margins import split_running

_ALIGNED_X = 2.0  # points: two lines start at the same place
MIN_COLUMN_CHARS = 30  # a text column at least this many characters wide shows where lines wrap
# Characters of slack when judging from the next line whether a word would have fitted: the
# width of a word is estimated from the last line's average glyph width.
ROOM_SLACK_CHARS = 1
TITLE_SIZE_STEP = 1.5  # points: text this much larger than the body is a heading or title
FOOTNOTE_SIZE_DROP = 1.0  # points: text this much smaller than the body is a footnote, not a clause
_BOLD = re.compile(r"bold|black|heavy|semibold|demi|,b$", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")  # "12 0 obj": what every PDF is made of
_PARSERS = ("pdfplumber", "pdfminer")  # a failure inside these means the file is damaged


def read_pdf(path: Path, data: bytes) -> RawDocument:
    try:
        with parser_log(*_PARSERS) as logged, pdfplumber.open(BytesIO(data)) as pdf:
            found = [_read_page(page) for page in pdf.pages]
            title, title_nul = _metadata_title(pdf.metadata)
    except PDFPasswordIncorrect as exc:
        raise EncryptedFile(path, "PDF") from exc
    except PdfminerException as exc:
        if isinstance(exc.args[0] if exc.args else None, PDFPasswordIncorrect):
            raise EncryptedFile(path, "PDF") from exc
        raise _damaged(path, data, exc) from exc
    except Exception as exc:
        if not raised_inside(exc, _PARSERS):
            raise
        raise _damaged(path, data, exc) from exc
    pages = [page.lines for page in found]
    if not any(pages) and not any(page.tables for page in found):
        raise ScannedPdf(path, len(pages))  # text in a ruled table is a text layer too
    body, running = split_running(pages, _body_size([line for page in pages for line in page]))
    lines = [line for page in body for line in page]
    blocks = _paragraphs(lines, _body_size(lines))
    vocabulary = _vocabulary(blocks)
    blocks = [replace(block, text=_dehyphenate(block.text, vocabulary)) for block in blocks]
    nul = {f"page {number}": page.nul for number, page in enumerate(found, 1)} | {"the title": title_nul}
    return RawDocument(
        format="pdf",
        blocks=tuple(blocks),
        tables=tuple(table for page in found for table in page.tables),
        title=title,
        running_text=tuple(running),  # every line taken out, so its words can be accounted for
        warnings=damage_warning(path, "PDF", logged) + nul_warning(path, nul) + large_pdf_warning(path, len(pages)),
    )


def _damaged(path: Path, data: bytes, exc: BaseException) -> InputError:
    """A PDF the parser gave up on: damaged, or only a PDF header in front of something else."""
    if not _PDF_OBJECT.search(data):
        return WrongContent(path, "PDF", "it starts with a PDF header but holds no PDF objects")
    return CorruptFile(path, "PDF", _reason(exc))


def _reason(exc: BaseException) -> str:
    inner = exc.args[0] if exc.args else exc
    return (str(inner) or type(inner).__name__).splitlines()[0][:80]


def _metadata_title(info: dict[str, Any]) -> tuple[str | None, int]:
    """The title in the document properties, and how many NULs were removed from it."""
    title = info.get("Title")
    if isinstance(title, bytes):
        title = title.decode("utf-8", "replace")
    if not isinstance(title, str):
        return None, 0
    cleaned = clean(title.replace("\x00", ""))
    return cleaned or None, title.count("\x00")


@dataclass(frozen=True)
class _Page:
    lines: list[Line]
    tables: list[Table]
    nul: int  # NUL characters removed from the page's text


def _read_page(page: Any) -> _Page:
    """The page's ruled tables, and its text lines outside them.

    Table detection is skipped on pages with no ruling lines: it is the costly part of
    pdfplumber, and a borderless table reads well enough as lines.
    """
    found = page.find_tables() if page.rects or page.lines else []
    tables = [_table(table.extract(), page.page_number) for table in found]
    nul = sum(char["text"].count("\x00") for char in page.chars)
    return _Page(_page_lines(page, [t.bbox for t in found]), [t for t in tables if t.rows], nul)


def _page_lines(page: Any, boxes: list[tuple[float, float, float, float]]) -> list[Line]:
    result: list[Line] = []
    candidates: list[Candidate | None] = []
    for raw in page.extract_text_lines(return_chars=True, strip=True):
        text = clean(raw["text"].replace("\x00", ""))
        if not text or any(_inside(raw, box) for box in boxes):
            continue
        chars = [c for c in raw["chars"] if c["text"].strip("\x00").strip()]
        sizes = [round(c["size"], 1) for c in chars] or [0.0]
        size = statistics.median(sizes)
        bold = sum(bool(_BOLD.search(c.get("fontname", ""))) for c in chars) > len(chars) / 2
        if is_right_to_left(text):  # drawn right to left: read in order, a number parsed from the text
            text = clean(logical_order(chars, size))
            candidates.append(None)
        else:
            candidates.append(label_candidate(text, chars, size))
        place = (raw["top"], raw["bottom"], raw["x0"], raw["x1"])
        family = font_family(chars[len(chars) // 2 :] if candidates[-1] else chars)  # not the label's font
        result.append(Line(text, page.page_number, *place, size, bold, float(page.height), family=family))
    labels = settle_labels(candidates)
    return [
        replace(line, label=label, text_x=candidate.text_x) if label and candidate else line
        for line, label, candidate in zip(result, labels, candidates, strict=True)
    ]


def _inside(line: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    return bool(top - 1 <= line["top"] and line["bottom"] <= bottom + 1 and x0 - 1 <= line["x0"] <= x1 + 1)


def _table(cells: list[list[str | None]], page: int) -> Table:
    rows = tuple(tuple(clean((cell or "").replace("\x00", "")) for cell in row) for row in cells)
    return Table(tuple(row for row in rows if any(row)), SourceRef(page=page))


def _body_size(lines: list[Line]) -> float:
    """The font size most of the text is set in."""
    weighted = Counter[float]()
    for line in lines:
        weighted[line.size] += len(line.text)
    return weighted.most_common(1)[0][0] if weighted else 0.0


def _paragraphs(lines: list[Line], body_size: float) -> list[Block]:
    groups: list[list[Line]] = []
    right_edge = {line.page: 0.0 for line in lines}
    for line in lines:
        right_edge[line.page] = max(right_edge[line.page], line.x1)
    for line in lines:
        if (groups and not _starts_new(groups[-1], line, right_edge, body_size)) or (
            groups and _continues_across_page(groups[-1], line, body_size, right_edge)
        ):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [_block(group, body_size) for group in groups]


def _starts_new(current: list[Line], line: Line, right_edge: dict[int, float], body_size: float) -> bool:
    last = current[-1]
    if line.page != last.page:
        return True  # page joins are decided separately, on the finished paragraph
    gap = line.top - last.bottom
    if gap > max(last.size, line.size) * 0.45:
        return True
    if (line.bold, round(line.size), line.family) != (last.bold, round(last.size), last.family):
        return True  # a heading is set in its own font, size or weight
    if line.label is not None:
        return True
    if _stopped_short(current, line, right_edge) or _room_left(last, line, body_size):
        return True
    return parse_marker(line.text) is not None and not _runs_on(current, line, right_edge)


def _stopped_short(current: list[Line], line: Line, right_edge: dict[int, float]) -> bool:
    """Whether the last line ended a sentence short of the paragraph's own right margin although
    the new line's first word would have fitted on it: a layout engine only wraps a word that
    does not fit, so the paragraph ended there (Word's paragraphs set with no space between
    them). The margin is where the paragraph's earlier lines reached, not the page's widest
    line: an indented paragraph wraps short of that."""
    last = current[-1]
    if len(current) < 2 or not ends_sentence(last.text):
        return False  # one line shows no margin of its own
    margin = max(x.x1 for x in current[:-1])
    char_width = (last.x1 - last.x0) / max(len(last.text), 1)
    fits = last.x1 + char_width * (len(line.text.split()[0]) + 1) < margin - 1
    left = min(x.x0 for x in current)
    column = margin - left >= MIN_COLUMN_CHARS * char_width  # a paragraph of short lines shows no margin
    return fits and column


def _room_left(last: Line, line: Line, body_size: float) -> bool:
    """Whether the new line itself reaches further right than the last line would have reached
    with the new line's first word on it: a wrapped line's successor never extends past the
    paragraph's margin, so the word would have fitted and the last line ended its paragraph
    (short lines set with no space between them: "1 1" / "B B", "2.4. …вопросам:" / "Требований …").
    Centred lines cannot pass this test: the word that wrapped is wider than the difference.
    A line that visibly carries the sentence on ("…kam von" / "außen als…") is kept: a manual
    line break, or a wrap the estimate of the word's width misjudged, ends no sentence; so is
    a title set larger than the body, which is often broken by hand ("Tom KELLY:" / "To ÖGAP
    Members")."""
    if continues(last.text, line.text) or last.size >= body_size + TITLE_SIZE_STEP:
        return False
    char_width = (last.x1 - last.x0) / max(len(last.text), 1)
    first_word = line.text.split()[0]
    return last.x1 + char_width * (len(first_word) + 1 + ROOM_SLACK_CHARS) < line.x1


def _runs_on(current: list[Line], line: Line, right_edge: dict[int, float]) -> bool:
    """Whether a line starting like a number ("11 September", "(828) I will", "– so sehr") only
    carries on the sentence the last line broke off at the right margin, where a clause
    cannot start: the last line was wrapped and ends no sentence, and the new line starts
    where the paragraph's lines start, or at the hanging indent of its drawn number ("1.\tDer
    IT-DIENSTLEISTER … angegeben" / "– eine Lösung…"), not indented like a list."""
    last = current[-1]
    if ends_sentence(last.text):
        return False
    char_width = (last.x1 - last.x0) / max(len(last.text), 1)
    wrapped = last.x1 + char_width * (len(line.text.split()[0]) + 1) >= right_edge[last.page] - 1
    left = min(x.x0 for x in current)
    column = right_edge[last.page] - left >= MIN_COLUMN_CHARS * char_width  # a page of short lines shows no margin
    starts = [left] + ([current[0].text_x] if current[0].text_x is not None else [])
    return wrapped and column and any(abs(line.x0 - start) < _ALIGNED_X for start in starts)


def _continues_across_page(group: list[Line], line: Line, body_size: float, right_edge: dict[int, float]) -> bool:
    """Whether the first line of a page carries on the paragraph the last page ended with.

    Yes when the sentence visibly runs on (no closing punctuation and a lower-case or
    connecting word), or when the last line was wrapped (the next word would not have fitted
    on it) and the new line either lacks a full stop before it or sits at the paragraph's
    hanging indent rather than where a new paragraph would start.
    """
    last = group[-1]
    if line.page != last.page + 1 or line.label:
        return False
    if parse_marker(line.text):  # "– so sehr" on top of a page may carry on a sentence, as on one page
        return _runs_on(group, line, right_edge)
    if _is_heading_font(line.size, line.bold, body_size) or _is_heading_font(last.size, last.bold, body_size):
        return False
    text = " ".join(x.text for x in group)
    if continues(text, line.text):
        return True
    # Wrapped: the new line's first word would not have fitted at the end of the last line.
    char_width = (last.x1 - last.x0) / max(len(last.text), 1)
    first_word = line.text.split()[0]
    wrapped = last.x1 + char_width * (len(first_word) + 1) >= right_edge[last.page] - 1
    left = min(x.x0 for x in group)
    # A page of short lines ("• three" the widest) shows no margin a line could have wrapped at.
    column = right_edge[last.page] - left >= MIN_COLUMN_CHARS * char_width
    hanging = len(group) > 1 and abs(line.x0 - group[1].x0) < 2 and abs(group[0].x0 - group[1].x0) >= 2
    return wrapped and column and (not ends_sentence(text) or hanging)


def _block(lines: list[Line], body_size: float) -> Block:
    text = lines[0].text
    for line in lines[1:]:
        text = _join(text, line.text)
    first = lines[0]
    size = statistics.median(line.size for line in lines)
    role: BlockRole | None = "heading" if _is_heading_font(size, first.bold, body_size) else None
    # A label on smaller text is a footnote's number: the Word file keeps footnotes out of the body.
    label = first.label if first.size >= body_size - FOOTNOTE_SIZE_DROP else None
    number, marker, text = _drawn_number(label, text)
    if (text[:1] in BULLET_CHARS or number == "•") and role is None:
        role = "item"
    return Block(text, role, None, number, marker, SourceRef(page=first.page), size=size, bold=first.bold)


def _drawn_number(label: str | None, text: str) -> tuple[str | None, str | None, str]:
    """The number and marker a layout engine drew before the text, and the text after it, when
    the text alone does not show it as a number (a typed "1.1 The…" is parsed from the text,
    as in every format); normalised as the Word reader normalises Word's own numbers."""
    rest = text[len(label) :].strip() if label else ""
    if label and rest and is_bullet_label(label) and parse_marker(rest) is None:
        # A drawn bullet before text that starts like a number ("• 9 Monaten"): the number is text.
        return "•", label, rest
    if not label or not rest or parse_marker(text) is not None:
        return None, None, text
    if is_bullet_label(label):
        return "•", label, rest  # any bullet is "•"; the marker keeps the glyph ("o", "☐") as printed
    return normalise_number(label), label, rest


def _is_heading_font(size: float, bold: bool, body_size: float) -> bool:
    return bold or size >= body_size + TITLE_SIZE_STEP


def _join(text: str, following: str) -> str:
    """Join two wrapped lines; a line-end hyphen is kept for now and settled later."""
    if text.endswith("-") and text[-2:-1].isalpha() and following[:1].isalpha():
        return f"{text}\u2060{following}"  # word joiner marks a line-end hyphen to settle
    return f"{text} {following}"


def _vocabulary(blocks: list[Block]) -> set[str]:
    return {word.lower() for block in blocks for word in _WORD.findall(block.text.replace("-\u2060", ""))}


def _dehyphenate(text: str, vocabulary: set[str]) -> str:
    """Settle line-end hyphens: "organi-⁠sation" -> "organisation" when the document spells it
    so elsewhere and never with the hyphen; otherwise the hyphen stays."""

    def settle(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        if (left + right).lower() in vocabulary and f"{left}-{right}".lower() not in vocabulary:
            return left + right
        return f"{left}-{right}"

    return re.sub(r"([A-Za-z]+)-\u2060([A-Za-z]+)", settle, text)
