"""How fast `cmkit report` reads a journal, and that its memory stays flat, beside merely reading the file.

Generates a journal of 1,000,000 decided messages (triage's JSONL, with
`due_at` on half and `answered_at` on most, over a year), then times in the
same run, best of REPEAT:

- the floor: reading the file line by line, and reading it while parsing each
  line with orjson (what any report must at least do);
- cmkit's report engine in process (read, fold, merge the period);
- the whole `cmkit report -f json` command, as a process, for the whole journal
  and for the default weekly period, with its peak memory (max RSS) beside
  the same command on a journal ten times smaller: flat memory means the two
  peaks are close.

Run: python benchmarks/bench_report.py [--rows N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPEAT = 3
PLAYBOOK = """\
cmkit: 1
organization: {name: Bench, language: fr}
objectives: [{id: o, statement: Répondre vite, kpi: part dans le délai, target: "90 %"}]
channels: [{id: twitter, expected_response: 1h}, {id: email, expected_response: 1d}]
contacts: [{id: sav, name: Julie, respond_within: 2h, backup: dg}, {id: dg, name: Claire, on_call: true}]
topics: [{id: livraison, label: L, keywords: [colis], action: escalate, escalate_to: sav, respond_within: 4h}]
hours: {timezone: Europe/Paris, open: {mon-fri: "09:00-18:00"}}
reporting: {frequency: FREQ, recipients: [dg]}
"""


def make_journal(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=1)))
    actions = [("answer", "livraison", None, 60), ("escalate", "livraison", "sav", 240), ("escalate", None, "dg", 120),
               ("decline", None, None, None), ("crisis", "livraison", "dg", 30)]
    step = 365 * 86400 / rows
    with path.open("w", encoding="utf-8") as out:
        for number in range(1, rows + 1):
            at = start + timedelta(seconds=int(number * step))
            action, topic, referent, within = actions[4 if rng.random() < 0.001 else rng.randrange(4)]
            record = {"line": number, "id": f"m{number}", "at": at.isoformat(), "channel": rng.choice(("twitter", "email")),
                      "action": action, "topic": topic, "topics": [topic] if topic else [], "escalate_to": referent,
                      "respond_within_minutes": within, "crisis": action == "crisis", "tier": None,
                      "due_at": (at + timedelta(minutes=within * 2)).isoformat() if within and number % 2 else None,
                      "reply": None, "suggested_topic": None}
            if action != "decline" and rng.random() < 0.8:
                record["answered_at"] = (at + timedelta(seconds=rng.randrange(8 * 3600))).isoformat()
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def best(run) -> float:
    times = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return min(times)


def read_lines(path: Path) -> None:
    with path.open("rb") as handle:
        for _ in handle:
            pass


def read_and_parse(path: Path) -> None:
    import orjson

    with path.open("rb") as handle:
        for line in handle:
            orjson.loads(line)


def in_process(path: Path, playbook: Path) -> None:
    from cmkit.clock import Clock
    from cmkit.trusted import load_playbook
    from cmkit.report.engine import build_report
    from cmkit.report.journal import read_journal

    loaded = load_playbook(playbook)
    build_report(read_journal(path), Clock(loaded.hours.model_dump(mode="json")), frequency=None)


def command(path: Path, playbook: Path) -> tuple[float, float]:
    """Seconds and peak memory (MiB) of the best of REPEAT runs of `cmkit report -f json`."""
    results = []
    for _ in range(REPEAT):
        began = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "cmkit", "report", str(path), "-p", str(playbook), "-f", "json"],
                                 stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - began
        if status != 0:
            raise SystemExit(f"cmkit report failed with status {status}")
        results.append((elapsed, usage.ru_maxrss / 1024))
    return min(results)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    rows = parser.parse_args().rows
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        big, small = base / "journal.jsonl", base / "small.jsonl"
        make_journal(big, rows)
        make_journal(small, rows // 10)
        whole = base / "whole.yaml"
        whole.write_text(PLAYBOOK.replace("FREQ", "~"), encoding="utf-8")
        weekly = base / "weekly.yaml"
        weekly.write_text(PLAYBOOK.replace("FREQ", "weekly"), encoding="utf-8")
        size = big.stat().st_size / 2**20
        print(f"journal: {rows:,} rows, {size:.0f} MiB")
        # the processes first, while this one is small: a child's peak counts the parent's pages it forked from
        for name, playbook in (("whole journal", whole), ("weekly period", weekly)):
            seconds, peak = command(big, playbook)
            small_seconds, small_peak = command(small, playbook)
            print(f"cmkit report -f json, {name}: {seconds:.2f} s, peak {peak:.0f} MiB; "
                  f"on {rows // 10:,} rows {small_seconds:.2f} s, peak {small_peak:.0f} MiB "
                  f"(memory ratio {peak / small_peak:.2f} for 10x the rows)")
        floor = best(lambda: read_lines(big))
        parse = best(lambda: read_and_parse(big))
        engine = best(lambda: in_process(big, whole))
        print(f"read lines only           {floor:6.2f} s  (1.00x)")
        print(f"read + orjson per line    {parse:6.2f} s  ({parse / floor:5.2f}x)")
        print(f"report engine, in process {engine:6.2f} s  ({engine / floor:5.2f}x the read, {engine / parse:4.2f}x the parse)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
