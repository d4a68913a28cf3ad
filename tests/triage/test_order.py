"""Records out of time order: decided exactly (as on sorted input), in bounded memory."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cmkit.decide.triage as triage_module
from cmkit.decide.engine import Decider
from cmkit.decide.triage import OutOfOrder, triage, triage_exact
from tests.decide.builders import playbook, topic

SPREAD = {"escalate_to": "lead", "spread": {"channels": 2, "within": "1h", "topics": ["t", "u"]}}
PLAYBOOK = playbook([topic("t", keywords=["x"]), topic("u", keywords=["y"])], crisis=SPREAD)


def _verdicts(items) -> dict:
    return {item.record_id: (item.decision.crisis, item.decision.crisis_reason) for item in items}


_RECORD = st.tuples(st.sampled_from(["x", "y", "x y", "z"]), st.sampled_from(["web", "mail", ""]), st.booleans())


@settings(max_examples=80, deadline=None)
@given(st.lists(_RECORD, min_size=1, max_size=40), st.lists(st.integers(0, 300), min_size=40, max_size=40, unique=True),
       st.randoms(use_true_random=False), st.integers(1, 5))
def test_any_order_is_decided_as_the_sorted_file(items, minutes, shuffle, run):
    records = [{"id": n, "text": text, "channel": channel,
                "at": f"2026-03-02T{minutes[n] // 60:02d}:{minutes[n] % 60:02d}:00" if timed else None}
               for n, (text, channel, timed) in enumerate(items)]
    in_time = sorted(records, key=lambda r: r["at"] or "")  # distinct times: one right order
    shuffled = list(in_time)
    shuffle.shuffle(shuffled)
    old, triage_module.SORT_RUN = triage_module.SORT_RUN, run  # several runs on disk, merged
    try:
        expected = _verdicts(triage(Decider(PLAYBOOK), enumerate(in_time, 1)))  # one streaming pass
        got = _verdicts(triage_exact(Decider(PLAYBOOK), lambda: enumerate(shuffled, 1)))
    finally:
        triage_module.SORT_RUN = old
    assert got == expected


def test_the_streaming_pass_agrees_with_the_exact_one_on_sorted_input():
    rng = random.Random(7)
    records = [{"id": n, "text": rng.choice(["x", "y", "x y"]), "channel": rng.choice(["web", "mail"]),
                "at": f"2026-03-02T{n // 60:02d}:{n % 60:02d}:00"} for n in range(600)]
    streamed = _verdicts(triage(Decider(PLAYBOOK), enumerate(records, 1)))
    exact = _verdicts(triage_exact(Decider(PLAYBOOK), lambda: enumerate(records, 1)))
    assert streamed == exact and any(crisis for crisis, _ in streamed.values())
    with pytest.raises(OutOfOrder):
        list(triage(Decider(PLAYBOOK), enumerate(reversed(records), 1)))


def test_out_of_order_keys_go_to_disk_in_runs(monkeypatch):
    spilled = []
    real = triage_module.tempfile.TemporaryFile

    def counting(*args, **kwargs):
        spilled.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(triage_module, "SORT_RUN", 50)
    monkeypatch.setattr(triage_module.tempfile, "TemporaryFile", counting)
    records = [{"id": n, "text": "x", "channel": ("web", "mail")[n % 2], "at": f"2026-03-02T{(999 - n) // 60 % 24:02d}:{(999 - n) % 60:02d}:00"}
               for n in range(1000)]
    got = list(triage_exact(Decider(PLAYBOOK), lambda: enumerate(records, 1)))
    assert len(got) == 1000 and len(spilled) >= 1000 // 50
