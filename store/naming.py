"""How a reference is written: `COUNCIL[:POLICY][@VERSION|@DATE]`, with names that have `:`, `@`,
`/` or `"` in them put in double quotes (a `"` or `\\` inside the quotes gets a backslash).
Reading a reference back (`split_reference`) and writing one (`format_reference`) are exact
inverses, so anything that can be stored can be named.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from clausewise.errors import BadValue


@dataclass(frozen=True)
class Part:
    text: str
    quoted: bool  # written in double quotes: taken as it is, never as a date or a path


def split_reference(ref: str) -> tuple[Part, Part | None, Part | None]:
    """COUNCIL, POLICY and VERSION (or DATE) of a reference: split at the first `:` and `@`
    outside double quotes; the parts are stripped of spaces, quotes and backslashes."""
    parts: list[list[str]] = [[]]
    quoted = [False]
    separators: list[str] = []
    in_quotes = escaped = False
    for char in ref:
        if escaped:
            parts[-1].append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            in_quotes = not in_quotes
            quoted[-1] = True
        elif not in_quotes and char == "@" and "@" not in separators:
            separators.append("@")
            parts.append([])
            quoted.append(False)
        elif not in_quotes and char == ":" and not separators:
            separators.append(":")
            parts.append([])
            quoted.append(False)
        else:
            parts[-1].append(char)
    if in_quotes:
        raise BadValue(f"{ref}: a double quote is not closed; put each name in a pair of quotes")
    found = {sep: Part("".join(part).strip(), q) for sep, part, q in zip(["", *separators], parts, quoted, strict=True)}
    return found[""], found.get(":"), found.get("@")


def reference_head(ref: str) -> str:
    """The COUNCIL[:POLICY] part of a reference as written (quotes kept): what a file path
    would be if `ref` were one."""
    in_quotes = escaped = False
    for position, char in enumerate(ref):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            in_quotes = not in_quotes
        elif char == "@" and not in_quotes:
            return ref[:position]
    return ref


def quote_part(text: str) -> str:
    """A name or label as a reference writes it: in quotes when it has a character that
    would otherwise split the reference or make it look like a file."""
    if not any(char in text for char in _SPECIAL) and text == text.strip():
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_SPECIAL = frozenset(':@/"\\') | {os.sep}


def format_reference(council: str, policy: str | None = None, label: str | None = None) -> str:
    """The reference that names exactly this council, policy and version label."""
    text = quote_part(council)
    if policy is not None:
        text += ":" + quote_part(policy)
    if label is not None:
        text += "@" + quote_part(label)
    return text
