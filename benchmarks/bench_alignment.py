"""Benchmark: the meaning side of the alignment checks, once the model is loaded.

Run:  python benchmarks/bench_alignment.py [--samples 300]

Reports, in one run:
- the cold start: loading the model on first use (once per process);
- re-checking one edited objective's meaning (its link to the strategy and the fit of its three
  key results) in a plan with 4 pillars and 10 team objectives, with a word nobody typed before
  in every edit, as the drafting widget would after a keystroke (target: under 1 ms);
- the baseline in the same run, timed in turns with it: checking a one-objective plan with every
  default rule (the drafting widget's own case in bench_check.py), and the ratio of the two
  (the ratio holds when the machine is busy; the absolute times do not).
"""

from __future__ import annotations

import argparse
import statistics
import time

import okrcoach
from okrcoach.engine import check
from okrcoach.links import evidence
from okrcoach.settings import Settings

PILLARS = [
    {"id": "regulars", "title": "Turn first-time buyers into regulars"},
    {"id": "cheap-delivery", "title": "Cut the cost of each delivery"},
    {"id": "design", "title": "Known for great design"},
    {"id": "abroad", "title": "Grow beyond the UK"},
]
TOPICS = ["repeat orders", "shipping cost", "design awards", "German orders", "email opens", "parcel size",
          "product pages", "EU checkout", "loyalty sign-ups", "returns"]  # fmt: skip


def plan_with(edited: dict[str, object]) -> okrcoach.Plan:
    objectives = [
        {"id": f"T{index}", "title": f"Improve {topic} for our shoppers", "team": "crm", "aligns_to": PILLARS[index % 4]["id"],
         "key_results": [f"Raise {topic} from 10% to 20%", f"Cut complaints about {topic} from 300 to 100", f"Ship the {topic} plan"]}
        for index, topic in enumerate(TOPICS)
    ]  # fmt: skip
    objectives[0] = edited
    return okrcoach.load({"cycle": "2026-Q2", "strategy": {"pillars": PILLARS}, "teams": [{"id": "hq"}, {"id": "crm", "parent": "hq"}],
                          "objectives": objectives})  # fmt: skip


def edited_objective(index: int) -> dict[str, object]:
    new_word = f"zeph{index}ora"  # a word the model has not embedded yet in this run
    return {
        "id": "T0", "title": f"Give first-time buyers a {new_word} reason to come back", "team": "crm", "aligns_to": "regulars",
        "key_results": [f"Raise the 90-day repeat purchase rate from {18 + index % 5}% to 24%",
                        f"Grow loyalty club sign-ups at checkout from 12% to {30 + index % 7}%", "Send a thank-you note with every order"],
    }  # fmt: skip


def baseline_plan(index: int) -> okrcoach.Plan:
    return okrcoach.load({"cycle": "2026-Q1", "objectives": [{
        "title": f"Make onboarding effortless for team {index}",
        "key_results": [f"Raise activation from {30 + index % 7}% to {50 + index % 11}% for cohort {index}",
                        f"Cut time to first value from {index % 5 + 3} days to 1 day in region {index}",
                        f"Improve the onboarding emails number {index}", f"Launch the setup wizard v{index}"]}]})  # fmt: skip


def measure(samples: int, offset: int = 0) -> tuple[list[float], list[float]]:
    """Return the meaning re-check and baseline timings, taken in turns so that machine load hits both alike."""
    meaning, base = [], []
    settings = Settings()
    for index in range(offset, offset + samples):
        plan, other = plan_with(edited_objective(index)), baseline_plan(index)
        objective = plan.objectives[0]
        start = time.perf_counter()
        check(other)
        middle = time.perf_counter()
        found = evidence(plan, settings)
        assert found is not None
        found.link(objective)
        for key_result in objective.key_results:
            found.fit(key_result, objective)
        end = time.perf_counter()
        base.append(middle - start)
        meaning.append(end - middle)
    return meaning, base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    from okrcoach.semantic import model

    start = time.perf_counter()
    if model() is None:
        raise SystemExit('the meaning model is not installed: pip install -e ".[semantic]"')
    print(f"cold start: model loaded in {time.perf_counter() - start:.2f} s (once per process)")
    measure(20, offset=10_000)  # warm the catalog and word caches of the unchanged objectives
    meaning, base = measure(args.samples)
    median, p95 = statistics.median(meaning), sorted(meaning)[int(len(meaning) * 0.95)]
    base_median = statistics.median(base)
    print(f"meaning re-check of one edited objective (link + 3 key results, 4 pillars, 10 objectives): "
          f"median {median * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms over {args.samples} edits (target < 1 ms)")
    print(f"baseline, every default rule on a one-objective plan, timed in turns with it: median {base_median * 1000:.2f} ms; "
          f"ratio meaning / baseline = {median / base_median:.2f}")


if __name__ == "__main__":
    main()
