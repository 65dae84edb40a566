"""The shipped corpus and its manifest: the documents the demo and the tests run on."""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from clausewise.errors import ClausewiseError

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
    manifest = path or corpus_dir() / "manifest.toml"
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ClausewiseError(f"{manifest}: cannot read the manifest ({exc})") from exc
    base = manifest.parent
    documents = []
    for entry in data.get("document", []):
        try:
            documents.append(
                CorpusDocument(
                    key=entry["key"],
                    council=entry["council"],
                    kind=entry.get("kind", "parish"),
                    policy=entry.get("policy", data.get("policy", "Policy")),
                    version=str(entry.get("version", "")),
                    model=bool(entry.get("model", False)),
                    files={fmt: base / entry[fmt] for fmt in FORMATS if fmt in entry},
                )
            )
        except KeyError as exc:
            raise ClausewiseError(f"{manifest}: a [[document]] entry has no {exc.args[0]!r}") from exc
    return tuple(documents)
