"""How long `cmkit eval` and `cmkit suggest` take, beside `cmkit triage` on the same rows.

`eval` decides a history exactly as `triage` does, then counts: its time
should stay close to triage's. `suggest` decides the rows once, gathers every
phrase of one to three words, and decides the rows again for each topic whose
proposals it checks: it is expected to cost several triages, and is run on
10,000 rows (a quarter of a busy inbox).

The history: the triage benchmark's 200-topic playbook, and messages written
from a 20,000-word vocabulary (so that phrases do not repeat), each labelled
with the topic of the one keyword it carries, or none.

Run: python benchmarks/bench_learn.py [--eval-rows N] [--suggest-rows N]
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_triage import CHANNELS, make_playbook, syllable_word  # noqa: E402


def make_history(rng: random.Random, playbook_text: str, count: int, path: Path) -> None:
    """Labelled rows: 60 % carry one keyword of a topic (their label), the rest none."""
    import yaml

    data = yaml.safe_load(playbook_text)
    topics = data["topics"]
    vocabulary = [syllable_word(rng) for _ in range(20_000)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "channel", "text", "expect_action", "expect_topic"])
        for number in range(count):
            words = [rng.choice(vocabulary) for _ in range(rng.randint(12, 20))]
            if rng.random() < 0.6:
                topic = rng.choice(topics)
                keyword = rng.choice(topic["keywords"]).rstrip("*")
                words.insert(rng.randrange(len(words) + 1), keyword)
                label, action = topic["id"], topic["action"]
            else:
                label, action = "", "escalate"
            writer.writerow([number, rng.choice(CHANNELS), " ".join(words), action, label])


def run(args: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cmkit", *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"cmkit {' '.join(args)} failed: {done.stderr.strip()}")
    return elapsed


def best(args: list[str], repeat: int) -> float:
    return min(run(args) for _ in range(repeat))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--eval-rows", type=int, default=100_000)
    parser.add_argument("--suggest-rows", type=int, default=10_000)
    options = parser.parse_args()
    rng = random.Random(7)
    playbook_text, _ = make_playbook(rng)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        playbook = base / "bench.yaml"
        playbook.write_text(playbook_text, encoding="utf-8")
        big, small = base / "history.csv", base / "history-small.csv"
        make_history(random.Random(8), playbook_text, options.eval_rows, big)
        make_history(random.Random(9), playbook_text, options.suggest_rows, small)
        print(f"200 topics, 2,000 keywords; whole processes, best of 3 (suggest: 1)\n")
        print(f"{'':44}{'seconds':>9}   vs triage")
        triage_big = best(["triage", "-p", str(playbook), str(big), "-o", str(base / "out.jsonl")], 3)
        eval_big = best(["eval", "-p", str(playbook), str(big), "-f", "json"], 3)
        print(f"{f'triage, {options.eval_rows:,} rows (baseline)':44}{triage_big:9.2f}   1.00x")
        print(f"{f'eval, {options.eval_rows:,} rows':44}{eval_big:9.2f}   {eval_big / triage_big:.2f}x")
        triage_small = best(["triage", "-p", str(playbook), str(small), "-o", str(base / "out2.jsonl")], 3)
        suggest_small = best(["suggest", "-p", str(playbook), str(small), "-f", "json"], 1)
        print(f"{f'triage, {options.suggest_rows:,} rows (baseline)':44}{triage_small:9.2f}   1.00x")
        print(f"{f'suggest, {options.suggest_rows:,} rows':44}{suggest_small:9.2f}   {suggest_small / triage_small:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
