"""Grade submissions: run each notebook sandboxed, apply the rubric to its answers, collect a gradebook.

Per submission, in a worker process of a pool: read the notebook (never trusting it), run it in
the sandbox (`sandbox.run_notebook`), then apply the checks in a separate rubric process that
receives only the answers as JSON (`rubric.apply_in_process`). A fault in one submission (bad
JSON, an exception, a loop, a crash, a tampering attempt) costs that submission only.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import multiprocessing
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from okrcoach.grading.exercise import Check, Exercise
from okrcoach.grading.sandbox import Limits

STATUSES = ("ok", "exited", "timeout", "crashed", "invalid", "error")


@dataclass
class CheckResult:
    """One check applied to one submission: points earned out of `max`, and why."""

    id: str
    task: str
    title: str
    kind: str
    points: float
    max: float
    score: float
    message: str = ""
    details: list[str] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    hint: str = ""

    @property
    def passed(self) -> bool:
        """Return True when the check earned all its points."""
        return self.score >= 1.0 - 1e-9


@dataclass
class StudentResult:
    """A graded submission: the run's status and reason, each check's result, and notes for feedback."""

    student: str
    file: str
    status: str
    reason: str = ""
    checks: list[CheckResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    output: str = ""
    seconds: float = 0.0

    def task_points(self) -> dict[str, float]:
        """Return the points earned per task."""
        totals: dict[str, float] = {}
        for check in self.checks:
            totals[check.task] = round(totals.get(check.task, 0.0) + check.points, 2)
        return totals

    @property
    def total(self) -> float:
        """Return the points earned."""
        return round(sum(check.points for check in self.checks), 2)

    @property
    def max(self) -> float:
        """Return the points available."""
        return round(sum(check.max for check in self.checks), 2)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data."""
        return asdict(self)


def grade_notebook(exercise: Exercise, path: Path, limits: Limits, digest: str | None = None, student: str | None = None) -> StudentResult:
    """Grade one notebook file; never raises for faults of the submission (they become its status and reason).

    `digest` is the file's SHA-256 when the cohort was collected: a file changed since then (by
    another submission, say) is not graded.
    """
    from okrcoach.grading.notebook import NotebookError, read_notebook
    from okrcoach.grading.sandbox import run_notebook

    result = StudentResult(student or path.stem, path.name, "ok")
    try:
        data = path.read_bytes()
    except OSError as error:
        return _zero(result, exercise, "invalid", f"the file cannot be read: {error.strerror}")
    if digest is not None and hashlib.sha256(data).hexdigest() != digest:
        return _zero(result, exercise, "error", "the file changed while the cohort was being graded; grade it again")
    try:
        notebook = read_notebook(data)
    except NotebookError as error:
        return _zero(result, exercise, "invalid", str(error))
    cells, notes = notebook.answer_cells(exercise.answer_names, dict(exercise.answer_ids))
    run = run_notebook(notebook, cells, path.name, data, limits)
    result.status, result.reason, result.output, result.seconds = run.status, run.reason, run.output, run.seconds
    result.notes = [*notebook.warnings, *notes, *run.notes]
    result.errors = list(run.errors)
    result.checks = _apply(exercise, _answers(exercise.answer_names, cells, run), result)
    return result


def grade_submissions(exercise: Exercise, submissions: Sequence[Path], limits: Limits, *, workers: int = 2,
                      on_done: Callable[[StudentResult], None] | None = None) -> list[StudentResult]:  # fmt: skip
    """Grade notebooks in parallel (a process pool of `workers`) and return the results sorted by student id."""
    digests = {path: _digest(path) for path in submissions}
    results = []
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=context, initializer=_init_worker) as pool:
        futures = {pool.submit(grade_notebook, exercise, path, limits, digests[path]): path for path in submissions}
        for future in as_completed(futures):
            try:
                result = future.result()
            except Exception as error:  # noqa: BLE001 - a grader fault on one submission must not stop the cohort
                result = _zero(StudentResult(futures[future].stem, futures[future].name, "error"), exercise, "error",
                               f"the grader failed on this submission ({type(error).__name__}: {error}); grade it again")  # fmt: skip
            results.append(result)
            if on_done is not None:
                on_done(result)
    return sorted(results, key=lambda item: (item.student, item.file))


@dataclass
class Gradebook:
    """The graded cohort of one exercise: CSV for an LMS, tables and summaries for the instructor."""

    exercise: Exercise
    results: list[StudentResult]
    protections: tuple[str, ...] = ()

    @property
    def columns(self) -> list[str]:
        """Return the CSV columns: student_id, one per task, total, max, status."""
        return ["student_id", *(task.id for task in self.exercise.tasks), "total", "max", "status"]

    def rows(self) -> list[dict[str, Any]]:
        """Return one row per student with numbers (points per task, total, max) and the status."""
        rows = []
        for result in self.results:
            points = result.task_points()
            row: dict[str, Any] = {"student_id": result.student}
            row.update({task.id: points.get(task.id, 0.0) for task in self.exercise.tasks})
            row.update({"total": result.total, "max": self.exercise.max_points, "status": result.status})
            rows.append(row)
        return rows

    def to_csv(self) -> str:
        """Return the gradebook as CSV text (numbers without trailing zeros, ids safe for spreadsheets)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows():
            writer.writerow([_safe_cell(row["student_id"])] + [format_points(row[column]) for column in self.columns[1:-1]] + [row["status"]])
        return buffer.getvalue()

    def write_csv(self, path: str | Path) -> Path:
        """Write the CSV (through a temporary file, so a failed write leaves the old one) and return its path."""
        return write_atomic(Path(path), self.to_csv())

    def to_frame(self) -> Any:
        """Return the gradebook as a pandas DataFrame (needs pandas)."""
        import pandas as pd

        return pd.DataFrame(self.rows(), columns=self.columns)

    def finding_counts(self) -> Counter[str]:
        """Return how often each okrcoach rule fired in the cohort's answers."""
        return Counter(finding["rule"] for result in self.results for check in result.checks for finding in check.findings if "rule" in finding)

    def task_summary(self) -> list[dict[str, Any]]:
        """Return per task: mean points, maximum and the share earned, hardest task first."""
        summary = []
        for task in self.exercise.tasks:
            earned = [result.task_points().get(task.id, 0.0) for result in self.results]
            mean = sum(earned) / len(earned) if earned else 0.0
            summary.append({"task": task.id, "title": task.title, "mean": round(mean, 2), "max": task.points,
                            "share": round(mean / task.points, 3) if task.points else 0.0})  # fmt: skip
        return sorted(summary, key=lambda item: (item["share"], item["task"]))

    def write_feedback(self, folder: str | Path) -> list[Path]:
        """Write <student>.html and <student>.md for every student into the folder; return the paths."""
        from okrcoach.grading.feedback import feedback_html, feedback_markdown

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for result in self.results:
            for suffix, render in ((".html", feedback_html), (".md", feedback_markdown)):
                written.append(write_atomic(folder / f"{result.student}{suffix}", render(self.exercise, result)))
        return written


def format_points(value: Any) -> str:
    """Return points as the gradebook writes them: 3, 2.5, 1.33."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = f"{float(value):.2f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else text
    return str(value)


def write_atomic(path: Path, text: str) -> Path:
    """Write text to a new temporary file beside `path`, then rename it over `path`; return `path`.

    The temporary file is created exclusively and the rename replaces a symlink rather than
    following it, so a file planted at that name cannot redirect the write.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path


def _apply(exercise: Exercise, answers: dict[str, dict[str, Any]], result: StudentResult) -> list[CheckResult]:
    from okrcoach.grading.rubric import RubricError, apply_in_process, run_check

    checks = exercise.checks
    if not any("value" in answer for answer in answers.values()):
        # Nothing to check: every check fails on a missing answer, and no test code needs to run.
        outcomes = [run_check(check.to_dict(), answers, _no_module) for check in checks]
    else:
        try:
            outcomes = apply_in_process(exercise, answers)
        except RubricError as error:
            result.status, result.reason = "error", f"grading failed ({error}); ask the instructor to look at this submission"
            outcomes = [{"score": 0.0, "message": "not graded: the checks failed to run"} for _ in checks]
    return [_check_result(check, outcome) for check, outcome in zip(checks, outcomes, strict=True)]


def _check_result(check: Check, outcome: dict[str, Any]) -> CheckResult:
    score = float(outcome.get("score", 0.0))
    return CheckResult(
        id=check.id, task=check.task, title=check.title, kind=check.kind, points=round(check.points * score, 2), max=check.points,
        score=score, message=str(outcome.get("message", "")), details=list(outcome.get("details", [])),
        findings=list(outcome.get("findings", [])), hint=check.hint,
    )  # fmt: skip


def _answers(names: Iterable[str], cells: dict[int, str], run: Any) -> dict[str, dict[str, Any]]:
    answers = {}
    for name in names:
        numbers = sorted(number for number, answer in cells.items() if answer == name)
        if name in run.answers:
            answers[name] = run.answers[name]
        elif not numbers:
            answers[name] = {"missing": f"no cell is tagged 'answer:{name}' (keep that tag on the cell that sets {name})"}
        elif numbers[-1] in run.started:
            answers[name] = {"missing": f"the answer cell (cell {numbers[-1]}) did not run to the end"}
        else:
            answers[name] = {"missing": f"the answer cell (cell {numbers[-1]}) never ran: the notebook stopped before it"}
    return answers


def _zero(result: StudentResult, exercise: Exercise, status: str, reason: str) -> StudentResult:
    result.status, result.reason = status, reason
    result.checks = [_check_result(check, {"score": 0.0, "message": "not graded"}) for check in exercise.checks]
    return result


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _no_module(kind: str) -> Any:
    raise RuntimeError("no test module is loaded when every answer is missing")


def _init_worker() -> None:
    from okrcoach.grading.processes import become_subreaper

    become_subreaper()


def _safe_cell(text: str) -> str:
    # A file name such as "=HYPERLINK(...).ipynb" would be a formula in a spreadsheet (CSV injection).
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
