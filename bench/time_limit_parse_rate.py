"""How many published time-limit texts the parser structures, and why the rest are flagged.

Usage: python bench/time_limit_parse_rate.py [path/to/procedures.json[.xz]]

Reads /work/shared/data/procedures.json, or the compressed copy data/procedures.json.xz in the repo.
Rows of data-pipeline records are parsed with unit_uncertain=True (that source re-rendered the unit).
Missing (null/empty) texts are counted apart from flagged ones; a row may carry several flag reasons.
"""

import json
import lzma
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalog.timelimits import FLAG_SEPARATOR, parse_time_limit  # noqa: E402

SHARED_DATA = Path("/work/shared/data/procedures.json")
REPO_DATA = ROOT / "data" / "procedures.json.xz"
UNIT_UNCERTAIN_SOURCE = "suzynotsusie/data-pipeline"
TOP_REASONS = 15


def load_procedures(path: Path) -> list[dict]:
    """The procedure records of a tthc-exchange file (plain or .xz)."""
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)["procedures"]


def channel_rows(procedures: list[dict]):
    """(time-limit text, unit_uncertain) for every submission channel."""
    for procedure in procedures:
        uncertain = (procedure.get("nguon") or {}).get("repo") == UNIT_UNCERTAIN_SOURCE
        for channel in procedure.get("cach_thuc_thuc_hien") or []:
            yield channel.get("thoi_han_giai_quyet"), uncertain


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.2f}%" if whole else "n/a"


def main(argv: list[str]) -> None:
    path = Path(argv[1]) if len(argv) > 1 else (SHARED_DATA if SHARED_DATA.exists() else REPO_DATA)
    total = parsed = flagged = missing = 0
    reasons: Counter[str] = Counter()
    for text, uncertain in channel_rows(load_procedures(path)):
        total += 1
        if not (text or "").strip():
            missing += 1
            continue
        result = parse_time_limit(text, unit_uncertain=uncertain)
        if result.is_parsed:
            parsed += 1
        else:
            flagged += 1
            reasons.update(result.flag.split(FLAG_SEPARATOR))
    print(f"source: {path}")
    print(f"channel rows: {total}")
    print(f"parsed:       {parsed} ({percent(parsed, total)})")
    print(f"flagged:      {flagged} ({percent(flagged, total)})")
    print(f"missing:      {missing} ({percent(missing, total)})")
    print(f"top {TOP_REASONS} flag reasons (a row may have several):")
    for reason, count in reasons.most_common(TOP_REASONS):
        print(f"  {count:6d}  {reason}")


if __name__ == "__main__":
    main(sys.argv)
