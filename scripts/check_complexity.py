"""Fails when a function is more complex than the house limit or a module hard to maintain (radon).

Limits (issue 18): no function above cyclomatic complexity 20, no module below maintainability rank B,
outside tests, benchmarks and migrations.
"""

import sys
from pathlib import Path

from radon.complexity import cc_visit
from radon.metrics import mi_rank, mi_visit

ROOT = Path(__file__).resolve().parent.parent
APPS = ("catalog", "cms", "config", "exchange", "feedback", "search", "timeliness")
MAX_COMPLEXITY = 20
WORST_RANK = "B"


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def main() -> int:
    problems = []
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        relative = path.relative_to(ROOT)
        for block in cc_visit(source):
            if block.complexity > MAX_COMPLEXITY:
                problems.append(f"{relative}:{block.lineno} {block.fullname} complexity {block.complexity}")
        rank = mi_rank(mi_visit(source, multi=True))
        if rank > WORST_RANK:
            problems.append(f"{relative} maintainability rank {rank}")
    for problem in problems:
        print(problem)
    print(f"complexity: {len(problems)} problem(s) (limits: complexity <= {MAX_COMPLEXITY}, rank <= {WORST_RANK})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
