"""Case analysis benchmark: time of `analyse` per case (the budget: well under a second),
beside the number of paths it accounts for and the states it needed.

    .venv/bin/python benchmarks/cases.py
"""

from __future__ import annotations

import time
from pathlib import Path

from draaiboek.cases.analysis import analyse
from draaiboek.cases.loader import load_cases

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    print(f"{'casus':<12}{'scènes':>8}{'wegen':>10}{'toestanden':>12}{'tijd':>10}")
    for loaded in load_cases(ROOT, "vlaanderen"):
        start = time.perf_counter()
        result = analyse(loaded.case)
        seconds = time.perf_counter() - start
        print(f"{loaded.id:<12}{len(loaded.case.scenes):>8}{result.paths:>10}"
              f"{result.states:>12}{seconds * 1000:>8.0f}ms")
    player = ROOT / "src" / "draaiboek" / "cases" / "static"
    size = sum(p.stat().st_size for p in player.glob("casus.*"))
    print(f"\nSpeler in het boek (casus.js + casus.css): {size / 1024:.1f} KB (budget 30 KB)")


if __name__ == "__main__":
    main()
