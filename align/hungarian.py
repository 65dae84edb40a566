"""SciPy's `linear_sum_assignment`, without importing `scipy.optimize`.

`scipy.optimize` imports its whole package on first use (linear programming, special
functions, FFT: about half a second), and every comparison needs the one function that lives
in its small compiled module `_lsap`. That module is loaded here on its own, from SciPy's
installed files; where SciPy lays its files out differently the public import is used, so the
result is always SciPy's own function. tests/align/test_hungarian.py checks both agree.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

Assignment = Callable[[Any], tuple[np.ndarray, np.ndarray]]


def linear_sum_assignment(cost: Any) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of a minimum-cost one-to-one assignment (scipy.optimize's)."""
    return _implementation()(cost)


@cache
def _implementation() -> Assignment:
    return _compiled_module() or _public()


def _compiled_module() -> Assignment | None:
    scipy = importlib.util.find_spec("scipy")
    if scipy is None or scipy.origin is None:
        return None
    folder = Path(scipy.origin).parent / "optimize"
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = folder / f"_lsap{suffix}"
        spec = importlib.util.spec_from_file_location("scipy.optimize._lsap", path)
        if not path.is_file() or spec is None or spec.loader is None:
            continue
        try:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
        except ImportError:
            return None
        found: Assignment | None = getattr(module, "linear_sum_assignment", None)
        return found
    return None


def _public() -> Assignment:
    from scipy.optimize import linear_sum_assignment as public

    found: Assignment = public
    return found
