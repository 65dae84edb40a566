"""Plain text and Markdown: the form most policies reach us in after copy-and-paste.

Text has no styles, so everything is inferred: paragraphs from blank lines, with wrapped
lines and page-break splits rejoined; list items from bullets and numbers; tables from
markdown pipes or tab-separated columns. Markdown residue of web extractions (`*emphasis*`,
`<https://…>` links, `# headings`) is removed.
"""

from __future__ import annotations

import re
from pathlib import Path

from clausewise.errors import EmptyDocument, UnsupportedFormat, WrongContent

from ..markers import clean, continues, is_noise, parse_marker
from ..metadata import is_metadata_line
from ..model import Block, RawDocument, SourceRef, Table
from . import encoding
from .guards import nul_warning

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_MD_LIST_HEADING = re.compile(r"^(\d{1,3}\.)\s+(#{1,6})\s+(.*?)\s*#*$")  # "1. ## Uptime": a numbered heading
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_MD_TABLE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,2}|_{1,2})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_STRAY_ASTERISK = re.compile(r"(?<!\S)\*(?=\S)|(?<=\S)\*(?!\S)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?|mailto):[^)\s]+\)")
# Inline HTML that Markdown keeps as it is (Common Paper marks every defined term with a
# <span>): formatting only, never words. Only these tags, so "<5 working days>" stays text.
_INLINE_TAG = re.compile(
    r"</?(?:span|a|b|i|u|em|strong|small|sup|sub|mark|abbr|font|br)\b(?:\s[^<>]*)?/?>", re.IGNORECASE
)


# What a binary file's name claimed it was, and why it is not; other names may be a format
# LibreOffice can convert, so they get the conversion hint.
_CLAIMED = {
    ".pdf": ("PDF", "it does not start with %PDF-, as every PDF does"),
    ".docx": ("Word document", "a .docx is a zip archive, and this file is not one"),
    ".txt": ("text file", "it holds binary data, not text in any encoding"),
    ".md": ("text file", "it holds binary data, not text in any encoding"),
    ".markdown": ("text file", "it holds binary data, not text in any encoding"),
}


def decode(path: Path, data: bytes) -> tuple[str, tuple[str, ...]]:
    """The file's text and the warnings its decoding deserves (see `encoding`)."""
    try:
        decoded = encoding.decode(data)
    except encoding.NotText:
        claimed = _CLAIMED.get(path.suffix.lower())
        if claimed:
            raise WrongContent(path, *claimed) from None
        raise UnsupportedFormat(path, "a binary file") from None
    warnings: list[str] = []
    if not decoded.exact:
        weak = (
            f", a weak guess ({decoded.weak}); if the text looks wrong, save the file as UTF-8" if decoded.weak else ""
        )
        warnings.append(f"{path}: not UTF-8; read as {decoded.encoding}{weak}")
    if decoded.replaced:
        warnings.append(f"{path}: {decoded.replaced:,} damaged character(s) of its {decoded.encoding} replaced with �")
    return decoded.text, tuple(warnings) + nul_warning(path, {"the text": decoded.nul_removed})


def read_text(path: Path, data: bytes) -> RawDocument:
    text, warnings = decode(path, data)
    markdown = path.suffix.lower() in (".md", ".markdown")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks, tables = _blocks(lines)
    if not blocks and not tables:
        raise EmptyDocument(path, "the file has no text")
    return RawDocument(
        format="markdown" if markdown else "text",
        blocks=tuple(blocks),
        tables=tuple(tables),
        warnings=warnings,
    )


def _blocks(lines: list[str]) -> tuple[list[Block], list[Table]]:
    """Group lines into paragraphs and tables, then rejoin paragraphs split by wrapping."""
    blocks: list[Block] = []
    tables: list[Table] = []
    current: list[str] = []
    start = 0

    def flush() -> None:
        if current:
            blocks.append(_paragraph(current, start))
            current.clear()

    number = 0
    while number < len(lines):
        raw = lines[number]
        line = raw.strip()
        table_lines = _table_run(lines, number)
        if table_lines:
            flush()
            rows = _table_rows(lines[number : number + table_lines])
            tables.append(Table(rows, SourceRef(line=number + 1)))
            number += table_lines
            continue
        alone = _line_block(line, SourceRef(line=number + 1))
        if not line or _MD_RULE.match(line):
            flush()
        elif alone is not None:
            flush()
            blocks.append(alone)
        else:
            if current and (parse_marker(line) or _two_statements(current[-1], line)):
                flush()  # a bullet or number starts a new item even without a blank line
            if not current:
                start = number
            current.append(line)
        number += 1
    flush()
    return _rejoin(blocks), tables


def _line_block(line: str, source: SourceRef) -> Block | None:
    """A line that is a block on its own: a Markdown heading ("## Uptime", "1. ## Uptime"),
    extraction noise (kept so the segmenter can say it set it aside), or a contents line."""
    listed = _MD_LIST_HEADING.match(line)
    if listed:
        text = f"{listed.group(1)} {_strip_markdown(listed.group(3))}"
        return Block(text, "heading", len(listed.group(2)), source=source)
    heading = _MD_HEADING.match(line)
    if heading:
        return Block(_strip_markdown(heading.group(2)), "heading", len(heading.group(1)), source=source)
    if is_noise(line):
        return Block(clean(line), None, source=source)
    if "\t" in line and re.search(r"\t\s*\d{1,4}$", line):  # "INTRODUCTION<tab>2": a contents line
        return Block(clean(line.replace("\t", " ")), "toc", source=source)
    return None


def _two_statements(previous: str, line: str) -> bool:
    """ "Adopted … minute 25/041" over "Next review: May 2026": two cover lines, not one sentence."""
    return is_metadata_line(previous) and is_metadata_line(line)


def _paragraph(lines: list[str], start: int) -> Block:
    return Block(_strip_markdown(" ".join(lines)), None, source=SourceRef(line=start + 1))


def _rejoin(blocks: list[Block]) -> list[Block]:
    """Join paragraphs that a hard wrap or a page break split ("…with the" / "Officer/Clerk…").

    Extraction noise ("Loading images…") between the halves is stepped over, not joined.
    """
    joined: list[Block] = []
    for block in blocks:
        text_at = next((i for i in range(len(joined) - 1, -1, -1) if not is_noise(joined[i].text)), None)
        previous = joined[text_at] if text_at is not None else None
        if (
            text_at is not None
            and previous is not None
            and previous.role is None
            and block.role is None
            and not is_noise(block.text)
            and continues(previous.text, block.text)
        ):
            joined[text_at] = Block(f"{previous.text} {block.text}", None, source=previous.source)
        else:
            joined.append(block)
    return joined


def _strip_markdown(text: str) -> str:
    text = _INLINE_TAG.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _STRAY_ASTERISK.sub("", text)
    return clean(text)


def _table_run(lines: list[str], start: int) -> int:
    """How many lines from `start` form a table (markdown pipes, or 2+ rows of tab columns)."""
    if lines[start].strip().startswith("|"):
        end = start
        while end < len(lines) and lines[end].strip().startswith("|"):
            end += 1
        return end - start
    columns = lines[start].count("\t")
    if columns < 2:
        return 0
    end = start
    while end < len(lines) and lines[end].strip() and lines[end].count("\t") == columns:
        end += 1
    return end - start if end - start >= 2 else 0


def _table_rows(lines: list[str]) -> tuple[tuple[str, ...], ...]:
    rows = []
    for line in lines:
        stripped = line.strip()
        if _MD_TABLE_SEPARATOR.match(stripped):
            continue
        cells = stripped.strip("|").split("|") if stripped.startswith("|") else line.split("\t")
        rows.append(tuple(_strip_markdown(cell) for cell in cells))
    return tuple(row for row in rows if any(row))
