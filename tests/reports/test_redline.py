"""Redlines on real corpus documents: the report, its tracked-change .docx, HTML and Markdown.

The invariant checked everywhere: accepting every change gives the new version and rejecting
every change gives the old one, paragraph by paragraph.
"""

from __future__ import annotations

import random
import re
import zipfile
from collections import Counter
from dataclasses import replace
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docx import Document as open_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from clausewise.align import align
from clausewise.align.classify import relation as classify
from clausewise.align.model import DiffSpan
from clausewise.align.normalise import load_profile
from clausewise.app import write_report
from clausewise.cli import cli
from clausewise.ingest import Document, read
from clausewise.reports import build_redline, render
from clausewise.reports.docx_tracked import APART
from clausewise.reports.markdown import md_escape
from clausewise.reports.redline import NOT_SUBSTANTIVE, Changes, RedlineReport
from tests.conftest import corpus_document, corpus_path
from tests.reports.corpus import AS_OF, COUNCILS, MODEL, against_model, council_name, local, model
from tests.reports.tools import (
    NS,
    W,
    assert_resolves,
    document_xml,
    docx_to_pdf,
    libreoffice,
    pdf_pages,
    resolve,
    revision_counts,
)


def _redline(key: str, *, changes: Changes = "all", cover: bool = False, **labels: str) -> RedlineReport:
    return build_redline(
        model(),
        local(key),
        against_model(key),
        council=council_name(key),
        as_of=AS_OF,
        changes=changes,
        cover=cover,
        **labels,
    )


def _printed(document: Document) -> list[str]:
    return [c.printed for c in document.clauses]


@pytest.mark.parametrize("key", COUNCILS)
def test_report_reads_as_both_versions(key: str) -> None:
    report = _redline(key)
    assert list(report.old_texts()) == _printed(model())
    assert list(report.new_texts()) == _printed(local(key))


@pytest.mark.parametrize("key", COUNCILS)
def test_every_change_in_the_alignment_is_shown(key: str) -> None:
    alignment = against_model(key)
    report = _redline(key)
    by_old = {p.old_id: p for p in report.paragraphs if p.old_id}
    by_new = {p.new_id: p for p in report.paragraphs if p.new_id}
    for link in alignment.links:
        if len(link.left) == 1 and len(link.right) == 1 and link.moved:
            assert by_old[link.left[0]].move == "from" and by_old[link.left[0]].status == "deleted"
            assert by_new[link.right[0]].move == "to" and by_new[link.right[0]].status == "inserted"
            assert "Moved from" in (by_new[link.right[0]].note or "")
        elif len(link.left) > 1 or len(link.right) > 1:
            assert all(by_old[cid].status == "deleted" for cid in link.left)
            assert all(by_new[cid].status == "inserted" for cid in link.right)
    for clause in alignment.removed():
        assert by_old[clause.id].status == "deleted"
    for clause in alignment.added():
        assert by_new[clause.id].status == "inserted"
    in_place = [p for p in report.paragraphs if p.old_id and p.new_id]
    assert all(p.status == ("unchanged" if p.old_text == p.new_text else "changed") for p in in_place)
    modified_in_place = {
        (link.left[0], link.right[0])
        for link in alignment.links
        if link.relation == "modified" and not link.moved and len(link.left) == len(link.right) == 1
    }
    shown = {(p.old_id, p.new_id) for p in in_place if p.status == "changed"}
    # Links the redline had to move to keep both orders are the only modified ones not in place.
    assert len(modified_in_place - shown) <= report.moved


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[RedlineReport, Path]]:
    out = tmp_path_factory.mktemp("redline")
    reports = {
        key: _redline(key, author="Clerk to the Council", old_label="the model", new_label=key) for key in COUNCILS
    }
    return {key: (report, write_report(report, out / f"{key}.docx")) for key, report in reports.items()}


@pytest.mark.parametrize("key", COUNCILS)
def test_docx_accept_all_gives_new_and_reject_all_gives_old(
    key: str, written: dict[str, tuple[RedlineReport, Path]]
) -> None:
    _, path = written[key]
    assert_resolves(document_xml(path), old=_printed(model()), new=_printed(local(key)))


@pytest.mark.parametrize("key", COUNCILS)
def test_docx_revisions_match_the_report(key: str, written: dict[str, tuple[RedlineReport, Path]]) -> None:
    report, path = written[key]
    root = document_xml(path)
    spans = Counter(span.op for p in report.paragraphs for span in p.spans)
    counts = revision_counts(root)
    assert counts["ins"] == spans["insert"]
    assert counts["del"] == spans["delete"]
    assert counts["ins-mark"] == report.count("inserted")
    assert counts["del-mark"] == report.count("deleted")
    revisions = [e for tag in ("ins", "del") for e in root.iter(f"{{{W}}}{tag}")]
    assert {e.get(f"{{{W}}}author") for e in revisions} == {"Clerk to the Council"}
    noon = datetime.combine(AS_OF, datetime.min.time()).replace(hour=12)
    stamps = {(noon + offset).strftime("%Y-%m-%dT%H:%M:%SZ") for offset in (timedelta(0), APART)}
    assert {e.get(f"{{{W}}}date") for e in revisions} <= stamps
    assert report.changed_at == noon
    ids = [e.get(f"{{{W}}}id") for e in revisions]
    assert len(ids) == len(set(ids))
    assert not any(e.getparent().tag == f"{{{W}}}del" for e in root.iter(f"{{{W}}}t")), "w:t inside w:del"


def test_moved_clauses_carry_a_comment(written: dict[str, tuple[RedlineReport, Path]]) -> None:
    for report, path in written.values():
        notes = [p.note for p in report.paragraphs if p.note]
        with zipfile.ZipFile(path) as archive:
            comments = archive.read("word/comments.xml").decode() if "word/comments.xml" in archive.namelist() else ""
        assert comments.count("<w:comment ") == len(notes)
        for note in notes:
            assert note.split("“")[0] in comments
    assert any(report.moved for report, _ in written.values()), "the corpus has moved clauses; none were shown"


def test_default_author_is_the_council() -> None:
    assert _redline("chard").author == council_name("chard")


def test_libreoffice_opens_every_redline(written: dict[str, tuple[RedlineReport, Path]], tmp_path: Path) -> None:
    pdfs = docx_to_pdf([path for _, path in written.values()], tmp_path, tmp_path / "profile")
    for key, pdf in zip(written, pdfs.values(), strict=True):
        pages = pdf_pages(pdf)
        assert len(pages) >= 2
        assert all(council_name(key) in page for page in pages), "the council's name is in every page header"


def test_libreoffice_reads_the_changes_as_we_do(written: dict[str, tuple[RedlineReport, Path]], tmp_path: Path) -> None:
    """Saved again by LibreOffice, the tracked changes still accept to the new version and
    reject to the old: it understood every revision, paragraph marks included, as we meant."""
    saved = libreoffice([path for _, path in written.values()], tmp_path, tmp_path / "profile", "docx:MS Word 2007 XML")
    for key, path in zip(written, saved.values(), strict=True):
        root = document_xml(path)
        assert revision_counts(root)["ins"] > 0
        assert_resolves(root, old=_printed(model()), new=_printed(local(key)))


# --- the property: random edits of a real document -------------------------------------------

WORDS = ("Council", "must", "should", "Clerk", "promptly", "in writing", "not", "Members", "committee", "review")
OPS = ("replace", "insert", "delete", "drop", "add", "move")


def _perturbed(document: Document, edits: list[tuple[str, int, int, str]]) -> Document:
    clauses = list(document.clauses)
    for op, at, word_at, word in edits:
        k = at % len(clauses)
        clause = clauses[k]
        words = clause.text.split(" ")
        w = word_at % len(words)
        if op == "replace":
            words[w] = word
        elif op == "insert":
            words.insert(w, word)
        elif op == "delete" and len(words) > 1:
            del words[w]
        elif op == "drop" and len(clauses) > 2:
            del clauses[k]
            continue
        elif op == "add":
            extra = f"The {word} will report to the Council each year on item {word_at % 100}."
            clauses.insert(k, replace(clause, kind="paragraph", number=None, marker=None, text=extra))
            continue
        elif op == "move":
            clauses.insert(word_at % len(clauses), clauses.pop(k))
            continue
        clauses[k] = replace(clause, text=" ".join(words))
    clauses = [replace(c, id=f"n{i}") for i, c in enumerate(clauses, 1)]
    return replace(document, clauses=tuple(clauses), path="perturbed.txt", sha256="perturbed")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(OPS), st.integers(0, 10_000), st.integers(0, 10_000), st.sampled_from(WORDS)),
        min_size=1,
        max_size=10,
    )
)
def test_property_accept_gives_new_reject_gives_old(edits: list[tuple[str, int, int, str]], tmp_path: Path) -> None:
    old = corpus_document("chard", "txt")
    new = _perturbed(old, edits)
    report = build_redline(old, new, align(old, new), council="Chard Town Council", as_of=AS_OF)
    root = document_xml(write_report(report, tmp_path / "property.docx"))
    assert_resolves(root, old=_printed(old), new=_printed(new))


# --- HTML and Markdown -------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1


def test_redline_html_marks_every_span() -> None:
    report = _redline("spilsby")
    page = render(report, "html")
    parser = _Tags()
    parser.feed(page)
    spans = Counter(span.op for p in report.paragraphs for span in p.spans)
    assert parser.tags["del"] == spans["delete"] + 1  # and one in the legend
    assert parser.tags["ins"] == spans["insert"] + 1
    assert parser.tags["script"] == 0
    assert "@page { size: A4" in page


def test_redline_markdown_strikes_and_underlines() -> None:
    report = _redline("spilsby")
    text = render(report, "md")
    spans = Counter(span.op for p in report.paragraphs for span in p.spans if p.status == "changed")
    assert len(re.findall(r"<ins>", text)) >= spans["insert"]
    assert text.count("~~") >= 2 * spans["delete"]


def test_hostile_text_is_escaped_in_every_format(tmp_path: Path) -> None:
    old = corpus_document("chard", "txt")
    hostile = '<script>alert(1)</script> <img src=x onerror="alert(2)"> **strong** [link](javascript:alert(1))'
    clauses = list(old.clauses)
    target = next(k for k, c in enumerate(clauses) if c.kind == "paragraph")
    clauses[target] = replace(clauses[target], text=clauses[target].text + " " + hostile)
    clauses.insert(target + 2, replace(clauses[target], id="added", text=hostile))
    new = replace(old, clauses=tuple(replace(c, id=f"n{i}") for i, c in enumerate(clauses)), sha256="hostile")
    report = build_redline(old, new, align(old, new), council="Chard <Town> Council", as_of=AS_OF)
    page = render(report, "html")
    parser = _Tags()
    parser.feed(page)
    assert parser.tags["script"] == 0 and parser.tags["img"] == 0
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Chard &lt;Town&gt; Council" in page
    text = render(report, "md")
    assert "<script" not in text and "<img" not in text and not re.search(r"(?<!\\)\]\(javascript", text)
    assert "&lt;script&gt;" in text
    root = document_xml(write_report(report, tmp_path / "hostile.docx"))
    assert any(hostile in t for t in resolve(root, accept=True))


def test_random_edits_survive_a_libreoffice_round_trip(tmp_path: Path) -> None:
    """The property again, on a few seeded edit lists, through LibreOffice in one batch."""
    rng = random.Random(20261123)
    old = corpus_document("chard", "txt")
    cases = []
    for k in range(6):
        edits = [
            (rng.choice(OPS), rng.randrange(10_000), rng.randrange(10_000), rng.choice(WORDS)) for _ in range(8)
        ] + [("move", rng.randrange(10_000), rng.randrange(10_000), "")]
        new = _perturbed(old, edits)
        report = build_redline(old, new, align(old, new), council="Chard Town Council", as_of=AS_OF)
        cases.append((new, report, write_report(report, tmp_path / f"case-{k}.docx")))
    assert sum(report.moved for _, report, _ in cases) >= 1, "no case moved a clause"
    saved = libreoffice([path for _, _, path in cases], tmp_path / "out", tmp_path / "profile", "docx:MS Word 2007 XML")
    for (new, _, path), again in zip(cases, saved.values(), strict=True):
        for root in (document_xml(path), document_xml(again)):
            assert_resolves(root, old=_printed(old), new=_printed(new))


@pytest.mark.parametrize(("old_format", "new_format"), [("docx", "docx"), ("pdf", "docx"), ("docx", "pdf")])
def test_redline_between_word_and_pdf_renditions(old_format: str, new_format: str, tmp_path: Path) -> None:
    old, new = corpus_document(MODEL, old_format), corpus_document("spilsby", new_format)
    report = build_redline(old, new, align(old, new), council="Spilsby Town Council", as_of=AS_OF)
    assert_resolves(document_xml(write_report(report, tmp_path / "r.docx")), old=_printed(old), new=_printed(new))


# --- the cover note, and --changes substantive --------------------------------------------------

SHORT_OLD = (
    "Members should treat Officers with respect at all times.",
    "The Clerk will answer questions from Members within five working days.",
    "Members must not ask Officers to act outside their duties.",
    "The Council will review this protocol each year.",
)
SHORT_NEW = (
    "Councillors should treat Officers with respect at all times.",
    "The Clerk must answer questions from Councillors within ten working days.",
    "The Council will review this protocol every two years.",
    "Complaints go to the Chair of the Council.",
)


def _short_pair(folder: Path, fmt: str) -> tuple[Document, Document]:
    """A four-paragraph policy and its revision (one cosmetic change, two modified paragraphs,
    one deleted, one added), written as .txt or as .docx."""
    sides = []
    for name, paragraphs in (("old", SHORT_OLD), ("new", SHORT_NEW)):
        path = folder / f"{name}.{fmt}"
        if fmt == "txt":
            path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        else:
            word = open_docx()
            for text in paragraphs:
                word.add_paragraph(text)
            word.save(str(path))
        sides.append(read(path))
    assert [_printed(side) for side in sides] == [list(SHORT_OLD), list(SHORT_NEW)]
    return sides[0], sides[1]


def _comments(path: Path) -> dict[str, str]:
    """Each comment's text by its id, the comment's paragraphs joined by newlines."""
    with zipfile.ZipFile(path) as archive:
        if "word/comments.xml" not in archive.namelist():
            return {}
        root = etree.fromstring(archive.read("word/comments.xml"))
    return {
        c.get(f"{{{W}}}id"): "\n".join(
            "".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in c.iterfind("w:p", NS)
        )
        for c in root.iterfind("w:comment", NS)
    }


def _first_comment(root: etree._Element) -> str | None:
    """The id of the comment that starts in the body's first paragraph, before its text."""
    first = root.find("w:body/w:p", NS)
    start = first.find("w:commentRangeStart", NS)
    runs = [child for child in first if child.tag == f"{{{W}}}r" and child.find("w:t", NS) is not None]
    assert start is None or not runs or first.index(start) < first.index(runs[0])
    return None if start is None else start.get(f"{{{W}}}id")


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("cover", [False, True])
def test_a_short_document_accepts_and_rejects_word_for_word(fmt: str, cover: bool, tmp_path: Path) -> None:
    """The body is only the tracked paragraphs: no title or introduction to make accept-all
    differ from the new document (it was 63% the new text on a short pair)."""
    old, new = _short_pair(tmp_path, fmt)
    report = build_redline(old, new, align(old, new), council="Our Council", as_of=AS_OF, cover=cover)
    path = write_report(report, tmp_path / "short.docx")
    assert_resolves(document_xml(path), old=list(SHORT_OLD), new=list(SHORT_NEW))
    header = open_docx(str(path)).sections[0].header.paragraphs[0].text
    assert report.title in header and "Our Council" in header
    assert list(_comments(path).values()) == (["\n".join(report.cover_note())] if cover else [])


@pytest.mark.parametrize("key", ["chard", "spilsby"])
def test_the_cover_note_is_a_comment_on_the_first_paragraph(key: str, tmp_path: Path) -> None:
    report = _redline(key, cover=True)
    path = write_report(report, tmp_path / "cover.docx")
    plain = write_report(replace(report, cover=False), tmp_path / "plain.docx")
    root = document_xml(path)
    assert_resolves(root, old=_printed(model()), new=_printed(local(key)))
    for accept in (True, False):  # the comment adds no text to either reading
        assert resolve(root, accept=accept) == resolve(document_xml(plain), accept=accept)
    cover = "\n".join(report.cover_note())
    comments = _comments(path)
    assert comments.pop(_first_comment(root)) == cover  # type: ignore[arg-type]
    assert sorted(comments.values()) == sorted(_comments(plain).values())  # the moved clauses' notes
    assert "Accepting every change gives the new version" in cover and report.title in cover


def _reject_all_reading(report: RedlineReport) -> list[str]:
    """What rejecting every change must give with changes="substantive": the old document,
    except each paragraph whose cosmetic change was left out, which reads as its new text."""
    new_text = {p.old_id: p.new_text for p in report.paragraphs if p.cosmetic_left_out}
    return [new_text.get(c.id, c.printed) for c in model().clauses]


@pytest.mark.parametrize("key", COUNCILS)
def test_substantive_leaves_only_cosmetic_changes_untracked(key: str, tmp_path: Path) -> None:
    alignment = against_model(key)
    relation = {(link.left[0], link.right[0]): link.relation for link in alignment.links if len(link.left) == 1}
    old_clause = {c.id: c for c in model().clauses}
    new_clause = {c.id: c for c in local(key).clauses}
    profile, names = load_profile(alignment.provenance.profile), (model().council or "", council_name(key))
    full, report = _redline(key), _redline(key, changes="substantive")
    assert len(full.paragraphs) == len(report.paragraphs)
    for shown, substantive in zip(full.paragraphs, report.paragraphs, strict=True):
        if not substantive.cosmetic_left_out:
            assert substantive == shown
            continue
        assert shown.status == "changed" and substantive.status == "unchanged"
        assert substantive.spans == (DiffSpan("equal", shown.new_text),)
        pair = (substantive.old_id or "", substantive.new_id or "")
        if substantive.kind == "heading":  # headings are not links: classed by the aligner's rules
            kind = classify(old_clause[pair[0]].text, new_clause[pair[1]].text, profile, names)
        else:
            kind = relation[pair]
        assert kind in NOT_SUBSTANTIVE
    assert full.count("changed") == report.count("changed") + report.cosmetic_left_out
    root = document_xml(write_report(report, tmp_path / f"{key}.docx"))
    accepted, rejected = resolve(root, accept=True), resolve(root, accept=False)
    assert accepted == [*_printed(local(key)), ""]  # accept-all is still exactly the new version
    assert rejected == [*_reject_all_reading(report), ""] == [*report.old_texts(), ""]
    assert (rejected[:-1] == _printed(model())) == (report.cosmetic_left_out == 0)


def test_spilsby_substantive_shows_only_its_modified_clauses() -> None:
    """The issue's case: the model -> Spilsby redline changes most paragraphs, nearly all only
    in terminology ("Officer/Clerk" -> "Officer") and capitals."""
    links = against_model("spilsby").links
    full, report = _redline("spilsby"), _redline("spilsby", changes="substantive")
    assert full.count("changed") > 0.75 * len(full.paragraphs)
    modified = sum(1 for link in links if link.relation == "modified" and not link.moved and len(link.left) == 1)
    assert report.count("changed") == modified < full.count("changed") // 4
    assert report.cosmetic_left_out == full.count("changed") - modified


def test_html_and_markdown_follow_the_options() -> None:
    full, report = _redline("spilsby"), _redline("spilsby", changes="substantive")
    note = f"{report.cosmetic_left_out} changes of terminology, spelling, capitals, punctuation or numbering"
    assert report.left_out_note is not None and report.left_out_note.startswith(note)
    for fmt in ("html", "md"):
        assert note in render(report, fmt) and "changes of terminology" not in render(full, fmt)
        covered = render(replace(report, cover=True), fmt)
        assert "rejecting every change gives the old one, except" in covered and note in covered
        assert "Accepting every change" not in render(report, fmt)
    parser = _Tags()
    parser.feed(render(report, "html"))
    spans = Counter(span.op for p in report.paragraphs for span in p.spans)
    assert (parser.tags["del"], parser.tags["ins"]) == (spans["delete"] + 1, spans["insert"] + 1)  # + the legend
    assert spans["delete"] < Counter(span.op for p in full.paragraphs for span in p.spans)["delete"]
    assert '<section class="cover"' in render(replace(report, cover=True), "html")


def test_options_survive_a_libreoffice_round_trip(tmp_path: Path) -> None:
    """LibreOffice keeps the cover comment and reads the substantive redline as we do."""
    old, new = _short_pair(tmp_path, "docx")
    short = build_redline(old, new, align(old, new), council="Our Council", as_of=AS_OF, cover=True)
    spilsby = _redline("spilsby", changes="substantive", cover=True)
    files = [write_report(short, tmp_path / "short.docx"), write_report(spilsby, tmp_path / "spilsby.docx")]
    saved = libreoffice(files, tmp_path / "out", tmp_path / "profile", "docx:MS Word 2007 XML")
    again = [document_xml(path) for path in saved.values()]
    assert_resolves(again[0], old=list(SHORT_OLD), new=list(SHORT_NEW))
    assert resolve(again[1], accept=True) == [*_printed(local("spilsby")), ""]
    assert resolve(again[1], accept=False) == [*_reject_all_reading(spilsby), ""]
    for report, path in zip((short, spilsby), saved.values(), strict=True):
        assert any(report.title in comment for comment in _comments(path).values())


# --- the command ---------------------------------------------------------------------------


def _cli(*args: str) -> Result:
    return CliRunner().invoke(cli, ["report", "redline", *args, "--as-of", AS_OF.isoformat()])


def test_cli_changes_substantive_with_a_cover(tmp_path: Path) -> None:
    old, new = str(corpus_path(MODEL, "txt")), str(corpus_path("spilsby", "txt"))
    labels = {"old_label": Path(old).name, "new_label": Path(new).name}  # a file is named by its file name
    expected = _redline("spilsby", changes="substantive", **labels)
    paper, plain = tmp_path / "paper.docx", tmp_path / "plain.docx"
    result = _cli(old, new, "--changes", "substantive", "--cover", "-o", str(paper))
    assert result.exit_code == 0, result.output
    root = document_xml(paper)
    assert resolve(root, accept=True) == [*_printed(local("spilsby")), ""]
    assert resolve(root, accept=False) == [*_reject_all_reading(expected), ""]
    cover = _comments(paper)[_first_comment(root)]  # type: ignore[index]
    assert cover.startswith(expected.title) and expected.left_out_note in cover  # type: ignore[operator]
    assert _cli(old, new, "-o", str(plain)).exit_code == 0
    assert_resolves(document_xml(plain), old=_printed(model()), new=_printed(local("spilsby")))
    assert _comments(plain) == {}
    markdown = _cli(old, new, "--changes", "substantive", "--format", "md").output
    assert expected.left_out_note is not None and md_escape(expected.left_out_note, starts_line=False) in markdown


def test_cli_refuses_an_unknown_changes_value_in_one_line(tmp_path: Path) -> None:
    target = tmp_path / "paper.docx"
    old, new = str(corpus_path(MODEL, "txt")), str(corpus_path("spilsby", "txt"))
    result = _cli(old, new, "--changes", "cosmetic", "-o", str(target))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "--changes" in result.stderr
    assert "substantive" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []
