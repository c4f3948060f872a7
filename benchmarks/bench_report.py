"""Benchmark: a client report (HTML with charts, and XLSX) for a 10,000-key-result organisation.

Run:  python benchmarks/bench_report.py [--teams 500]

Target (tracking issue): under 30 seconds for 10,000 key results, check-ins included.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import organisation  # noqa: E402

import okrcoach  # noqa: E402
from okrcoach.client_audit import build_audit  # noqa: E402
from okrcoach.render.client_audit_html import render_audit_html  # noqa: E402
from okrcoach.render.client_audit_xlsx import write_audit_workbook  # noqa: E402
from okrcoach.tracking import CheckIn  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--teams", type=int, default=500, help="teams of 5 objectives x 4 key results (500 -> 10,000 KRs)")
    args = parser.parse_args()
    rng = random.Random(7)
    start = time.perf_counter()
    plan = okrcoach.load(organisation(teams=args.teams))
    checkins = [CheckIn(kr.id, date(2026, 1, 5) + timedelta(weeks=week), float(rng.randint(0, 400)), rng.randint(1, 10))
                for kr in plan.key_results for week in range(0, 8, 2)]  # fmt: skip
    loaded = time.perf_counter()
    audit = build_audit(plan, checkins=checkins, day=date(2026, 2, 20), progress=False)
    audited = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        html_path = Path(folder) / "report.html"
        html_path.write_text(render_audit_html(audit), encoding="utf-8")
        rendered = time.perf_counter()
        write_audit_workbook(audit, Path(folder) / "report.xlsx")
        written = time.perf_counter()
        size = html_path.stat().st_size
    total = written - loaded
    print(f"{len(plan.key_results):,} key results, {len(checkins):,} check-ins, {len(audit.report.findings):,} findings")
    print(f"load {loaded - start:.1f} s (not counted) | check + score {audited - loaded:.1f} s | HTML {rendered - audited:.1f} s "
          f"({size / 1e6:.1f} MB) | XLSX {written - rendered:.1f} s | report total {total:.1f} s (target < 30 s)")  # fmt: skip


if __name__ == "__main__":
    main()
