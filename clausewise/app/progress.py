"""How long work tells its caller how far it has got, without knowing who is watching.

The command line shows a progress bar; a Python caller or a test passes nothing.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def start(self, description: str, total: int) -> None:
        """A new stage of `total` steps begins."""

    def step(self, description: str) -> None:
        """The next step begins (so the one before it is done); `description` says what it is."""


class Silent:
    """Progress nobody watches."""

    def start(self, description: str, total: int) -> None:
        pass

    def step(self, description: str) -> None:
        pass


SILENT = Silent()
