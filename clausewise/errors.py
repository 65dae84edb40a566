"""Every error clausewise reports, in one catalogue: one family for the whole library.

Each error is one line naming the thing at fault (a file, a council, the database) and what is
wrong, and carries the exit code the command line uses (2, like `diff`, for trouble). Library
errors speak the library's language, never a front end's: where the fix is a value the caller
must give or change, `needs` names it (one of `NEEDS`), and each front end says that in its own
words — the command line adds "give --council NAME", a Python caller reads `error.needs`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

SUPPORTED_FORMATS = ".pdf, .docx, .txt and .md"
CONVERT_HINT = "convert it with `soffice --headless --convert-to docx FILE` (LibreOffice)"

Needs = Literal[
    "council",  # the name of the council a document belongs to
    "policy",  # which policy (a council with several, or a document with none named)
    "version",  # a version label that is not taken yet
    "stored council",  # the name of a council that is in the database
    "model",  # a model publisher's version in the database
    "database",  # another database, or a way to reach this one
    "empty database",  # a database with nothing in it yet
    "force",  # the caller's word that an unlikely value is right (a date in the future)
    "amend",  # a correction of the stored version, not the same file added again
]
NEEDS: tuple[Needs, ...] = (
    "council",
    "policy",
    "version",
    "stored council",
    "model",
    "database",
    "empty database",
    "force",
    "amend",
)


class ClausewiseError(Exception):
    """Base class: a problem the user can fix, reported as one line."""

    exit_code = 2

    def __init__(self, message: str, *, needs: Needs | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.needs = needs


# --- Reading a policy file -------------------------------------------------------------------


class InputError(ClausewiseError):
    """A file that cannot be read as a policy document."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {problem}")


class FileMissing(InputError):
    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "no such file; check the path")


class EmptyDocument(InputError):
    def __init__(self, path: str | Path, detail: str = "the file is empty") -> None:
        super().__init__(path, f"{detail}; there is no policy text to read")


class UnsupportedFormat(InputError):
    def __init__(self, path: str | Path, what: str) -> None:
        super().__init__(
            path,
            f"{what} is not supported; clausewise reads {SUPPORTED_FORMATS}: {CONVERT_HINT}",
        )


class CorruptFile(InputError):
    def __init__(self, path: str | Path, what: str, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            path,
            f"cannot read this {what}, the file is damaged or not really a {what}{extra}; "
            "open it in its application and save it again",
        )


class EncryptedFile(InputError):
    def __init__(self, path: str | Path, what: str) -> None:
        super().__init__(
            path,
            f"this {what} is password-protected; save an unprotected copy "
            "(for a PDF: `qpdf --decrypt --password=PASSWORD IN.pdf OUT.pdf`)",
        )


class ScannedPdf(InputError):
    def __init__(self, path: str | Path, pages: int) -> None:
        super().__init__(
            path,
            f"this PDF has no text layer on any of its {pages} page(s), so it looks scanned; "
            "run OCR first, e.g. `ocrmypdf IN.pdf OUT.pdf`",
        )


# --- Aligning ----------------------------------------------------------------------------------


class ProfileError(ClausewiseError):
    """A terminology profile that is missing or not valid TOML of the profile's shape."""


class BackendMissing(ClausewiseError):
    """An optional scoring backend (sentence embeddings) that is not installed."""


# --- The store ---------------------------------------------------------------------------------


class StoreError(ClausewiseError):
    """A problem with the database or what is asked of it."""


class DatabaseTooNew(StoreError):
    def __init__(self, where: str, revision: str) -> None:
        super().__init__(
            f"{where}: this database was written by a newer clausewise (schema revision {revision}); "
            "upgrade clausewise (pip install -U clausewise) — the database was not changed"
        )


class DatabaseUnavailable(StoreError):
    def __init__(self, where: str, detail: str) -> None:
        super().__init__(f"{where}: cannot open the database ({detail})", needs="database")


class NotFound(StoreError):
    """A council, policy or version that is not in the database."""


class Ambiguous(StoreError):
    """A reference that matches more than one thing."""


class Conflict(StoreError):
    """A write that would overwrite something already stored."""


class BadValue(ClausewiseError):
    """A value that is not valid (a date, a number, a name)."""


class ImpossibleDate(BadValue):
    """A date that cannot be right as given (an adoption in the future, a review due before the
    adoption); the caller may say it is right after all (`force`)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, needs="force")
