"""KPI history files: loading, every problem with its row and column, trend and change measures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrcoach.cli import main
from okrcoach.errors import LoadError
from okrcoach.history import Series, fit_trend, history_from_mapping, largest_change, load_history


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "history.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_history_loads_by_kpi_in_date_order(tmp_path: Path) -> None:
    history = load_history(write(tmp_path, "kpi,date,value\nchurn,2026-01-01,4.1\nchurn,2026-02-01,3.9%\nwau,2026-01-01,\"48,000\"\n"))
    assert history["churn"].values == (4.1, 3.9)
    assert history["wau"].dates == (date(2026, 1, 1),)


def test_every_problem_is_reported_with_row_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "kpi,date,value\nchurn,2026-02-01,4\nchurn,2026-01-01,lots\n,someday,3\nchurn,2026-02-01,5\n")
    with pytest.raises(LoadError) as caught:
        load_history(path)
    where = [(problem.row, problem.field) for problem in caught.value.problems]
    assert (3, "value") in where  # 'lots' is not a number
    assert (4, "kpi") in where and (4, "date") in where
    assert (5, "date") in where  # 2026-02-01 again


def test_dates_out_of_order_are_reported(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="comes after"):
        load_history(write(tmp_path, "kpi,date,value\nchurn,2026-02-01,4\nchurn,2026-01-01,4.2\n"))


def test_missing_columns_name_what_was_expected(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="missing column\\(s\\) value: expected kpi, date, value"):
        load_history(write(tmp_path, "kpi,date\nchurn,2026-01-01\n"))


def test_trend_noise_and_largest_quarterly_change() -> None:
    days = tuple(date(2025, month, 1) for month in range(1, 13))
    series = Series("x", days, tuple(float(i) for i in range(12)))
    trend = fit_trend(series)
    assert trend is not None and trend.noise < 0.05  # months differ in length, so not exactly linear in days
    assert trend.at(date(2025, 12, 1)) == pytest.approx(11, abs=0.01)
    assert largest_change(series) == 3.0  # at most 92 days apart: months 1..4 differ by 3


def test_history_from_a_mapping_and_the_check_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert history_from_mapping({"wau": [["2026-01-01", 1], [date(2026, 2, 1), 2]]})["wau"].values == (1.0, 2.0)
    rules = Path(__file__).parent / "rules" / "T103-unrealistic-target"
    assert main(["check", str(rules / "bad.yaml"), "--select", "T103", "--history", str(rules / "history.csv")]) == 1
    assert "never moved more than" in capsys.readouterr().out
    assert main(["check", str(rules / "bad.yaml"), "--history", str(tmp_path / "missing.csv")]) == 2
