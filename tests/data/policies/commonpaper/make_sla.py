"""Write Common Paper's SLA Standard Terms, version 1 and version 2.0, as their web pages read
when saved as Markdown: each sub-clause keeps its list ordinal and then the number the page
displays ("1. 1.1. Target Uptime."), and the HTML spans of the repository's Markdown are gone.

Source: https://github.com/CommonPaper/SLA, sla.md at a208306f2d04e2e0fb331a40dba660fd3a8c024a
(version 1, 2022-06-06) and 3d9f11689fc56298b5bcdcb5ec1460f140c7ab74 (version 2.0, 2024-02-02),
CC BY 4.0. Run with the repository's git directory: python make_sla.py /path/to/SLA.git
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

VERSIONS = {
    "sla-v1.md": "a208306f2d04e2e0fb331a40dba660fd3a8c024a",
    "sla-v2.md": "3d9f11689fc56298b5bcdcb5ec1460f140c7ab74",
}
_TAG = re.compile(r"</?span[^>]*>")
_ORDINAL = re.compile(r"^(?P<indent> *)(?P<n>\d+)\.\s+(?:##\s+)?(?P<rest>.*)$")
INDENT = 4  # spaces per nested list level in Common Paper's Markdown


def published(markdown: str) -> str:
    """The Markdown as the web page shows it: nested ordinals get their displayed number."""
    lines, path = [], []
    for line in _TAG.sub("", markdown).splitlines():
        match = _ORDINAL.match(line)
        if not match:
            lines.append(line.rstrip())
            continue
        level = len(match["indent"]) // INDENT
        path = [*path[:level], match["n"]]
        shown = f"{'.'.join(path)}. " if level else ""
        lines.append(f"{match['indent']}{match['n']}. {shown}{match['rest']}".rstrip())
    return "\n".join(lines) + "\n"


def main(git_dir: str) -> None:
    here = Path(__file__).parent
    for name, commit in VERSIONS.items():
        text = subprocess.run(
            ["git", f"--git-dir={git_dir}", "show", f"{commit}:sla.md"], capture_output=True, text=True, check=True
        ).stdout
        (here / name).write_text(published(text), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
