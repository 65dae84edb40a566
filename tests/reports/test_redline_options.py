"""Redline options on real and short documents: the body is only the policy (accept all = new,
reject all = old, word for word, short documents included), `cover` (a comment outside the
text), and `changes="substantive"` (cosmetic changes stand untracked), in Word, HTML, Markdown,
through LibreOffice, the command and the Store."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docx import Document as open_docx
from lxml import etree

from clausewise.align import align
from clausewise.align.classify import relation as classify
from clausewise.align.model import DiffSpan
from clausewise.align.normalise import load_profile
from clausewise.app import Store, write_report
from clausewise.cli import cli
from clausewise.ingest import Document, read
from clausewise.reports import build_redline, render
from clausewise.reports.markdown import md_escape
from clausewise.reports.redline import NOT_SUBSTANTIVE, Changes, RedlineReport
from tests.conftest import CORPUS, corpus_path
from tests.reports.corpus import AS_OF, COUNCILS, MODEL, against_model, council_name, local, model
from tests.reports.tools import NS, W, assert_resolves, document_xml, libreoffice, resolve, revision_counts


def _redline(key: str, *, changes: Changes = "all", cover: bool = False, **labels: str) -> RedlineReport:
    alignment = against_model(key)
    return build_redline(
        model(), local(key), alignment, council=council_name(key), as_of=AS_OF, changes=changes, cover=cover, **labels
    )


def _printed(document: Document) -> list[str]:
    return [c.printed for c in document.clauses]


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
    page = render(report, "html")  # document text is escaped, so every tag is the renderer's
    spans = Counter(span.op for p in report.paragraphs for span in p.spans)
    tags = (len(re.findall("<del>", page)), len(re.findall("<ins>", page)))
    assert tags == (spans["delete"] + 1, spans["insert"] + 1)  # and one of each in the legend
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


def test_store_redline_of_stored_versions_takes_the_options(tmp_path: Path) -> None:
    """Store.redline between two stored versions: the same options as for files."""
    old, new = _short_pair(tmp_path, "txt")
    store = Store(str(tmp_path / "store.db"))
    for path, label, adopted in ((old.path, "1", AS_OF.replace(year=2024)), (new.path, "2", AS_OF)):
        store.add(path, policy="Protocol", council="Our Council", label=label, adopted_on=adopted, today=AS_OF)
    report = store.redline("Our Council@1", "Our Council@2", as_of=AS_OF, changes="substantive", cover=True)
    assert (report.changes, report.cover, report.cosmetic_left_out) == ("substantive", True, 1)
    root = document_xml(write_report(report, tmp_path / "stored.docx"))
    assert resolve(root, accept=True) == [*SHORT_NEW, ""]
    assert resolve(root, accept=False) == [SHORT_NEW[0], *SHORT_OLD[1:], ""]  # the cosmetic change stands
    assert _comments(tmp_path / "stored.docx")[_first_comment(root)].startswith(report.title)  # type: ignore[index]


def test_a_redline_to_a_word_file_is_that_file_with_the_changes_tracked(tmp_path: Path) -> None:
    """`report redline OLD NEW.docx`: the council's own document (its header, footer and styles)
    with the changes in it; accept all gives NEW's body exactly. To a text file, clausewise's own."""
    old = CORPUS / "originals" / "sandon-burston-parish-council_model-councillor-officer-clerk-protocol_v3-2026.docx"
    new = CORPUS / "originals" / "spilsby-town-council_councillor-officer-protocol_2026.docx"
    paper = tmp_path / "paper.docx"
    assert CliRunner().invoke(cli, ["report", "redline", str(old), str(new), "-o", str(paper)]).exit_code == 0
    own, source = zipfile.ZipFile(paper), zipfile.ZipFile(new)
    for part in ("word/header1.xml", "word/footer1.xml", "word/styles.xml", "word/numbering.xml"):
        assert own.read(part) == source.read(part), part
    assert resolve(document_xml(paper), accept=True) == resolve(document_xml(new), accept=True)
    assert revision_counts(document_xml(paper))["ins"] > 0
    text_paper = tmp_path / "text.docx"
    text_new = corpus_path("spilsby", "txt")
    assert CliRunner().invoke(cli, ["report", "redline", str(old), str(text_new), "-o", str(text_paper)]).exit_code == 0
    assert zipfile.ZipFile(text_paper).read("word/header1.xml") != source.read("word/header1.xml")
