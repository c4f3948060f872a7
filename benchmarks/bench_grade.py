"""Benchmark: grade a cohort of 100 submissions of exercise 1 with `okrcoach grade --workers 2`.

Run:  python benchmarks/bench_grade.py [--submissions 100] [--workers 2] [--exercise exercises/01-measurable-key-results]

The cohort is made in a temporary folder from the exercise's own notebooks: alternately the
solution and the `partial` sample, so half the students earn full marks and half lose points.
Each submission runs in its own sandboxed process and is checked in its own rubric process,
exactly as on the command line. Target (grading issue): under 2 minutes on two cores.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 120


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--submissions", type=int, default=100, help="students in the cohort (default 100)")
    parser.add_argument("--workers", type=int, default=2, help="notebooks graded in parallel (default 2)")
    parser.add_argument("--exercise", default=str(ROOT / "exercises" / "01-measurable-key-results"), help="the exercise folder")
    args = parser.parse_args()
    exercise = Path(args.exercise)
    variants = [exercise / "solution.ipynb", exercise / "samples" / "partial.ipynb"]
    with tempfile.TemporaryDirectory(prefix="okrcoach-bench-grade-") as folder:
        cohort = Path(folder) / "submissions"
        cohort.mkdir()
        for number in range(args.submissions):
            shutil.copyfile(variants[number % len(variants)], cohort / f"student{number:03d}.ipynb")
        out = Path(folder) / "gradebook.csv"
        command = [sys.executable, "-m", "okrcoach.grading", "grade",
                   str(exercise), str(cohort), "--out", str(out), "--feedback", str(Path(folder) / "feedback"),
                   "--workers", str(args.workers)]  # fmt: skip
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"}, check=False)
        seconds = time.perf_counter() - start
        if completed.returncode != 0:
            sys.exit(f"grading failed (exit {completed.returncode}):\n{completed.stderr}")
        with out.open(encoding="utf-8") as stream:
            rows = list(csv.DictReader(stream))
    totals = sorted({row["total"] for row in rows})
    verdict = "met" if seconds < TARGET_SECONDS else "NOT met"
    print(f"{len(rows)} submissions of {exercise.name}, {args.workers} workers, {os.cpu_count()} CPUs: {seconds:.1f} s "
          f"({seconds / len(rows):.2f} s per submission; target < {TARGET_SECONDS} s: {verdict}); totals seen: {', '.join(totals)}")  # fmt: skip


if __name__ == "__main__":
    main()
