"""Inputs made to break `ingest.read`, shared by tests/ingest/test_fuzz.py and
benchmarks/fuzz_read.py.

Each generator takes a `random.Random` (hypothesis passes one it controls and can shrink; the
benchmark passes seeded ones) and returns a file name and its bytes: random bytes, random text
in a random encoding, and the shipped corpus damaged the ways files get damaged (flipped and
lost bytes, truncation, a zip with a part missing, broken or with odd attribute values).
`outcome` states the rule every input must obey.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from clausewise.errors import InputError
from clausewise.ingest import read

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"

Sample = tuple[str, bytes]  # (file name, content)
Generator = Callable[[random.Random], Sample]

SUFFIXES = (".txt", ".md", ".docx", ".pdf")
ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "cp1252",
    "latin-1",
    "cp1250",
    "cp1251",
    "koi8-r",
    "iso8859-7",
    "mac-roman",
    "shift_jis",
    "euc_jp",
    "euc_kr",
    "gb18030",
    "big5",
)
# Code point ranges text is drawn from: ASCII, Latin, Greek, Cyrillic, kana, CJK, Hangul,
# punctuation, emoji, and the C0 and C1 controls.
SCRIPTS = (
    (0x20, 0x7E),
    (0xA0, 0x17F),
    (0x391, 0x3C9),
    (0x410, 0x44F),
    (0x3041, 0x30FA),
    (0x4E00, 0x4FFF),
    (0xAC00, 0xACFF),
    (0x2000, 0x206F),
    (0x1F300, 0x1F5FF),
    (0x00, 0x1F),
    (0x80, 0x9F),
)
MARKERS = ("", "", "1. ", "1.1 ", "4.10 ", "(a) ", "iv) ", "• ", "- ", "# ", "## ", "| a | b |", "\t", "Page 3 of 9")
MAGIC = (b"", b"%PDF-1.7\n", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xd0\xcf\x11\xe0", b"{\\rtf1")
# Attribute values that numbering and style code must survive.
ODD_VALUES = ("", "-1", "x", "99999999999", "1.5", "0", "9", "true", "\u00e9", "a" * 300)


@cache
def corpus_files(suffix: str) -> tuple[bytes, ...]:
    folder = CORPUS if suffix == ".txt" else CORPUS / "originals"
    return tuple(path.read_bytes() for path in sorted(folder.glob(f"*{suffix}")))


@cache
def _words() -> tuple[str, ...]:
    text = b" ".join(corpus_files(".txt")).decode("utf-8")
    return tuple(sorted(set(re.findall(r"\w+", text))))


def random_bytes(rng: random.Random) -> Sample:
    """Noise of any length, sometimes behind the signature of a format."""
    length = rng.choice((0, 1, 3, 16, 200, 2000, 8000))
    return f"policy{rng.choice(SUFFIXES)}", rng.choice(MAGIC) + rng.randbytes(length)


def random_text(rng: random.Random) -> Sample:
    """Paragraphs of corpus words and random characters, numbered and bulleted, in a random encoding."""
    paragraphs = []
    for _ in range(rng.randint(0, 12)):
        if rng.random() < 0.5:
            body = " ".join(rng.choice(_words()) for _ in range(rng.randint(1, 30)))
        else:
            low, high = rng.choice(SCRIPTS)
            body = "".join(chr(rng.randint(low, high)) for _ in range(rng.randint(1, 60)))
        paragraphs.append(rng.choice(MARKERS) + body)
    text = rng.choice(("\n", "\n\n", "\r\n", "\r")).join(paragraphs)
    data = text.encode(rng.choice(ENCODINGS), errors="replace")
    suffix = rng.choice((".txt", ".txt", ".md", ".pdf", ".docx"))
    return f"policy{suffix}", data


def damaged_text(rng: random.Random) -> Sample:
    """A corpus text, damaged as bytes or re-encoded."""
    data = rng.choice(corpus_files(".txt"))
    if rng.random() < 0.3:
        data = data.decode("utf-8").encode(rng.choice(ENCODINGS), errors="replace")
    return f"policy{rng.choice(('.txt', '.md'))}", damage(rng, data)


def damaged_docx(rng: random.Random) -> Sample:
    """A corpus Word file damaged as a zip, or in one of its parts."""
    data = rng.choice(corpus_files(".docx"))
    choice = rng.random()
    if choice < 0.3:
        return "policy.docx", damage(rng, data)
    return "policy.docx", _damaged_part(rng, data)


def damaged_pdf(rng: random.Random) -> Sample:
    """A corpus PDF with bytes flipped, lost, or cut off. The smallest PDFs come first, as
    each read of a PDF costs a quarter of a second or more."""
    files = sorted(corpus_files(".pdf"), key=len)
    data = files[0] if rng.random() < 0.7 else rng.choice(files)
    return rng.choice(("policy.pdf", "policy.pdf", "policy.txt")), damage(rng, data, gentle=True)


GENERATORS: dict[str, Generator] = {
    "random bytes": random_bytes,
    "random text": random_text,
    "damaged text": damaged_text,
    "damaged docx": damaged_docx,
    "damaged pdf": damaged_pdf,
}


def damage(rng: random.Random, data: bytes, gentle: bool = False) -> bytes:
    """Flip, lose, insert or cut bytes; `gentle` keeps to a few so a parser gets deep in."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(("flip", "flip", "truncate", "delete", "insert", "nul"))
        at = rng.randrange(len(data) + 1)
        if kind == "flip" and data:
            for _ in range(rng.randint(1, 4 if gentle else 40)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif kind == "truncate":
            del data[at:]
        elif kind == "delete":
            del data[at : at + rng.randint(1, 64 if gentle else 4096)]
        elif kind == "insert":
            data[at:at] = rng.randbytes(rng.randint(1, 64))
        else:
            data[at:at] = b"\x00" * rng.randint(1, 8)
    return bytes(data)


def _damaged_part(rng: random.Random, data: bytes) -> bytes:
    """The same zip with one part missing, broken, or given odd attribute values."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {info.filename: source.read(info) for info in source.infolist()}
    name = rng.choice(sorted(parts))
    kind = rng.choice(("missing", "damaged", "attributes", "attributes", "nul"))
    if kind == "missing":
        del parts[name]
    elif kind == "damaged":
        parts[name] = damage(rng, parts[name])
    elif kind == "attributes":
        name = rng.choice([n for n in ("word/document.xml", "word/numbering.xml", "word/styles.xml") if n in parts])
        parts[name] = _odd_attributes(rng, parts[name])
    else:
        name = "word/document.xml"
        parts[name] = parts[name].replace(b"<w:t>", rng.choice((b"<w:t>\x00", b"<w:t>&#0;")), rng.randint(1, 5))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, content in parts.items():
            target.writestr(part, content)
    return out.getvalue()


def _odd_attributes(rng: random.Random, xml: bytes) -> bytes:
    """Some `w:val` values (levels, numbers, styles) replaced with values Word never writes."""
    spans = [match.span(1) for match in re.finditer(rb'w:val="([^"]*)"', xml)]
    for start, end in sorted(rng.sample(spans, min(len(spans), rng.randint(1, 20))), reverse=True):
        xml = xml[:start] + rng.choice(ODD_VALUES).encode("utf-8") + xml[end:]
    return xml


def outcome(path: Path) -> str:
    """How `read` ended: "Document", or the name of the `InputError` it raised, whose
    message must start with the path and fit on one line.

    Any other exception propagates: that is a crash, the thing the fuzz suite looks for.
    """
    try:
        read(path)
    except InputError as error:
        assert error.message.startswith(str(path)), error.message
        assert "\n" not in error.message, error.message
        return type(error).__name__
    return "Document"
