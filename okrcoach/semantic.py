"""How close two short texts are in meaning, offline, from what pip installed.

The model is WordLlama's `l2_supercat_256` (MIT licence): a static embedding table of 32,000
tokens x 256 numbers shipped inside the `wordllama` wheel (16 MB). A text's vector is the mean
of its tokens' vectors, so one text costs a tokenizer call and a numpy mean (tens of
microseconds), with no neural network at run time.

It is an optional extra (`pip install "okrcoach[semantic]"`). Without it `model()` returns
None and the alignment rules fall back to their structural checks; they never download
anything. WordLlama 0.4.0 looks for its bundled tokenizer in a folder that does not exist in its
wheel and would then try to download it, so `model()` fills a cache folder from the installed
package and loads with downloads disabled: no network is touched (tests/test_semantic.py
blocks sockets and proves it).

The model loads on first use only (about 0.2 s), never on `import okrcoach`.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import util
from pathlib import Path
from typing import Any

__all__ = ["Bag", "Embedder", "Packed", "available", "model", "cache_folder", "content_words", "MODEL_NAME"]

#: The model okrcoach uses, as named by its publisher.
MODEL_NAME = "wordllama l2_supercat_256"
_CONFIG, _DIM = "l2_supercat", 256
_lock = threading.Lock()
_loaded: dict[str, Any] = {}


_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset(
    "a an the and or of to for in on at by with from our your their its is are be this that all each every new more "
    "we us it as into than per up down so not no get make do".split()
)


def content_words(text: str) -> list[str]:
    """Return the words of a text that carry meaning: lower case, three letters or more, no stop words."""
    return [word for word in _WORD.findall(text.lower()) if len(word) > 2 and word not in _STOP]


def available() -> bool:
    """Return True when the `semantic` extra (wordllama) is installed; loads nothing."""
    return util.find_spec("wordllama") is not None


def cache_folder() -> Path:
    """Return the folder the model's tokenizer is copied to: $OKRCOACH_CACHE, else the user cache."""
    base = os.environ.get("OKRCOACH_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / ("" if os.environ.get("OKRCOACH_CACHE") else "okrcoach")
    return folder / "wordllama"


class Bag:
    """The content words of one or more texts as unit vectors, with a weight for each word."""

    __slots__ = ("vectors", "weights")

    def __init__(self, vectors: Any, weights: Any) -> None:
        self.vectors = vectors
        self.weights = weights


class Packed:
    """Several bags in one matrix (see `Embedder.pack`)."""

    __slots__ = ("count", "kept", "vectors", "weights", "offsets", "totals")

    def __init__(self, count: int, kept: tuple[int, ...], vectors: Any, weights: Any, offsets: Any, totals: Any) -> None:
        self.count, self.kept, self.vectors, self.weights, self.offsets, self.totals = count, kept, vectors, weights, offsets, totals


class Embedder:
    """Unit vectors for texts, and cosine similarities between them (cached per text)."""

    name = MODEL_NAME

    def __init__(self, table: Any, tokenizer: Any) -> None:
        import numpy as np

        self._np = np
        self._table = np.ascontiguousarray(table, dtype=np.float32)
        self._tokenizer = tokenizer
        self._cached = lru_cache(maxsize=32768)(self._compute)
        self._bags = lru_cache(maxsize=8192)(self._bag)
        self._packs = lru_cache(maxsize=1024)(self._pack)  # keyed by the (cached, so shared) bags themselves

    def vector(self, text: str) -> Any:
        """Return the unit vector of a text (a zero vector for text without words)."""
        return self._cached(" ".join(text.split()))

    def _compute(self, text: str) -> Any:
        np = self._np
        ids = self._tokenizer.encode(text, add_special_tokens=False).ids if text else []
        if not ids:
            return np.zeros(self._table.shape[1], dtype=np.float32)
        mean = self._table[np.clip(ids, 0, len(self._table) - 1)].mean(axis=0)
        norm = float(np.linalg.norm(mean))
        vector = mean / norm if norm else mean
        vector.flags.writeable = False
        return vector

    def mean(self, texts: Sequence[str], weights: Sequence[float] | None = None) -> Any:
        """Return the unit vector of several texts together (a weighted mean of their vectors)."""
        np = self._np
        vectors = [self.vector(text) for text in texts if text and text.strip()]
        if not vectors:
            return np.zeros(self._table.shape[1], dtype=np.float32)
        if weights is None:
            total = np.sum(vectors, axis=0)
        else:
            total = np.sum([vector * weight for vector, weight in zip(vectors, weights, strict=False)], axis=0)
        norm = float(np.linalg.norm(total))
        return total / norm if norm else total

    def bag(self, texts: Sequence[str], weights: Sequence[float] | None = None) -> Bag:
        """Return the content words of several texts as vectors, each with its text's weight (cached)."""
        return self._bags(tuple(texts), None if weights is None else tuple(weights))

    def _bag(self, texts: tuple[str, ...], weights: tuple[float, ...] | None) -> Bag:
        np = self._np
        words: list[str] = []
        counts: list[float] = []
        for index, text in enumerate(texts):
            weight = 1.0 if weights is None else weights[index]
            for word in content_words(text or ""):
                words.append(word)
                counts.append(weight)
        if not words:
            return Bag(np.zeros((0, self._table.shape[1]), dtype=np.float32), np.zeros(0))
        return Bag(np.stack([self.vector(word) for word in words]), np.asarray(counts))

    def soft_similarity(self, first: Bag, second: Bag) -> float:
        """Return how well each text's words find a close word in the other (0 when either is empty).

        For every word of one text, the cosine of its closest word in the other; weighted means
        in both directions, averaged. Unlike the similarity of mean vectors, a short strategic
        phrase ("Live within our means") is not drowned by a long objective's other words.
        """
        if not len(first.weights) or not len(second.weights):
            return 0.0
        scores = first.vectors @ second.vectors.T
        forward = float(scores.max(axis=1) @ first.weights / first.weights.sum())
        backward = float(scores.max(axis=0) @ second.weights / second.weights.sum())
        return (forward + backward) / 2

    def pack(self, bags: Sequence[Bag]) -> Packed:
        """Return several bags stacked into one matrix, to compare a text with all of them at once (cached)."""
        return self._packs(tuple(bags))

    def _pack(self, bags: tuple[Bag, ...]) -> Packed:
        np = self._np
        sizes = [len(bag.weights) for bag in bags]
        kept = tuple(index for index, size in enumerate(sizes) if size)
        if not kept:
            return Packed(len(bags), kept, None, None, None, None)
        weights = np.concatenate([bags[index].weights for index in kept])
        offsets = np.cumsum([0] + [sizes[index] for index in kept[:-1]])
        vectors = np.concatenate([bags[index].vectors for index in kept])
        return Packed(len(bags), kept, np.ascontiguousarray(vectors.T), weights, offsets, np.add.reduceat(weights, offsets))

    def soft_similarities(self, first: Bag, others: Sequence[Bag] | Packed) -> list[float]:
        """Return `soft_similarity(first, other)` for many bags at once (one matrix product)."""
        np = self._np
        packed = others if isinstance(others, Packed) else self.pack(others)
        result = [0.0] * packed.count
        if not len(first.weights) or not packed.kept:
            return result
        scores = first.vectors @ packed.vectors  # words of first x words of all the others
        forward = np.maximum.reduceat(scores, packed.offsets, axis=1).T @ first.weights / first.weights.sum()
        backward = np.add.reduceat(scores.max(axis=0) * packed.weights, packed.offsets) / packed.totals
        for position, index in enumerate(packed.kept):
            result[index] = float((forward[position] + backward[position]) / 2)
        return result

    def similarity(self, first: str | Any, second: str | Any) -> float:
        """Return the cosine similarity of two texts or vectors (-1 to 1; 0 for empty text)."""
        a = self.vector(first) if isinstance(first, str) else first
        b = self.vector(second) if isinstance(second, str) else second
        return float(a @ b)


def model() -> Embedder | None:
    """Return the shared embedder, loading it on first call; None when the extra is not installed.

    A model that is installed but cannot be read (a damaged wheel, an unwritable cache) is
    reported once as a warning on the `okrcoach` logger, and None is returned: the checks go on
    with their structural part.
    """
    if "model" in _loaded:
        return _loaded["model"]
    with _lock:
        if "model" not in _loaded:
            _loaded["model"] = _load() if available() else None
    return _loaded["model"]


def _load() -> Embedder | None:
    try:
        wordllama_class = _import_wordllama()
        cache = _fill_cache(Path(util.find_spec("wordllama").origin).parent)  # type: ignore[union-attr, arg-type]
        inference = wordllama_class.load(config=_CONFIG, dim=_DIM, cache_dir=cache, disable_download=True)
        return Embedder(inference.embedding, inference.tokenizer)
    except Exception as error:  # noqa: BLE001  (any failure means: no model, structural checks only)
        logging.getLogger("okrcoach").warning("the meaning model could not be loaded (%s); alignment checks use structure only", error)
        return None


def _import_wordllama() -> Any:
    """Import wordllama without letting it reconfigure the caller's logging (0.4.0 calls basicConfig)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from wordllama import WordLlama
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    logging.getLogger("wordllama").setLevel(logging.WARNING)
    return WordLlama


def _fill_cache(package: Path) -> Path:
    """Copy the wheel's tokenizer where WordLlama.load looks for it; return the cache folder.

    The weights are found in the package itself. When the user cache cannot be written, a
    private temporary folder is used instead.
    """
    source = package / "tokenizers" / f"{_CONFIG}_tokenizer_config.json"
    if not source.is_file():
        raise FileNotFoundError(f"the wordllama package has no {source.name}; reinstall it")
    for folder in (cache_folder(), Path(tempfile.gettempdir()) / f"okrcoach-{os.getuid() if hasattr(os, 'getuid') else 'user'}" / "wordllama"):
        target = folder / "tokenizers" / source.name
        try:
            if not target.is_file() or target.stat().st_size != source.stat().st_size:
                target.parent.mkdir(parents=True, exist_ok=True)
                partial = target.with_suffix(f".{os.getpid()}.tmp")
                shutil.copyfile(source, partial)
                os.replace(partial, target)
            return folder
        except OSError:
            continue
    raise OSError("no writable cache folder for the model's tokenizer (set OKRCOACH_CACHE)")
