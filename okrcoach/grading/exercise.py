"""An exercise folder: its rubric (tasks, checks, points), test files and answer cells, validated up front.

Layout of `exercises/<NN-slug>/`:

    student.ipynb      what learners get: answer cells tagged `answer:<name>` holding stubs
    solution.ipynb     the same notebook answered (validate: full marks)
    rubric.yaml        tasks, their checks and points (never given to learners)
    public_tests.py    checks learners may run (`okrcoach check-exercise`)
    hidden/tests.py    checks only the grader runs

Test files are read here without being run (their functions and parameters come from the
syntax tree), so loading an exercise executes nothing; checks run in the rubric process.
"""

from __future__ import annotations

import ast
import inspect
import keyword
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from okrcoach.errors import OkrcoachError

RUBRIC, PUBLIC_TESTS, HIDDEN_TESTS = "rubric.yaml", "public_tests.py", "hidden/tests.py"
_CHECK_KEYS = {"public", "hidden", "builtin", "points", "title", "hint", "id"}


class ExerciseError(OkrcoachError):
    """An exercise folder that cannot be used; the message names the file and every problem."""


@dataclass(frozen=True)
class TestFunction:
    """A check function found in a test file: its name, parameters (answer names), title and hint."""

    name: str
    parameters: tuple[str, ...]
    title: str
    hint: str
    line: int


@dataclass(frozen=True)
class Check:
    """One rubric check: where its code lives, what it reads, and what it is worth."""

    id: str
    task: str
    kind: str  # public | hidden | builtin
    target: str  # function or built-in name
    points: float
    title: str
    hint: str = ""
    inputs: tuple[str, ...] = ()
    args: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the check as JSON-ready data (what the rubric process receives)."""
        return {"id": self.id, "task": self.task, "kind": self.kind, "target": self.target, "points": self.points,
                "title": self.title, "hint": self.hint, "inputs": list(self.inputs), "args": dict(self.args)}  # fmt: skip


@dataclass(frozen=True)
class Task:
    """A graded part of an exercise: one answer variable and its checks."""

    id: str
    title: str
    checks: tuple[Check, ...]

    @property
    def points(self) -> float:
        """Return the most points the task can earn."""
        return round(sum(check.points for check in self.checks), 2)


@dataclass(frozen=True)
class Exercise:
    """A loaded, validated exercise."""

    path: Path
    title: str
    tasks: tuple[Task, ...]
    timeout: float | None = None
    answer_ids: Mapping[str, str] = field(default_factory=dict)
    #: The test files' text, read once when the exercise is loaded: the rubric process compiles
    #: these, so a file changed on disk during grading cannot change anyone's result.
    sources: Mapping[str, str] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        """Return the folder name, e.g. '01-measurable-key-results'."""
        return self.path.name

    @property
    def max_points(self) -> float:
        """Return the most points the exercise can earn."""
        return round(sum(task.points for task in self.tasks), 2)

    @property
    def checks(self) -> tuple[Check, ...]:
        """Return every check, task by task."""
        return tuple(check for task in self.tasks for check in task.checks)

    @property
    def answer_names(self) -> tuple[str, ...]:
        """Return the answer variables the checks read, in task order."""
        names = [task.id for task in self.tasks]
        names += [name for check in self.checks for name in check.inputs if name not in names]
        return tuple(dict.fromkeys(names))


def load_exercise(path: str | Path) -> Exercise:
    """Return the exercise in a folder, or raise ExerciseError listing every problem with its file."""
    folder = Path(path)
    if not folder.is_dir():
        hint = " (give the exercise folder, which holds rubric.yaml)" if folder.name == RUBRIC or folder.suffix == ".yaml" else ""
        raise ExerciseError(f"{folder}: no such exercise folder{hint}")
    rubric_path = folder / RUBRIC
    if not rubric_path.is_file():
        raise ExerciseError(f"{rubric_path}: missing: an exercise folder needs a rubric.yaml with its tasks and points")
    problems: list[str] = []
    sources: dict[str, str] = {}
    public = _functions(folder / PUBLIC_TESTS, problems, sources, "public", required=False)
    hidden = _functions(folder / HIDDEN_TESTS, problems, sources, "hidden", required=False)
    data = _read_yaml(rubric_path, problems)
    exercise = _exercise(folder, data, public, hidden, problems) if data is not None else None
    if problems or exercise is None:
        listed = "\n".join(f"  {problem}" for problem in problems)
        raise ExerciseError(f"{folder}: the exercise cannot be used ({len(problems)} problem{'s' if len(problems) != 1 else ''})\n{listed}")
    return replace(exercise, sources=sources)


def load_public_checks(path: str | Path) -> Exercise:
    """Return an exercise made of public_tests.py alone, one point per check (what `check-exercise` runs).

    Each function is a check of the answer named by its first parameter; no rubric is needed,
    so learners can run it with only the notebook and public_tests.py.
    """
    folder = Path(path)
    problems: list[str] = []
    sources: dict[str, str] = {}
    functions = _functions(folder / PUBLIC_TESTS, problems, sources, "public", required=True)
    if not problems and not functions:
        problems.append(f"{folder / PUBLIC_TESTS}: no check functions (public functions whose parameters name answers)")
    problems += [f"{folder / PUBLIC_TESTS}:{function.line}: {function.name}() takes no answer names as parameters"
                 for function in functions.values() if not function.parameters]  # fmt: skip
    if problems:
        raise ExerciseError("\n".join(problems))
    tasks: dict[str, list[Check]] = {}
    for function in functions.values():
        check = Check(function.name, function.parameters[0], "public", function.name, 1.0, function.title, function.hint, function.parameters)
        tasks.setdefault(check.task, []).append(check)
    return Exercise(folder, f"Public checks of {folder.name}", tuple(Task(task, task, tuple(checks)) for task, checks in tasks.items()),
                    None, answer_ids(folder / "student.ipynb"), sources)  # fmt: skip


def answer_ids(notebook_path: Path) -> dict[str, str]:
    """Return {answer name: cell id} of the answer cells in a released notebook (to find untagged answers)."""
    from okrcoach.grading.notebook import NotebookError, read_notebook

    try:
        notebook = read_notebook(notebook_path.read_bytes())
    except (OSError, NotebookError):
        return {}
    return {name: cell.id for cell in notebook.code_cells for name in cell.answers if cell.id}


def _exercise(folder: Path, data: Any, public: dict[str, TestFunction], hidden: dict[str, TestFunction], problems: list[str]) -> Exercise | None:
    where = f"{folder / RUBRIC}"
    if not isinstance(data, dict):
        problems.append(f"{where}: expected a mapping with 'title' and 'tasks'")
        return None
    unknown = sorted(set(data) - {"title", "summary", "timeout", "tasks"})
    if unknown:
        problems.append(f"{where}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; expected title, summary, timeout, tasks")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(f"{where}: 'title' must be a non-empty text")
    timeout = data.get("timeout")
    if timeout is not None and (not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0):
        problems.append(f"{where}: 'timeout' must be a number of seconds above 0, got {timeout!r}")
    raw_tasks = data.get("tasks")
    if not isinstance(raw_tasks, list) or not raw_tasks:
        problems.append(f"{where}: 'tasks' must be a non-empty list")
        return None
    ids = [item.get("id") for item in raw_tasks if isinstance(item, dict)]
    tasks = [_task(where, index, item, set(map(str, ids)), public, hidden, problems) for index, item in enumerate(raw_tasks)]
    duplicates = sorted({str(task_id) for task_id in ids if ids.count(task_id) > 1})
    if duplicates:
        problems.append(f"{where}: task ids must be unique: {', '.join(duplicates)}")
    check_ids = [check.id for task in tasks if task for check in task.checks]
    repeated = sorted({check_id for check_id in check_ids if check_ids.count(check_id) > 1})
    if repeated:
        problems.append(f"{where}: check ids must be unique: {', '.join(repeated)} (add 'id:' to tell them apart)")
    if problems:
        return None
    return Exercise(folder, str(title), tuple(task for task in tasks if task), float(timeout) if timeout else None,
                    answer_ids(folder / "student.ipynb"))  # fmt: skip


def _task(where: str, index: int, item: Any, task_ids: set[str], public: dict[str, TestFunction], hidden: dict[str, TestFunction],
          problems: list[str]) -> Task | None:  # fmt: skip
    at = f"{where}: tasks[{index}]"
    if not isinstance(item, dict):
        problems.append(f"{at}: expected a mapping with id, title and checks")
        return None
    task_id = item.get("id")
    if not isinstance(task_id, str) or not task_id.isidentifier() or keyword.iskeyword(task_id):
        problems.append(f"{at}.id: must be a Python variable name (the answer variable), got {task_id!r}")
        return None
    unknown = sorted(set(item) - {"id", "title", "checks"})
    if unknown:
        problems.append(f"{at}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}; expected id, title, checks")
    checks_data = item.get("checks")
    if not isinstance(checks_data, list) or not checks_data:
        problems.append(f"{at}.checks: must be a non-empty list")
        return None
    checks = [_check(f"{at}.checks[{number}]", task_id, raw, task_ids, public, hidden, problems) for number, raw in enumerate(checks_data)]
    return Task(task_id, str(item.get("title") or task_id), tuple(check for check in checks if check))


def _check(at: str, task: str, raw: Any, task_ids: set[str], public: dict[str, TestFunction], hidden: dict[str, TestFunction],
           problems: list[str]) -> Check | None:  # fmt: skip
    from okrcoach.grading.checks import BUILTINS

    if not isinstance(raw, dict):
        problems.append(f"{at}: expected a mapping such as {{public: name, points: 1}}")
        return None
    kinds = [kind for kind in ("public", "hidden", "builtin") if kind in raw]
    if len(kinds) != 1:
        problems.append(f"{at}: give exactly one of public (a function in {PUBLIC_TESTS}), hidden (in {HIDDEN_TESTS}) or builtin")
        return None
    kind, target = kinds[0], raw[kinds[0]]
    points = raw.get("points")
    if not isinstance(points, int | float) or isinstance(points, bool) or points <= 0:
        problems.append(f"{at}.points: must be a number above 0, got {points!r}")
        return None
    args = {key: value for key, value in raw.items() if key not in _CHECK_KEYS}
    if kind == "builtin":
        function = BUILTINS.get(str(target))
        if function is None:
            problems.append(f"{at}.builtin: unknown check {target!r}; expected one of {', '.join(sorted(BUILTINS))}")
            return None
        try:
            inspect.signature(function).bind(None, **args)
        except TypeError as error:
            problems.append(f"{at}: wrong arguments for builtin {target}: {error}")
            return None
        title = raw.get("title") or (function.__doc__ or target).splitlines()[0].rstrip(".")
        return Check(str(raw.get("id") or target), task, kind, str(target), float(points), str(title), str(raw.get("hint") or ""), (task,), args)
    functions, file = (public, PUBLIC_TESTS) if kind == "public" else (hidden, HIDDEN_TESTS)
    found = functions.get(str(target))
    if found is None:
        problems.append(f"{at}.{kind}: no function {target!r} in {file}" + (f" (it has: {', '.join(functions)})" if functions else ""))
        return None
    if args:
        problems.append(f"{at}: unknown key{'s' if len(args) > 1 else ''} {', '.join(sorted(args))} (only built-in checks take arguments)")
    strangers = [name for name in found.parameters if name not in task_ids]
    if strangers or not found.parameters:
        problems.append(f"{file}:{found.line}: {found.name}() must take answer names as parameters (task ids: {', '.join(sorted(task_ids))}), got {', '.join(found.parameters) or 'none'}")
        return None
    return Check(str(raw.get("id") or target), task, kind, str(target), float(points), str(raw.get("title") or found.title),
                 str(raw.get("hint") or found.hint), found.parameters)  # fmt: skip


def _functions(path: Path, problems: list[str], sources: dict[str, str], kind: str, *, required: bool) -> dict[str, TestFunction]:
    if not path.is_file():
        if required:
            problems.append(f"{path}: missing: learners' checks live in {PUBLIC_TESTS} next to the notebook")
        return {}
    try:
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text, filename=str(path))
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{path}: cannot be read: {error}")
        return {}
    except SyntaxError as error:
        problems.append(f"{path}:{error.lineno}: syntax error: {error.msg}")
        return {}
    found = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            doc = ast.get_docstring(node) or node.name.replace("_", " ")
            title, hint = _title_and_hint(doc)
            found[node.name] = TestFunction(node.name, tuple(arg.arg for arg in node.args.args), title, hint, node.lineno)
    sources[kind] = text
    return found


def _title_and_hint(doc: str) -> tuple[str, str]:
    paragraphs = [" ".join(part.split()) for part in doc.split("\n\n") if part.strip()]
    title = paragraphs[0].rstrip(".") if paragraphs else ""
    hint = next((paragraph[len("Hint:"):].strip() for paragraph in paragraphs if paragraph.startswith("Hint:")), "")
    return title, hint


def _read_yaml(path: Path, problems: list[str]) -> Any:
    import yaml

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        problems.append(f"{path}: cannot be read: {error.strerror}")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problems.append(f"{path}{line}: not valid YAML: {getattr(error, 'problem', None) or error}")
    return None
