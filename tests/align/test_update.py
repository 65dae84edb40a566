"""The three-way update on real documents: the model's text (v3) as the base, copies of it with
seeded word edits as the new model and as the council's adaptation, each written to a file and
read back as a clerk's files would be."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clausewise.align import DEFAULT_SETTINGS, align
from clausewise.align.normalise import load_profile
from clausewise.align.update import Update, plan_update
from clausewise.ingest import read
from tests.conftest import corpus_path

MODEL = corpus_path("sandon-burston", "txt").read_text(encoding="utf-8")
LEXICAL = DEFAULT_SETTINGS.__class__(semantic="spacy")  # fast and installed everywhere


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# Long body paragraphs: where a word edit leaves the clause clearly the same clause.
EDITABLE = [k for k, p in enumerate(paragraphs(MODEL)) if len(p.split()) >= 25 and "\n" not in p.strip()]


@dataclass(frozen=True)
class Edit:
    paragraph: int
    word: int  # index of the word replaced
    new_word: str


def edited(text: str, edits: list[Edit]) -> str:
    parts = paragraphs(text)
    for edit in edits:
        words = parts[edit.paragraph].split(" ")
        words[edit.word] = edit.new_word
        parts[edit.paragraph] = " ".join(words)
    return "\n\n".join(parts)


def update_of(tmp_path: Path, base_text: str, local_text: str, new_text: str) -> Update:
    files = []
    for name, text in (("base", base_text), ("local", local_text), ("new", new_text)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(read(path))
    base, local, new = files
    model = align(base, new, settings=LEXICAL)
    adapted = align(base, local, settings=LEXICAL)
    return plan_update(base, local, new, model=model, adapted=adapted, profile=load_profile())


def _edits(seed: int, paragraphs_: list[int], tag: str, *, near: list[Edit] | None = None) -> list[Edit]:
    """One word replaced in each paragraph; with `near`, the word two places after the other
    side's edit (different words, close enough that line-based diff3 would see one region)."""
    rng = random.Random(seed)
    out = []
    for k, paragraph in enumerate(paragraphs_):
        size = len(paragraphs(MODEL)[paragraph].split(" "))
        word = min(near[k].word + 2, size - 1) if near is not None else rng.randrange(1, size - 3)
        out.append(Edit(paragraph, word, f"{tag}{seed}x{k}"))
    return out


@settings(max_examples=6, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000))
def test_edits_to_different_words_both_reach_the_proposal(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    chosen = rng.sample(EDITABLE, 4)
    model_edits = _edits(seed, chosen, "modelword")
    local_edits = _edits(seed, chosen, "councilword", near=model_edits)
    update = update_of(tmp_path, MODEL, edited(MODEL, local_edits), edited(MODEL, model_edits))
    applied = [c for c in update.changes if c.action == "apply"]
    assert len(applied) == len(chosen), [(c.action, c.why) for c in update.changes]
    proposed = " ".join(c.text for c in update.proposed.clauses)
    for edit in [*model_edits, *local_edits]:
        assert edit.new_word in proposed, edit
    assert not any(c.action == "conflict" for c in update.changes)


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000))
def test_edits_to_the_same_words_are_conflicts_and_lose_nothing(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    chosen = rng.sample(EDITABLE, 3)
    model_edits = _edits(seed, chosen, "modelword")
    local_edits = [Edit(e.paragraph, e.word, f"councilword{seed}x{k}") for k, e in enumerate(model_edits)]
    local_text = edited(MODEL, local_edits)
    update = update_of(tmp_path, MODEL, local_text, edited(MODEL, model_edits))
    conflicts = [c for c in update.changes if c.action == "conflict"]
    assert len(conflicts) == len(chosen)
    proposed = " ".join(c.text for c in update.proposed.clauses)
    for edit in local_edits:  # the council's words stay; nothing of the model's is slipped in
        assert edit.new_word in proposed
    for edit in model_edits:
        assert edit.new_word not in proposed
        assert any(edit.new_word in (c.new_text or "") for c in conflicts)


def test_model_text_changes_the_council_already_made_are_already(tmp_path: Path) -> None:
    edits = _edits(7, EDITABLE[:3], "sameword")
    text = edited(MODEL, edits)
    update = update_of(tmp_path, MODEL, text, text)
    assert {c.action for c in update.changes} == {"already"} and not update.proposes


def test_a_terminology_change_the_council_does_not_use_is_not_needed(tmp_path: Path) -> None:
    """The model goes from "Officer/Clerk" to "Clerk" in one paragraph; the council has always
    written "Officer" there."""
    target = next(k for k in EDITABLE if "Officer/Clerks" in paragraphs(MODEL)[k])
    parts = paragraphs(MODEL)
    new_parts, local_parts = list(parts), list(parts)
    new_parts[target] = parts[target].replace("Officer/Clerks", "Clerks")
    local_parts[target] = parts[target].replace("Officer/Clerks", "Officers")
    update = update_of(tmp_path, MODEL, "\n\n".join(local_parts), "\n\n".join(new_parts))
    [change] = [c for c in update.changes if c.model_change == "cosmetic"]
    assert change.action == "not_needed", change.why


def test_a_new_model_clause_is_proposed_after_its_neighbours_partner(tmp_path: Path) -> None:
    parts = paragraphs(MODEL)
    anchor = EDITABLE[2]
    added = "Councillors should reply to the Clerk's written requests within ten working days."
    new_text = "\n\n".join([*parts[: anchor + 1], added, *parts[anchor + 1 :]])
    update = update_of(tmp_path, MODEL, MODEL, new_text)
    [change] = [c for c in update.changes if c.action == "new_clause"]
    texts = [c.text for c in update.proposed.clauses]
    anchor_text = re.sub(r"\s+", " ", parts[anchor]).strip()
    assert texts[texts.index(added) - 1] == anchor_text
    assert change.proposed_text == added


def test_a_clause_the_model_removes_goes_unless_the_council_reworded_it(tmp_path: Path) -> None:
    parts = paragraphs(MODEL)
    gone, reworded = EDITABLE[3], EDITABLE[5]
    new_text = "\n\n".join(p for k, p in enumerate(parts) if k not in (gone, reworded))
    local_parts = list(parts)
    local_parts[reworded] = "In our council, " + parts[reworded][0].lower() + parts[reworded][1:]
    update = update_of(tmp_path, MODEL, "\n\n".join(local_parts), new_text)
    actions = {c.base_text: c.action for c in update.changes if c.model_change == "removed"}
    assert actions[re.sub(r"\s+", " ", parts[gone]).strip()] == "apply"
    assert actions[re.sub(r"\s+", " ", parts[reworded]).strip()] == "conflict"
    proposed = [c.text for c in update.proposed.clauses]
    assert re.sub(r"\s+", " ", parts[gone]).strip() not in proposed
    assert re.sub(r"\s+", " ", local_parts[reworded]).strip() in proposed


@pytest.mark.parametrize("seed", [1, 2])
def test_the_links_give_the_proposal_from_the_council_s_policy(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    chosen = rng.sample(EDITABLE, 3)
    update = update_of(tmp_path, MODEL, MODEL, edited(MODEL, _edits(seed, chosen, "modelword")))
    local = {c.id: c for c in update.local.clauses}
    proposed = {c.id: c for c in update.proposed.clauses}
    for link in update.links:
        old, new = local[link.left[0]], proposed[link.right[0]]
        assert (link.relation == "identical") == (old.text == new.text)
