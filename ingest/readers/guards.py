"""What every reader checks around its parser: hostile zips, NUL bytes, very large inputs, and
whether a failure came from the parser (a damaged file) or from our own code (a bug).

Readers share these so that a problem reads the same whichever format brought it.
"""

from __future__ import annotations

import logging
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from types import TracebackType

from clausewise.errors import FileTooLarge

# A .docx is a zip of XML. Word's own parts compress 3-35 times (the corpus's largest ratio is
# 32, its styles); deflate cannot exceed about 1030. A part that grows more than this from
# over a megabyte was built to expand (a zip bomb), so the file is refused before python-docx
# inflates it.
MAX_ZIP_RATIO = 100
RATIO_FLOOR_BYTES = 1 * 2**20  # small parts may compress as well as they like
# Everything unpacked together. A long policy with pictures is a few MB, and the XML costs
# about nine times its size in memory once parsed (python-docx took 2.3 GB and 2 s to open a
# 0.9 MB file holding 250 MB of paragraphs), so 200 MB is far past any council's document.
MAX_UNPACKED_BYTES = 200 * 2**20
MAX_ZIP_PARTS = 10_000  # a .docx has 10-50 parts; each one costs memory before it is read
# Text beyond this many characters (about 70 times the longest policy in the corpus, 28,000)
# is read, with a warning: it is probably a handbook or several policies in one file, and
# comparing it will be slow.
LARGE_TEXT_CHARS = 2_000_000
LARGE_PDF_PAGES = 300  # pages, for the same reason; a long policy has 30

_UNPRINTABLE = re.compile(r"[^\x20-\x7e\u00a0-\uffff]")
_XML_PART = re.compile(r"\.(?:xml|rels)$", re.IGNORECASE)
_NUL_REFERENCE = re.compile(rb"&#(?:0+|[xX]0+);")  # NUL escaped as an XML character reference
# What zipfile raises on a damaged archive, opening it ("zip file version 21.0") or inflating a part.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError)


def check_zip_expansion(path: Path, archive: zipfile.ZipFile, what: str) -> None:
    """Refuse an archive whose parts would inflate past the limits, from its directory alone.

    The sizes in the central directory can be trusted as an upper bound: `zipfile` stops
    inflating a part at its declared size (and then fails its checksum), so a part that lies
    about its size cannot grow beyond what it declares.
    """
    parts = archive.infolist()
    if len(parts) > MAX_ZIP_PARTS:
        raise FileTooLarge(path, f"this {what} holds {len(parts):,} parts (a real one has about 20)")
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED_BYTES:
        raise FileTooLarge(path, f"this {what} would unpack to {total / 2**20:,.0f} MB")
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_FLOOR_BYTES and ratio > MAX_ZIP_RATIO:
            raise FileTooLarge(
                path,
                f"{shown_name(part.filename)} in this {what} would expand {ratio:,.0f} times, "
                f"to {part.file_size / 2**20:,.0f} MB (a zip bomb?)",
            )


def strip_nul_from_zip(archive: zipfile.ZipFile) -> tuple[bytes | None, dict[str, int]]:
    """A copy of the archive with NUL characters removed from its XML parts, and where they were.

    XML forbids NUL, raw or escaped as `&#0;`, so lxml refuses a part that has one; some
    exporters write them all the same. Returns (None, {}) when there are none, or when a part
    cannot be inflated: then the parser reports the damage in its own words.
    """
    found: dict[str, int] = {}
    contents: dict[str, bytes] = {}  # by name: where a damaged zip repeats one, the last counts
    try:
        for part in archive.infolist():
            content = archive.read(part)
            if _XML_PART.search(part.filename):
                cleaned = _NUL_REFERENCE.sub(b"", content.replace(b"\x00", b""))
                removed = content.count(b"\x00") + len(_NUL_REFERENCE.findall(content))
                if removed:
                    found[shown_name(part.filename)] = removed
                    content = cleaned
            contents[part.filename] = content
    except ZIP_ERRORS:
        return None, {}
    if not found:
        return None, {}
    copy = BytesIO()
    with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as out:
        for name, content in contents.items():
            out.writestr(name, content)
    return copy.getvalue(), found


def shown_name(name: str) -> str:
    """A name from inside a file, safe to print on one line: controls become "?", at most 80 characters."""
    shown = _UNPRINTABLE.sub("?", name)
    return shown if len(shown) <= 80 else f"{shown[:77]}..."


def nul_warning(path: Path, counts: dict[str, int]) -> tuple[str, ...]:
    """One warning for every NUL removed, naming where they were ("the text", "page 3", a part)."""
    total = sum(counts.values())
    if not total:
        return ()
    places = [where for where, count in counts.items() if count]
    shown = ", ".join(places[:5]) + (f" and {len(places) - 5} more" if len(places) > 5 else "")
    plural = "s" if total != 1 else ""
    return (f"{path}: removed {total:,} NUL character{plural} (zero bytes, never text) from {shown}",)


def large_text_warning(path: Path, texts: Iterable[str]) -> tuple[str, ...]:
    size = sum(len(text) for text in texts)
    if size <= LARGE_TEXT_CHARS:
        return ()
    return (
        f"{path}: {size / 1e6:,.1f} million characters of text, far more than a policy "
        "(perhaps a handbook or several documents in one file); reading and comparing it will be slow",
    )


def large_pdf_warning(path: Path, pages: int) -> tuple[str, ...]:
    if pages <= LARGE_PDF_PAGES:
        return ()
    return (f"{path}: {pages:,} pages, far more than a policy; reading and comparing it will be slow",)


@contextmanager
def parser_log(*loggers: str) -> Iterator[list[str]]:
    """Collect what parser libraries log while they read, instead of letting Python print it.

    pdfminer logs each piece of damage it works around ("Data-loss while decompressing
    corrupted data"); unhandled, those lines reach the clerk's terminal around our one line.
    The reader turns them into one warning of the Document.
    """
    messages: list[str] = []
    handler = _ListHandler(messages)
    saved = []
    for name in loggers:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate))
        logger.addHandler(handler)
        logger.propagate = False
    try:
        yield messages
    finally:
        for logger, propagate in saved:
            logger.removeHandler(handler)
            logger.propagate = propagate


class _ListHandler(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def damage_warning(path: Path, what: str, messages: list[str]) -> tuple[str, ...]:
    """One warning for all the damage a parser logged while it still read the file."""
    if not messages:
        return ()
    plural = "s" if len(messages) != 1 else ""
    first = shown_name(messages[0].splitlines()[0] if messages[0] else "")
    count = f"{len(messages):,} problem{plural}"
    return (f"{path}: this {what} is damaged in places; read around {count} (first: {first})",)


def raised_inside(exc: BaseException, packages: tuple[str, ...]) -> bool:
    """Whether `exc` was raised while one of `packages` was running.

    A parser library failing on a hostile file means the file is damaged; an exception that
    never passed through the library is a bug of ours, and must not be reported as damage.
    """
    traceback: TracebackType | None = exc.__traceback__
    while traceback is not None:
        module = str(traceback.tb_frame.f_globals.get("__name__", ""))
        if module.split(".")[0] in packages:
            return True
        traceback = traceback.tb_next
    return False
