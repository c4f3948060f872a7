"""Public checks for exercise 4: run them with `okrcoach check-exercise student.ipynb`."""

from okrcoach.grading import checks


def _numbers(answer, minimum=0, maximum=9):
    if not isinstance(answer, list) or not all(isinstance(item, int) and not isinstance(item, bool) for item in answer):
        raise AssertionError(f"expected a list of key result numbers, got {checks.describe(answer)}")
    outside = [item for item in answer if not 1 <= item <= 9]
    assert not outside, f"numbers run from 1 to 9, not {', '.join(map(str, outside))}"
    assert len(set(answer)) == len(answer), "each number once"
    assert minimum <= len(answer) <= maximum, f"expected {minimum}-{maximum} numbers, got {len(answer)}"
    return answer


def two_to_five_numbers(kept):
    """Two to five different key result numbers from 1 to 9.

    Hint: Set kept to a list such as [2, 3]; Doerr and the seed articles advise 2-5 key results per objective.
    """
    _numbers(kept, 2, 5)


def numbers_from_the_list(initiatives):
    """Key result numbers from 1 to 9, each once.

    Hint: Set initiatives to a list of numbers, e.g. [5].
    """
    _numbers(initiatives, 0, 9)
