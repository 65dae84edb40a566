"""What a report says of a council's lineage: the model version its policy follows, and whether
the model has been revised since. The divergence, history and matrix reports carry a
`ModelLineage`; the reviews report flags `REVISED` per row. One wording, every format."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from clausewise.ingest.model import DatePrecision

from .words import long_date

REVISED = "model revised since adoption"  # the flag a council on an old model version gets


@dataclass(frozen=True)
class ModelLineage:
    """The model version a council's version follows, beside the model's current version."""

    based_on: str  # the label of the model version it follows ("3")
    current: str  # the label of the model's current version ("4")
    how: str  # how it is known: "detected: 86% of its clauses kept, 105 of 122", or "given"
    based_on_adopted: date | None = None
    current_adopted: date | None = None
    based_on_precision: DatePrecision = "day"
    current_precision: DatePrecision = "day"
    model: str = ""  # the model's publisher

    @property
    def revised(self) -> bool:
        return self.based_on != self.current

    @property
    def sentence(self) -> str:
        """ "Based on the model's version 3 (May 2026); the model is now at version 4 (May 2027)." """
        based = f"Based on the model's version {self.based_on}{_when(self.based_on_adopted, self.based_on_precision)}"
        if not self.revised:
            return f"{based}, its current version."
        now = _when(self.current_adopted, self.current_precision)
        return f"{based}; the model is now at version {self.current}{now}."

    @property
    def column(self) -> str:
        """A table cell: "3", or "3 (now 4)" when the model has been revised since."""
        return f"{self.based_on} (now {self.current})" if self.revised else self.based_on


def _when(day: date | None, precision: DatePrecision) -> str:
    """When a model version was issued, to the month as a model's cover gives it: " (May 2026)"
    ("" when not known)."""
    if day is None:
        return ""
    return f" ({long_date(day, 'month' if precision == 'day' else precision)})"
