"""The update paper on the shipped corpus: Spilsby's protocol (adapted from the model's version
3) and the model's version 4. The Word paper is the council's policy with the proposed update
tracked: accepting every change gives the proposed policy, rejecting every change the current one."""

from __future__ import annotations

import json
import random
import zipfile
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from clausewise.align import align
from clausewise.align.normalise import load_profile
from clausewise.align.update import Update, plan_update
from clausewise.app import write_report
from clausewise.cli import cli
from clausewise.ingest import Document, read
from clausewise.reports import UpdateReport, build_update, render
from tests.align.test_update import EDITABLE, MODEL, _edits, edited
from tests.conftest import CORPUS, corpus_path
from tests.reports.corpus import AS_OF
from tests.reports.tools import W, document_xml, resolve

V3 = corpus_path("sandon-burston", "txt")
V4 = CORPUS / "sandon-burston-parish-council_model-councillor-officer-clerk-protocol_v4-2027.txt"
SPILSBY = corpus_path("spilsby", "txt")


def _update(base: Document, local: Document, new: Document) -> Update:
    return plan_update(base, local, new, model=align(base, new), adapted=align(base, local), profile=load_profile())


def _report(update: Update) -> UpdateReport:
    provenance = align(update.base, update.new).provenance
    return build_update(
        update,
        council="Spilsby Town Council",
        as_of=AS_OF,
        provenance=provenance,
        local_label="Spilsby Town Council, version 2026",
        base_label="the model, version 3",
        new_label="the model, version 4",
    )


@cache
def spilsby_update() -> Update:
    return _update(read(V3), read(SPILSBY), read(V4))


def _printed(document: Document) -> list[str]:
    return [c.printed for c in document.clauses]


def _resolves(update: Update, path: Path) -> None:
    write_report(_report(update), path)
    root = document_xml(path)
    accepted, rejected = resolve(root, accept=True), resolve(root, accept=False)
    assert accepted == [*_printed(update.proposed), ""]  # the body ends on one untracked empty paragraph
    assert rejected == [*_printed(update.local), ""]


def test_spilsby_update_paper_accepts_to_the_proposal_and_rejects_to_its_policy(tmp_path: Path) -> None:
    update = spilsby_update()
    assert update.count("apply") >= 5 and update.count("new_clause") >= 1 and update.count("not_needed") >= 1
    _resolves(update, tmp_path / "update.docx")


@pytest.mark.parametrize("seed", [3, 11, 29])
def test_synthetic_updates_accept_and_reject_exactly(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    chosen = rng.sample(EDITABLE, 5)
    files = {}
    for name, text in (
        ("base", MODEL),
        ("local", edited(MODEL, _edits(seed, chosen[:3], "councilword"))),
        ("new", edited(MODEL, _edits(seed + 1, chosen[1:], "modelword"))),
    ):
        files[name] = tmp_path / f"{name}.txt"
        files[name].write_text(text, encoding="utf-8")
    update = _update(read(files["base"]), read(files["local"]), read(files["new"]))
    _resolves(update, tmp_path / "update.docx")


def test_conflicts_are_comments_with_the_model_s_new_text(tmp_path: Path) -> None:
    update = spilsby_update()
    conflicts = [c for c in update.changes if c.action == "conflict"]
    assert conflicts
    path = tmp_path / "update.docx"
    write_report(_report(update), path)
    comments = zipfile.ZipFile(path).read("word/comments.xml").decode("utf-8")
    for change in conflicts:
        assert "says:" in comments and (change.new_text or "")[:40].replace("'", "&apos;")[:20] in comments


def test_json_has_the_documented_shape() -> None:
    data = json.loads(render(_report(spilsby_update()), "json"))
    assert {"local", "base", "new", "summary", "changes"} <= set(data)
    assert set(data["summary"]) == {"apply", "conflict", "already", "not_needed", "not_applicable", "new_clause"}
    keys = {"action", "model_change", "base_text", "new_text", "local_text", "proposed_text", "local_number", "section"}
    assert all(keys <= set(change) for change in data["changes"])
    assert sum(data["summary"].values()) == len(data["changes"])
    assert {c["model_change"] for c in data["changes"]} <= {"modified", "cosmetic", "added", "removed", "moved"}


def test_html_and_markdown_escape_the_documents_text(tmp_path: Path) -> None:
    hostile = MODEL.replace("The roles are very different", "The <script>alert(1)</script> roles are very different")
    (tmp_path / "new.txt").write_text(hostile, encoding="utf-8")
    update = _update(read(V3), read(SPILSBY), read(tmp_path / "new.txt"))
    page = render(_report(update), "html")
    assert isinstance(page, str) and "<script>alert" not in page and "&lt;script&gt;" in page
    markdown = render(_report(update), "md")
    assert isinstance(markdown, str) and "<script>" not in markdown


def test_update_command_exit_status_and_formats(tmp_path: Path) -> None:
    args = ["update", str(SPILSBY), "--base", str(V3)]
    changed = CliRunner().invoke(cli, [*args, "--new", str(V4), "--format", "json"])
    assert changed.exit_code == 1, changed.stderr
    assert json.loads(changed.stdout)["summary"]["apply"] >= 5
    same = CliRunner().invoke(cli, [*args, "--new", str(V3)])
    assert same.exit_code == 0 and "nothing changed" in same.stdout
    missing = CliRunner().invoke(cli, ["update", str(SPILSBY), "--new", str(V4)])
    assert missing.exit_code == 2 and "give --base" in missing.stderr
    paper = tmp_path / "paper.docx"
    assert CliRunner().invoke(cli, [*args, "--new", str(V4), "-o", str(paper)]).exit_code == 1
    assert document_xml(paper).find(f".//{{{W}}}ins") is not None
