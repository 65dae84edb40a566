"""Every error clausewise reports, in one catalogue: one family for the whole library.

Each error is one line naming the thing at fault (a file, a council, the database) and what is
wrong, and carries the exit code the command line uses (2, like `diff`, for trouble). Library
errors speak the library's language, never a front end's: where the fix is a value the caller
must give or change, `needs` names it (one of `NEEDS`), and each front end says that in its own
words — the command line adds "give --council NAME", a Python caller reads `error.needs`.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Literal

SUPPORTED_FORMATS = ".pdf, .docx, .odt, .txt, .md and .html"
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

    def __reduce__(self) -> tuple[object, ...]:
        # Errors cross process boundaries (files read in a worker pool). Pickle rebuilds an
        # exception by calling its class with `args`, which fails for subclasses whose
        # constructors take (path, problem); rebuild from the attributes instead.
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(cls: type[ClausewiseError], args: tuple[object, ...], state: dict[str, object]) -> ClausewiseError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


def os_problem(exc: OSError) -> str:
    """What an operating-system error means for the file, and what to do, in a clerk's words."""
    if exc.errno == errno.ENOENT:
        return "no such file; check the path"
    if exc.errno == errno.EISDIR:
        return "is a folder, not a file; give a file"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long; choose a shorter one"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied; check who may read and write it"
    if exc.errno == errno.ENOTDIR:
        return "part of the path is a file, not a folder; check the path"
    if exc.errno == errno.ELOOP:
        return "too many symbolic links (a link that points back at itself?); check the path"
    if exc.errno == errno.EROFS:
        return "the disk is read-only; choose another folder"
    if exc.errno == errno.ENOSPC:
        return "the disk is full; free some space or choose another disk"
    return f"cannot open it ({exc.strerror or 'the operating system refused'}); check the path"


# --- Reading a policy file -------------------------------------------------------------------


class InputError(ClausewiseError):
    """A file that cannot be read as a policy document."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {problem}")


class FileMissing(InputError):
    def __init__(self, path: str | Path, missing_folder: str | Path | None = None) -> None:
        where = f"; the folder {missing_folder} does not exist" if missing_folder else ""
        super().__init__(path, f"no such file{where}; check the path")


class NotAFile(InputError):
    """A path that names a folder, a pipe or a device rather than a file."""

    def __init__(self, path: str | Path, what: str) -> None:
        super().__init__(path, f"is {what}, not a file; give the path of a policy file")


class CannotOpen(InputError):
    """A file the operating system will not open: a name too long, no permission, a link loop."""


class FileTooLarge(InputError):
    """A file, or what a zip would unpack to, far beyond any policy: refused before parsing it."""

    def __init__(self, path: str | Path, detail: str) -> None:
        super().__init__(path, f"{detail}, far beyond any policy document, so it was not opened")


class WrongContent(InputError):
    """A file whose content is not what its name says (random bytes named .pdf, say)."""

    def __init__(self, path: str | Path, what: str, evidence: str) -> None:
        super().__init__(
            path,
            f"not a {what}: {evidence}; check that it is the file you meant "
            "(an interrupted download or a renamed file looks like this)",
        )


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


class FileChanged(InputError):
    """A file whose bytes changed between reading it and keeping it as a version's original."""

    def __init__(self, path: str | Path) -> None:
        super().__init__(path, "the file changed while it was being read; wait until it is saved and add it again")


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


class DatabaseDamaged(StoreError):
    def __init__(self, where: str, detail: str) -> None:
        super().__init__(
            f"{where}: the database file is damaged ({detail}); nothing was changed — restore your "
            "last copy, or try `sqlite3 DAMAGED.db .recover | sqlite3 RECOVERED.db`"
        )


class DatabaseBusy(StoreError):
    def __init__(self, where: str, seconds: int) -> None:
        super().__init__(
            f"{where}: another program kept the database locked for {seconds} s; "
            "try again when it has finished (nothing was changed)"
        )


class DatabaseReadOnly(StoreError):
    def __init__(self, where: str, detail: str = "read-only") -> None:
        super().__init__(
            f"{where}: the database can be read but not written ({detail}); reports and comparisons work, "
            "but this needs write access: ask whoever owns it, or work on a copy"
        )


class NotFound(StoreError):
    """A council, policy or version that is not in the database."""


class Ambiguous(StoreError):
    """A reference that matches more than one thing."""


class Conflict(StoreError):
    """A write that would overwrite something already stored."""


class WorkerStopped(ClausewiseError):
    """A process aligning pairs in parallel stopped (killed, out of memory); what was finished is stored."""

    def __init__(self, jobs: int) -> None:
        super().__init__(
            f"one of the {jobs} processes aligning in parallel stopped unexpectedly (out of memory?); the "
            "alignments finished before it are stored: run the command again, with --jobs 1 if it recurs"
        )


class ReaderStopped(ClausewiseError):
    """A process reading files in parallel stopped (killed, out of memory); nothing was stored."""

    def __init__(self, jobs: int) -> None:
        super().__init__(
            f"one of the {jobs} processes reading the files stopped unexpectedly (out of memory, or a file its "
            "reader cannot survive?); nothing was stored: run the command again, with --jobs 1 to see which file"
        )


class BadValue(ClausewiseError):
    """A value that is not valid (a date, a number, a name)."""


class ImpossibleDate(BadValue):
    """A date that cannot be right as given (an adoption in the future, a review due before the
    adoption); the caller may say it is right after all (`force`)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, needs="force")


# --- Writing files -----------------------------------------------------------------------------


class OutputError(ClausewiseError):
    """A file clausewise was asked to write that cannot be written there."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: {problem}")


# --- The web app (`clausewise serve`) ------------------------------------------------------------


class UploadTooLarge(InputError):
    """An uploaded file larger than the server's limit, refused before it is read."""

    def __init__(self, name: str, limit_mb: float) -> None:
        super().__init__(
            name,
            f"the file is larger than {limit_mb:g} MB, this server's limit; send a smaller file (or start "
            "`clausewise serve` with a larger --max-upload)",
        )


class NoUpload(InputError):
    """A form or API call that should carry a file and carries none."""

    def __init__(self, field: str) -> None:
        super().__init__(field, "no file was sent; choose a policy file (.pdf, .docx, .txt or .md)")


class NotSignedIn(ClausewiseError):
    """A request without the server's shared secret (`--token`)."""

    def __init__(self) -> None:
        super().__init__(
            "this clausewise server needs its access token; sign in at /login, or send the header "
            "`Authorization: Bearer TOKEN`"
        )


class FormExpired(ClausewiseError):
    """A form posted without the page's own anti-forgery token (CSRF), or from another site."""

    def __init__(self) -> None:
        super().__init__("this form has expired or came from another site; reload the page and send it again")
