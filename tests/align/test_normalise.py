"""Terminology profiles: what never counts as a change."""

from __future__ import annotations

from pathlib import Path

import pytest

from clausewise.align.classify import relation
from clausewise.align.normalise import identity_key, load_profile
from clausewise.errors import ClausewiseError

PROFILE = load_profile()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "Councillors and Officer/Clerks are servants of the public.",
            "Councillors and officer / clerks are servants of the public",
            "identical",
        ),
        ("e-mail the Officer—today", "email the Officer today", "identical"),
        (
            "The purpose is to guide councillors and Officer/Clerks of the council",
            "The purpose is to guide Councillors and Officers of the Council",
            "cosmetic",
        ),
        (
            "Members must not seek to influence the Chairman",
            "Councillors must not seek to influence the Chair",
            "cosmetic",
        ),
        (
            "Councillors have four main areas of responsibility:",
            "Councillors have 4 main areas of responsibility:",
            "cosmetic",
        ),
        ("scrutinise services and the behaviour of staff", "scrutinize services and the behavior of staff", "cosmetic"),
        (
            "In this document Council refers to Chard Town Council",
            "In this document Council refers to the Council",
            "cosmetic",
        ),
        # A term's own grammar comes and goes with it: its article, "relevant", agreement, number.
        (
            "The respective roles and responsibilities of the councillors and the Officer/Clerk;",
            "The respective roles and responsibilities of the Councillors and Officers;",
            "cosmetic",
        ),
        ("report it to an Officer/Clerk who is responsible", "report it to the Clerk who is responsible", "cosmetic"),
        ("Councillors can expect from Officer/Clerks:", "Councillors can expect from the Clerk:", "cosmetic"),
        ("ask the relevant Officer/Clerk", "ask the Clerk", "cosmetic"),
        ("Officer/Clerks are responsible for it", "the Clerk is responsible for it", "cosmetic"),
        # A list item's closing "and" is punctuation of the list, not wording.
        (
            "ensure that any criticism is made in private",
            "Ensure that any criticism is made in private; and",
            "cosmetic",
        ),
        # The Proper Officer is one statutory role, not any officer.
        ("directed to the Officer/Clerk.", "directed to the Proper Officer.", "modified"),
        ("The Proper Officer/Clerk is the head of staff", "The Proper Officer is the head of staff", "cosmetic"),
        ("all councillors must attend", "the councillors must attend", "modified"),
        ("the officer must attend", "the officer must attend the meeting", "modified"),
        ("Officers should report to the chair", "Officers must report to the chair", "modified"),
        ("Officers should report to the chair", "Officers should not report to the chair", "modified"),
        ("the same right as any member of the public", "the same right as any Councillor", "modified"),
        ("Members of the public may attend", "Councillors may attend", "modified"),
    ],
)
def test_relation(old: str, new: str, expected: str) -> None:
    assert relation(old, new, PROFILE, ("Chard Town Council",)) == expected


def test_identity_key_ignores_only_case_space_and_punctuation() -> None:
    assert identity_key("A working  partnership;") == identity_key("a working partnership")
    assert identity_key("A working partnership") != identity_key("A partnership")


def test_user_profile_from_a_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "welsh.toml"
    path.write_text('name = "welsh"\n[[term]]\ncanonical = "clerk"\nvariants = ["clerc", "clerk"]\n', encoding="utf-8")
    profile = load_profile(str(path))
    assert profile.name == "welsh"
    assert profile.canonical("Y Clerc") == profile.canonical("y clerk")


def test_bad_profiles_give_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ClausewiseError, match="no such profile; shipped profiles: default"):
        load_profile("nonexistent")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[term]]\nvariants = 3\n", encoding="utf-8")
    with pytest.raises(ClausewiseError, match="not valid"):
        load_profile(str(broken))
