"""How much the walk costs on top of deciding: `python benchmarks/bench_simulate.py`.

Baseline, measured in the same run: deciding the same messages one by one with
the decision engine (what `triage` would do). The walk adds the spread window,
the chains of referents and the summary; its figure is printed as a ratio of
that baseline. A second line walks a playbook whose backups loop, built in
code, to show the loop guard costs nothing; a third walks it in the calendar
with office hours (open-hours replies and hand-offs, `due_at` per event).
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from cmkit.decide.engine import Decider, Message
from cmkit.trusted import load_playbook
from cmkit.model.playbook import Playbook
from cmkit.model.scenario import Scenario
from cmkit.simulate.engine import walk

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOK = ROOT / "playbooks" / "maison-dupuis.fr.yaml"
TEXTS = [
    "Mon colis n'est jamais arrivé, commande n°123456.",
    "Je veux être remboursé, les biscuits sont arrivés en miettes",
    "Un corps étranger dans les sablés, lot 2417",
    "Vous devriez faire un nouveau parfum à la framboise",
    "Qui gagne l'élection ?",
    "Bonjour, une question sans sujet précis",
]
EVENTS = 3000


def _scenario(playbook: Playbook, seed: int = 7) -> Scenario:
    rng = random.Random(seed)
    channels = [c.id for c in playbook.channels]
    minute, events = 0, []
    for _ in range(EVENTS):
        minute += rng.randint(0, 30)
        events.append({
            "at": f"{minute}m",
            "channel": rng.choice(channels),
            "author": {"kind": rng.choice(["customer", "customer", "unknown", "journalist"])},
            "text": rng.choice(TEXTS),
        })
    replies = {"qualite": "never", "sav": "3h", "dg": "20m"}
    return Scenario.model_validate({"scenario": "bench", "events": events, "replies": replies})


def _best_of(runs: int, action) -> float:
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - began)
    return best


def main() -> None:
    playbook = load_playbook(PLAYBOOK)
    scenario = _scenario(playbook)
    decider = Decider(playbook)
    messages = [Message(e.text, channel=e.channel, author_kind=e.author.kind) for e in scenario.events]

    baseline = _best_of(5, lambda: [decider.decide(m) for m in messages])
    walked = _best_of(5, lambda: walk(scenario, playbook))
    dg_loop = [
        c.model_copy(update={"backup": "dg"}) if c.id == "dg-adjoint" else c for c in playbook.contacts
    ]
    looping = playbook.model_copy(update={"contacts": dg_loop})
    looped = _best_of(5, lambda: walk(scenario, looping))
    from cmkit.model.hours import Hours

    office = playbook.model_copy(update={"hours": Hours(timezone="Europe/Paris", open={"mon-fri": "09:00-18:00"},
                                                        holidays=["2026-12-25"])})
    calendar = _best_of(5, lambda: walk(scenario, office))

    print(f"{EVENTS} events, best of 5 runs")
    print(f"baseline  decide each message alone : {baseline * 1000:8.1f} ms  (1.00x)")
    print(f"simulate  walk the scenario         : {walked * 1000:8.1f} ms  ({walked / baseline:.2f}x baseline)")
    print(f"simulate  same, backups in a loop   : {looped * 1000:8.1f} ms  ({looped / baseline:.2f}x baseline)")
    print(f"simulate  same, in office hours     : {calendar * 1000:8.1f} ms  ({calendar / baseline:.2f}x baseline)")
    print(f"per event                           : {walked / EVENTS * 1e6:8.1f} µs")


if __name__ == "__main__":
    main()
