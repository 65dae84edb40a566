"""Every error clausewise reports to a user, in one catalogue.

Each error carries a one-line message naming the file and what to do, and the exit code the
command line uses (2, like `diff`, for trouble). Library code raises these; the CLI prints
`clausewise: error: <message>` and exits with `exit_code`, never with a traceback.
"""

from __future__ import annotations

from pathlib import Path

SUPPORTED_FORMATS = ".pdf, .docx, .txt and .md"
CONVERT_HINT = "convert it with `soffice --headless --convert-to docx FILE` (LibreOffice)"


class ClausewiseError(Exception):
    """Base class: a problem the user can fix, reported as one line."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
