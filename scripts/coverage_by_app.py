"""Prints statement coverage per app from the .coverage file pytest-cov wrote (make test).

coverage.py reports per file; the issue asks for per-app figures too, so the files' counts are summed by
their top-level folder. Exits 0: the floor itself is enforced by pytest-cov's --cov-fail-under.
"""

import sys
from collections import defaultdict
from pathlib import Path

import coverage

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    data = coverage.Coverage(data_file=str(ROOT / ".coverage"))
    data.load()
    statements: dict[str, int] = defaultdict(int)
    missing: dict[str, int] = defaultdict(int)
    for filename in data.get_data().measured_files():
        path = Path(filename)
        try:
            app = path.relative_to(ROOT).parts[0]
        except ValueError:
            continue
        _name, executable, _excluded, not_run, _text = data.analysis2(filename)
        statements[app] += len(executable)
        missing[app] += len(not_run)
    total_statements, total_missing = sum(statements.values()), sum(missing.values())
    print(f"{'app':<12} {'statements':>10} {'missed':>8} {'covered':>8}")
    for app in sorted(statements):
        share = 100 * (statements[app] - missing[app]) / statements[app] if statements[app] else 100.0
        print(f"{app:<12} {statements[app]:>10} {missing[app]:>8} {share:>7.1f}%")
    if total_statements:
        share = 100 * (total_statements - total_missing) / total_statements
        print(f"{'total':<12} {total_statements:>10} {total_missing:>8} {share:>7.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
