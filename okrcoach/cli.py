"""The `okrcoach` command: a thin shell over the Python API.

Exit codes: 0 all good, 1 problems found in files that loaded, 2 usage or input error.
No command prints a traceback unless OKRCOACH_DEBUG=1 is set.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from okrcoach import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_INPUT
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # the last line of defence: users never see a traceback
        return _report_exception(error)


def _report_exception(error: Exception) -> int:
    from okrcoach.errors import LoadError, OkrcoachError

    if os.environ.get("OKRCOACH_DEBUG"):
        raise error
    if isinstance(error, LoadError):
        _error(str(error))
    elif isinstance(error, OkrcoachError | OSError | ValueError):
        _error(str(error))
    else:
        _error(f"unexpected {type(error).__name__}: {error} (set OKRCOACH_DEBUG=1 for details and report it)")
    return EXIT_INPUT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="okrcoach",
        description="Coach teams on OKRs and KPIs: validate, convert and explain OKR files.",
        epilog="Exit codes: 0 ok, 1 problems found, 2 usage or input error.",
    )
    parser.add_argument("--version", action="version", version=f"okrcoach {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add(commands, "check", _check, _check_arguments)
    _add(commands, "rules", _rules, _rules_arguments)
    _add(commands, "explain", _explain, _explain_arguments)
    _add(commands, "validate", _validate, _validate_arguments)
    _add(commands, "convert", _convert, _convert_arguments)
    _add(commands, "schema", _schema, _schema_arguments)
    _add(commands, "parse", _parse, _parse_arguments)
    _add(commands, "start", _start, _start_arguments)
    _add(commands, "kpis", _kpis, _kpis_arguments)
    _add(commands, "report", _report, _report_arguments)
    _add(commands, "app", _app, _app_arguments)
    _add(commands, "grade", _grade, _grade_arguments)
    _add(commands, "check-exercise", _check_exercise, _check_exercise_arguments)
    return parser


def _add(
    commands: Any,
    name: str,
    run: Callable[[argparse.Namespace], int],
    arguments: Callable[[argparse.ArgumentParser], None],
) -> None:
    doc = run.__doc__ or ""
    summary, _, details = doc.partition("\n")
    command = commands.add_parser(
        name,
        help=summary.strip(),
        description=summary.strip(),
        epilog=details.strip() or None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    arguments(command)
    command.set_defaults(run=run, command=name)


# --- check, rules, explain ---------------------------------------------------------------------


def _check_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="OKR files (.yaml .csv .xlsx .txt .md) or folders")
    command.add_argument("--select", action="append", metavar="RULES", help="only these rules: families, codes or names, comma-separated")
    command.add_argument("--ignore", action="append", metavar="RULES", help="skip these rules: families, codes or names, comma-separated")
    command.add_argument("--format", choices=("text", "json", "markdown", "csv", "github"), default="text",
                         help="output format (default: text; github: GitHub Actions annotations)")
    command.add_argument("--fail-on", choices=("error", "warning", "info"), help="exit 1 at or above this severity (default: warning)")
    command.add_argument("--config", metavar="FILE", help="okrcoach.toml or pyproject.toml to read settings from")
    command.add_argument("--preview", action="store_true", help="also run rules still in preview")
    command.add_argument("--history", metavar="CSV", help="KPI history (kpi, date, value) for the trend-aware rules")


def _check(args: argparse.Namespace) -> int:
    """Check OKR files against the goal-quality rules and print the check report (findings, suggestions, score).

    Examples:
      okrcoach check okrs.yaml
      okrcoach check team-okrs/ --select M,T --ignore missing-baseline
      okrcoach check okrs.xlsx --format json --fail-on error
      okrcoach check okrs.yaml --format github     (in a GitHub Actions step: annotations on the pull request)

    Settings come from okrcoach.toml or [tool.okrcoach] in pyproject.toml (nearest to the first
    PATH), then from the options. Exit 0 when no finding is at or above --fail-on, 1 otherwise,
    2 for usage, configuration or input errors.
    """
    from okrcoach.checking import check_paths, render

    reports, failed = check_paths(args)
    if failed:
        return EXIT_INPUT
    sys.stdout.write(render(reports, args.format))
    return EXIT_OK if all(report.ok for report in reports) else EXIT_PROBLEMS


def _rules_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="output format (default: text)")


def _rules(args: argparse.Namespace) -> int:
    """List every rule: code, name, default severity and what it flags."""
    from okrcoach.checking import rules_table

    sys.stdout.write(rules_table(args.format))
    return EXIT_OK


def _explain_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("rule", metavar="RULE", help="a rule code (M101) or name (vague-target)")


def _explain(args: argparse.Namespace) -> int:
    """Explain one rule: what it flags, why it matters, an example and what to write instead."""
    from okrcoach.checking import explain

    text = explain(args.rule)
    if text is None:
        _error(f"no rule named {args.rule!r}: see `okrcoach rules`")
        return EXIT_INPUT
    sys.stdout.write(text)
    return EXIT_OK


# --- validate ---------------------------------------------------------------------------------


def _validate_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="OKR files (.yaml .csv .xlsx .txt .md) or folders")
    command.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def _validate(args: argparse.Namespace) -> int:
    """Load OKR files and report every problem, with file, line or row, field and what was expected.

    Examples:
      okrcoach validate okrs.yaml
      okrcoach validate team-okrs/ okrs.xlsx --format json

    Exit 0 when every file loads with all references resolved, 1 when a file loads but refers to
    ids that do not exist, 2 when a file cannot be loaded.
    """
    from okrcoach.loaders import load
    from okrcoach.validate import reference_problems

    results = []
    for path in args.paths:
        try:
            plan = load(path)
        except Exception as error:
            results.append(_failed(path, error))
            continue
        problems = [
            {"line": origin.line, "field": field, "message": message} for origin, field, message in reference_problems(plan)
        ]
        results.append(
            {
                "path": path,
                "loaded": True,
                "objectives": len(plan.objectives),
                "key_results": len(plan.key_results),
                "kpis": len(plan.kpis),
                "problems": problems,
            }
        )
    _print_validation(results, args.format)
    if any(not result["loaded"] for result in results):
        return EXIT_INPUT
    return EXIT_PROBLEMS if any(result["problems"] for result in results) else EXIT_OK


def _failed(path: str, error: Exception) -> dict[str, Any]:
    from okrcoach.errors import LoadError

    if isinstance(error, LoadError):
        problems = [
            {"line": p.line, "row": p.row, "column": p.column, "field": p.field, "message": p.message, "source": p.source}
            for p in error.problems
        ]
    elif isinstance(error, (OSError, ValueError)):
        problems = [{"line": None, "field": None, "message": str(error), "source": path}]
    else:
        raise error
    return {"path": path, "loaded": False, "problems": problems}


def _print_validation(results: list[dict[str, Any]], output: str) -> None:
    if output == "json":
        print(json.dumps({"files": results}, ensure_ascii=False, indent=2))
        return
    for result in results:
        if not result["loaded"]:
            count = len(result["problems"])
            _error(f"{result['path']}: cannot be loaded ({count} problem{'s' if count != 1 else ''})")
            for problem in result["problems"]:
                _error("  " + _where(problem, result["path"]) + problem["message"])
            continue
        summary = ", ".join(
            _count(result[key], noun) for key, noun in (("objectives", "objective"), ("key_results", "key result"), ("kpis", "KPI"))
        )
        if not result["problems"]:
            print(f"ok: {result['path']} ({summary})")
            continue
        print(f"{result['path']}: loaded ({summary}) with {len(result['problems'])} reference problem(s)")
        for problem in result["problems"]:
            print("  " + _where(problem, result["path"]) + problem["message"])


def _where(problem: dict[str, Any], path: str) -> str:
    where = problem.get("source") or path
    if problem.get("line") is not None:
        where += f":{problem['line']}"
        if problem.get("column") is not None:
            where += f":{problem['column']}"
    elif problem.get("row") is not None:
        where += f": row {problem['row']}"
    field = f" {problem['field']}:" if problem.get("field") else ""
    return f"{where}:{field} "


# --- convert ----------------------------------------------------------------------------------


def _convert_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("source", metavar="IN", help="file or folder to read")
    command.add_argument("target", metavar="OUT", help="file to write (.yaml .csv .tsv .xlsx .md .json), or - for stdout")
    command.add_argument("--to", choices=("yaml", "csv", "tsv", "markdown", "json", "xlsx"), help="output format")
    command.add_argument("--force", action="store_true", help="overwrite OUT if it exists")


def _convert(args: argparse.Namespace) -> int:
    """Convert an OKR file between YAML, CSV/TSV, XLSX, Markdown, JSON and pasted text.

    Examples:
      okrcoach convert okrs.xlsx okrs.yaml
      okrcoach convert pasted.txt okrs.yaml
      okrcoach convert okrs.yaml - --to markdown

    OUT is never overwritten without --force, and is written to a temporary file first, so a
    failed conversion leaves any existing file untouched.
    """
    from okrcoach.loaders import load
    from okrcoach.writers import FORMATS, dumps, save

    if args.target == "-":
        if args.to in (None, "xlsx"):
            _error("writing to stdout needs --to yaml, csv, tsv, markdown or json")
            return EXIT_INPUT
        plan = load(args.source)
        sys.stdout.write(dumps(plan, args.to))
        return EXIT_OK
    target = Path(args.target)
    if args.to is None and target.suffix.lower() not in FORMATS:
        _error(f"{target}: cannot tell the output format from '{target.suffix or 'no suffix'}': use --to or one of {', '.join(FORMATS)}")
        return EXIT_INPUT
    if target.exists() and not args.force:
        _error(f"{target}: already exists; pass --force to overwrite it")
        return EXIT_INPUT
    if Path(args.source).exists() and target.exists() and target.resolve() == Path(args.source).resolve():
        _error(f"{target}: IN and OUT are the same file; write to a new file instead")
        return EXIT_INPUT
    plan = load(args.source)
    save(plan, target, format=args.to)
    for note in _lossy_notes(plan, args.to or FORMATS[target.suffix.lower()]):
        _error(f"note: {note}")
    print(f"wrote {target} ({_count(len(plan.objectives), 'objective')}, {_count(len(plan.key_results), 'key result')})")
    return EXIT_OK


def _lossy_notes(plan: Any, output: str) -> list[str]:
    if output not in {"csv", "tsv"}:
        return []
    notes = []
    if plan.strategy is not None:
        notes.append(f"{output.upper()} holds objectives and key results only: the strategy was not written (use YAML or XLSX)")
    if plan.kpis:
        notes.append(f"{output.upper()} holds objectives and key results only: {len(plan.kpis)} KPI(s) were not written (use YAML or XLSX)")
    if plan.teams:
        notes.append(f"{output.upper()} keeps each objective's team but not the team list (use YAML or XLSX)")
    return notes


# --- schema, parse, start ---------------------------------------------------------------------


def _schema_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--out", metavar="FILE", help="write the schema to FILE instead of stdout")


def _schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the OKR file format, for editors and CI.

    Example (VS Code with the YAML extension): okrcoach schema --out okr-schema.json, then put
      # yaml-language-server: $schema=./okr-schema.json
    at the top of okrs.yaml.
    """
    from okrcoach.schema import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _parse_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("statements", nargs="+", metavar="STATEMENT", help="key-result text, quoted")
    command.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def _parse(args: argparse.Namespace) -> int:
    """Show what okrcoach reads in key-result statements: metric, direction, baseline, target, deadline.

    Example:
      okrcoach parse "Reduce first response time from 12 hours to 4 hours by end of Q3"
    """
    from okrcoach.parser import parse_key_result

    rows = [parse_key_result(text).as_dict() for text in args.statements]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        print(row.pop("text"))
        for key, value in row.items():
            if value not in (None, [], False) and not (key == "results" and value == 1):
                print(f"  {key:<12} {value}")
    return EXIT_OK


def _start_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--no-browser", action="store_true", help="start JupyterLab without opening a browser")
    command.add_argument("--port", type=int, help="port for JupyterLab")


def _start(args: argparse.Namespace) -> int:
    """Open the course in JupyterLab at the "start here" notebook (needs okrcoach[notebooks])."""
    from okrcoach.course import start_course

    return start_course(no_browser=args.no_browser, port=args.port)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _error(message: str) -> None:
    print(message, file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


# --- kpis -----------------------------------------------------------------------------------------


def _kpis_arguments(command: argparse.ArgumentParser) -> None:
    from okrcoach.kpis.commands import arguments

    arguments(command)


def _kpis(args: argparse.Namespace) -> int:
    """Browse the KPI catalog: list, show, match text to a KPI, suggest, pair and split targets.

    Examples:
      okrcoach kpis list --function customer-support --type leading
      okrcoach kpis match "Cut time to first reply from 12h to 4h"
      okrcoach kpis suggest --function saas-product --objective "Make onboarding effortless"
      okrcoach kpis pair net-promoter-score
      okrcoach kpis split 120000000 --into month --year 2026

    `match` exits 1 when some text matches no catalog KPI.
    """
    from okrcoach.kpis.commands import run

    return run(args)


# --- report ---------------------------------------------------------------------------------------


def _report_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("plan", metavar="PLAN", help="the OKR file or folder")
    command.add_argument("--out", required=True, metavar="FILE", help="report.html (one self-contained page) or report.xlsx")
    command.add_argument("--checkins", metavar="DB_OR_CSV", help="check-ins: an okrcoach SQLite file (.db) or a CSV")
    command.add_argument("--history", metavar="CSV", help="KPI history (kpi, date, value) for KPI health and the trend-aware rules "
                         "(default: kpi_history.csv beside PLAN, if there is one)")
    command.add_argument("--day", metavar="YYYY-MM-DD", help="score progress as of this day (default: the last check-in)")
    command.add_argument("--no-charts", action="store_true", help="HTML without charts (smaller, faster)")
    command.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    command.add_argument("--config", metavar="FILE", help="okrcoach.toml or pyproject.toml to read settings from")


def _report(args: argparse.Namespace) -> int:
    """Write the client audit report (HTML or XLSX): quality audit, alignment, progress, at-risk list, KPI health.

    Examples:
      okrcoach report okrs.yaml --out report.html
      okrcoach report okrs.yaml --checkins checkins.db --history kpi_history.csv --out report.html
      okrcoach report okrs.yaml --checkins checkins.csv --out report.xlsx

    The HTML page embeds plotly.js, so it works offline and can be e-mailed as one file. The
    workbook has the same tables (Summary, Findings, Objectives, Key results, At risk, Alignment).
    FILE is never overwritten without --force and is written to a temporary file first.
    """
    from datetime import date as _date

    from okrcoach.client_audit import build_audit
    from okrcoach.loaders import load
    from okrcoach.settings import Settings

    target = Path(args.out)
    if target.suffix.lower() not in {".html", ".htm", ".xlsx"}:
        _error(f"{target}: --out must end in .html or .xlsx")
        return EXIT_INPUT
    if target.exists() and not args.force:
        _error(f"{target}: already exists; pass --force to overwrite it")
        return EXIT_INPUT
    day = None
    if args.day:
        try:
            day = _date.fromisoformat(args.day)
        except ValueError:
            _error(f"--day: expected a date such as 2026-02-15, got {args.day!r}")
            return EXIT_INPUT
    plan = load(args.plan)
    settings = Settings.from_file(args.config) if args.config else Settings.discover(args.plan)
    history = None
    history_path = args.history
    beside = Path(args.plan).parent / "kpi_history.csv" if Path(args.plan).is_file() else Path(args.plan) / "kpi_history.csv"
    if history_path is None and beside.is_file():
        history_path = beside
        print(f"using KPI history from {beside} (pass --history to choose another file)", file=sys.stderr)
    if history_path:
        from okrcoach.history import load_history

        history = load_history(history_path)
    checkins: Any = None
    if args.checkins:
        source = Path(args.checkins)
        if not source.exists():
            _error(f"{source}: no such file")
            return EXIT_INPUT
        if source.suffix.lower() == ".csv":
            from okrcoach.tracking.store import read_checkins_csv

            checkins = read_checkins_csv(source)
        else:
            from okrcoach.tracking.store import CheckinStore

            checkins = CheckinStore(source)
    audit = build_audit(plan, checkins=checkins, history=history, day=day, settings=settings)
    temporary = target.with_name(f".{target.name}.okrcoach-tmp")
    try:
        if target.suffix.lower() == ".xlsx":
            from okrcoach.render.client_audit_xlsx import write_audit_workbook

            write_audit_workbook(audit, temporary)
        else:
            from okrcoach.render.client_audit_html import render_audit_html

            temporary.write_text(render_audit_html(audit, charts=not args.no_charts), encoding="utf-8")
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
    summary = audit.summary()
    print(f"wrote {target}: {summary['objectives']} objectives, {summary['key_results']} key results, "
          f"{len(audit.report.findings)} findings, {summary['at_risk']} at risk")  # fmt: skip
    return EXIT_OK


# --- app ------------------------------------------------------------------------------------------


def _app_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--port", type=int, default=8866, help="port on localhost (default 8866)")
    command.add_argument("--drafts", metavar="FOLDER", help="where drafts are autosaved (default: ~/okrcoach-drafts)")
    command.add_argument("--open", action="store_true", help="also open the page in the default browser")


def _app(args: argparse.Namespace) -> int:
    """Start the no-code workshop app (draft OKRs, choose KPIs, download) in the browser.

    Example:
      okrcoach app            then open the address it prints
      okrcoach app --port 9000 --drafts ~/workshop-drafts

    Needs the app extra: pip install -e ".[app]". Runs on localhost only; Ctrl+C stops it.
    """
    import importlib.util
    import subprocess

    if importlib.util.find_spec("voila") is None:
        _error("the workshop app needs Voila: pip install -e \".[app]\" (or pip install 'okrcoach[app]')")
        return EXIT_INPUT
    import tempfile

    from okrcoach.app.server import voila_command, voila_environment

    drafts = Path(args.drafts).expanduser().resolve() if args.drafts else None
    data_dir = Path(tempfile.mkdtemp(prefix="okrcoach-app-"))
    environment = voila_environment(data_dir, drafts)
    command = voila_command(args.port, open_browser=args.open)
    print(f"okrcoach workshop app: open http://127.0.0.1:{args.port}/ in your browser (Ctrl+C stops it)", flush=True)
    try:
        return subprocess.call(command, env=environment)
    except KeyboardInterrupt:
        return EXIT_OK
    finally:
        import shutil

        shutil.rmtree(data_dir, ignore_errors=True)


# --- grade, check-exercise ------------------------------------------------------------------------


def _grade_arguments(command: argparse.ArgumentParser) -> None:
    from okrcoach.grading.cli import grade_arguments

    grade_arguments(command)


def _grade(args: argparse.Namespace) -> int:
    """Grade a cohort's notebooks for one exercise, each in its own sandboxed process.

    Examples:
      okrcoach grade exercises/01-measurable-key-results submissions/ --out gradebook.csv
      okrcoach grade exercises/03-leading-indicators submissions/ --out gradebook.csv --feedback feedback/ --workers 2 --timeout 60

    Writes an LMS-ready gradebook (student id, points per task, total, max) and, with --feedback,
    one HTML and one Markdown file per student. docs/grading.md says what the sandbox protects against.
    """
    from okrcoach.grading.cli import grade_command

    return grade_command(args)


def _check_exercise_arguments(command: argparse.ArgumentParser) -> None:
    from okrcoach.grading.cli import check_exercise_arguments

    check_exercise_arguments(command)


def _check_exercise(args: argparse.Namespace) -> int:
    """Check your exercise notebook against its public tests, with hints (learners' self-check).

    Example:
      okrcoach check-exercise my-work/01-measurable-key-results.ipynb
    """
    from okrcoach.grading.cli import check_exercise_command

    return check_exercise_command(args)
