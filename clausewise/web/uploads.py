"""Uploaded policy files: kept only in the server's own temporary folder, under names the server
makes up, and read exactly as `clausewise read` reads a file.

The upload's own name is used only to speak about the file: in error messages, as the Document's
path and (when the document has no title of its own) its title, so what the web app says and
returns is what the command line says of a file with that name. Its suffix is kept only when it
is one clausewise knows, because `read` says so when a file's content and suffix disagree.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO

from clausewise.app.sides import FILE_SUFFIXES
from clausewise.errors import InputError, NoUpload, UploadTooLarge
from clausewise.ingest import Document, read
from clausewise.ingest.read import title_from_name  # the title `read` gives a file with no title

from .settings import KEPT_COMPARISONS

NAME_LIMIT = 120  # characters of an upload's name shown; a longer name is cut
COPY_CHUNK = 2**20


@dataclass(frozen=True)
class Upload:
    name: str  # the file's name as the clerk's computer gave it, made safe to show
    path: Path  # where the server keeps it (a made-up name in the temporary folder)
    document: Document  # as read, speaking of `name`, never of `path`


def shown_name(client_name: str | None) -> str:
    """The last part of an upload's name (a browser may send a whole Windows path), with
    control characters dropped so an error about it stays on one line."""
    raw = client_name or ""
    base = PureWindowsPath(PurePosixPath(raw).name).name
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip()
    return base[:NAME_LIMIT] or "upload"


class UploadFolder:
    """A private temporary folder (mode 0700) for the server's lifetime; `close` removes it."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="clausewise-web-"))

    def close(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def save(self, stream: BinaryIO, name: str, limit: int) -> Path:
        """Copy an upload into a new file with a made-up name, refusing it past `limit` bytes."""
        suffix = Path(name).suffix.lower()
        target = self.path / f"{secrets.token_hex(16)}{suffix if suffix in FILE_SUFFIXES else ''}"
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        written = 0
        with os.fdopen(handle, "wb") as out:
            while chunk := stream.read(COPY_CHUNK):
                written += len(chunk)
                if written > limit:
                    out.close()
                    target.unlink(missing_ok=True)
                    raise UploadTooLarge(name, round(limit / 2**20, 2))
                out.write(chunk)
        return target

    def read(self, stream: BinaryIO | None, client_name: str | None, limit: int, field: str) -> Upload:
        """An upload saved and read as a policy; on any failure nothing of it stays behind."""
        if stream is None or not client_name:
            raise NoUpload(field)
        name = shown_name(client_name)
        path = self.save(stream, name, limit)
        try:
            document = read(path)
        except InputError as exc:
            path.unlink(missing_ok=True)
            raise spoken_of(exc, path, name) from None
        return Upload(name, path, as_uploaded(document, path, name))


def spoken_of(error: InputError, path: Path, name: str) -> InputError:
    """The error `read` raised, about the upload's name instead of the server's file."""
    error.message = error.message.replace(str(path), name)
    error.args = (error.message,)
    error.path = name
    return error


def as_uploaded(document: Document, path: Path, name: str) -> Document:
    """The Document as if read from a file called `name`."""
    title = title_from_name(Path(name)) if document.title == title_from_name(path) else document.title
    warnings = tuple(warning.replace(str(path), name) for warning in document.warnings)
    return replace(document, path=name, title=title, warnings=warnings)


class KeptUploads:
    """The last few uploads the clerk still works on (two compared files, whose redline and
    JSON can then be downloaded; a file being added, while its details are checked), by an
    unguessable id, so nothing is uploaded twice. The oldest go first, files and all."""

    def __init__(self, limit: int = KEPT_COMPARISONS) -> None:
        self._kept: OrderedDict[str, tuple[Upload, ...]] = OrderedDict()
        self._limit = limit
        self._lock = threading.Lock()

    def keep(self, *uploads: Upload) -> str:
        key = secrets.token_urlsafe(18)
        with self._lock:
            self._kept[key] = uploads
            while len(self._kept) > self._limit:
                _, dropped = self._kept.popitem(last=False)
                for upload in dropped:
                    upload.path.unlink(missing_ok=True)
        return key

    def get(self, key: str) -> tuple[Upload, ...] | None:
        with self._lock:
            return self._kept.get(key)
