"""`report --format json` equals an independent computation from cli.md's definitions.

The reference below reads the whole journal into memory and follows the
spec sentence by sentence (statistics.median, exact fractions); the command
streams and keeps histograms. They must agree on every figure.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter
from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest
from typer.testing import CliRunner

from cmkit.cli.app import app
from tests.report.journals import PARIS, PLAYBOOK, csv_text, jsonl, records

runner = CliRunner()


def parse(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value.replace(tzinfo=PARIS) if value.tzinfo is None else value


def day_start(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=PARIS)


def reference(rows: list[dict], start: datetime | None, end: datetime | None) -> dict:
    """The figures of the records with start <= at <= end, straight from the spec's sentences."""
    chosen = [
        (line, row) for line, row in enumerate(rows, 1)
        if (start is None or parse(row["at"]) >= start) and (end is None or parse(row["at"]) <= end)
    ]
    errors = sum(1 for _, row in chosen if row.get("error"))
    decided = [(line, row) for line, row in chosen if not row.get("error")]
    with_deadline = answered = in_time = 0
    waits: list[Fraction] = []
    referents: dict[str, dict[str, int]] = {}
    for _, row in decided:
        at = parse(row["at"])
        if row.get("due_at"):
            due = parse(row["due_at"])
        elif row.get("respond_within_minutes") is not None:
            due = at + timedelta(minutes=row["respond_within_minutes"])
        else:
            continue
        with_deadline += 1
        got = parse(row["answered_at"]) if row.get("answered_at") else None
        kept = got is not None and got <= due
        if got is not None:
            answered += 1
            waits.append(Fraction(int((got - at).total_seconds()), 60))
        in_time += kept
        if row.get("escalate_to"):
            counts = referents.setdefault(row["escalate_to"], {"answered": 0, "in_time": 0})
            counts["answered"] += got is not None
            counts["in_time"] += kept
    median = None
    if waits:
        median = math.floor(Fraction(statistics.median(waits)) + Fraction(1, 2))
    times = [parse(row["at"]) for _, row in decided]
    return {
        "messages": len(decided),
        "from": (start or min(times)).isoformat(timespec="seconds") if times or start else None,
        "to": (end or max(times)).isoformat(timespec="seconds") if times or end else None,
        "by_action": Counter(row["action"] for _, row in decided),
        "by_topic": Counter(row["topic"] or "none" for _, row in decided),
        "by_channel": Counter(row["channel"] or "none" for _, row in decided),
        "deadlines": {
            "with_deadline": with_deadline,
            "answered": answered,
            "in_time": in_time,
            "share_in_time": in_time / with_deadline if with_deadline else None,
            "median_minutes": median,
            "by_referent": referents,
        },
        "errors": errors,
        "crises": [{"line": line, "topic": row["topic"], "at": row["at"]} for line, row in decided if row["crisis"]],
    }


def comparable(figures: dict) -> dict:
    """Counts as Counters and instants as instants, so the order of keys and the zone of a
    bound written the same instant do not matter."""
    out = dict(figures)
    for key in ("by_action", "by_topic", "by_channel"):
        out[key] = Counter(figures[key])
    for key in ("from", "to"):
        out[key] = None if figures[key] is None else parse(figures[key]).timestamp()
    return out


def report_json(write, rows, *args, frequency="~", suffix="jsonl"):
    playbook = write("playbook.yaml", PLAYBOOK.replace("FREQUENCY", frequency))
    journal = write(f"journal.{suffix}", jsonl(rows) if suffix == "jsonl" else csv_text(rows))
    result = runner.invoke(app, ["report", str(journal), "-p", str(playbook), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


ROWS = records(3000)


def test_the_whole_journal_without_a_frequency(write):
    assert comparable(report_json(write, ROWS)) == comparable(reference(ROWS, None, None))


def test_a_window_of_whole_days_across_the_clock_change(write):
    got = report_json(write, ROWS, "--from", "2026-03-23", "--to", "2026-03-29")
    expected = reference(ROWS, day_start(date(2026, 3, 23)), day_start(date(2026, 3, 30)) - timedelta(microseconds=1))
    expected["to"] = "2026-03-29T23:59:59+02:00"
    assert comparable(got) == comparable(expected)
    assert got["from"] == "2026-03-23T00:00:00+01:00" and got["to"] == "2026-03-29T23:59:59+02:00"


def test_a_window_of_times_with_and_without_offsets(write):
    got = report_json(write, ROWS, "--from", "2026-03-20T14:30", "--to", "2026-04-02T08:00:00Z")
    expected = reference(ROWS, datetime(2026, 3, 20, 14, 30, tzinfo=PARIS), parse("2026-04-02T08:00:00Z"))
    assert comparable(got) == comparable(expected)


def test_only_one_bound(write):
    got = report_json(write, ROWS, "--from", "2026-04-20")
    assert comparable(got) == comparable(reference(ROWS, day_start(date(2026, 4, 20)), None))


@pytest.mark.parametrize(
    ("frequency", "first", "last"),
    [("daily", date(2026, 4, 29), date(2026, 4, 29)),
     ("weekly", date(2026, 4, 27), date(2026, 5, 3)),
     ("monthly", date(2026, 4, 1), date(2026, 4, 30))],
)
def test_the_default_period_is_the_last_one_holding_the_latest_at(write, frequency, first, last):
    latest = max(parse(row["at"]) for row in ROWS).astimezone(PARIS).date()
    assert first <= latest <= last
    got = report_json(write, ROWS, frequency=frequency)
    expected = reference(ROWS, day_start(first), day_start(last + timedelta(days=1)) - timedelta(microseconds=1))
    expected["to"] = (day_start(last + timedelta(days=1)) - timedelta(seconds=1)).isoformat()
    assert comparable(got) == comparable(expected)
    assert got["messages"] > 0


def test_csv_and_jsonl_give_the_same_figures_crises_at_their_own_line(write):
    from_csv, from_jsonl = report_json(write, ROWS, suffix="csv"), report_json(write, ROWS)
    assert [c["line"] for c in from_csv.pop("crises")] == [c["line"] + 1 for c in from_jsonl.pop("crises")]
    assert from_csv == from_jsonl


@pytest.mark.parametrize(
    ("waits", "median"),
    [([10], 10), ([10, 11], 11), ([10, 12], 11), ([1, 2, 3, 4], 3), ([0.5], 1), ([29 / 60, 30 / 60], 0)],
)
def test_the_median_is_the_mean_of_the_middle_values_halves_rounded_up(write, waits, median):
    rows = []
    for number, minutes in enumerate(waits, 1):
        at = datetime(2026, 3, 2, 10, number, tzinfo=PARIS)
        rows.append({"line": number, "at": at.isoformat(), "action": "answer", "topic": None, "channel": None,
                     "respond_within_minutes": 60, "crisis": False,
                     "answered_at": (at + timedelta(seconds=round(minutes * 60))).isoformat()})
    assert report_json(write, rows)["deadlines"]["median_minutes"] == median
