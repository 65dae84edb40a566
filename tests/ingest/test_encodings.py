"""Text files in the encodings councils' PCs save them in: exact where the bytes say which,
a guess (with a warning naming it) where they do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausewise.errors import WrongContent
from clausewise.ingest import Document, read
from tests.conftest import DATA, corpus_document, corpus_path

# Each way of saving the corpus text that the bytes themselves identify.
EXACT = {
    "utf-8-sig": "UTF-8 with a byte-order mark",
    "utf-16": "UTF-16 with a byte-order mark",
    "utf-16-le": "UTF-16 without a mark, little-endian (Windows)",
    "utf-16-be": "UTF-16 without a mark, big-endian",
    "utf-32": "UTF-32 with a byte-order mark",
}


def texts(document: Document) -> list[tuple[str | None, str]]:
    return [(clause.number, clause.text) for clause in document.clauses]


@pytest.mark.parametrize("codec", sorted(EXACT))
def test_exact_encodings_read_the_corpus_text_exactly_and_quietly(codec: str, tmp_path: Path) -> None:
    source = corpus_path("spilsby", "txt")
    copy = tmp_path / source.name
    copy.write_bytes(source.read_text(encoding="utf-8").encode(codec))
    document = read(copy)
    assert texts(document) == texts(corpus_document("spilsby", "txt"))
    assert document.warnings == corpus_document("spilsby", "txt").warnings


def test_windows_1252_corpus_text_reads_the_same_with_a_warning_naming_it(tmp_path: Path) -> None:
    source = corpus_path("sandon-burston", "txt")
    copy = tmp_path / source.name
    copy.write_bytes(source.read_text(encoding="utf-8").encode("cp1252"))
    document = read(copy)
    assert texts(document) == texts(corpus_document("sandon-burston", "txt"))
    assert f"{copy}: not UTF-8; read as Windows-1252" in document.warnings


def test_windows_1252_fixture_still_reads_as_its_expected_text() -> None:
    document = read(DATA / "cp1252.txt")
    expected = read(DATA / "cp1252.expected.txt")
    assert texts(document) == texts(expected)
    assert any("read as Windows-1252" in warning for warning in document.warnings)


def test_shift_jis_reads_as_japanese_not_korean_or_latin_1() -> None:
    """Before charset detection this file was stored as Latin-1 mojibake ("\\x82P\\x81D...")."""
    document = read(DATA / "shift-jis.txt")
    assert texts(document) == texts(read(DATA / "shift-jis.expected.txt"))
    assert document.clauses[2].text.startswith("この規程は、議会の議員と職員が")
    assert document.warnings == (f"{DATA / 'shift-jis.txt'}: not UTF-8; read as Shift-JIS",)


def test_euc_jp_reads_as_japanese(tmp_path: Path) -> None:
    copy = tmp_path / "euc-jp.txt"
    copy.write_bytes((DATA / "shift-jis.expected.txt").read_text(encoding="utf-8").encode("euc_jp"))
    document = read(copy)
    assert texts(document) == texts(read(DATA / "shift-jis.expected.txt"))
    assert "read as EUC-JP" in document.warnings[0]


def test_cyrillic_windows_1251_is_not_taken_for_windows_1252(tmp_path: Path) -> None:
    text = (
        "1. Введение\n\n1.1 Советники и должностные лица работают вместе на благо жителей.\n\n"
        "1.2 Должностные лица политически нейтральны, и советники уважают это.\n"
    )
    copy = tmp_path / "protocol-ru.txt"
    copy.write_bytes(text.encode("cp1251"))
    document = read(copy)
    assert [clause.text for clause in document.clauses][1].startswith("Советники и должностные лица")
    assert "read as Windows-1251" in document.warnings[0]


def test_a_weak_guess_says_so_and_names_the_encoding(tmp_path: Path) -> None:
    """One accented letter cannot tell Windows-1252 from a dozen other 8-bit encodings."""
    copy = tmp_path / "short.txt"
    copy.write_bytes("1. Venue\n\n1.1 Meetings are held in the café on the green.\n".encode("cp1252"))
    document = read(copy)
    assert document.clauses[1].text == "Meetings are held in the café on the green."
    (warning,) = document.warnings
    assert warning.startswith(f"{copy}: not UTF-8; read as Windows-1252, a weak guess (only 1 byte outside ASCII)")
    assert "save the file as UTF-8" in warning


def test_damaged_utf16_is_read_with_the_damage_counted(tmp_path: Path) -> None:
    """A UTF-16 file cut off in the middle of a character: the rest is read, the loss reported."""
    source = corpus_path("chard", "txt")
    copy = tmp_path / source.name
    copy.write_bytes(source.read_text(encoding="utf-8").encode("utf-16") + b"\x41")
    document = read(copy)
    assert texts(document)[:-1] == texts(corpus_document("chard", "txt"))[:-1]
    assert f"{copy}: 1 damaged character(s) of its UTF-16 replaced with �" in document.warnings


def test_binary_data_named_txt_is_not_a_text_file(tmp_path: Path) -> None:
    noise = tmp_path / "policy.txt"
    noise.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(WrongContent, match=r"policy\.txt: not a text file: it holds binary data"):
        read(noise)
