"""What the time budget on `patterns` costs: bounded searches against plain `re`, same run.

The matcher searches each playbook pattern with the `regex` engine and a time
budget (cmkit.decide.matcher.BoundedPattern), so that no pattern can hang
`check` or `triage`. This measures, on the example playbook's patterns and on
messages that match and do not, the time per search with the budget, beside
the same search with the standard library's `re` (the baseline, 1.00x), and
the one-off cost of importing `regex`, beside `python -c pass`.

Run: python benchmarks/bench_patterns.py [--messages N]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOK = ROOT / "playbooks" / "maison-dupuis.fr.yaml"
TEXTS = [
    "Bonjour, ma commande n°482913 n'est toujours pas arrivée, je veux être remboursée !",
    "Super produit, merci à toute l'équipe !",
    "Y a des traces d'arachide dans les sablés ? Mon fils est allergique",
    "x" * 300,
]


def per_search_us(searches, texts, rounds: int) -> float:
    best = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(rounds):
            for text in texts:
                for search in searches:
                    search(text)
        best.append(time.perf_counter() - started)
    return min(best) / (rounds * len(texts) * len(searches)) * 1e6


def median_ms(command: list[str], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    args = parser.parse_args()
    from cmkit.decide.matcher import BoundedPattern

    data = yaml.safe_load(PLAYBOOK.read_text(encoding="utf-8"))
    patterns = [p for topic in data["topics"] for p in topic.get("patterns") or ()]
    plain = [re.compile(p, re.IGNORECASE).search for p in patterns]
    bounded = [BoundedPattern(p).search for p in patterns]
    rounds = max(1, args.messages // len(TEXTS))
    base = per_search_us(plain, TEXTS, rounds)
    budget = per_search_us(bounded, TEXTS, rounds)
    print(f"{len(patterns)} patterns, {rounds * len(TEXTS):,} messages")
    print(f"{'re.search (baseline)':<40} {base:7.2f} µs  1.00×")
    print(f"{'BoundedPattern.search (regex, budget)':<40} {budget:7.2f} µs  {budget / base:4.2f}×")
    python = median_ms([sys.executable, "-c", "pass"])
    with_regex = median_ms([sys.executable, "-c", "import regex"])
    print(f"{'python -c pass (baseline)':<40} {python:7.1f} ms  1.00×")
    label = "python -c 'import regex'"
    print(f"{label:<40} {with_regex:7.1f} ms  {with_regex / python:4.2f}×")


if __name__ == "__main__":
    main()
