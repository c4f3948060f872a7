"""Every phrasing issue 12 lists reads correctly in the parser and in the checks."""

from __future__ import annotations

import pytest

import okrcoach
from okrcoach.engine import check
from okrcoach.parsing import parse_key_result
from okrcoach.settings import Settings

# text: (metric, direction, baseline, target, comparator, kind)
READS = {
    "Get at least 25 demo requests per week": ("demo requests per week", "reach", None, "25", ">=", "metric"),
    "Build time < 10 minutes/run": ("Build time", "reach", None, "10 minutes/run", "<", "metric"),
    "Reduce P1 incidents from 8/quarter to 2/quarter": ("P1 incidents", "decrease", "8/quarter", "2/quarter", None, "metric"),
    "Merge pull requests from 40 outside contributors": ("outside contributors", "reach", None, "40", None, "metric"),
    "Reach 40% WAU/MAU": ("WAU/MAU", "reach", None, "40%", None, "metric"),
    "Test coverage 95%+": ("Test coverage", "reach", None, "95%", ">=", "metric"),
    "Ship 2 of 3 planned integrations": ("planned integrations", "reach", None, "2 of 3", None, "metric"),
    "Grow weekly signups to 200-250": ("weekly signups", "increase", None, "200-250", None, "metric"),
    "Increase trial conversion x2": ("trial conversion", "increase", None, "2 x", None, "metric"),
    "Double weekly active teams": ("weekly active teams", "increase", None, "2 x", None, "metric"),
    "Halve the build time": ("build time", "decrease", None, "50%", None, "metric"),
    "Reduce P1 incidents to zero": ("P1 incidents", "decrease", None, "0", None, "metric"),
    "No more than 2 P1 incidents per quarter": ("P1 incidents per quarter", "maintain", None, "2", "<=", "metric"),
    "At most 5% of deploys roll back": ("deploys roll back", "reach", None, "5%", "<=", "metric"),
    "Speak at 10 conferences": ("conferences", "reach", None, "10", None, "metric"),
    "Amplify 20 announcements": ("announcements", "reach", None, "20", None, "metric"),
    "1200 code reviews by end of every sprint": ("code reviews", "reach", None, "1,200", None, "metric"),
    "Hire 2 more support agents": ("support agents", "increase", None, "2", None, "metric"),
    "Consistently above 99.9% uptime": ("uptime", "maintain", None, "99.9%", ">", "metric"),
    "Stay within 3% of plan": ("plan", "maintain", None, "3%", "<=", "metric"),
}


@pytest.mark.parametrize("text", list(READS))
def test_issue_phrasings_parse(text: str) -> None:
    read = parse_key_result(text).as_dict()
    assert (read["metric"], read["direction"], read["baseline"], read["target"], read["comparator"], read["kind"]) == READS[text]


# text: the findings a coach expects from the key-result rules (vague-target, output-not-outcome, kpi-as-okr)
CHECKS = {
    "There is a prototype of GraphSync for go-ipfs": {"output-not-outcome"},
    "IPFS Mount": {"output-not-outcome"},
    "POC of WebBluetooth": {"output-not-outcome"},
    "Users can configure their IPFS node": {"output-not-outcome"},
    "Complete the vendor security review": {"output-not-outcome"},
    "Agree next year's priority marketing metrics": {"output-not-outcome"},
    "Get at least 25 demo requests per week": set(),
    "Build time < 10 minutes/run": set(),
    "Reduce P1 incidents from 8/quarter to 2/quarter": set(),
    "Merge pull requests from 40 outside contributors": set(),
    "Reach 40% WAU/MAU": set(),
    "Test coverage 95%+": set(),
    "Speak at 10 conferences": {"output-not-outcome"},
    "Amplify 20 announcements": {"output-not-outcome"},
    "1200 code reviews by end of every sprint": {"output-not-outcome"},
    "Hire 2 more support agents": {"output-not-outcome"},
    "Hire 5 engineers": {"output-not-outcome"},
    "Sign 5 new enterprise customers": set(),
    "Consistently above 99.9% uptime": {"kpi-as-okr"},
    "Stay within 3% of plan": {"kpi-as-okr"},
    "Improve engagement": {"vague-target"},
    "A better datastore": {"vague-target"},
    "Raise signups from X to Y": {"vague-target"},
    "XX sign-ups": {"vague-target"},
}
KR_RULES = ("vague-target", "output-not-outcome", "kpi-as-okr")


@pytest.mark.parametrize("text", list(CHECKS))
def test_issue_phrasings_get_the_findings_a_coach_expects(text: str) -> None:
    plan = okrcoach.load({"cycle": "2026-Q1", "objectives": [{"title": "Turn trial users into paying customers", "key_results": [text]}]})
    found = {finding.rule for finding in check(plan, Settings.only(*KR_RULES)).findings}
    assert found == CHECKS[text]


@pytest.mark.parametrize(
    ("objective", "flagged"),
    [("Be the best", True), ("Our website is modern and fast", True), ("Be amazing", True), ("Continue to improve", True),
     ("Launch the new website", True), ("Turn first-time buyers into regulars", False), ("Make every release boring and safe", False)],
)  # fmt: skip
def test_issue_objectives(objective: str, flagged: bool) -> None:
    plan = okrcoach.load({"cycle": "2026-Q1", "objectives": [{"title": objective, "key_results": ["Raise NPS from 30 to 40"]}]})
    assert bool(check(plan, Settings.only("vague-objective")).findings) is flagged


def test_a_binary_state_gets_a_milestone_rewrite() -> None:
    plan = okrcoach.load({"cycle": "2026-Q1", "objectives": [{"title": "Earn the trust of EU customers", "key_results": ["Be GDPR compliant"]}]})
    (finding,) = check(plan, Settings.only("vague-target")).findings
    assert "from <baseline> to <target>" not in finding.suggestion
    assert "confirms we are GDPR compliant by 31 March 2026" in finding.suggestion
