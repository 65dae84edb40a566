"""The shipped corpus and its manifest: the documents the demo and the tests run on."""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from clausewise.errors import BadValue, ClausewiseError, os_problem

FORMATS = ("text", "docx", "pdf")


@dataclass(frozen=True)
class CorpusDocument:
    key: str
    council: str
    kind: str  # parish, town, district, county, unitary, model publisher
    policy: str
    version: str
    model: bool
    files: dict[str, Path]  # format -> path


def corpus_dir() -> Path:
    """The corpus beside the source tree (a checkout), else the one installed with the package."""
    candidates = (
        Path(__file__).resolve().parents[1] / "corpus",
        Path(sys.prefix) / "share" / "clausewise" / "corpus",
    )
    for candidate in candidates:
        if (candidate / "manifest.toml").is_file():
            return candidate
    raise ClausewiseError("the shipped corpus is missing; reinstall clausewise")


def load_manifest(path: Path | None = None) -> tuple[CorpusDocument, ...]:
    """The documents a manifest lists; a manifest that is not of the shape corpus/manifest.toml
    shows is one line naming the entry at fault."""
    manifest = path or corpus_dir() / "manifest.toml"
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadValue(f"{manifest}: {os_problem(exc)}") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BadValue(f"{manifest}: not a TOML manifest ({exc}); see corpus/manifest.toml for the shape") from None
    entries = data.get("document", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise BadValue(f"{manifest}: the documents must be [[document]] tables; see corpus/manifest.toml")
    return tuple(_entry(manifest, number, entry, data) for number, entry in enumerate(entries, 1))


def _entry(manifest: Path, number: int, entry: dict[str, object], data: dict[str, object]) -> CorpusDocument:
    where = f"{manifest}: [[document]] {number}"
    for name in ("key", "council"):
        if not isinstance(entry.get(name), str) or not str(entry[name]).strip():
            raise BadValue(f'{where} needs {name} = "..."')
    files = {fmt: manifest.parent / str(entry[fmt]) for fmt in FORMATS if isinstance(entry.get(fmt), str)}
    if not files:
        raise BadValue(f'{where} ({entry["key"]}) names no file; give text = "...", docx = "..." or pdf = "..."')
    return CorpusDocument(
        key=str(entry["key"]),
        council=str(entry["council"]),
        kind=str(entry.get("kind", "parish")),
        policy=str(entry.get("policy", data.get("policy", "Policy"))),
        version=str(entry.get("version", "")),
        model=bool(entry.get("model", False)),
        files=files,
    )
