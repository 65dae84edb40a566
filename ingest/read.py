"""`read(path) -> Document`: the one entry point of the ingest stage."""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from pathlib import Path

from clausewise.errors import CannotOpen, EmptyDocument, FileMissing, FileTooLarge, InputError, NotAFile, os_problem

from .metadata import extract_metadata, find_council_name
from .model import Document
from .readers import read_raw
from .readers.guards import large_text_warning
from .segment import segment

MAX_BYTES = 200 * 1024 * 1024  # far beyond any policy; past this a file is something else


def read(path: str | Path) -> Document:
    """Read a policy document (.pdf, .docx, .odt, .html, .txt, .md) into clauses and metadata.

    Raises an `InputError` subclass, with a one-line message naming the file and the fix,
    for anything that cannot be read as a policy.
    """
    path = Path(path)
    data = _read_bytes(path)
    raw = read_raw(path, data)
    parts = segment(raw)
    if not any(clause.kind != "heading" for clause in parts.clauses):
        raise EmptyDocument(path, "no policy text was found, only headings or a cover page")
    texts = parts.front + tuple(clause.label for clause in parts.clauses) + parts.meta
    metadata, warnings = extract_metadata(texts, raw.tables)
    council = find_council_name(raw.running_text + texts)
    return Document(
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        format=raw.format,
        title=parts.title or title_from_name(path),
        council=council,
        metadata=metadata,
        clauses=parts.clauses,
        set_aside=parts.set_aside,
        warnings=raw.warnings
        + large_text_warning(path, (block.text for block in raw.blocks))
        + tuple(f"{path}: {w}" for w in parts.warnings + warnings),
    )


_NOT_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, or an `InputError` naming the path for anything but a readable file.

    The type is checked before opening, because opening a named pipe waits for a writer.
    """
    try:
        info = path.stat()
        for test, what in _NOT_FILES:
            if test(info.st_mode):
                raise NotAFile(path, what)
        if info.st_size > MAX_BYTES:
            raise FileTooLarge(path, f"the file is {info.st_size // 2**20:,} MB")
        return path.read_bytes()
    except OSError as exc:
        raise _path_error(path, exc) from None
    except ValueError:  # the operating system cannot even be asked: a NUL inside the path
        raise CannotOpen(path, "the path contains a NUL character; check the path") from None


def _path_error(path: Path, exc: OSError) -> InputError:
    if exc.errno == errno.ENOENT:
        if os.path.islink(path):
            return CannotOpen(path, "is a link to a file that does not exist; check the link")
        return FileMissing(path, _missing_folder(path))
    if exc.errno == errno.ENAMETOOLONG:
        longest = max(len(part) for part in path.parts)
        return CannotOpen(
            path,
            f"file name too long ({longest} characters in one name, {len(str(path))} in the path); "
            "rename or move the file",
        )
    return CannotOpen(path, os_problem(exc))  # the same words as every other file clausewise opens


def _missing_folder(path: Path) -> Path | None:
    """The first folder on the way to `path` that does not exist, if the file's own folder is missing."""
    for folder in reversed(path.parents):
        if str(folder) != "." and not os.path.exists(folder):
            return folder
    return None


def title_from_name(path: Path) -> str:
    """The title of a file with none of its own: "district-council_member-officer-protocol" ->
    "District council member officer protocol"."""
    words = re.sub(r"[_\-]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:]
