"""The `okrcoach grade` and `okrcoach check-exercise` commands (argparse), wired into okrcoach.cli.

Exit codes: 0 all good; 1 problems (a submission did not run to the end, or a public check
failed); 2 usage or input errors (missing exercise, no notebooks, files that are not notebooks).
Errors name the file they are about, and no command prints a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT = 0, 1, 2
DEFAULT_TIMEOUT, DEFAULT_MEMORY_MB = 60.0, 2048


def grade_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of `okrcoach grade`."""
    parser.add_argument("exercise", metavar="EXERCISE", help="the exercise folder (holds rubric.yaml, public_tests.py, hidden/tests.py)")
    parser.add_argument("submissions", nargs="+", metavar="SUBMISSIONS", help="a folder of submitted notebooks (<student id>.ipynb), or notebook files")
    parser.add_argument("--out", required=True, metavar="CSV", help="the gradebook to write: student_id, points per task, total, max, status")
    parser.add_argument("--feedback", metavar="DIR", help="write <student id>.html and <student id>.md feedback into this folder")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1), metavar="N", help="notebooks graded in parallel (default: CPU count, at most 4)")
    _sandbox_arguments(parser)


def grade_command(args: argparse.Namespace) -> int:
    """Grade a cohort's notebooks for one exercise: gradebook CSV and per-student feedback.

    Examples:
      okrcoach grade exercises/01-measurable-key-results submissions/ --out gradebook.csv
      okrcoach grade exercises/03-leading-indicators hand-ins/ --out grades.csv --feedback feedback/ --workers 4

    Every notebook runs in its own sandboxed process (scratch folder, time and memory limits,
    Landlock where the kernel has it; see docs/grading.md), and its answers are checked in a
    separate process that receives only the answers. Exit 0 when every notebook ran to the end,
    1 when some did not (they still get the points they earned before the fault), 2 for usage
    or input errors.
    """
    from okrcoach.grading.exercise import ExerciseError, load_exercise
    from okrcoach.grading.grader import Gradebook, grade_submissions
    from okrcoach.grading.sandbox import preflight, protections
    from okrcoach.progress import Progress

    problem = _option_problem(args) or _output_problem(args)
    if problem:
        return _fail(problem)
    try:
        exercise = load_exercise(args.exercise)
    except ExerciseError as error:
        return _fail(str(error))
    submissions, problems = find_submissions([Path(item) for item in args.submissions])
    if problems:
        return _fail("\n".join(problems))
    limits = _limits(args, exercise.timeout)
    problem = preflight(limits)
    if problem:
        return _fail(problem)
    with Progress(f"Grading {exercise.slug}", total=len(submissions)) as bar:
        results = grade_submissions(exercise, submissions, limits, workers=args.workers, on_done=lambda result: bar.step(result.student))
    book = Gradebook(exercise, results, protections(limits))
    try:
        book.write_csv(args.out)
        written = book.write_feedback(args.feedback) if args.feedback else []
    except OSError as error:
        return _fail(f"{error.filename or args.out}: cannot be written: {error.strerror}")
    _summary(book, args.out, args.feedback, len(written))
    return EXIT_OK if all(result.status == "ok" for result in results) else EXIT_PROBLEMS


def check_exercise_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the arguments of `okrcoach check-exercise`."""
    parser.add_argument("notebook", metavar="NOTEBOOK", help="your exercise notebook (.ipynb)")
    parser.add_argument("--exercise", metavar="DIR", help="the exercise folder with public_tests.py (default: the notebook's folder)")
    _sandbox_arguments(parser)


def check_exercise_command(args: argparse.Namespace) -> int:
    """Run your exercise notebook the way the grader does and report the public checks.

    Examples:
      okrcoach check-exercise exercises/01-measurable-key-results/student.ipynb
      okrcoach check-exercise my-copy.ipynb --exercise exercises/01-measurable-key-results

    Only the public checks run (public_tests.py), so passing them all is a good sign, not a
    grade: the instructor's hidden checks and points are applied when the exercise is graded.
    Exit 0 when every public check passes, 1 when some fail, 2 for usage or input errors.
    """
    from okrcoach.grading.exercise import ExerciseError, load_public_checks
    from okrcoach.grading.grader import grade_submissions
    from okrcoach.grading.notebook import NotebookError, read_notebook
    from okrcoach.grading.sandbox import preflight

    problem = _option_problem(args)
    if problem:
        return _fail(problem)
    notebook = Path(args.notebook)
    if not notebook.is_file():
        return _fail(f"{notebook}: no such notebook")
    if notebook.suffix.lower() != ".ipynb":
        return _fail(f"{notebook}: not a notebook (.ipynb)")
    folder = Path(args.exercise) if args.exercise else notebook.resolve().parent
    try:
        read_notebook(notebook.read_bytes())
        exercise = load_public_checks(folder)
    except NotebookError as error:
        return _fail(f"{notebook}: {error}")
    except ExerciseError as error:
        return _fail(f"{error}" + ("" if args.exercise else "; pass --exercise FOLDER"))
    except OSError as error:
        return _fail(f"{notebook}: cannot be read: {error.strerror}")
    limits = _limits(args, _rubric_timeout(folder))
    problem = preflight(limits)
    if problem:
        return _fail(problem)
    result = grade_submissions(exercise, [notebook], limits, workers=1)[0]
    print(_public_report(notebook, result))
    return EXIT_OK if all(check.passed for check in result.checks) else EXIT_PROBLEMS


def main(argv: list[str] | None = None) -> int:
    """Run `grade` or `check-exercise` standalone: `python -m okrcoach.grading grade ...` (same as `okrcoach grade`)."""
    parser = argparse.ArgumentParser(prog="python -m okrcoach.grading", description="Grade exercise notebooks in a sandbox.")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name, arguments, command in (("grade", grade_arguments, grade_command), ("check-exercise", check_exercise_arguments, check_exercise_command)):
        summary = (command.__doc__ or "").split("\n", 1)
        sub = commands.add_parser(name, help=summary[0], description=summary[0], epilog=summary[1].strip() if len(summary) > 1 else None,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
        arguments(sub)
        sub.set_defaults(run=command)
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return EXIT_INPUT
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    except Exception as error:  # the last line of defence, as in okrcoach.cli: no traceback for users
        if os.environ.get("OKRCOACH_DEBUG"):
            raise
        return _fail(f"unexpected {type(error).__name__}: {error} (set OKRCOACH_DEBUG=1 for details and report it)")


def find_submissions(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Return the notebooks to grade under the given folders and files, and every problem found."""
    found: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            entries = sorted(entry for entry in path.iterdir() if not entry.name.startswith("."))
            found += [entry for entry in entries if entry.is_file() and entry.suffix.lower() == ".ipynb"]
            strangers = [entry for entry in entries if entry.is_file() and entry.suffix.lower() != ".ipynb"]
            problems += [f"{entry}: not a notebook (.ipynb); move it out of the submissions folder" for entry in strangers]
        elif path.is_file():
            if path.suffix.lower() == ".ipynb":
                found.append(path)
            else:
                problems.append(f"{path}: not a notebook (.ipynb)")
        else:
            problems.append(f"{path}: no such file or folder")
    if not found and not problems:
        problems.append(f"{', '.join(map(str, paths))}: no notebooks (.ipynb) to grade")
    seen: dict[str, Path] = {}
    for path in found:
        if path.stem in seen:
            problems.append(f"{path}: a second submission for student '{path.stem}' (the first is {seen[path.stem]})")
        seen.setdefault(path.stem, path)
    return found, problems


def _sandbox_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--timeout", type=float, metavar="S", help=f"seconds one notebook may run (default: the rubric's, else {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--memory", type=int, default=DEFAULT_MEMORY_MB, metavar="MB", help=f"address space one notebook may use (default: {DEFAULT_MEMORY_MB})")
    parser.add_argument("--user", metavar="NAME", help="run notebooks as this OS user (the grader must run as root)")
    parser.add_argument("--no-landlock", action="store_true", help="do not confine notebooks with Landlock (only to diagnose a library that fails under it)")


def _option_problem(args: argparse.Namespace) -> str | None:
    from okrcoach.grading.sandbox import check_platform

    if check_platform():
        return check_platform()
    if getattr(args, "workers", 1) < 1:
        return f"--workers must be 1 or more, got {args.workers}"
    if args.timeout is not None and not args.timeout > 0:
        return f"--timeout must be a number of seconds above 0, got {args.timeout:g}"
    if args.memory < 256:
        return f"--memory must be at least 256 (MB), got {args.memory}"
    if args.user:
        import pwd

        try:
            pwd.getpwnam(args.user)
        except KeyError:
            return f"--user: no OS user named {args.user!r}"
        if os.geteuid() != 0:
            return "--user needs the grader to run as root (it switches each notebook's process to that user)"
    return None


def _output_problem(args: argparse.Namespace) -> str | None:
    out = Path(args.out)
    if out.is_dir():
        return f"{out}: is a folder; --out takes the gradebook's file name, e.g. gradebook.csv"
    if not out.parent.is_dir():
        return f"{out}: the folder {out.parent} does not exist"
    if args.feedback and Path(args.feedback).exists() and not Path(args.feedback).is_dir():
        return f"{args.feedback}: is a file; --feedback takes a folder"
    return None


def _limits(args: argparse.Namespace, rubric_timeout: float | None) -> Any:
    from okrcoach.grading.sandbox import Limits

    timeout = args.timeout or rubric_timeout or DEFAULT_TIMEOUT
    return Limits(timeout=float(timeout), memory_mb=args.memory, user=args.user, landlock=not args.no_landlock)


def _rubric_timeout(folder: Path) -> float | None:
    from okrcoach.grading.exercise import ExerciseError, load_exercise

    try:
        return load_exercise(folder).timeout if (folder / "rubric.yaml").is_file() else None
    except ExerciseError:
        return None


def _summary(book: object, out: str, feedback: str | None, files: int) -> None:
    from okrcoach.grading.grader import Gradebook, format_points

    assert isinstance(book, Gradebook)
    results = book.results
    mean = sum(result.total for result in results) / len(results)
    print(f"graded {len(results)} submission{'s' if len(results) != 1 else ''} of {book.exercise.slug}: "
          f"mean {format_points(round(mean, 2))} / {format_points(book.exercise.max_points)}")  # fmt: skip
    for result in results:
        if result.status != "ok":
            print(f"  {result.student}: {result.status}: {result.reason}")
    print(f"gradebook: {out}")
    if feedback:
        print(f"feedback: {feedback} ({files} files)")
    print("sandbox: " + "; ".join(book.protections), file=sys.stderr)


def _public_report(notebook: Path, result: object) -> str:
    from okrcoach.grading.grader import StudentResult

    assert isinstance(result, StudentResult)
    passed = sum(1 for check in result.checks if check.passed)
    lines = [f"{notebook}: public checks passed: {passed}/{len(result.checks)}"]
    if result.status != "ok":
        lines.append(f"  note: {result.reason}")
    for check in result.checks:
        lines.append(f"  {'PASS' if check.passed else 'FAIL'}  {check.title}")
        if not check.passed:
            lines += [f"        {text}" for text in (check.message, *check.details[:5]) if text]
            if check.hint:
                lines.append(f"        hint: {check.hint}")
    lines += [f"  cell {cell} raised {error}" for cell, error in result.errors[:5]]
    lines.append("Hidden checks and points are applied when your instructor grades the exercise.")
    return "\n".join(lines)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_INPUT
