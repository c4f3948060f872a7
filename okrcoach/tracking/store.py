"""Check-ins: per key result and date, the current value, a confidence (0-10) and a comment.

Stored in one SQLite file (stdlib `sqlite3`): WAL journal so readers never block the writer,
every write in its own transaction, a busy timeout so two processes writing at once wait for
each other instead of failing, and a versioned schema upgraded by ordered migrations. A
check-in is never overwritten: recording the same key result and date again adds a newer row,
and reads take the newest, so nothing anyone typed is lost.
"""

from __future__ import annotations

import csv
import io
import math
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from okrcoach.errors import LoadError, LoadProblem

#: Ordered migrations: index + 1 is the schema version each one produces. Never edit one; append.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE checkin (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key_result TEXT NOT NULL,
        day TEXT NOT NULL,
        value REAL,
        confidence INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 10),
        comment TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL
    );
    CREATE INDEX checkin_key_result_day ON checkin (key_result, day);
    """,
    """
    ALTER TABLE checkin ADD COLUMN author TEXT NOT NULL DEFAULT '';
    """,
)
CSV_COLUMNS = ("key_result", "date", "value", "confidence", "comment", "author")


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One check-in: where a key result stood on a day, how confident its owner is, and why."""

    key_result: str
    day: date
    value: float | None
    confidence: int | None = None
    comment: str = ""
    author: str = ""


class CheckinStore:
    """A check-in database file; safe to share between processes.

    >>> store = CheckinStore("checkins.db")           # doctest: +SKIP
    >>> store.record("O1.KR1", date(2026, 1, 12), 8.5, confidence=6, comment="new macros live")  # doctest: +SKIP
    """

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self._timeout = timeout
        with self._connect() as connection:
            self._migrate(connection)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            connection = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
        except sqlite3.Error as error:
            raise LoadError.single(str(self.path), f"cannot open the check-in database: {error}") from None
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
            yield connection
        except sqlite3.DatabaseError as error:
            raise LoadError.single(str(self.path), f"not a usable okrcoach check-in database: {error}") from None
        finally:
            connection.close()

    @property
    def version(self) -> int:
        """Return the schema version of the file."""
        with self._connect() as connection:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self, connection: sqlite3.Connection) -> None:
        connection.execute("BEGIN IMMEDIATE")  # one process migrates; the others wait, then see it done
        try:
            current = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if current > len(MIGRATIONS):
                raise LoadError.single(str(self.path), f"schema version {current} is newer than this okrcoach ({len(MIGRATIONS)}): upgrade okrcoach")
            for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
                for statement in filter(str.strip, script.split(";")):
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {version}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise

    def record(self, key_result: str, day: date, value: float | None, confidence: int | None = None,
               comment: str = "", author: str = "") -> CheckIn:  # fmt: skip
        """Validate and save one check-in in its own transaction; return it."""
        checkin = validate(CheckIn(key_result, day, value, confidence, comment, author), str(self.path))
        self.record_many([checkin])
        return checkin

    def record_many(self, checkins: Iterable[CheckIn]) -> int:
        """Save several check-ins in one transaction: all of them or, on any error, none."""
        rows = [_row(validate(checkin, str(self.path))) for checkin in checkins]
        with self._connect() as connection:
            connection.execute("BEGIN IMMEDIATE")
            try:
                connection.executemany(
                    "INSERT INTO checkin (key_result, day, value, confidence, comment, author, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
        return len(rows)

    def history(self, key_result: str | None = None) -> list[CheckIn]:
        """Return check-ins oldest first, one per key result and day (the newest recorded wins)."""
        query = (
            "SELECT key_result, day, value, confidence, comment, author FROM checkin c WHERE id = ("
            " SELECT MAX(id) FROM checkin d WHERE d.key_result = c.key_result AND d.day = c.day)"
        )
        parameters: tuple[str, ...] = ()
        if key_result is not None:
            query += " AND key_result = ?"
            parameters = (key_result,)
        with self._connect() as connection:
            rows = connection.execute(query + " ORDER BY key_result, day", parameters).fetchall()
        return [CheckIn(kr, date.fromisoformat(day), value, confidence, comment, author) for kr, day, value, confidence, comment, author in rows]

    def latest(self) -> dict[str, CheckIn]:
        """Return the most recent check-in of each key result."""
        latest: dict[str, CheckIn] = {}
        for checkin in self.history():
            latest[checkin.key_result] = checkin
        return latest

    def count(self) -> int:
        """Return how many check-in rows the file holds (every recording, corrections included)."""
        with self._connect() as connection:
            return int(connection.execute("SELECT COUNT(*) FROM checkin").fetchone()[0])

    def export_csv(self, path: str | Path | None = None) -> str:
        """Write the check-ins (newest per key result and day) as CSV; return the text."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for item in self.history():
            writer.writerow([item.key_result, item.day.isoformat(), "" if item.value is None else f"{item.value:g}",
                             "" if item.confidence is None else item.confidence, item.comment, item.author])  # fmt: skip
        text = buffer.getvalue()
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def import_csv(self, path: str | Path) -> int:
        """Add the check-ins of a CSV file (all or nothing); return how many were added."""
        return self.record_many(read_checkins_csv(path))


def validate(checkin: CheckIn, source: str = "<check-in>") -> CheckIn:
    """Return the check-in if it is well formed, or raise LoadError naming the field."""
    problems = []
    if not str(checkin.key_result or "").strip():
        problems.append(LoadProblem(source, "key result id is empty", field="key_result"))
    if not isinstance(checkin.day, date):
        problems.append(LoadProblem(source, f"expected a date, got {checkin.day!r}", field="date"))
    if checkin.value is not None and (not isinstance(checkin.value, int | float) or isinstance(checkin.value, bool) or not math.isfinite(checkin.value)):
        problems.append(LoadProblem(source, f"expected a number, got {checkin.value!r}", field="value"))
    if checkin.confidence is not None and (not isinstance(checkin.confidence, int) or isinstance(checkin.confidence, bool) or not 0 <= checkin.confidence <= 10):
        problems.append(LoadProblem(source, f"confidence must be a whole number from 0 to 10, got {checkin.confidence!r}", field="confidence"))
    if problems:
        raise LoadError(problems)
    return checkin


def read_checkins_csv(path: str | Path) -> list[CheckIn]:
    """Read check-ins from CSV (key_result, date, value, confidence, comment, author); report every bad cell."""
    from okrcoach.loaders import read_text
    from okrcoach.quantity import parse_quantity

    path = Path(path)
    if not path.is_file():
        raise LoadError.single(str(path), "no such file")
    reader = csv.DictReader(io.StringIO(read_text(path)))
    headers = [name.strip().lower() for name in reader.fieldnames or ()]
    missing = [column for column in ("key_result", "date", "value") if column not in headers]
    if missing:
        raise LoadError.single(str(path), f"missing column(s) {', '.join(missing)}: expected {', '.join(CSV_COLUMNS)}", row=1)
    reader.fieldnames = headers
    problems, found = [], []
    for number, row in enumerate(reader, start=2):
        text = {key: (value or "").strip() for key, value in row.items() if key}
        try:
            day = date.fromisoformat(text["date"])
        except ValueError:
            problems.append(LoadProblem(str(path), f"expected a date such as 2026-01-31, got {text['date']!r}", row=number, field="date"))
            continue
        value = None
        if text["value"]:
            quantity = parse_quantity(text["value"])
            if quantity is None:
                problems.append(LoadProblem(str(path), f"expected a number, got {text['value']!r}", row=number, field="value"))
                continue
            value = quantity.value
        confidence = None
        if text.get("confidence"):
            if not text["confidence"].isdigit() or not 0 <= int(text["confidence"]) <= 10:
                problems.append(LoadProblem(str(path), f"confidence must be a whole number from 0 to 10, got {text['confidence']!r}", row=number, field="confidence"))
                continue
            confidence = int(text["confidence"])
        if not text["key_result"]:
            problems.append(LoadProblem(str(path), "key_result is empty", row=number, field="key_result"))
            continue
        found.append(CheckIn(text["key_result"], day, value, confidence, text.get("comment", ""), text.get("author", "")))
    if problems:
        raise LoadError(problems)
    return found


def _row(checkin: CheckIn) -> tuple[object, ...]:
    stamp = datetime.now(timezone.utc).isoformat(timespec="microseconds")
    return (checkin.key_result, checkin.day.isoformat(), checkin.value, checkin.confidence, checkin.comment, checkin.author, stamp)
