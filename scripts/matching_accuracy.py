"""Measure KPI matching on real published phrasings and the self-written fixtures; fit the confidence model.

Run:  python scripts/matching_accuracy.py          (print the figures and write docs/kpi-matching.md)
      python scripts/matching_accuracy.py --check  (exit 1 if the page is out of date)
      python scripts/matching_accuracy.py --fit    (refit okrcoach/kpis/data/model.json, then write the page)
      python scripts/matching_accuracy.py --errors (list the development part's errors; never the held-out part's)

The confidence model (a logistic model over the signals in okrcoach.kpis.match.FEATURES) and the
threshold below which the matcher answers "none" are the only things fitted. The shipped model is
fitted on the self-written fixtures and the development part of the real phrasings; its
threshold is the lowest whose accuracy on the development part is within 0.5% of the best. Leave-one-source-out
refits both without the organisation it scores.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from okrcoach.kpis.catalog import default_catalog  # noqa: E402
from okrcoach.kpis.catalog import catalog_path  # noqa: E402
from okrcoach.kpis.match import FEATURES, Matcher, build_index, default_matcher  # noqa: E402

LABELED = ROOT / "datasets" / "labeled"
REAL = LABELED / "kpi_real" / "phrasings.csv"
FIRST = LABELED / "kpi_real" / "first_measurements.md"
MODEL = ROOT / "okrcoach" / "kpis" / "data" / "model.json"
PAGE = ROOT / "docs" / "kpi-matching.md"
INDEX = ROOT / "okrcoach" / "kpis" / "data" / "index.json"
#: name: (file, the accuracy the build requires, what the set is) -- the self-written unit fixtures
SETS = {
    "realistic": (LABELED / "kpi_phrasings_realistic.csv", 0.80,
                  "key results and dashboard labels written for the project the way published OKR sets and dashboards "
                  "write them (usual names, abbreviations, numbers, markdown, owners, several metrics in one line)"),
    "paraphrase": (LABELED / "kpi_phrasings.csv", 0.55,
                   "a stress test written for the project: at least half the phrasings describe the metric in other "
                   "words instead of naming it"),
}  # fmt: skip
#: Signals that stand for a rule of the design: when no training row shows them, they keep this weight instead of 0.
PRIORS = {"period_conflict": -4.0, "not_first": -4.0, "about_measurement": -4.0, "denominator": -2.0, "scoped": -2.0}
#: The real phrasings' gates: held-out accuracy with "none" counted, and the share of named KPIs that are right.
TARGETS = (0.90, 0.95)


@dataclass(frozen=True)
class Row:
    """One labeled phrasing: text, label ('' for none), other accepted answers, source, context."""

    phrase: str
    kpi: str
    accepted: frozenset[str]
    org: str = ""
    context: str | None = None

    @property
    def held_out(self) -> bool:
        """Return True for the fixed held-out part: sha256(org)[0] % 3 == 0, decided before measuring."""
        return hashlib.sha256(self.org.encode()).digest()[0] % 3 == 0


def pairs(name: str = "realistic") -> list[tuple[str, str]]:
    """Return the labeled (phrase, KPI id) pairs of one self-written set."""
    with SETS[name][0].open(encoding="utf-8", newline="") as handle:
        return [(row["phrase"], (row["kpi_id"] or "").strip()) for row in csv.DictReader(handle)]


def fixture_rows() -> list[Row]:
    """Return the self-written fixtures as rows (no source, no context)."""
    return [Row(phrase, kpi, frozenset({kpi})) for name in SETS for phrase, kpi in pairs(name)]


def real_rows() -> list[Row]:
    """Return the real phrasings with their accepted answers and context."""
    rows = []
    with REAL.open(encoding="utf-8", newline="") as handle:
        for raw in csv.DictReader(handle):
            kpi = "" if raw["kpi_id"] == "none" else raw["kpi_id"]
            also = {"" if item == "none" else item for item in raw["also"].split(";") if item}
            rows.append(Row(raw["phrase"], kpi, frozenset({kpi} | also), raw["org"], raw["context"] or None))
    return rows


# -- the model ---------------------------------------------------------------------------------

Candidates = list[tuple[str, list[float]]]  # (kpi id, feature vector) per candidate of one row


def candidates(rows: Sequence[Row], matcher: Matcher, *, context: bool = True) -> list[Candidates]:
    """Return each row's candidates with their features (they do not depend on the weights)."""
    return [
        [(match.kpi.id, [1.0 if name == "bias" else features.get(name, 0.0) for name in FEATURES])
         for match, features in matcher.scored(row.phrase, context=row.context if context else None, every=True)]
        for row in rows
    ]  # fmt: skip


def _logit(weights: Sequence[float], vector: Sequence[float]) -> float:
    return sum(w * x for w, x in zip(weights, vector, strict=True))


def fit(rows: Sequence[Row], found: Sequence[Candidates], ridge: float = 1.0) -> list[float]:
    """Fit the logistic model P(candidate is right | features) by Newton's method with a ridge penalty."""
    data = [(vector, 1.0 if kpi in row.accepted else 0.0) for row, cands in zip(rows, found, strict=True) for kpi, vector in cands]
    size = len(FEATURES)
    weights = [0.0] * size
    for _ in range(25):
        gradient = [ridge * w if i else 0.0 for i, w in enumerate(weights)]
        hessian = [[(ridge if i == j and i else 0.0) for j in range(size)] for i in range(size)]
        for vector, label in data:
            p = 1 / (1 + math.exp(-max(min(_logit(weights, vector), 30), -30)))
            for i, xi in enumerate(vector):
                if xi:
                    gradient[i] += (p - label) * xi
                    for j, xj in enumerate(vector):
                        if xj:
                            hessian[i][j] += p * (1 - p) * xi * xj
        step = _solve(hessian, gradient)
        weights = [w - s for w, s in zip(weights, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    for index, name in enumerate(FEATURES):
        if name in PRIORS and not any(vector[index] for vector, _ in data):
            weights[index] = PRIORS[name]  # no evidence either way: keep the design's weight
    return weights


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve matrix @ x = vector by Gaussian elimination with partial pivoting (small systems)."""
    size = len(vector)
    a = [row[:] + [vector[i]] for i, row in enumerate(matrix)]
    for col in range(size):
        pivot = max(range(col, size), key=lambda r: abs(a[r][col]))
        if abs(a[pivot][col]) < 1e-12:
            continue
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(size):
            if r != col and a[r][col]:
                factor = a[r][col] / a[col][col]
                a[r] = [x - factor * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[i][size] / a[i][i] if abs(a[i][i]) > 1e-12 else 0.0 for i in range(size)]


def answers(found: Sequence[Candidates], weights: Sequence[float]) -> list[tuple[str, float]]:
    """Return each row's best candidate and its confidence ('' and 0 when there is none)."""
    best = []
    for cands in found:
        scored = [(1 / (1 + math.exp(-max(min(_logit(weights, v), 30), -30))), kpi) for kpi, v in cands]
        top = max(scored, default=(0.0, ""), key=lambda item: (item[0], item[1]))
        best.append((top[1], top[0]))
    return best


def tally(rows: Sequence[Row], best: Sequence[tuple[str, float]], threshold: float) -> dict[str, int]:
    """Return counts: rows, correct, named, named correct, labeled with a KPI, and those answered right."""
    counts = dict.fromkeys(("rows", "correct", "named", "named_correct", "with_kpi", "with_kpi_correct"), 0)
    for row, (kpi, confidence) in zip(rows, best, strict=True):
        got = kpi if confidence >= threshold else ""
        right = got in row.accepted
        counts["rows"] += 1
        counts["correct"] += right
        counts["named"] += bool(got)
        counts["named_correct"] += bool(got) and right
        counts["with_kpi"] += bool(row.kpi)
        counts["with_kpi_correct"] += bool(row.kpi) and right
    return counts


def choose_threshold(rows: Sequence[Row], best: Sequence[tuple[str, float]]) -> float:
    """Return the lowest threshold (0.05-0.95 by 0.05) whose accuracy on these rows is within 0.5% of the best.

    Accuracy is flat over a range of thresholds; the lowest of them abstains least, so the matcher
    does not say "none" more often than the real text justifies.
    """
    grid = [round(0.05 * step, 2) for step in range(1, 20)]
    correct = {t: tally(rows, best, t)["correct"] for t in grid}
    slack = max(1, round(0.005 * len(rows)))
    return min(t for t in grid if correct[t] >= max(correct.values()) - slack)


def model_for(rows: Sequence[Row], found: Sequence[Candidates], threshold_rows: Sequence[int]) -> tuple[list[float], float]:
    """Fit weights on `rows` and choose the threshold on the rows at `threshold_rows` indices."""
    weights = fit(rows, found)
    best = answers([found[i] for i in threshold_rows], weights)
    return weights, choose_threshold([rows[i] for i in threshold_rows], best)


def leave_one_source_out(fixtures: list[Row], real: list[Row], fixture_found: list[Candidates],
                         real_found: list[Candidates], pool: Sequence[Row]) -> dict[str, int]:
    """Score each organisation of `pool` with a model fitted and thresholded without it."""
    total: dict[str, int] = {}
    for org in sorted({row.org for row in pool}):
        train = [i for i, row in enumerate(real) if row.org != org and row in pool]
        test = [i for i, row in enumerate(real) if row.org == org]
        rows = fixtures + [real[i] for i in train]
        found = fixture_found + [real_found[i] for i in train]
        weights, threshold = model_for(rows, found, list(range(len(fixtures), len(rows))))
        counts = tally([real[i] for i in test], answers([real_found[i] for i in test], weights), threshold)
        total = {key: total.get(key, 0) + value for key, value in counts.items()}
    return total


# -- the page ----------------------------------------------------------------------------------


def _percent(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def _line(label: str, counts: dict[str, int]) -> str:
    return (f"| {label} | {counts['rows']} | {counts['correct']} | **{_percent(counts['correct'], counts['rows'])}** | "
            f"{counts['named']} | **{_percent(counts['named_correct'], counts['named'])}** | "
            f"{_percent(counts['with_kpi_correct'], counts['with_kpi'])} |")  # fmt: skip


def measure() -> dict[str, Any]:
    """Compute every figure the page publishes."""
    matcher = default_matcher()
    model = matcher.model
    weights = [model["weights"].get(name, 0.0) for name in FEATURES]
    fixtures, real = fixture_rows(), real_rows()
    fixture_found, real_found = candidates(fixtures, matcher), candidates(real, matcher)
    held = [i for i, row in enumerate(real) if row.held_out]
    dev = [i for i, row in enumerate(real) if not row.held_out]
    shipped = answers(real_found, weights)
    figures = {
        "shipped_dev": tally([real[i] for i in dev], [shipped[i] for i in dev], model["threshold"]),
        "shipped_held": tally([real[i] for i in held], [shipped[i] for i in held], model["threshold"]),
        "no_context": tally(real, answers(candidates(real, matcher, context=False), weights), model["threshold"]),
        "loso_all": leave_one_source_out(fixtures, real, fixture_found, real_found, real),
        "errors": [(real[i].phrase, real[i].kpi, kpi if confidence >= model["threshold"] else "")
                   for i in dev for kpi, confidence in [shipped[i]]
                   if (kpi if confidence >= model["threshold"] else "") not in real[i].accepted],
        "fixtures": {},
        "fixture_errors": {},
    }  # fmt: skip
    for name in SETS:
        rows = _rows_of(name)
        best = answers(candidates(rows, matcher), weights)
        figures["fixtures"][name] = tally(rows, best, model["threshold"])
        figures["fixture_errors"][name] = [(row.phrase, row.kpi, kpi if confidence >= model["threshold"] else "")
                                           for row, (kpi, confidence) in zip(rows, best, strict=True)
                                           if (kpi if confidence >= model["threshold"] else "") not in row.accepted]  # fmt: skip
    return figures


def lagging_on_real_corpus() -> dict[str, Any]:
    """Measure T101 lagging-indicator on datasets/labeled/real/ (firm labels; 'unsure' ones left out)."""
    import yaml

    import okrcoach
    from okrcoach.settings import Settings

    data = yaml.safe_load((LABELED / "real" / "real-okrs-dev.yaml").read_text(encoding="utf-8"))
    counts = {"tp": 0, "fp": 0, "fn": 0}
    for okr_set in data["okr_sets"]:
        plan = okrcoach.load({"cycle": okr_set["eval_cycle"], "objectives": [{
            "id": "O1", "title": okr_set["objective"],
            "key_results": [{"id": f"KR{i}", "title": text} for i, text in enumerate(okr_set["key_results"])]}]})  # fmt: skip
        found = {f.key_result for f in okrcoach.check(plan, Settings(select=("lagging-indicator",))).findings}
        firm = (okr_set.get("labels") or {}).get("key_results") or {}
        unsure = (okr_set.get("unsure") or {}).get("key_results") or {}
        for index in range(len(okr_set["key_results"])):
            if "lagging-indicator" in (unsure.get(index) or []):
                continue
            hit, label = f"KR{index}" in found, "lagging-indicator" in (firm.get(index) or [])
            outcome = "tp" if hit and label else "fp" if hit else "fn" if label else "tn"
            counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def _rows_of(name: str) -> list[Row]:
    return [Row(phrase, kpi, frozenset({kpi})) for phrase, kpi in pairs(name)]


def page() -> str:
    """Return the Markdown page."""
    catalog = default_catalog()
    model = default_matcher().model
    figures = measure()
    real = real_rows()
    held = [row for row in real if row.held_out]
    orgs = {row.org for row in real}
    lines = [
        "# KPI matching accuracy",
        "",
        "Generated by `python scripts/matching_accuracy.py`. The matcher (`okrcoach.kpis.find_kpi` / `match_kpi`)",
        f"reads a text and names one KPI of the catalog ({len(catalog)} KPIs in {len(catalog.functions)} functions) or",
        "answers **none**. A wrong KPI is worse than none: it drives wrong lagging-indicator findings and wrong grades,",
        "so the matcher abstains below a confidence threshold.",
        "",
        "## On real published text",
        "",
        f"`datasets/labeled/kpi_real/phrasings.csv`: {len(real)} key results and KPI names published by {len(orgs)}",
        f"organisations (open-source projects' OKRs, GitLab's handbook indicators, public OKR example libraries,",
        f"a government digital-service standard, startup dashboards), {sum(bool(r.kpi) for r in real)} naming a catalog KPI and",
        f"{sum(not r.kpi for r in real)} naming none, each with its source; labels and conventions in that folder's README.",
        "A text counts as right when the matcher names the labeled KPI, another accepted reading, or none when none fits.",
        "",
        "| measured how | rows | right | accuracy (none counted) | KPIs named | named KPIs right | labeled KPIs found |",
        "|---|---:|---:|---:|---:|---:|---:|",
        _line("**leave one source out** (model refitted without the organisation it scores)", figures["loso_all"]),
        _line(f"fixed held-out part ({len({r.org for r in held})} organisations, never inspected row by row)", figures["shipped_held"]),
        _line("development part (the shipped model was fitted and its errors studied on it: not a test)", figures["shipped_dev"]),
        _line("all rows, context ignored (shipped model)", figures["no_context"]),
        "",
        f"Targets: accuracy at least {TARGETS[0]:.0%} and at least {TARGETS[1]:.0%} of named KPIs right on held-out text.",
        "**Not met in full**: leave-one-source-out gives {:.1%} and {:.1%}; the fixed held-out part {:.1%} and {:.1%}.".format(
            figures["loso_all"]["correct"] / figures["loso_all"]["rows"],
            figures["loso_all"]["named_correct"] / max(figures["loso_all"]["named"], 1),
            figures["shipped_held"]["correct"] / figures["shipped_held"]["rows"],
            figures["shipped_held"]["named_correct"] / max(figures["shipped_held"]["named"], 1)),
        "Leave-one-source-out refits only what is learned (the weights and the threshold); the signals and word",
        "lists were written while studying the development part's errors, so for them only the held-out part is",
        "a test. Its rows were never read while tuning, but its aggregate figure was printed after each change.",
        "",
        "## How it decides",
        "",
        "- Candidates: every catalog name and synonym found in the text (one Aho-Corasick pass, longest phrase",
        "  wins where phrases overlap), and, for paraphrases, the KPIs whose phrases and documentation the text",
        "  covers best (misspelt catalog words are repaired with rapidfuzz first).",
        "- Signals (`okrcoach/kpis/signals.py`, word lists in `okrcoach/kpis/data/matching.json`): phrase length",
        "  and rarity, an acronym in capitals, a period that picks a sibling KPI or names one the catalog lacks,",
        "  'overall' where the KPI means the first response, a generic word modified by a noun the KPI does not",
        "  know, a noun that follows the phrase, a scope ('for 1k active users'), a count per the KPI, work on",
        "  the measurement, a unit that contradicts the KPI's, and the plan's function (from `context`), which",
        "  also routes phrases that functions read differently (MTTR, response time, retention, days to close).",
        "- Confidence: a logistic model over those signals (`okrcoach/kpis/data/model.json`); below the",
        "  threshold the answer is none. Signals that no training row shows keep the design's weight.",
        "",
        "```python",
        "from okrcoach.kpis import find_kpi, match_kpi",
        "found = find_kpi(text, context={'team': ..., 'function': ..., 'objective': ...})  # Match or None",
        "found.kpi, found.confidence, found.evidence",
        "match_kpi(text, context)  # the CatalogKPI or None",
        "```",
        "",
        f"The shipped model: threshold {model['threshold']}, {model.get('_about', '')}",
        "",
    ]
    if FIRST.exists():
        lines += [FIRST.read_text(encoding="utf-8").replace("# First (blind)", "## First (blind)").rstrip(), ""]
    lines += [
        "## The self-written fixtures",
        "",
        "Two sets written for the project stay as unit fixtures. They are **not** evidence for text nobody here",
        "wrote. The paraphrase set was written after the catalog and gated at 90%; the commit that added it",
        "reported 71.9% (the page that followed gave 62.1% at first, 75.9% after synonyms were enriched and 78.6%",
        "after the matcher's thresholds were tuned on it), and its gate was lowered from 90% to 75% when it missed.",
        "The realistic set was committed 98 seconds after 1,768 catalog synonyms, in the same session, and",
        "measured 90.9%; that is where the README's former \"90.9%\" came from.",
        "",
        "Both are now part of the confidence model's training data, so their figures below are training",
        "figures. The matcher abstains when unsure, and on real text most low-confidence paraphrase matches were",
        "wrong; these sets name a KPI in 95% of rows, so their accuracy fell while the share of named KPIs that",
        "are right stayed high. Their gates moved accordingly (`tests/kpis/test_matching.py`): realistic from",
        "90% accuracy to 80% accuracy and 95% of named KPIs right; paraphrase from 75% to 55% and 92%.",
        "",
        "| set | rows | right | accuracy (none counted) | KPIs named | named KPIs right | labeled KPIs found | required accuracy |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (path, required, _) in SETS.items():
        counts = figures["fixtures"][name]
        lines.append(_line(f"{name} (`{path.relative_to(ROOT)}`)", counts) + f" {required:.0%} |")
    lag = lagging_on_real_corpus()
    lines += [
        "",
        "## `lagging-indicator` (T101) on the real labeled corpus",
        "",
        "`datasets/labeled/real/real-okrs-dev.yaml` (111 published OKR sets, labels written before any check ran;",
        "borderline labels left out). T101 reads the matcher's phrases (never paraphrases) and the catalog's `lag_days`.",
        "",
        "| measured | flagged and labeled | flagged, not labeled | labeled, missed | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
        "| first, blind (before this work: tag-based rule, phrase lookup) | 8 | 0 | 2 | 1.00 | 0.80 |",
        f"| now (responsiveness, the matcher's 'not the metric' signals) | {lag['tp']} | {lag['fp']} | {lag['fn']} | "
        f"{lag['tp'] / max(lag['tp'] + lag['fp'], 1):.2f} | {lag['tp'] / max(lag['tp'] + lag['fn'], 1):.2f} |",
        "",
        "The two misses name no catalog KPI: an inclusion survey item and 'URG management' (a representation share",
        "written without the word). On the self-written corpora T101 keeps precision 0.99 and recall 1.00",
        "(`docs/accuracy.md`).",
    ]
    lines += ["", "## Errors on the development part (shipped model)", "", "| phrase | labeled | matched |", "|---|---|---|"]
    lines += [f"| {p.replace('|', '/')} | {k or '(none)'} | {g or '(none)'} |" for p, k, g in figures["errors"]]
    return "\n".join(lines) + "\n"


def refit() -> dict[str, Any]:
    """Fit the shipped model: fixtures plus the development part; threshold chosen on the development part."""
    matcher = Matcher(default_catalog(), model={"threshold": 0.5, "weights": {}})
    fixtures, real = fixture_rows(), [row for row in real_rows() if not row.held_out]
    rows = fixtures + real
    found = candidates(rows, matcher)
    weights, threshold = model_for(rows, found, list(range(len(fixtures), len(rows))))
    old = json.loads(MODEL.read_text(encoding="utf-8"))
    model = {
        "_about": ("fitted by `python scripts/matching_accuracy.py --fit` on the self-written fixtures and the development "
                   "part of the real phrasings (never the held-out part); threshold: the lowest within 0.5% of the best accuracy on the "
                   "development part."),
        "version": old.get("version", 1) + 1,
        "threshold": threshold,
        "weights": {name: round(weight, 4) for name, weight in zip(FEATURES, weights, strict=True)},
    }  # fmt: skip
    MODEL.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
    return model


def main() -> int:
    if "--fit" in sys.argv:
        print(json.dumps(refit(), indent=2))
        from okrcoach.kpis import match

        match.default_model.cache_clear()
        match.default_matcher.cache_clear()
    if "--errors" in sys.argv:
        for phrase, kpi, got in measure()["errors"]:
            print(f"{phrase!r}: labeled {kpi or 'none'}, matched {got or 'none'}")
        return 0
    index = json.dumps(build_index(default_catalog(), catalog_path().read_bytes()), ensure_ascii=False, sort_keys=True) + "\n"
    text = page()
    if "--check" in sys.argv:
        stale = [path for path, content in ((PAGE, text), (INDEX, index)) if not path.exists() or path.read_text(encoding="utf-8") != content]
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python scripts/matching_accuracy.py")
        return 1 if stale else 0
    INDEX.write_text(index, encoding="utf-8")
    PAGE.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
