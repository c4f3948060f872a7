"""Allow `python -m okrcoach.grading grade ...` and `python -m okrcoach.grading check-exercise ...`."""

import sys

from okrcoach.grading.cli import main

if __name__ == "__main__":
    sys.exit(main())
