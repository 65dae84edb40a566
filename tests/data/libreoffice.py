"""The one headless LibreOffice conversion the scripts that make test data share
(html/make_renditions.py, odt/make_renditions.py, numbered/make_oracle.py, pdf/make_fixtures.py).

A private profile per run keeps LibreOffice from disturbing, or waiting for, another one on the
machine. (Tests convert with tests/reports/tools.py's `libreoffice`, which skips or, with
CI=true, fails when LibreOffice is missing; a script says so and stops.)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def convert(files: list[Path], outdir: Path, target: str, *, timeout: float | None = None) -> None:
    """Convert `files` to `target` ("pdf", "odt", a filter such as "txt:Text") into `outdir`
    with one LibreOffice run; by default allowed a minute and ten seconds a file."""
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice (LibreOffice) is not installed; install it, e.g. apt-get install libreoffice-writer")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                *map(str, files),
            ],
            check=True,
            capture_output=True,
            timeout=timeout or 60 + 10 * len(files),
        )
