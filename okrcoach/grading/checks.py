"""Building blocks for exercise checks: partial credit, answer shapes, and okrcoach-powered checks.

A check is a function whose parameters are named after the answers it reads (the variables set
in the cells tagged `answer:<name>`). It passes by returning None or True, fails by returning
False or raising AssertionError with a message for the student, and gives partial credit by
returning a number from 0 to 1 or a `Result`. The built-in checks below are what rubric.yaml
names with `builtin:`; public and hidden test files call the same functions.

>>> key_results_clean(["Improve onboarding"], rules=["vague-target"]).score
0.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

DEFAULT_RULES = ("vague-target", "output-not-outcome")


@dataclass(frozen=True)
class Result:
    """The outcome of one check: a score from 0 to 1, a message, details and okrcoach findings."""

    score: float
    message: str = ""
    details: tuple[str, ...] = ()
    findings: tuple[dict[str, Any], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready data."""
        return {"score": self.score, "message": self.message, "details": list(self.details), "findings": list(self.findings)}


def passed(message: str = "") -> Result:
    """Return a full-credit result."""
    return Result(1.0, message)


def failed(message: str, details: Iterable[str] = ()) -> Result:
    """Return a zero-credit result saying why."""
    return Result(0.0, message, tuple(details))


def partial(good: int, total: int, message: str, details: Iterable[str] = (), findings: Iterable[dict[str, Any]] = ()) -> Result:
    """Return credit for `good` of `total` items (no items: no credit)."""
    score = good / total if total else 0.0
    return Result(round(score, 4), message, tuple(details), tuple(findings))


def describe(value: Any) -> str:
    """Return what an answer is, in a few words, for messages: "None", "a list of 3 items", "the text 'x'"."""
    if value is None:
        return "None (the answer is still empty)"
    if isinstance(value, str):
        return f"the text {quote(value)}" if value.strip() else "an empty text"
    if isinstance(value, bool):
        return f"the value {value}"
    if isinstance(value, int | float):
        return f"the number {value:g}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return f"a dict with {len(value)} key{'s' if len(value) != 1 else ''}"
    return f"a value of type {type(value).__name__}"


def quote(text: str, width: int = 70) -> str:
    """Return text on one line, shortened and in single quotes."""
    text = " ".join(str(text).split())
    return f"'{text if len(text) <= width else text[: width - 3] + '...'}'"


def texts(answer: Any, count: int | None = None, minimum: int | None = None, maximum: int | None = None) -> list[str]:
    """Return the answer as a list of non-empty texts, or raise AssertionError saying what is wrong."""
    if not isinstance(answer, list):
        raise AssertionError(f"expected a list of texts, got {describe(answer)}")
    problems = [f"item {index} is {describe(item)}" for index, item in enumerate(answer, start=1) if not isinstance(item, str) or not item.strip()]
    if problems:
        raise AssertionError("every item must be a non-empty text: " + "; ".join(problems[:3]))
    if count is not None and len(answer) != count:
        raise AssertionError(f"expected {count} items, got {len(answer)}")
    if minimum is not None and len(answer) < minimum:
        raise AssertionError(f"expected at least {minimum} items, got {len(answer)}")
    if maximum is not None and len(answer) > maximum:
        raise AssertionError(f"expected at most {maximum} items, got {len(answer)}")
    return [" ".join(item.split()) for item in answer]


def mapping(answer: Any, keys: Iterable[str] | None = None) -> dict[str, Any]:
    """Return the answer as a dict, or raise AssertionError; with `keys`, every one of them must be there."""
    if not isinstance(answer, dict):
        raise AssertionError(f"expected a dict, got {describe(answer)}")
    missing = [key for key in keys or () if key not in answer]
    if missing:
        raise AssertionError(f"missing key{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")
    return answer


def key_result_findings(statements: Sequence[str], rules: Iterable[str] = DEFAULT_RULES, cycle: str = "2026-Q1",
                        objective: str = "Answer objective") -> list[list[dict[str, Any]]]:  # fmt: skip
    """Return okrcoach's findings for each statement, checked as the key results of one objective."""
    import okrcoach
    from okrcoach.settings import Settings

    plan = okrcoach.load({"cycle": cycle, "objectives": [{"id": "O1", "title": objective, "key_results": list(statements)}]})
    report = okrcoach.check(plan, Settings.only(*rules))
    found: list[list[dict[str, Any]]] = [[] for _ in statements]
    for finding in report.findings:
        if finding.key_result and finding.key_result.startswith("O1.KR"):
            index = int(finding.key_result[len("O1.KR"):]) - 1
            found[index].append(finding_record(finding, statements[index]))
    return found


def finding_record(finding: Any, statement: str) -> dict[str, Any]:
    """Return an okrcoach Finding as the plain record checks report."""
    return {"statement": statement, "rule": finding.rule, "code": finding.code, "severity": str(finding.severity),
            "message": finding.message, "suggestion": finding.suggestion}  # fmt: skip


def finding_line(record: Mapping[str, Any]) -> str:
    """Return one finding as a feedback line: the statement, the rule, its message and suggestion."""
    line = f"{quote(record['statement'])}: {record['rule']} - {record['message']}"
    return line + (f". Suggestion: {record['suggestion']}" if record.get("suggestion") else "")


# --- built-in checks (rubric.yaml `builtin:`) -----------------------------------------------------


def count(answer: Any, exactly: int | None = None, minimum: int | None = None, maximum: int | None = None) -> Result:
    """Check that the answer is a list of texts of the right length."""
    items = texts(answer, exactly, minimum, maximum)
    return passed(f"{len(items)} statements")


def key_results_clean(answer: Any, rules: Sequence[str] = DEFAULT_RULES, cycle: str = "2026-Q1",
                      objective: str = "Answer objective") -> Result:  # fmt: skip
    """Check that okrcoach finds none of `rules` in the answer's key results (credit per clean statement)."""
    statements = texts(answer)
    found = key_result_findings(statements, rules, cycle, objective)
    clean = sum(1 for items in found if not items)
    records = [record for items in found for record in items]
    names = ", ".join(rules)
    message = f"{clean} of {len(statements)} key results pass okrcoach's {names} check{'s' if len(rules) > 1 else ''}"
    return partial(clean, len(statements), message, [finding_line(record) for record in records], records)


def key_results_have_target(answer: Any) -> Result:
    """Check that every statement has a number to reach (credit per statement)."""
    return _each_statement_has(answer, "target", "has no target okrcoach can read (a number, percentage or amount to reach)")


def key_results_have_baseline(answer: Any) -> Result:
    """Check that every statement says where the metric starts ("from 12 hours to 4 hours")."""
    return _each_statement_has(answer, "baseline", "does not say where the metric stands today (write 'from <baseline> to <target>')")


def _each_statement_has(answer: Any, field: str, problem: str) -> Result:
    """Give credit per statement whose parse has `field` (target or baseline); explain each miss."""
    from okrcoach import parse_key_result

    statements = texts(answer)
    missing = [text for text in statements if getattr(parse_key_result(text), field) is None]
    good = len(statements) - len(missing)
    return partial(good, len(statements), f"{good} of {len(statements)} key results have a {field}",
                   [f"{quote(text)} {problem}" for text in missing])  # fmt: skip


def leading_indicators(answer: Any, cycle: str = "2026-Q1", max_lag_days: int = 89) -> Result:
    """Check that each statement is measured by a catalog KPI that moves within the quarter."""
    from okrcoach.kpis import match_kpi

    statements = texts(answer)
    good, details = 0, []
    for text in statements:
        hit = match_kpi(text)
        if hit is None:
            details.append(f"{quote(text)}: okrcoach cannot tell which KPI this measures; name the metric plainly")
        elif hit.lag_days > max_lag_days:
            details.append(f"{quote(text)} is measured by {hit.name}, which shows change after {hit.delay}: too slow for {cycle}")
        else:
            good += 1
    return partial(good, len(statements), f"{good} of {len(statements)} key results are measured by leading indicators", details)


def matches(answer: Any, expected: Any) -> Result:
    """Check the answer against the expected one, item by item (lists by position, dicts by key)."""
    if not isinstance(expected, dict | list):
        if _norm(answer) == _norm(expected):
            return passed("correct")
        return failed(f"{describe(answer)} is not right")
    if isinstance(expected, dict):
        given = mapping(answer)
        wrong = [key for key in expected if _norm(given.get(key)) != _norm(expected[key])]
        details = [f"{key}: {quote(str(given.get(key)))} is not right" for key in wrong]
        return partial(len(expected) - len(wrong), len(expected), f"{len(expected) - len(wrong)} of {len(expected)} correct", details)
    if not isinstance(answer, list):
        raise AssertionError(f"expected a list, got {describe(answer)}")
    if len(answer) != len(expected):
        raise AssertionError(f"expected {len(expected)} items, got {len(answer)}")
    wrong = [index for index, (given, right) in enumerate(zip(answer, expected, strict=True), start=1) if _norm(given) != _norm(right)]
    details = [f"item {index}: {quote(str(answer[index - 1]))} is not right" for index in wrong]
    return partial(len(expected) - len(wrong), len(expected), f"{len(expected) - len(wrong)} of {len(expected)} correct", details)


def mentions(answer: Any, terms: Sequence[str], minimum: int = 1) -> Result:
    """Check that the answer's text mentions at least `minimum` of the terms (case-insensitive)."""
    text = " ".join(_all_text(answer)).lower()
    found = [term for term in terms if term.lower() in text]
    if len(found) >= minimum:
        return passed(f"mentions {', '.join(found)}")
    return Result(round(len(found) / minimum, 4), f"mentions {len(found)} of the {minimum} expected points",
                  (f"the answer does not mention any of: {', '.join(term for term in terms if term not in found)}",))  # fmt: skip


def min_words(answer: Any, words: int) -> Result:
    """Check that the answer's text has at least `words` words."""
    count_ = sum(len(text.split()) for text in _all_text(answer))
    if count_ >= words:
        return passed(f"{count_} words")
    return Result(round(count_ / words, 4), f"{count_} words, fewer than the {words} asked for")


def catalog_kpis(answer: Any, minimum: int = 1, maximum: int | None = None, functions: Sequence[str] = (),
                 leading: int = 0, vanity: bool = False) -> Result:  # fmt: skip
    """Check a list of KPI catalog ids: known, from the given functions, with enough leading ones, no vanity metrics."""
    from okrcoach.kpis import default_catalog

    catalog = default_catalog()
    ids = texts(answer, minimum=minimum, maximum=maximum)
    unknown = [kpi for kpi in ids if kpi not in catalog]
    if unknown:
        raise AssertionError(f"not KPI ids in the okrcoach catalog: {', '.join(unknown)} (see `okrcoach kpis list`)")
    kpis = [catalog[kpi] for kpi in ids]
    details = [f"{kpi.id} belongs to {kpi.function}, not to {' or '.join(functions)}" for kpi in kpis if functions and kpi.function not in functions]
    details += [f"{kpi.id} is a vanity metric: it grows without telling anyone what to do" for kpi in kpis if kpi.vanity and not vanity]
    leading_count = sum(1 for kpi in kpis if kpi.leading)
    if leading_count < leading:
        details.append(f"{leading_count} leading indicator{'s' if leading_count != 1 else ''}; a dashboard needs at least {leading}")
    good = len(kpis) - sum(1 for kpi in kpis if (functions and kpi.function not in functions) or (kpi.vanity and not vanity))
    score = good / len(kpis) * (1.0 if leading_count >= leading else 0.5)
    return Result(round(score, 4), f"{good} of {len(kpis)} KPIs fit", tuple(details))


def kpi_definition(answer: Any, rules: Sequence[str] = ("missing-kpi-target", "missing-kpi-owner", "undefined-kpi", "vanity-metric")) -> Result:
    """Check a KPI written as a dict in the okrcoach file format: it loads, and okrcoach's KPI rules find nothing."""
    import okrcoach
    from okrcoach.settings import Settings

    data = mapping(answer, ["name"])
    try:
        plan = okrcoach.load({"cycle": "2026-Q1", "kpis": [{"id": "answer-kpi", **data}]})
    except okrcoach.LoadError as error:
        problems = [f"{problem.field or 'kpi'}: {problem.message}" for problem in error.problems]
        raise AssertionError("the KPI does not load: " + "; ".join(problems[:4])) from None
    report = okrcoach.check(plan, Settings.only(*rules))
    records = [finding_record(finding, str(data["name"])) for finding in report.findings]
    fired = {record["rule"] for record in records}
    message = f"{len(rules) - len(fired)} of {len(rules)} KPI checks pass"
    return partial(len(rules) - len(fired), len(rules), message, [finding_line(record) for record in records], records)


def plan_quality(answer: Any, rules: Sequence[str], company: str | None = None, team: str | None = None) -> Result:
    """Check an OKR set written as a dict in the okrcoach file format: it loads, and okrcoach finds none of `rules`.

    With `company`, the set is checked inside that sample company's plan (its strategy, teams and
    company objectives), so alignment is checked against the real strategy. The score is okrcoach's
    quality score of the answer's objectives (docs/scoring.md), from 0 to 1.
    """
    import okrcoach
    from okrcoach.settings import Settings

    plan, own = _plan(mapping(answer, ["objectives"]), company, team)
    report = okrcoach.check(plan, Settings.only(*rules))
    scores = report.scores().objectives
    mine = [scores[objective] for objective in own]
    records = [_plan_record(finding, plan) for finding in report.findings if finding.objective in own]
    score = sum(mine) / len(mine) / 100 if mine else 0.0
    message = f"okrcoach quality score {score * 100:.0f}/100 for {len(own)} objective{'s' if len(own) != 1 else ''}"
    return Result(round(score, 4), message, tuple(finding_line(record) for record in records), tuple(records))


def _plan(answer: dict[str, Any], company: str | None, team: str | None) -> tuple[Any, list[str]]:
    import yaml

    import okrcoach

    objectives = answer["objectives"]
    if not isinstance(objectives, list) or not objectives:
        raise AssertionError(f"'objectives' must be a non-empty list, got {describe(objectives)}")
    data: dict[str, Any] = {key: value for key, value in answer.items() if key != "team"}
    if team or answer.get("team"):
        objectives = [{**item, "team": item.get("team", team or answer.get("team"))} if isinstance(item, dict) else item for item in objectives]
    if company:
        base = yaml.safe_load(okrcoach.sample_path(company).read_text(encoding="utf-8"))
        base["objectives"] = [item for item in base["objectives"] if item.get("team") in (None, "leadership")] + objectives
        base.pop("kpis", None)
        data = base
    else:
        data["objectives"] = objectives
    try:
        plan = okrcoach.load(data)
    except okrcoach.LoadError as error:
        problems = [f"{problem.field or problem.source}: {problem.message}" for problem in error.problems]
        raise AssertionError("the OKR set does not load: " + "; ".join(problems[:4])) from None
    own_count = len(objectives)
    return plan, [objective.id for objective in plan.objectives[len(plan.objectives) - own_count:]]


def _plan_record(finding: Any, plan: Any) -> dict[str, Any]:
    subject = finding.key_result or finding.objective
    text = next((kr.title for kr in plan.key_results if kr.id == finding.key_result), None)
    if text is None:
        text = next((objective.title for objective in plan.objectives if objective.id == finding.objective), subject or "")
    return finding_record(finding, text)


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    if isinstance(value, list):
        return [_norm(item) for item in value]
    return value


def _all_text(answer: Any) -> list[str]:
    if isinstance(answer, str):
        return [answer]
    if isinstance(answer, list):
        return [text for item in answer for text in _all_text(item)]
    if isinstance(answer, dict):
        return [text for item in answer.values() for text in _all_text(item)]
    return []


#: The checks rubric.yaml can name with `builtin:`.
BUILTINS = {
    "count": count, "key_results_clean": key_results_clean, "key_results_have_target": key_results_have_target,
    "key_results_have_baseline": key_results_have_baseline, "leading_indicators": leading_indicators, "matches": matches,
    "mentions": mentions, "min_words": min_words, "catalog_kpis": catalog_kpis, "plan_quality": plan_quality,
    "kpi_definition": kpi_definition,
}  # fmt: skip
