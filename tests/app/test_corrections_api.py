"""Dates and corrections through `clausewise.Store`: the clock is a parameter (`today`), an
unlikely date is stored only with `force=True`, and `amend`/`remove` return what they changed."""

from __future__ import annotations

from datetime import date

import pytest

from clausewise import Store
from clausewise.errors import BadValue, Conflict, ImpossibleDate
from clausewise.store import Change
from tests.conftest import corpus_path
from tests.store.conftest import POLICY, snapshot

SPILSBY = corpus_path("spilsby", "txt")  # "April 2026" on its cover, no adoption statement


def test_the_clock_is_a_parameter_and_a_month_counts_from_its_first_day(db: str) -> None:
    store = Store(db)
    council = "Spilsby Town Council"
    with pytest.raises(ImpossibleDate) as early:
        store.add(SPILSBY, policy=POLICY, council=council, today=date(2026, 3, 31))
    assert early.value.needs == "force" and "--" not in early.value.message
    assert early.value.message.endswith("the adoption date 2026-04 is in the future (today is 2026-03-31)")
    assert snapshot(db)["versions"] == []
    [added] = store.add(SPILSBY, policy=POLICY, council=council, today=date(2026, 4, 1))
    adopted = next(value for value in added.values if value.name == "adopted")
    assert (adopted.value, adopted.day, adopted.precision, adopted.origin) == (
        "2026-04",
        date(2026, 4, 1),
        "month",
        "the date on the cover",
    )
    info = store.version("spilsby")
    assert (info.adopted_precision, info.review_due_precision) == ("month", "month")
    with pytest.raises(ImpossibleDate, match="the review date 2026-05-02 is in the future"):
        store.review("spilsby", on=date(2026, 5, 2), next_due=date(2027, 5, 1), today=date(2026, 5, 1))
    forced = store.review("spilsby", on=date(2026, 5, 2), next_due=date(2027, 5, 1), today=date(2026, 5, 1), force=True)
    assert (forced.review_due, forced.review_due_precision) == (date(2027, 5, 1), "day")


def test_amend_and_remove_through_the_api(db: str) -> None:
    store = Store(db)
    store.add(corpus_path("chard", "txt"), policy=POLICY, label="2015")
    store.add(SPILSBY, policy=POLICY, council="Chard Town Council", label="2026", adopted_on=date(2026, 4, 14))
    with pytest.raises(Conflict) as again:
        store.add(SPILSBY, policy=POLICY, council="Chard Town Council", adopted_on=date(2026, 4, 15))
    assert again.value.needs == "amend" and "already stored as version 2026 with adopted 2026-04-14" in str(again.value)
    with pytest.raises(ImpossibleDate):
        store.amend("chard@2026", review_due=date(2026, 1, 1))
    amended = store.amend("chard@2026", label="2026a", minute_ref="88/26", reason="typo", today=date(2026, 5, 1))
    assert amended.reference == f"Chard Town Council:{POLICY}@2026a"
    assert amended.changes == (Change("2026", "version", "2026", "2026a"), Change("2026", "minute", None, "88/26"))
    cleared = store.amend("chard@2026a", minute_ref="")
    assert cleared.changes == (Change("2026a", "minute", "88/26", None),)
    with pytest.raises(BadValue, match="nothing to amend"):
        store.amend("chard")
    removed = store.remove("chard@2026a", reason="wrong council")
    assert removed.removed is not None and removed.removed["label"] == "2026a"
    assert removed.changes == (Change("2015", "status", "superseded", "current"),)
    assert store.version("chard").label == "2015"
    history = store.history("chard", as_of=date(2026, 11, 30))
    assert [(c.version_label, c.what.split(" (")[0]) for c in history.corrections] == [
        ("2026", "version 2026 -> 2026a"),
        ("2026", "minute not known -> 88/26"),
        ("2026a", "minute 88/26 -> not known"),
        ("2026a", "removed"),
        ("2015", "status superseded -> current"),
    ]
    assert history.corrections[3].reason == "wrong council"
    records = snapshot(db)["corrections"]  # those of the removed version now name no stored row
    assert [c["version"] for c in records] == [None, None, None, None, ["Chard Town Council", POLICY, "2015"]]
