"""`--jobs N`: deciding in several processes gives the very bytes of one process, spread rule included."""

from __future__ import annotations

import io
import json
import os
import random
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cmkit.decide.triage as triage_module
import cmkit.inbox.read as read_module
from cmkit.decide.engine import Decider
from cmkit.decide.triage import Fields, OutOfOrder, triage, triage_parallel
from cmkit.i18n import catalogue
from cmkit.inbox.read import jsonl_chunks, jsonl_rows
from tests.triage.conftest import SMALL, encoded

WORDS = "colis perdu remboursement intoxication salmonelle journaliste merci recette prélevé litige bonjour".split()
CHANNELS = ["email", "twitter", "Page Facebook", "instagram", "avis", "blogs", "fax"]


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
    """Chunks of about 700 bytes (a few records): many chunks in flight, many round trips."""
    monkeypatch.setattr(read_module, "CHUNK_BYTES", 700)


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


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_other_inputs_are_decided_in_one_process_and_it_says_so(triage, tmp_path, suffix):
    inbox = tmp_path / "in.jsonl"
    inbox.write_text(_inbox(5, 50), encoding="utf-8")
    converted = tmp_path / f"in{suffix}"
    assert triage(inbox, "-o", converted).exit_code == 1  # the decisions' workbook or CSV, read back as an inbox
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first, second = triage(converted, "-o", one, "--jobs", "1"), triage(converted, "-o", two, "--jobs", "2")
    assert one.read_bytes() == two.read_bytes()
    assert "only a JSON Lines file" in second.stderr and "only a JSON Lines file" not in first.stderr


def test_the_default_is_as_many_processes_as_cores_for_a_large_json_lines_file(monkeypatch, tmp_path):
    from rich.console import Console

    from cmkit.cli import triage_fast
    from cmkit.i18n import catalogue

    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small.write_bytes(b"x" * 10)
    large.write_bytes(b"x" * triage_fast.PARALLEL_BYTES)
    console, _ = Console(file=io.StringIO()), catalogue("en")

    def processes(path, jobs=None, kind="jsonl", fmt="jsonl", journal=False):
        with path.open("rb") as handle:
            return triage_fast._processes(jobs, handle, triage_fast._Run(str(path), kind, fmt, None, None), journal,
                                          console, _)

    for cores, path, expected in ((1, large, 1), (2, large, 2), (8, small, 1), (8, large, 8)):
        monkeypatch.setattr("os.sched_getaffinity", lambda _pid, n=cores: set(range(n)), raising=False)
        monkeypatch.setattr("os.cpu_count", lambda n=cores: n)
        assert processes(path) == expected
    assert processes(large, kind="csv") == processes(large, fmt="xlsx") == processes(large, journal=True) == 1
    assert processes(small, jobs=3) == 3


def _decided_one_by_one(records_text: str, decider) -> list:
    rows = jsonl_rows(io.BytesIO(records_text.encode()), catalogue("en"))
    return [encoded(item) for item in triage(decider, rows, read_ahead=1)]


def _parallel(decider, chunks, jobs: int):
    """`triage_parallel` over JSON Lines chunks, each item encoded by `encoded`."""
    return triage_parallel(decider, chunks, Fields(decider), jobs,
                           lambda chunk: jsonl_rows(io.BytesIO(chunk.data), catalogue("en"), chunk.first), lambda: encoded)


def _decided_in_chunks(records_text: str, decider, size: int, jobs: int) -> list:
    done = _parallel(decider, jsonl_chunks(io.BytesIO(records_text.encode()), size), jobs)
    return "".join(chunk.text for chunk in done).splitlines(keepends=True)


def _outcome(run) -> tuple:
    """The texts, or the line of the OutOfOrder raised."""
    try:
        return ("items", run())
    except OutOfOrder as exc:
        return ("out of order", exc.args)


_RECORD = st.tuples(st.sampled_from(["x", "y", "x y", "z", ""]), st.sampled_from(["web", "mail", "sms", ""]),
                    st.integers(0, 200))


@settings(max_examples=40, deadline=None)
@given(st.lists(_RECORD, max_size=60), st.integers(1, 400), st.sampled_from([1, 2]))
def test_parallel_items_equal_streaming_items(items, size, jobs):
    """Same items (decisions, failures, cells) in the same order; OutOfOrder at the same line."""
    records = [json.dumps({"id": n, "text": text, "channel": channel, "at": f"2026-03-02T{minute // 60:02d}:{minute % 60:02d}:00"})
               for n, (text, channel, minute) in enumerate(sorted(items, key=lambda i: i[2]), 1)]
    text = "".join(f"{record}\n" for record in records)
    assert _decided_in_chunks(text, Decider(SMALL), size, jobs) == _decided_one_by_one(text, Decider(SMALL))
    late = "".join(f"{record}\n" for record in [*records[1:], *records[:1]])  # the earliest last: out of time order
    assert _outcome(lambda: _decided_in_chunks(late, Decider(SMALL), size, jobs)) == _outcome(
        lambda: _decided_one_by_one(late, Decider(SMALL)))


def test_each_chunk_says_where_it_ends():
    """The progress bar moves to each chunk's end once its texts are out: never ahead of what is written."""
    text = "".join(json.dumps({"text": "x", "channel": "web"}) + "\n" for _ in range(50))
    decider = Decider(SMALL)
    chunks = list(jsonl_chunks(io.BytesIO(text.encode()), 100))
    done = list(_parallel(decider, iter(chunks), 2))
    assert [d.end for d in done] == [c.end for c in chunks] and done[-1].end == len(text)
    assert sum(d.text.count("\n") for d in done) == 50


def test_chunks_are_whole_lines_numbered_from_the_first():
    data = b"a\n" + b"x" * 10 + b"\nbb\n\ncc"
    for size in (1, 2, 3, 5, 100):
        chunks = list(jsonl_chunks(io.BytesIO(data), size))
        assert b"".join(c.data for c in chunks) == data
        for chunk in chunks:
            assert data[:chunk.end].endswith(chunk.data)
            assert data.count(b"\n", 0, chunk.end - len(chunk.data)) + 1 == chunk.first


@pytest.mark.parametrize("chunk", [10_000, 60], ids=["out of order inside a chunk", "at a chunk's start"])
def test_bad_records_before_an_out_of_order_one_are_reported_once_as_by_one_process(triage, tmp_path, monkeypatch, chunk):
    """The run restarts in two passes at the first record earlier than one before it; the bad
    records before it were reported by then, in one process as in several."""
    monkeypatch.setattr(read_module, "CHUNK_BYTES", chunk)
    inbox = tmp_path / "in.jsonl"
    inbox.write_text('{"text": "colis perdu", "channel": "email", "at": "2026-03-02T10:00:00Z"}\n'
                     '{not json\n'
                     '{"text": "colis perdu", "channel": "twitter", "at": "2026-03-02T09:00:00Z"}\n'
                     '{"channel": "email"}\n', encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    first, second = triage(inbox, "-o", one, "--jobs", "1"), triage(inbox, "-o", two, "--jobs", "2")
    assert first.exit_code == second.exit_code == 1
    assert one.read_bytes() == two.read_bytes()
    assert second.stderr == first.stderr
    assert second.stderr.count("in.jsonl:2: not decided") == 1 and second.stderr.count("in.jsonl:4: not decided") == 1


def _dies(chunk):
    os._exit(9)  # a worker killed (the OOM killer, kill -9): it never answers


def test_a_worker_that_dies_ends_the_run_with_one_sentence_and_no_output(triage, tmp_path, monkeypatch):
    monkeypatch.setattr(triage_module, "_decide_chunk", _dies)
    inbox = tmp_path / "in.jsonl"
    inbox.write_text(_inbox(3, 50), encoding="utf-8")
    done = triage(inbox, "-o", tmp_path / "out.jsonl", "--jobs", "2")
    assert done.exit_code == 2
    assert "stopped before its share was done" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out.jsonl").exists() and not list(tmp_path.glob(".out.jsonl*"))


def test_stdin_is_read_from_where_it_stands_in_several_processes_as_in_one(tmp_path, aliased):
    """`{ read -r first; cmkit triage - ...; } < inbox.jsonl`: the rest of the file, numbered from there."""
    inbox = tmp_path / "in.jsonl"
    inbox.write_text(_inbox(6, 300), encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        fd = os.open(inbox, os.O_RDONLY)
        try:
            while os.read(fd, 1) != b"\n":  # the first line read by someone else
                pass
            done = subprocess.run([sys.executable, "-m", "cmkit", "triage", "-p", str(aliased), "-", "--input-format",
                                   "jsonl", "--jobs", jobs], stdin=fd, capture_output=True, timeout=120)
        finally:
            os.close(fd)
        outputs.append((done.returncode, done.stdout, done.stderr))
    assert outputs[0] == outputs[1]
    assert outputs[0][1].count(b"\n") == inbox.read_bytes().count(b"\n") - 1


def test_an_empty_file_in_several_processes_is_an_empty_file_in_one(triage, tmp_path):
    inbox = tmp_path / "in.jsonl"
    inbox.write_bytes(b"")
    first, second = triage(inbox, "--jobs", "1"), triage(inbox, "--jobs", "2")
    assert (first.exit_code, first.stdout, first.stderr) == (second.exit_code, second.stdout, second.stderr)


def test_a_signal_while_the_workers_start_is_the_signal_and_leaves_no_worker(monkeypatch):
    """Ctrl-C or SIGTERM landing while the executor starts its manager thread: the run ends with
    that interruption (not a RuntimeError about a thread), and no worker is left running."""
    import multiprocessing
    from concurrent.futures import process as executor_process

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(executor_process._ExecutorManagerThread, "start", interrupted)
    text = "".join(json.dumps({"text": "x", "channel": "web"}) + "\n" for _ in range(50))
    decider = Decider(SMALL)
    with pytest.raises(KeyboardInterrupt):
        list(_parallel(decider, jsonl_chunks(io.BytesIO(text.encode()), 100), 2))
    assert multiprocessing.active_children() == []


def test_a_signal_while_the_executor_runs_in_the_parent_lands_after_it():
    """Ctrl-C during a hand-over to the executor waits for it to be done, then interrupts."""
    import os
    import signal
    import time

    from cmkit.decide.triage import _signals_deferred

    reached = []
    with pytest.raises(KeyboardInterrupt):
        with _signals_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # a handler that raised would have done so by now
            reached.append("the end of the hand-over")
    assert reached == ["the end of the hand-over"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
