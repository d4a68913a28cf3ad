"""`--jobs N`: deciding in several processes gives the very bytes of one process, spread rule included."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cmkit.decide.triage as triage_module
from cmkit.decide.engine import Decider
from cmkit.decide.triage import Fields, OutOfOrder, triage, triage_parallel
from tests.decide.builders import playbook, topic

WORDS = "colis perdu remboursement intoxication salmonelle journaliste merci recette prélevé litige bonjour".split()
CHANNELS = ["email", "twitter", "Page Facebook", "instagram", "avis", "blogs", "fax"]
SPREAD = {"escalate_to": "lead", "spread": {"channels": 2, "within": "1h", "topics": ["t", "u"]}}
SMALL = playbook([topic("t", keywords=["x"]), topic("u", keywords=["y"], action="escalate")], crisis=SPREAD)


def _inbox(seed: int, count: int, *, shuffled: bool = False) -> str:
    rng = random.Random(seed)
    lines = []
    for number in range(count):
        record = {"id": number, "text": " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5))),
                  "channel": rng.choice(CHANNELS),
                  "at": f"2026-03-02T{8 + number * 7 // 60:02d}:{number * 7 % 60:02d}:00Z"}
        if rng.random() < 0.05:
            record.pop("text")
        lines.append(json.dumps(record, ensure_ascii=False))
        if rng.random() < 0.02:
            lines.append("{not json")
    if shuffled:
        rng.shuffle(lines)
    return "\n".join(lines) + "\n"


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 7 records: many batches in flight, many round trips."""
    monkeypatch.setattr(triage_module, "PARALLEL_BATCH", 7)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
@pytest.mark.parametrize("shuffled", [False, True], ids=["in-order", "out-of-order"])
def test_two_processes_write_what_one_writes(triage, tmp_path, small_batches, suffix, shuffled):
    inbox = tmp_path / "in.jsonl"
    inbox.write_text(_inbox(3, 400, shuffled=shuffled), encoding="utf-8")
    one, two = tmp_path / f"one{suffix}", tmp_path / f"two{suffix}"
    first, second = triage(inbox, "-o", one, "--jobs", "1"), triage(inbox, "-o", two, "--jobs", "2")
    assert first.exit_code == second.exit_code == 1  # some records could not be decided
    assert one.read_bytes() == two.read_bytes()
    assert second.stderr == first.stderr
    assert "crisis" in one.read_text(encoding="utf-8")  # the spread rule fired: the parent counted it


def test_a_real_process_with_jobs(tmp_path, aliased):
    inbox = tmp_path / "in.jsonl"
    text = _inbox(4, 300)
    inbox.write_text(text, encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "cmkit", "triage", "-p", str(aliased), str(inbox), "--jobs", jobs],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 1, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count("\n") == text.count("\n")  # one output record per input record


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5"])
def test_jobs_must_be_a_whole_number(triage, tmp_path, value):
    inbox = tmp_path / "in.jsonl"
    inbox.write_text('{"text": "colis"}\n', encoding="utf-8")
    done = triage(inbox, f"--jobs={value}")
    assert done.exit_code == 2
    assert "--jobs takes a whole number of processes" in done.stderr and "Traceback" not in done.stderr


def test_the_default_is_one_process_on_two_cores_or_a_small_file(monkeypatch, tmp_path):
    from cmkit.cli import triage_fast

    small, large = tmp_path / "small", tmp_path / "large"
    small.write_bytes(b"x" * 10)
    large.write_bytes(b"x" * triage_fast.PARALLEL_BYTES)
    for cores, path, expected in ((2, large, 1), (8, small, 1), (8, large, 8)):
        monkeypatch.setattr("os.sched_getaffinity", lambda _pid, n=cores: set(range(n)), raising=False)
        monkeypatch.setattr("os.cpu_count", lambda n=cores: n)
        with path.open("rb") as handle:
            assert triage_fast._processes(None, handle) == expected
    with small.open("rb") as handle:
        assert triage_fast._processes(3, handle) == 3


def _items(items) -> list:
    return [(type(i).__name__, i.line, i.cells, i.record_id, getattr(i, "decision", getattr(i, "reason", None))) for i in items]


def _outcome(run) -> tuple:
    """The items, or the line of the OutOfOrder raised."""
    try:
        return ("items", _items(run()))
    except OutOfOrder as exc:
        return ("out of order", exc.args)


_RECORD = st.tuples(st.sampled_from(["x", "y", "x y", "z", ""]), st.sampled_from(["web", "mail", "sms", ""]),
                    st.integers(0, 200))


@settings(max_examples=40, deadline=None)
@given(st.lists(_RECORD, max_size=60), st.integers(1, 9))
def test_parallel_items_equal_streaming_items(items, batch):
    """Same items (decisions, failures, cells) in the same order; OutOfOrder at the same line."""
    records = [(n, {"id": n, "text": text, "channel": channel, "at": f"2026-03-02T{minute // 60:02d}:{minute % 60:02d}:00"})
               for n, (text, channel, minute) in enumerate(sorted(items, key=lambda i: i[2]), 1)]
    old, triage_module.PARALLEL_BATCH = triage_module.PARALLEL_BATCH, batch
    try:
        decider = Decider(SMALL)
        assert _items(triage_parallel(decider, records, Fields(decider), 2)) == _items(triage(Decider(SMALL), records))
        late = [*records[1:], *records[:1]]  # the earliest record last: out of time order when others are timed
        assert _outcome(lambda: triage_parallel(decider, late, Fields(decider), 2)) == _outcome(
            lambda: triage(Decider(SMALL), late))
    finally:
        triage_module.PARALLEL_BATCH = old


def test_progress_follows_what_was_yielded(small_batches):
    """Each batch's mark is handed back only once all its items are out: the bar never runs ahead."""
    records = [(n, {"text": "x", "channel": "web"}) for n in range(1, 51)]
    decider = Decider(SMALL)
    yielded: list[int] = []
    seen: list[tuple[int, int]] = []
    read = iter(range(1, 100))
    marks = iter(lambda: next(read), None)
    for item in triage_parallel(decider, records, Fields(decider), 2, mark=lambda: next(marks),
                                on_batch=lambda mark: seen.append((mark, len(yielded)))):
        yielded.append(item.line)
    assert yielded == list(range(1, 51))
    assert seen == [(n, min(7 * n, 50)) for n in range(1, 9)]
