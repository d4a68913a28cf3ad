"""Run every benchmark in this folder, one after the other, in fresh processes.

Each benchmark prints its figures beside a baseline measured in the same run,
so the ratios stay meaningful on a noisy machine.

Run: python benchmarks/run.py [NAME ...]   (NAME: lint, check, triage, render, simulate, learn, review, report, patterns)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["lint", "check", "triage", "render", "simulate", "learn", "review", "report", "patterns"]


def main() -> int:
    names = sys.argv[1:] or ORDER
    unknown = [name for name in names if not (HERE / f"bench_{name}.py").exists()]
    if unknown:
        print(f"No benchmark named {', '.join(unknown)}; choose among {', '.join(ORDER)}.", file=sys.stderr)
        return 2
    failed = 0
    for name in names:
        print(f"\n== {name} ==", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / f"bench_{name}.py")]).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
