"""Objective rules: does the objective name a change someone will see?"""

from __future__ import annotations

from collections.abc import Iterator

from okrcoach.context import Context
from okrcoach.findings import Violation
from okrcoach.model import Objective
from okrcoach.parsing.objective import read_objective
from okrcoach.registry import rule
from okrcoach.rules._common import quote

_WHY = {
    "short": "is one or two words: it names no one and no change",
    "heading": "is a topic heading, not a change anyone will see",
    "slogan": "is a slogan: it names nothing that will be different",
    "praise": "only praises: it names no change anyone could notice",
    "carry-on": "asks to carry on: it names no change",
    "task": "is a task: it says what to do, not what will be different",
    "duty": "is a standing duty, not a change",
}
_EXAMPLE = "'Make onboarding effortless for new small-business customers'"


@rule("M106", "vague-objective", scope="objective")
def vague_objective(objective: Objective, ctx: Context) -> Iterator[Violation]:
    """Check for an objective that names nothing to change: a slogan, a heading, a task or a duty.

    Flags one- or two-word objectives ("Win", "Hiring"), topic headings ("Leadership
    Development"), slogans and superlatives ("Be the best", "Be amazing"), praise with nothing
    to notice ("Our website is modern and fast"), "continue to improve", tasks with no purpose
    ("Launch the new website") and standing duties ("Support all requests from sales"). A task
    whose purpose names the change ("Revamp the hiring portal in order to attract the best
    talent") and objectives about building a team or a culture are not flagged.

    ## Why is this bad?
    The objective is where a team says what will be different at the end of the cycle, and for
    whom. A slogan or a heading gives the key results nothing to prove, and a task hides the
    reason it matters, so nobody can tell whether finishing it helped.

    ## Example
    ```yaml
    - title: Be the best
    - title: Launch the new website
    ```

    ## Use instead
    ```yaml
    - title: Turn first-time buyers into regulars
    - title: Make every release boring and safe
    ```

    ## Source
    John Doerr, *Measure What Matters* (2018): objectives are significant, concrete and inspiring; Christina Wodtke, *Radical Focus* (2016); docs/methodology.md (vague-objective).
    """
    reading = read_objective(objective.title)
    if reading is None:
        return
    if reading.reading == "task":
        suggestion = (
            f"Ask why {quote(reading.words, 50)} matters and make that the objective ({_EXAMPLE}); "
            "keep the task as an initiative under it"
        )
    else:
        suggestion = f"Say who benefits and what will be different at the end of the cycle, for example {_EXAMPLE}"
    yield Violation(objective, f"Objective {quote(reading.words, 50)} {_WHY[reading.reading]}", suggestion)
