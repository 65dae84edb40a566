"""One reader per format behind a registry keyed by the type detected from the file's content.

The extension alone is not trusted: a .doc renamed .docx, an .odt, or a PDF saved without an
extension are all common in a clerk's downloads folder. Each reader takes the path and its
bytes (read once, by `read`, which also hashes them) and returns a `RawDocument`; the path only
names the file in messages. Adding a format means adding a module and a line below. The PDF,
Word and web-page readers' modules (pdfplumber, python-docx, lxml.html) are imported when a file
of their kind is first read, not by every process that reads a text file.
"""

from __future__ import annotations

import importlib
import zipfile
from collections.abc import Callable
from dataclasses import replace
from io import BytesIO
from pathlib import Path

from clausewise.errors import EmptyDocument, EncryptedFile, UnsupportedFormat

from ..model import RawDocument
from .guards import ZIP_ERRORS
from .odt import MIMETYPES as ODT_MIMETYPES
from .odt import read_odt
from .text import read_text

Reader = Callable[[Path, bytes], RawDocument]


def _on_first_use(module: str, function: str) -> Reader:
    """The reader `module.function`, its module imported when it first reads a file."""

    def reader(path: Path, data: bytes) -> RawDocument:
        found: Reader = getattr(importlib.import_module(f".{module}", __package__), function)
        return found(path, data)

    reader.__name__ = reader.__qualname__ = function
    return reader


READERS: dict[str, Reader] = {
    "pdf": _on_first_use("pdf", "read_pdf"),
    "docx": _on_first_use("docx", "read_docx"),
    "text": read_text,
    "html": _on_first_use("html", "read_html"),
    "odt": read_odt,
}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_NAMED = {
    "content.xml": "an OpenDocument spreadsheet, presentation or drawing",
    "xl/workbook.xml": "an Excel workbook",
    "ppt/presentation.xml": "a PowerPoint file",
}


def detect_format(path: Path, data: bytes) -> str:
    """The registry key for `data`, or an `UnsupportedFormat` error saying what it is."""
    head = data[:2048].lstrip()
    if not data.strip():
        raise EmptyDocument(path)
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_format(path, data)
    if data.startswith(_OLE2):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            raise EncryptedFile(path, "Word document")
        raise UnsupportedFormat(path, "a legacy Word .doc (or other Office 97-2003) file")
    if head.startswith(b"{\\rtf"):
        raise UnsupportedFormat(path, "a Rich Text (.rtf) file")
    if _looks_like_html(path, head):
        return "html"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise UnsupportedFormat(path, "an image (a scan needs OCR first, e.g. `ocrmypdf`)")
    return "text"


def _looks_like_html(path: Path, head: bytes) -> bool:
    """A web page by its first tags, in UTF-8 or UTF-16; a page fragment saved as .html may
    start with any tag."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    lowered = head.removeprefix(b"\xef\xbb\xbf").lstrip()[:512].lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return True
    return path.suffix.lower() in _HTML_SUFFIXES and lowered.startswith(b"<")


def _zip_format(path: Path, data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except ZIP_ERRORS:
        if path.suffix.lower() == ".docx":
            return "docx"  # let the Word reader report the damage with its own words
        raise UnsupportedFormat(path, "a damaged zip archive") from None
    if "word/document.xml" in names or path.suffix.lower() == ".docx":
        return "docx"
    if "content.xml" in names and (_zip_mimetype(data) in ODT_MIMETYPES or path.suffix.lower() == ".odt"):
        return "odt"
    for name, what in _ZIP_NAMED.items():
        if name in names:
            raise UnsupportedFormat(path, what)
    raise UnsupportedFormat(path, "a zip archive")


def _zip_mimetype(data: bytes) -> str:
    """An OpenDocument file names its kind in its first part, `mimetype`, stored uncompressed."""
    try:
        return zipfile.ZipFile(BytesIO(data)).read("mimetype")[:100].decode("ascii", "replace").strip()
    except (KeyError, *ZIP_ERRORS):
        return ""


# The format a name promises, and how a warning names each format.
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_BY_SUFFIX = {".pdf": "pdf", ".docx": "docx", ".txt": "text", ".md": "text", ".markdown": "text"}
_BY_SUFFIX |= dict.fromkeys(_HTML_SUFFIXES, "html") | {".odt": "odt"}
# The file names a policy may have, for a file chooser's filter (the content still decides).
SUFFIXES = tuple(_BY_SUFFIX)
_NAMED = {
    "pdf": "a PDF",
    "docx": "a Word document",
    "text": "plain text",
    "html": "a web page",
    "odt": "an OpenDocument text",
}


def read_raw(path: Path, data: bytes) -> RawDocument:
    found = detect_format(path, data)
    raw = READERS[found](path, data)
    promised = _BY_SUFFIX.get(path.suffix.lower())
    if promised and promised != found:
        note = f"{path}: named {path.suffix} but holds {_NAMED[found]}; read as {_NAMED[found]}"
        raw = replace(raw, warnings=(note, *raw.warnings))
    return raw
