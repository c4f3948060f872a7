"""Benchmark: goal-quality checks on a synthetic organisation, and on one objective at a time.

Run:  python benchmarks/bench_check.py [--teams 2000]

Reports key results checked per second for a whole-plan check (targets: at least 50,000/s on
one core) and the latency of checking one objective with four key results whose text changes
every time, as in the drafting widget that re-checks on each keystroke (target: under 2 ms).
Every statement is different, so the parser's cache does not flatter the figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import organisation  # noqa: E402

import okrcoach  # noqa: E402
from okrcoach.engine import check  # noqa: E402


def whole_plan(teams: int) -> None:
    plan = okrcoach.load(organisation(teams=teams))
    count = len(plan.key_results)
    start = time.perf_counter()
    report = check(plan)
    elapsed = time.perf_counter() - start
    print(f"whole plan: {count:,} key results, {len(report.findings):,} findings in {elapsed:.2f} s "
          f"= {count / elapsed:,.0f} key results/s (target >= 50,000/s)")


def one_objective(samples: int) -> None:
    timings = []
    for index in range(samples):
        plan = okrcoach.load({
            "cycle": "2026-Q1",
            "objectives": [{
                "title": f"Make onboarding effortless for team {index}",
                "key_results": [
                    f"Raise activation from {30 + index % 7}% to {50 + index % 11}% for cohort {index}",
                    f"Cut time to first value from {index % 5 + 3} days to 1 day in region {index}",
                    f"Improve the onboarding emails number {index}",
                    f"Launch the setup wizard v{index}",
                ],
            }],
        })
        start = time.perf_counter()
        check(plan)
        timings.append(time.perf_counter() - start)
    timings.sort()
    print(f"one objective (4 key results, new text each time): median {statistics.median(timings) * 1000:.2f} ms, "
          f"p95 {timings[int(len(timings) * 0.95)] * 1000:.2f} ms over {samples} checks (target < 2 ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--teams", type=int, default=2_000)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    one_objective(args.samples)
    whole_plan(args.teams)


if __name__ == "__main__":
    main()
