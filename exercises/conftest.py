"""pytest collection in exercises/: the instructor notebook and the solutions run under nbval.

Student notebooks are stubs, and the samples are broken on purpose (infinite loops, kernel exits,
invalid JSON): they are graded by tests/grading, never executed by nbval.
"""

collect_ignore_glob = ["*/samples/*", "*/hidden/*", "*/student.ipynb"]
