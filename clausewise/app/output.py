"""Writing a finished report to a file, in any format the registry offers for it."""

from __future__ import annotations

import os
from pathlib import Path

from clausewise.errors import BadValue
from clausewise.reports import format_of, formats, kind_of, render


def choose_format(report_type: type, fmt: str | None, path: Path | None) -> str:
    """The format asked for, else the one the file's suffix names, else the report's default."""
    offered = formats(report_type)
    if fmt is None and path is not None:
        fmt = format_of(path)
        if fmt is None:
            raise BadValue(f"{path}: this report comes as {', '.join(offered)}; name a file with one of those suffixes")
    chosen = fmt or kind_of(report_type).default
    if chosen not in offered:
        where = f"{path}: " if path is not None else ""
        raise BadValue(f"{where}this report comes as {', '.join(offered)}, not {chosen}")
    return chosen


def write_report(report: object, path: str | Path, fmt: str | None = None) -> Path:
    """Write `report` to `path` in `fmt` (default: as its suffix says), through a temporary
    file in the same folder, so a failure never leaves half a file."""
    target = Path(path)
    chosen = choose_format(type(report), fmt, target)
    if not target.parent.is_dir():
        raise BadValue(f"{target}: the folder {target.parent} does not exist")
    rendered = render(report, chosen)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        if isinstance(rendered, bytes):
            temporary.write_bytes(rendered)
        else:
            temporary.write_text(rendered, encoding="utf-8")
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    return target
