"""Which encoding a text file is in: exact where the bytes say so, a guess where they do not.

A byte-order mark, the zero bytes of UTF-16 written without one, or valid UTF-8 settle it.
Anything else is a guess: charset-normalizer ranks the encodings by how garbled each decoding
looks (its "mess" ratio), and two priors correct it where it is known to go wrong on our files.
Windows-1252 is what older council PCs save "plain text" as, so it wins whenever it reads as
cleanly as the best guess (charset-normalizer often names Windows-1250, which turns "è" into
"č"); and Japanese is recognised by its kana, because on a short text charset-normalizer
prefers Korean for Shift-JIS bytes. NUL bytes are never text: they are removed and counted.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

# Windows-1252 is taken when its mess ratio is within this of the best guess. Its readings of
# Central European, Greek or Cyrillic files measure 1.0 or more, so the margin never takes
# those; on Western European text it and the guess measure within 0.01 of each other.
PREFER_WINDOWS_1252_WITHIN = 0.02
# A guess whose decoding looks more garbled than this (charset-normalizer's mess ratio, 0 for
# clean text, and it gives up at 0.2) is weak.
WEAK_MESS = 0.1
# With fewer bytes outside ASCII than this, most 8-bit encodings read the file equally well and
# the guess rests on a word or two. The corpus texts saved as Windows-1252 have 10 to 49.
FEW_NON_ASCII = 8
# Japanese prose is roughly half kana; other CJK text read as Shift-JIS or EUC-JP has almost none.
KANA_SHARE = 0.2
# UTF-16 without a byte-order mark: mostly-Latin text has a zero in nearly every other byte.
UTF16_ZERO_SHARE = 0.3
# Text that decodes but is more than this share control characters is binary data.
CONTROL_SHARE = 0.05

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its mark starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NON_ASCII_BYTES = bytes(range(0x80, 0x100))
_WIDE = re.compile(r"[^\x00-\x7f]")
_KANA = re.compile(r"[\u3041-\u30fa]")
# C0 and C1 controls, less the whitespace ones text files use (tab, line and form feeds, CR).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_JAPANESE = ("cp932", "euc_jp")  # cp932 is Windows' Shift-JIS, a superset of the standard
_NAMES = {
    "utf_8": "UTF-8",
    "utf-8-sig": "UTF-8",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
    "utf_16_le": "UTF-16LE",
    "utf_16_be": "UTF-16BE",
    "cp1252": "Windows-1252",
    "cp932": "Shift-JIS",
    "euc_jp": "EUC-JP",
}


class NotText(ValueError):
    """The bytes are not text in any encoding: binary data."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # a human name: "UTF-8", "Windows-1252", "Shift-JIS"
    exact: bool  # the bytes say which encoding (a mark, UTF-16's zeros, valid UTF-8)
    weak: str | None = None  # why a guess is weak, when it is
    nul_removed: int = 0
    replaced: int = 0  # bytes that were not valid in the encoding they announce


def decode(data: bytes) -> Decoded:
    """Decode `data`, raising `NotText` when it is binary rather than text in any encoding."""
    exact = _by_mark(data) or _utf16_without_mark(data)
    if exact is not None:
        decoded = exact
    else:
        stripped = data.replace(b"\x00", b"")
        try:
            decoded = Decoded(stripped.decode("utf-8"), "UTF-8", exact=True)
        except UnicodeDecodeError:
            decoded = _guess(stripped)
        decoded = Decoded(
            decoded.text, decoded.encoding, decoded.exact, decoded.weak, nul_removed=len(data) - len(stripped)
        )
    text = decoded.text.replace("\x00", "")
    removed = decoded.nul_removed + len(decoded.text) - len(text)
    if len(_CONTROL.findall(text)) > CONTROL_SHARE * len(text):
        raise NotText("control characters")
    return Decoded(text, decoded.encoding, decoded.exact, decoded.weak, removed, decoded.replaced)


def _by_mark(data: bytes) -> Decoded | None:
    """A byte-order mark names the encoding; bytes that break it are replaced, and counted."""
    for mark, codec in _BOMS:
        if data.startswith(mark):
            try:
                return Decoded(data.decode(codec), _NAMES[codec], exact=True)
            except UnicodeDecodeError:
                text = data.decode(codec, errors="replace")
                return Decoded(text, _NAMES[codec], exact=True, replaced=text.count("\ufffd"))
    return None


def _utf16_without_mark(data: bytes) -> Decoded | None:
    """UTF-16 saved without a byte-order mark, known by where its zero bytes fall.

    Checked before UTF-8, because UTF-16 of Latin text is also valid UTF-8 (with a NUL
    after every letter).
    """
    if len(data) < 4:
        return None
    even, odd = data[0::2], data[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    codec = None
    if zeros_odd >= UTF16_ZERO_SHARE and zeros_even < zeros_odd / 10:
        codec = "utf_16_le"
    elif zeros_even >= UTF16_ZERO_SHARE and zeros_odd < zeros_even / 10:
        codec = "utf_16_be"
    if codec is None:
        return None
    try:
        return Decoded(data[: len(data) // 2 * 2].decode(codec), _NAMES[codec], exact=True)
    except UnicodeDecodeError:
        return None  # not UTF-16 after all (broken surrogates): let the other tests decide


def _guess(data: bytes) -> Decoded:
    non_ascii = len(data) - len(data.translate(None, _NON_ASCII_BYTES))
    plural = "" if non_ascii == 1 else "s"
    few = f"only {non_ascii} byte{plural} outside ASCII" if non_ascii < FEW_NON_ASCII else None
    japanese = _japanese(data)
    if japanese is not None:
        return Decoded(data.decode(japanese), _NAMES[japanese], exact=False, weak=few)
    best = charset_normalizer.from_bytes(data).best()
    windows = charset_normalizer.from_bytes(data, cp_isolation=["cp1252"]).best()
    if windows is not None and (best is None or windows.chaos <= best.chaos + PREFER_WINDOWS_1252_WITHIN):
        best = windows
    if best is None:
        raise NotText("no encoding reads it as text")
    weak = few or (f"{best.chaos:.0%} of it looks garbled" if best.chaos > WEAK_MESS else None)
    return Decoded(str(best), _name(best.encoding), exact=False, weak=weak)


def _japanese(data: bytes) -> str | None:
    """cp932 or EUC-JP when decoding with it gives text rich in kana, as Japanese always is."""
    for codec in _JAPANESE:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        wide = len(_WIDE.findall(text))
        if wide and len(_KANA.findall(text)) >= KANA_SHARE * wide:
            return codec
    return None


def _name(codec: str) -> str:
    if codec in _NAMES:
        return _NAMES[codec]
    name = codecs.lookup(codec).name
    if name.startswith("cp") and name[2:].isdigit() and len(name) == 6:
        return f"Windows-{name[2:]}"
    return name.upper().replace("_", "-")
