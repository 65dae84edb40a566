"""Running headers, footers and page numbers in a PDF: what sits in the page margins.

A PDF does not say which lines are a header or a footer, so two kinds of evidence are used:

- position: a line wholly inside the top or bottom margin band, set no larger than the body
  text, and separated from the body by a gap, is a header or footer even on a one-page
  document or on a first page whose header differs from the rest (Word prints its header
  half an inch from the edge and the body an inch down);
- repetition: a line reaching into a margin band whose wording (digits ignored, so
  "Page 3 of 9" matches "Page 4 of 9") is in the margin of two or more pages, and any page
  number there.

Every line taken out is returned, in page order, so the words of the source can be accounted
for: nothing of the body is dropped without a trace.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..markers import is_page_number
from .pdf_lines import Line

MARGIN = 0.09  # share of the page height at top and bottom where running text lives
# A header or footer is set apart from the body by a gap at least this many times its own line
# height (Word: header text ends ~48pt down, the body starts at 72pt; a résumé's first-page
# header in Apache POI's tests ends 8pt above a 36pt title, so a gap under a line height).
MARGIN_GAP = 0.6
# A line set larger than the body text (by more than this, in points) is a title, not a header.
MARGIN_SIZE_SLACK = 0.5
# ... and the gap must be this many times the tightest spacing of the next few body lines, so
# a list set with wide spacing high on a page is not taken for a header.
BODY_SPACING_FACTOR = 1.5
_SPACING_LINES = 3  # how many gaps past the run are looked at for the body's line spacing
_TOLERANCE = 1.0  # points: positions on different pages of one document agree to within this


def split_running(pages: Sequence[Sequence[Line]], body_size: float) -> tuple[list[list[Line]], list[str]]:
    """Each page's body lines, and every header, footer and page-number line taken out."""
    repeated = _repeated_shapes(pages)
    by_repetition = [_repeating(page, repeated) for page in pages]
    placed = [_placed_in_margin(page, body_size) for page in pages]
    extents = [_extent(page, by_repetition[n] | placed[n].top | placed[n].bottom) for n, page in enumerate(pages)]
    body: list[list[Line]] = []
    running: list[str] = []
    for n, (page, others) in enumerate(zip(pages, _others(extents), strict=True)):
        taken = by_repetition[n] | _confirmed(page, placed[n], others)
        running += [line.text for index, line in enumerate(page) if index in taken]
        body.append([line for index, line in enumerate(page) if index not in taken])
    return body, running


@dataclass(frozen=True)
class _Placed:
    """A page's lines that look like a header (top) or a footer (bottom) by position."""

    top: set[int]
    bottom: set[int]


def _in_margin(line: Line) -> bool:
    return line.top < line.page_height * MARGIN or line.bottom > line.page_height * (1 - MARGIN)


def _shape(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text.lower())


def _repeated_shapes(pages: Sequence[Sequence[Line]]) -> Counter[str]:
    """On how many pages each margin wording appears (once a page at most)."""
    if len(pages) < 2:
        return Counter()
    return Counter(shape for page in pages for shape in {_shape(line) for line in page if _in_margin(line)})


def _repeating(page: Sequence[Line], repeated: Counter[str]) -> set[int]:
    """The page's margin lines that are page numbers or repeat in the margin of other pages."""
    return {
        index
        for index, line in enumerate(page)
        if _in_margin(line) and (is_page_number(line.text) or repeated[_shape(line)] > 1)
    }


def _extent(page: Sequence[Line], taken: set[int]) -> tuple[float, float] | None:
    """Where the page's body lines begin and end (top of the first, bottom of the last)."""
    rest = [line for index, line in enumerate(page) if index not in taken]
    return (min(line.top for line in rest), max(line.bottom for line in rest)) if rest else None


def _others(extents: list[tuple[float, float] | None]) -> list[tuple[float, float]]:
    """For each page, the highest body top and the lowest body bottom on the other pages."""
    tops = sorted((extent[0], index) for index, extent in enumerate(extents) if extent)[:2]
    bottoms = sorted(((extent[1], index) for index, extent in enumerate(extents) if extent), reverse=True)[:2]

    def first_other(ranked: list[tuple[float, int]], page: int, default: float) -> float:
        return next((value for value, index in ranked if index != page), default)

    return [(first_other(tops, n, math.inf), first_other(bottoms, n, -math.inf)) for n in range(len(extents))]


def _confirmed(page: Sequence[Line], placed: _Placed, others: tuple[float, float]) -> set[int]:
    """The placed lines that also lie outside the body area of every other page.

    A heading at the very top of a page, followed by space, looks like a header on its own;
    but where the other pages print body text at that height it is body text.
    """
    highest, lowest = others
    top = placed.top if all(page[i].bottom <= highest + _TOLERANCE for i in placed.top) else set()
    bottom = placed.bottom if all(page[i].top >= lowest - _TOLERANCE for i in placed.bottom) else set()
    return top | bottom


def _placed_in_margin(page: Sequence[Line], body_size: float) -> _Placed:
    """The page's lines that are a header or footer by their position alone."""
    order = sorted(range(len(page)), key=lambda index: page[index].top)
    top = _band_run(page, order, body_size, lambda line: line.bottom <= line.page_height * MARGIN)
    bottom = _band_run(page, order[::-1], body_size, lambda line: line.top >= line.page_height * (1 - MARGIN))
    return _Placed(set(top), set(bottom))


def _band_run(page: Sequence[Line], order: list[int], body_size: float, in_band: Callable[[Line], bool]) -> list[int]:
    """The lines from the page edge inward (in `order`) up to the first gap that sets them apart.

    Every line of the run must lie wholly in the band and be no larger than the body text.
    The run ends at the first gap of at least MARGIN_GAP line heights that is also clearly
    wider than the spacing of the body lines beyond it. No such gap, or no body beyond it,
    means the lines are the body's own, started high on the page.
    """
    for position, index in enumerate(order):
        line = page[index]
        if not in_band(line) or line.size > body_size + MARGIN_SIZE_SLACK:
            return []
        beyond = [page[i] for i in order[position + 1 : position + 2 + _SPACING_LINES]]
        if not beyond:
            return []  # nothing but these lines on the page: no body to be set apart from
        gap = _gap(line, beyond[0])
        spacing = min((_gap(a, b) for a, b in pairwise(beyond)), default=0.0)
        if gap >= MARGIN_GAP * (line.bottom - line.top) and gap >= BODY_SPACING_FACTOR * spacing:
            return order[: position + 1]
    return []


def _gap(line: Line, neighbour: Line) -> float:
    """The white space between two lines, whichever is above."""
    return max(neighbour.top - line.bottom, line.top - neighbour.bottom)
