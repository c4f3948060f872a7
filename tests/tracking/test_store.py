"""The check-in database: validation, corrections, CSV, migrations, concurrency and crash safety."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from okrcoach.errors import LoadError
from okrcoach.tracking.store import MIGRATIONS, CheckIn, CheckinStore, read_checkins_csv


def test_record_and_read_back(tmp_path: Path) -> None:
    store = CheckinStore(tmp_path / "c.db")
    store.record("O1.KR1", date(2026, 1, 5), 10.5, confidence=5, comment="baseline week", author="Sam")
    store.record("O1.KR1", date(2026, 1, 12), 9.0, confidence=6)
    assert [c.value for c in store.history("O1.KR1")] == [10.5, 9.0]
    assert store.latest()["O1.KR1"].confidence == 6
    assert store.version == len(MIGRATIONS)


def test_a_correction_adds_a_row_and_wins_but_nothing_is_lost(tmp_path: Path) -> None:
    store = CheckinStore(tmp_path / "c.db")
    store.record("O1.KR1", date(2026, 1, 5), 10.0)
    store.record("O1.KR1", date(2026, 1, 5), 11.0, comment="typo fixed")
    assert [(c.value, c.comment) for c in store.history()] == [(11.0, "typo fixed")]
    assert store.count() == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"confidence": 11}, "confidence must be a whole number from 0 to 10"),
        ({"confidence": 2.5}, "confidence must be a whole number from 0 to 10"),
        ({"value": float("nan")}, "expected a number"),
        ({"value": "lots"}, "expected a number"),
        ({"key_result": " "}, "key result id is empty"),
    ],
)
def test_bad_checkins_are_refused_and_nothing_is_written(tmp_path: Path, kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    store = CheckinStore(tmp_path / "c.db")
    arguments = {"key_result": "O1.KR1", "day": date(2026, 1, 5), "value": 1.0, **kwargs}
    with pytest.raises(LoadError, match=message):
        store.record(**arguments)
    assert store.count() == 0


def test_record_many_is_all_or_nothing(tmp_path: Path) -> None:
    store = CheckinStore(tmp_path / "c.db")
    good = CheckIn("O1.KR1", date(2026, 1, 5), 1.0)
    with pytest.raises(LoadError):
        store.record_many([good, CheckIn("O1.KR2", date(2026, 1, 5), 1.0, confidence=99)])
    assert store.count() == 0


def test_csv_round_trip_and_errors(tmp_path: Path) -> None:
    store = CheckinStore(tmp_path / "c.db")
    store.record("O1.KR1", date(2026, 1, 5), 10.0, 5, 'said "maybe", then yes')
    store.record("O1.KR2", date(2026, 1, 5), None, 7)
    text = store.export_csv(tmp_path / "out.csv")
    other = CheckinStore(tmp_path / "d.db")
    assert other.import_csv(tmp_path / "out.csv") == 2
    assert other.history() == store.history()
    assert text.splitlines()[0] == "key_result,date,value,confidence,comment,author"
    bad = tmp_path / "bad.csv"
    bad.write_text("key_result,date,value,confidence\nO1.KR1,2026-13-01,1,5\nO1.KR1,2026-01-05,lots,5\nO1.KR1,2026-01-05,1,12\n", encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        read_checkins_csv(bad)
    assert [(p.row, p.field) for p in caught.value.problems] == [(2, "date"), (3, "value"), (4, "confidence")]
    missing = tmp_path / "missing.csv"
    missing.write_text("kr,when\n", encoding="utf-8")
    with pytest.raises(LoadError, match="missing column"):
        read_checkins_csv(missing)


def test_a_file_that_is_not_a_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(LoadError, match="not a usable okrcoach check-in database"):
        CheckinStore(path)
    assert path.read_text(encoding="utf-8").startswith("these are my notes")  # untouched


def test_version_1_files_are_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path)
    connection.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    connection.execute("INSERT INTO checkin (key_result, day, value, confidence, comment, recorded_at) VALUES ('K', '2026-01-05', 3, 5, '', 'x')")
    connection.commit()
    connection.close()
    store = CheckinStore(path)
    assert store.version == 2
    assert store.history() == [CheckIn("K", date(2026, 1, 5), 3.0, 5, "", "")]


def _writer(path: str, name: str, count: int) -> None:
    store = CheckinStore(path)
    for index in range(count):
        store.record(f"{name}.KR1", date(2026, 1, 1) + timedelta(days=index), float(index), 5, f"{name} {index}")


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.db")
    CheckinStore(path)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(path, name, 150)) for name in ("A", "B")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    store = CheckinStore(path)
    assert store.count() == 300
    assert len(store.history("A.KR1")) == 150 and len(store.history("B.KR1")) == 150


CRASHER = """
import sys
from datetime import date, timedelta
from okrcoach.tracking.store import CheckIn, CheckinStore
store = CheckinStore(sys.argv[1])
store.record("K", date(2026, 1, 5), 1.0)
print("saved", flush=True)
rows = [CheckIn(f"K{i}", date(2026, 1, 1) + timedelta(days=i % 90), float(i)) for i in range(400_000)]
print("writing", flush=True)
store.record_many(rows)
print("done", flush=True)
"""


def test_a_crash_mid_write_loses_nothing_already_saved(tmp_path: Path) -> None:
    path = tmp_path / "crash.db"
    process = subprocess.Popen([sys.executable, "-c", CRASHER, str(path)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "saved"
    assert process.stdout.readline().strip() == "writing"
    time.sleep(0.3)
    process.kill()  # SIGKILL: no cleanup, no rollback by Python
    process.wait(30)
    store = CheckinStore(path)
    assert store.history("K") == [CheckIn("K", date(2026, 1, 5), 1.0)]
    assert store.count() in (1, 400_001)  # the big write is all there or not at all, never half
