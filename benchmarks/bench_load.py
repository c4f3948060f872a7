"""Benchmark: load a 40,000-key-result YAML plan (target: under 2 s on one core).

Run:  python benchmarks/bench_load.py [--teams 2000]
Prints the file size, the YAML parser used (libyaml C or pure Python) and the best of 3 loads.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import organisation  # noqa: E402

import okrcoach  # noqa: E402
from okrcoach.loaders import yaml as yaml_loader  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--teams", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = organisation(teams=args.teams)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "org.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            plan = okrcoach.load(path)
            times.append(time.perf_counter() - start)
        size = path.stat().st_size / 1_048_576
    count = len(plan.key_results)
    parser_name = "libyaml (C)" if yaml_loader._Loader is getattr(yaml, "CSafeLoader", None) else "pure Python"
    print(f"file: {size:.1f} MB, {len(plan.objectives):,} objectives, {count:,} key results, YAML parser: {parser_name}")
    print(f"load: best {min(times):.2f} s of {args.repeat} ({count / min(times):,.0f} key results/s); target < 2 s")


if __name__ == "__main__":
    main()
