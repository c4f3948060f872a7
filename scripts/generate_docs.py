"""Write the generated documentation: docs/rules/*.md and docs/configuration.md.

Run:  python scripts/generate_docs.py          (write the files)
      python scripts/generate_docs.py --check  (exit 1 if any file would change; used by the tests)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import okrcoach.rules  # noqa: E402,F401
from okrcoach.docs import configuration_page, index_page, rule_page  # noqa: E402
from okrcoach.registry import REGISTRY  # noqa: E402


def pages() -> dict[Path, str]:
    """Return every generated page by its path."""
    docs = ROOT / "docs"
    result = {docs / "rules" / "index.md": index_page(), docs / "configuration.md": configuration_page()}
    for rule in REGISTRY:
        result[docs / "rules" / f"{rule.code}.md"] = rule_page(rule)
    return result


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = []
    expected = pages()
    for path, text in expected.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path)
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    orphans = [path for path in (ROOT / "docs" / "rules").glob("*.md") if path not in expected]
    for path in orphans:
        stale.append(path)
        if not check:
            path.unlink()
    for path in stale:
        print(f"{'out of date' if check else 'wrote'}: {path.relative_to(ROOT)}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
