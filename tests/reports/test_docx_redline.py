"""The redline inside the new .docx (reports/docx_redline.py) on real Word files.

Invariants, on corpus pairs and on third-party files from python-docx's and pandoc's test
suites revised with python-docx: accepting every change gives the new document's paragraphs
exactly; rejecting every change gives the old clauses (in the new document's frame: its
title, metadata lines and tables stay); every paragraph keeps its style and numbering, the ones
the redline did not touch stay byte for byte; headers, footers and tables survive; LibreOffice
opens every result and keeps the accepted text through a round trip.
"""

from __future__ import annotations

import difflib
import zipfile
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from clausewise.align import align
from clausewise.ingest import Document, read
from clausewise.ingest.markers import clean
from clausewise.reports.docx_redline import redline_in_docx
from clausewise.reports.redline import Changes, RedlineReport, build_redline
from tests.reports.tools import NS, W, libreoffice, resolve

ORIGINALS = Path(__file__).parents[2] / "corpus" / "originals"
THIRD_PARTY = Path(__file__).parents[1] / "data" / "docx"
MODEL_V3 = "sandon-burston-parish-council_model-councillor-officer-clerk-protocol_v3-2026"
MODEL_V4 = "sandon-burston-parish-council_model-councillor-officer-clerk-protocol_v4-2027"
SPILSBY = "spilsby-town-council_councillor-officer-protocol_2026"
CHARD = "chard-town-council_member-officer-protocol_2015"
DISTRICT = "district-council_member-officer-protocol"
EAST_NORTHANTS = "east-northamptonshire_protocol-councillor-officer-relations_2017"
CORPUS_PAIRS = [
    (MODEL_V3, SPILSBY),
    (MODEL_V3, MODEL_V4),
    (CHARD, DISTRICT),
    (SPILSBY, MODEL_V3),
    (EAST_NORTHANTS, CHARD),
]
WHEN = datetime(2026, 11, 30, 12, 0)
AUTHOR = "Town Clerk"
MARK = f"{{{W}}}p"


@dataclass(frozen=True)
class Case:
    name: str
    old: Document
    new: Document
    new_docx: bytes
    redline: bytes
    report: RedlineReport


def _redline(name: str, old: Document, new_path: Path, *, changes: Changes = "all", cover: bool = False) -> Case:
    new = read(new_path)
    data = new_path.read_bytes()
    alignment = align(old, new)
    report = build_redline(
        old, new, alignment, council=AUTHOR, as_of=WHEN.date(), author=AUTHOR, changes=changes, cover=cover
    )
    out = redline_in_docx(data, report, old, new)
    return Case(name, old, new, data, out, report)


@cache
def corpus_case(old_stem: str, new_stem: str, changes: Changes = "all", cover: bool = False) -> Case:
    old = read(ORIGINALS / f"{old_stem}.docx")
    return _redline(f"{old_stem}->{new_stem}", old, ORIGINALS / f"{new_stem}.docx", changes=changes, cover=cover)


def _part(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return archive.read(name)


def _body(data: bytes) -> etree._Element:
    return etree.fromstring(_part(data, "word/document.xml"))


def _body_items(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.find("w:body", NS) if e.tag in (MARK, f"{{{W}}}tbl")]


def _added_by_redline(p: etree._Element) -> bool:
    """A deleted old paragraph the redline put back (its own mark is deleted)."""
    return p.find("w:pPr/w:rPr/w:del", NS) is not None


def _rejected_clauses(case: Case) -> list[str]:
    """The rejected text of every paragraph that is not one of the new document's own
    non-clause paragraphs (title, metadata lines, empty spacers), which stay untouched. An
    empty paragraph left behind by a rejected insertion is not taken for a spacer: it shows up
    here and fails the comparison with the old clauses."""
    original = _body(case.new_docx)
    texts = resolve(original, accept=True)
    clause_items = {c.source.paragraph for c in case.new.clauses}
    p_items = [k for k, e in enumerate(_body_items(original)) if e.tag == MARK]
    frame = [clean(texts[j]) for j, k in enumerate(p_items) if k not in clause_items]
    # A frame line the new version edited ("April 2026" -> "April 2027") rejects to the old line.
    old_lines = {clean(line.text) for line in case.old.set_aside}
    rest, at = [], 0
    for text in (clean(t) for t in resolve(_body(case.redline), accept=False)):
        if at < len(frame) and (text == frame[at] or text in old_lines):
            at += 1
        else:
            rest.append(text)
    assert at == len(frame), "a paragraph of the new document's frame was lost on rejection"
    return rest


def assert_resolves(case: Case) -> None:
    """Accept-all is the new body; reject-all the old clauses, except (with
    changes="substantive") the paragraphs whose cosmetic change was left out, which read as in
    the new version."""
    assert resolve(_body(case.redline), accept=True) == resolve(_body(case.new_docx), accept=True)
    rejected = _rejected_clauses(case)
    old, new = {c.id: c for c in case.old.clauses}, {c.id: c for c in case.new.clauses}
    expected = [
        new[line.new_id or ""] if line.cosmetic_left_out else old[line.old_id or ""]
        for line in case.report.paragraphs
        if line.status != "inserted"
    ]
    assert len(expected) == len(case.old.clauses)
    assert len(rejected) == len(expected)
    for text, clause in zip(rejected, expected, strict=True):
        # The number is in the text where the new document prints it as text; Word numbers
        # the rest, and automatic numbers are not text.
        assert text in (clause.text, clause.printed)


def assert_frame_kept(case: Case) -> int:
    """Same paragraphs in the same order once the put-back deletions are set aside; every one
    keeps its style and numbering; those without a revision are unchanged byte for byte; tables,
    headers, footers and section properties are unchanged. Returns how many are untouched."""
    before = _body_items(_body(case.new_docx))
    after = [e for e in _body_items(_body(case.redline)) if not (e.tag == MARK and _added_by_redline(e))]
    assert len(before) == len(after)
    untouched = 0
    for old, new in zip(before, after, strict=True):
        assert old.tag == new.tag
        for path in ("w:pPr/w:pStyle", "w:pPr/w:numPr", "w:pPr/w:sectPr"):
            assert _xml(old.find(path, NS)) == _xml(new.find(path, NS))
        if not any(True for _ in new.iter(f"{{{W}}}ins", f"{{{W}}}del")):
            assert _xml(old) == _xml(new)
            untouched += 1
    assert _xml(_body(case.new_docx).find("w:body/w:sectPr", NS)) == _xml(
        _body(case.redline).find("w:body/w:sectPr", NS)
    )
    with zipfile.ZipFile(BytesIO(case.new_docx)) as archive:
        running = [n for n in archive.namelist() if n.startswith(("word/header", "word/footer")) and n.endswith(".xml")]
    for name in running:
        assert _canonical(_part(case.new_docx, name)) == _canonical(_part(case.redline, name)), name
    return untouched


def _xml(element: etree._Element | None) -> bytes:
    return b"" if element is None else etree.tostring(element, method="c14n")


def _canonical(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data), method="c14n")


@pytest.mark.parametrize(("old_stem", "new_stem"), CORPUS_PAIRS)
def test_corpus_pair_accepts_to_new_and_rejects_to_old(old_stem: str, new_stem: str) -> None:
    case = corpus_case(old_stem, new_stem)
    assert_resolves(case)
    assert_frame_kept(case)
    revised = _body(case.redline)
    assert revised.find(".//w:ins", NS) is not None and revised.find(".//w:del", NS) is not None


@pytest.mark.parametrize(("old_stem", "new_stem"), CORPUS_PAIRS)
def test_substantive_changes_only_leave_cosmetic_paragraphs_untouched(old_stem: str, new_stem: str) -> None:
    """With changes="substantive" a paragraph whose change the aligner calls cosmetic is the new
    document's paragraph byte for byte; the rest is tracked as with "all"."""
    every = corpus_case(old_stem, new_stem)
    case = corpus_case(old_stem, new_stem, "substantive")
    assert_resolves(case)
    assert_frame_kept(case)
    left_out = {line.new_id for line in case.report.paragraphs if line.cosmetic_left_out}
    places = {c.id: c.source.paragraph for c in case.new.clauses}
    original = _body_items(_body(case.new_docx))
    tracked_in_all = 0
    for clause_id in left_out:
        index = places[clause_id]
        assert index is not None
        assert _xml(_frame(case)[index]) == _xml(original[index])
        tracked_in_all += _is_tracked(_frame(every)[index])
    # Everything else is tracked as with "all".
    assert _tracked_paragraphs(case) == _tracked_paragraphs(every) - tracked_in_all


def _frame(case: Case) -> list[etree._Element]:
    """The new document's paragraphs and tables in the redline, the put-back deletions set aside."""
    return [e for e in _body_items(_body(case.redline)) if not (e.tag == MARK and _added_by_redline(e))]


def _is_tracked(p: etree._Element) -> bool:
    return p.find(".//w:ins", NS) is not None or p.find(".//w:del", NS) is not None


def _tracked_paragraphs(case: Case) -> int:
    return sum(
        1
        for p in _body(case.redline).iterfind("w:body/w:p", NS)
        if p.find(".//w:ins", NS) is not None or p.find(".//w:del", NS) is not None
    )


def test_a_council_renaming_its_officer_sees_only_the_substance() -> None:
    """The issue's example: model -> Spilsby ("Officer/Clerk" -> "Officer") tracks most
    paragraphs with "all", a small part of them with "substantive", and the report says how many
    were left out."""
    every = corpus_case(MODEL_V3, SPILSBY)
    case = corpus_case(MODEL_V3, SPILSBY, "substantive")
    assert case.report.cosmetic_left_out >= _tracked_paragraphs(every) // 2
    assert _tracked_paragraphs(case) <= _tracked_paragraphs(every) // 3


def _comments(data: bytes) -> list[str]:
    """Each comment's text, its paragraphs joined by newlines."""
    with zipfile.ZipFile(BytesIO(data)) as archive:
        if "word/comments.xml" not in archive.namelist():
            return []
        root = etree.fromstring(archive.read("word/comments.xml"))
    return [
        "\n".join("".join(t.text or "" for t in p.iterfind(".//w:t", NS)) for p in c.iterfind("w:p", NS))
        for c in root.iterfind("w:comment", NS)
    ]


def test_the_cover_note_is_a_comment_on_the_first_paragraph_outside_the_text() -> None:
    plain = corpus_case(MODEL_V3, MODEL_V4, "substantive")
    case = corpus_case(MODEL_V3, MODEL_V4, "substantive", cover=True)
    assert_resolves(case)
    assert resolve(_body(case.redline), accept=False) == resolve(_body(plain.redline), accept=False)
    assert _comments(case.redline) == [*_comments(plain.redline), "\n".join(case.report.cover_note())]
    first = _body(case.redline).find("w:body/w:p", NS)
    assert first is not None and first.find("w:commentRangeStart", NS) is not None


def test_moved_clauses_carry_the_note_naming_the_other_place() -> None:
    case = corpus_case(CHARD, DISTRICT)
    notes = [line.note for line in case.report.paragraphs if line.note]
    assert notes, "Chard -> District has moved clauses"
    assert sorted(_comments(case.redline)) == sorted(notes)


def test_edited_lines_outside_the_clauses_are_tracked_too(tmp_path: Path) -> None:
    """The date on the cover and the next review date are not clauses, but a clerk changing them
    expects to see it: they are tracked, and reject all gives the old lines back."""
    source = ORIGINALS / f"{SPILSBY}.docx"
    revised = docx.Document(str(source))
    for paragraph in revised.paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("April 2026", "April 2027").replace("April 2028", "April 2029")
    revised.save(str(tmp_path / "revised.docx"))
    case = _redline("dates", read(source), tmp_path / "revised.docx")
    rejected, accepted = resolve(_body(case.redline), accept=False), resolve(_body(case.redline), accept=True)
    assert "April 2026" in rejected and "Next review: April 2028" in rejected
    assert "April 2027" in accepted and "Next review: April 2029" in accepted
    assert accepted == resolve(_body(case.new_docx), accept=True)


@pytest.mark.parametrize("fmt", ["txt", "pdf"])
def test_old_version_in_another_format(fmt: str) -> None:
    """The old version may be any format: only the new one has to be the .docx."""
    folder = ORIGINALS.parent if fmt == "txt" else ORIGINALS
    old = read(folder / f"{MODEL_V3}.{fmt}")
    case = _redline(f"{fmt}->docx", old, ORIGINALS / f"{SPILSBY}.docx")
    assert_resolves(case)
    assert_frame_kept(case)


def test_an_annual_review_leaves_most_paragraphs_untouched() -> None:
    """The model's v3 -> v4 review changed a few clauses: the rest stay byte for byte."""
    case = corpus_case(MODEL_V3, MODEL_V4)
    untouched = assert_frame_kept(case)
    assert untouched >= len(case.new.clauses) // 2


def test_tables_in_corpus_survive() -> None:
    case = corpus_case(MODEL_V3, MODEL_V4)  # the model's version table
    tables = _body(case.new_docx).findall(".//w:tbl", NS)
    assert tables
    assert [_xml(t) for t in tables] == [_xml(t) for t in _body(case.redline).findall(".//w:tbl", NS)]


def test_changed_words_keep_their_runs_formatting() -> None:
    """Every run the redline made (inserted or deleted) carries formatting copied from a run
    of the new document, never formatting of its own."""
    case = corpus_case(MODEL_V3, SPILSBY)
    known = {_xml(r) for r in _body(case.new_docx).iterfind(".//w:r/w:rPr", NS)}
    made = list(_body(case.redline).iterfind(".//w:ins/w:r/w:rPr", NS)) + list(
        _body(case.redline).iterfind(".//w:del/w:r/w:rPr", NS)
    )
    assert made
    assert {_xml(r) for r in made} <= known


def test_deleted_paragraphs_take_the_style_of_a_new_paragraph_of_their_kind() -> None:
    case = corpus_case(CHARD, DISTRICT)
    styles = {_xml(p.find("w:pPr/w:pStyle", NS)) for p in _body(case.new_docx).iterfind("w:body/w:p", NS)}
    put_back = [p for p in _body(case.redline).iterfind("w:body/w:p", NS) if _added_by_redline(p)]
    assert put_back
    assert {_xml(p.find("w:pPr/w:pStyle", NS)) for p in put_back} <= styles


# Third-party files: python-docx (MIT) and pandoc (GPL-2.0-or-later) test documents; see
# tests/data/docx/README.md.
THIRD_PARTY_FILES = sorted(p.name for p in THIRD_PARTY.glob("*.docx"))


def _revise(source: Path, out: Path) -> None:
    """A revision made as a clerk would in Word: a few words changed in place (the run keeps
    its formatting), one clause paragraph deleted, one new paragraph in the style of another."""
    old = read(source)
    package = docx.Document(str(source))
    items = [e for e in package.element.body.iter(MARK, f"{{{W}}}tbl") if e.getparent() is package.element.body]
    clause_paragraphs = [Paragraph(items[c.source.paragraph], package) for c in old.clauses]
    for number, paragraph in enumerate(clause_paragraphs[:2]):
        runs = [r for r in paragraph.runs if r.text.strip()]
        runs[-1].text = runs[-1].text.rstrip() + f" as revised in draft {number + 2}"
    if len(clause_paragraphs) >= 3:
        gone = clause_paragraphs[2]._p
        gone.getparent().remove(gone)
    last = clause_paragraphs[-1]
    last.insert_paragraph_before("A clause the council added at its annual review.", style=last.style)
    package.save(str(out))


@pytest.fixture(scope="module")
def third_party_cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Case]:
    folder = tmp_path_factory.mktemp("revised")
    cases = {}
    for name in THIRD_PARTY_FILES:
        source = THIRD_PARTY / name
        _revise(source, folder / name)
        cases[name] = _redline(name, read(source), folder / name)
    return cases


def test_third_party_files_are_there_with_what_they_test() -> None:
    assert len(THIRD_PARTY_FILES) >= 5
    readme = (THIRD_PARTY / "README.md").read_text(encoding="utf-8")
    assert all(name in readme for name in THIRD_PARTY_FILES)
    parts = set()
    for name in THIRD_PARTY_FILES:
        with zipfile.ZipFile(THIRD_PARTY / name) as archive:
            parts |= {n.split("/")[1].rstrip("0123456789.xml") for n in archive.namelist() if n.startswith("word/")}
            document = archive.read("word/document.xml")
        parts |= {"numbering-used"} if b"<w:numPr>" in document else set()
    assert {"header", "footer", "media", "numbering-used"} <= parts


@pytest.mark.parametrize("name", THIRD_PARTY_FILES)
def test_third_party_revision(name: str, third_party_cases: dict[str, Case]) -> None:
    case = third_party_cases[name]
    assert_resolves(case)
    assert_frame_kept(case)
    assert _body(case.redline).find(".//w:ins", NS) is not None


def _word_ratio(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(a=" ".join(a).split(), b=" ".join(b).split(), autojunk=False).ratio()


def test_libreoffice_opens_every_redline_and_keeps_the_accepted_text(
    tmp_path: Path, third_party_cases: dict[str, Case]
) -> None:
    cases = [corpus_case(*pair) for pair in CORPUS_PAIRS] + list(third_party_cases.values())
    cases += [corpus_case(MODEL_V3, SPILSBY, "substantive", cover=True), corpus_case(CHARD, DISTRICT, cover=True)]
    files = []
    for number, case in enumerate(cases):
        path = tmp_path / f"redline-{number}.docx"
        path.write_bytes(case.redline)
        files.append(path)
    profile = tmp_path / "profile"
    libreoffice(files, tmp_path / "pdf", profile, "pdf")
    saved = libreoffice(files, tmp_path / "docx", profile, "docx:MS Word 2007 XML")
    for case, path in zip(cases, files, strict=True):
        round_trip = etree.fromstring(_part(saved[path].read_bytes(), "word/document.xml"))
        accepted = [t for t in resolve(round_trip, accept=True) if t.strip()]
        wanted = [t for t in resolve(_body(case.new_docx), accept=True) if t.strip()]
        assert _word_ratio(accepted, wanted) >= 0.999, case.name
        rejected = [t for t in resolve(round_trip, accept=False) if t.strip()]
        unwanted = [t for t in resolve(_body(case.redline), accept=False) if t.strip()]
        assert _word_ratio(rejected, unwanted) >= 0.999, case.name


# Property: random edit lists on a formatted corpus .docx.
EDIT = st.one_of(
    st.tuples(
        st.just("reword"), st.integers(0, 10_000), st.sampled_from(["must", "should not", "the Clerk", "promptly"])
    ),
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.just("")),
    st.tuples(
        st.just("insert"),
        st.integers(0, 10_000),
        st.sampled_from(["New duty of care.", "Councillors shall act fairly."]),
    ),
)


@cache
def _v4() -> Document:
    return read(ORIGINALS / f"{MODEL_V4}.docx")


def _edited(edits: list[tuple[str, int, str]]) -> bytes:
    source = ORIGINALS / f"{MODEL_V4}.docx"
    package = docx.Document(str(source))
    body = [e for e in package.element.body if e.tag in (MARK, f"{{{W}}}tbl")]
    paragraphs = [Paragraph(body[c.source.paragraph], package) for c in _v4().clauses if c.kind != "heading"]
    for op, index, words in edits:
        paragraphs = [p for p in paragraphs if p._p.getparent() is not None]
        target = paragraphs[index % len(paragraphs)]
        runs = [r for r in target.runs if r.text.strip()]
        if op == "reword" and runs:
            split = runs[0].text.split(" ")
            split[len(split) // 2] = words
            runs[0].text = " ".join(split)
        elif op == "delete" and len(paragraphs) > 5:
            target._p.getparent().remove(target._p)
        elif op == "insert":
            target.insert_paragraph_before(words, style=target.style)
    out = BytesIO()
    package.save(out)
    return out.getvalue()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDIT, min_size=1, max_size=6))
def test_random_edits_accept_to_new_and_reject_to_old(edits: list[tuple[str, int, str]], tmp_path: Path) -> None:
    path = tmp_path / "revised.docx"
    path.write_bytes(_edited(edits))
    case = _redline("random", _v4(), path)
    assert_resolves(case)
    assert_frame_kept(case)
