"""How long `cmkit review` takes on a 2,000-character draft, in process, beside `check`.

`review` runs while a community manager types, from an editor, so its cost
is what matters in process (the playbook already loaded): every rule over
the draft, phone numbers included. The baseline in the same run is the
decision engine deciding the same text (`check`'s work, in process), and
the whole-process figures of `cmkit review` and `cmkit check` are printed
beside `python -c pass`. Target: review well under 100 ms in process.

Run: python benchmarks/bench_review.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOK = ROOT / "playbooks" / "maison-dupuis.fr.yaml"
PARAGRAPH = (
    "Bonjour Camille, merci pour votre message et désolés pour ce retard. Votre commande n°482913 est "
    "bien partie de notre atelier mardi ; le transporteur nous indique une livraison sous 48 heures. "
    "Tu peux suivre ton colis sur https://suivi.example.org, ou appeler le 01 23 45 67 89. "
    "Nous allons vous rembourser les frais de port 😊 "
)


def draft(length: int = 2000) -> str:
    """A French draft of `length` characters, with something for most rules to find."""
    text = (PARAGRAPH * (length // len(PARAGRAPH) + 1))[: length - 40]
    return text + " — Léa, pour l'équipe Maison Dupuis"[: 40]


def median_ms(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def process_ms(command: list[str], runs: int) -> float:
    return median_ms(lambda: subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=51)
    args = parser.parse_args()

    from cmkit.decide.engine import Decider, Message
    from cmkit.review.engine import review
    from cmkit.trusted import load_playbook

    playbook = load_playbook(PLAYBOOK)
    text = draft()
    decider = Decider(playbook)
    review(text, playbook, channel=playbook.channels[1], lang="fr")  # warm: imports, phone metadata
    decider.decide(Message(text, channel=playbook.channels[1].id))
    found = review(text, playbook, channel=playbook.channels[1], lang="fr")
    counter = iter(range(10**9))  # a new text each time: no decision is served from the memo
    check_ms = median_ms(
        lambda: decider.decide(Message(f"{text} {next(counter)}", channel=playbook.channels[1].id)), args.runs
    )
    review_ms = median_ms(lambda: review(text, playbook, channel=playbook.channels[1], lang="fr"), args.runs)
    short = text[:280]
    review_short_ms = median_ms(lambda: review(short, playbook, lang="fr"), args.runs)
    print(f"draft: {len(text)} characters, {len(found)} findings")
    print(f"{'check: decide the same text, in process (baseline)':<58} {check_ms:8.2f} ms  {1:6.2f}×")
    print(f"{'review: 2,000-character draft, in process':<58} {review_ms:8.2f} ms  {review_ms / check_ms:6.2f}×")
    print(f"{'review: 280-character draft, in process':<58} {review_short_ms:8.2f} ms  {review_short_ms / check_ms:6.2f}×")

    python = sys.executable
    runs = max(5, args.runs // 5)
    base = process_ms([python, "-c", "pass"], runs)
    rows = [
        ("python -c pass (baseline)", [python, "-c", "pass"]),
        ("cmkit check, whole process", [python, "-m", "cmkit", "check", "-p", str(PLAYBOOK), text]),
        ("cmkit review, whole process", [python, "-m", "cmkit", "review", "-p", str(PLAYBOOK), text]),
    ]
    for label, command in rows:
        ms = base if command[1:] == ["-c", "pass"] else process_ms(command, runs)
        print(f"{label:<58} {ms:8.1f} ms  {ms / base:6.2f}×")
    print("\ntarget: review of a 2,000-character draft well under 100 ms in process")


if __name__ == "__main__":
    main()
