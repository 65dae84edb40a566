"""Writing a finished report (or any file clausewise makes) safely, in any format the registry
offers for it.

A file is written to a temporary name in the target's folder and then renamed over the target,
so a failure never leaves half a file. Only a regular file is ever replaced: a folder, a device
or a pipe is refused (as root, replacing /dev/full with a file would break the system), and a
symbolic link is written through, so the link stays and the file it names gets the report.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from clausewise.errors import BadValue, OutputError, os_problem
from clausewise.reports.registry import format_of, formats, kind_of, render


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
    """Write `report` to `path` in `fmt` (default: as its suffix says)."""
    target = Path(path)
    writable_target(target)  # first: a folder or a device is the problem, whatever its name
    chosen = choose_format(type(report), fmt, target)
    return write_file(target, render(report, chosen))


def writable_target(path: Path) -> Path:
    """The file to write for `path`: the path itself, or what a symbolic link points to.
    Refuses, in one line, anything that is not (or cannot become) a regular file."""
    try:
        target = Path(os.path.realpath(path)) if path.is_symlink() else path
        mode: int | None = target.stat().st_mode
    except FileNotFoundError:
        mode = None  # a new file (or a link to one)
    except OSError as exc:
        raise OutputError(path, _reason(exc)) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(path, "is a folder; give a file name inside it")
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(path, "is a device or pipe, not a file; give a file name (or -o - to print)")
    if not target.parent.is_dir():
        raise OutputError(path, f"the folder {target.parent} does not exist; create it or choose another")
    return target


def check_writable(path: Path) -> Path:
    """`writable_target`, and proof that a file can be made in its folder (a folder of /proc,
    a read-only disk): asked before the work, so a command that cannot save fails first."""
    target = writable_target(path)
    handle, temporary = _temporary(path, target)
    os.close(handle)
    os.unlink(temporary)
    return target


def write_file(path: Path, content: str | bytes) -> Path:
    """Write `content` to `path` through a temporary file in the same folder."""
    target = writable_target(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    handle, temporary = _temporary(path, target)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, _file_mode(target))
        os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(path, _reason(exc)) from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    return path


def _temporary(path: Path, target: Path) -> tuple[int, str]:
    """A new temporary file beside `target`, with a short name of its own: the target's name
    may already be near the length limit."""
    try:
        return tempfile.mkstemp(prefix=".clausewise-", suffix=".partial", dir=target.parent)
    except OSError as exc:
        raise OutputError(path, _reason(exc)) from None


def _file_mode(target: Path) -> int:
    """The existing file's permissions, else what the umask gives a new file (mkstemp's 0600
    would hide a committee paper from the rest of the office)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.EINVAL, errno.ENOENT):
        # /proc and similar say EINVAL or ENOENT to a new file; all mean "not here".
        return f"cannot write a file there ({exc.strerror}); choose another folder"
    return f"{os_problem(exc)}; nothing was written"
