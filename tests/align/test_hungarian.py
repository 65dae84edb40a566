"""The assignment the aligner uses (align/hungarian.py) is SciPy's, loaded without importing
scipy.optimize."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clausewise.align import hungarian


def test_the_compiled_module_is_found_on_this_scipy() -> None:
    assert hungarian._compiled_module() is not None


def test_loading_it_does_not_import_scipy_optimize() -> None:
    code = (
        "import sys; from clausewise.align.hungarian import linear_sum_assignment as f; "
        "f([[1.0, 2.0], [3.0, 0.0]]); print('scipy.optimize' in sys.modules)"
    )
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
        == "False"
    )


SHAPES = st.tuples(st.integers(1, 12), st.integers(1, 12))
SCORES = st.floats(-100, 100, allow_nan=False, width=32)


@settings(max_examples=200, deadline=None)
@given(SHAPES.flatmap(lambda shape: arrays(np.float64, shape, elements=SCORES | st.sampled_from([0.0, 50.0]))))
def test_the_same_assignment_as_scipy_optimize(cost: np.ndarray) -> None:
    from scipy.optimize import linear_sum_assignment

    ours = hungarian.linear_sum_assignment(cost)
    theirs = linear_sum_assignment(cost)
    assert np.array_equal(ours[0], theirs[0]) and np.array_equal(ours[1], theirs[1])
