"""`cmkit triage`: spread over records out of time order, and what a CSV or JSONL record may look like."""

from __future__ import annotations

import csv
import json

from cmkit.cli.app import app
from tests.cli.test_triage import P, jsonl
from tests.decide.builders import isolated_cache  # noqa: F401 (fixture)

#: One escalate topic on three channels within 24h, the latest first in the file.
LATE_FIRST = [
    {"id": "d", "text": "remboursement", "channel": "facebook", "at": "2026-03-02T11:00"},
    {"id": "a", "text": "remboursement", "channel": "twitter", "at": "2026-03-02T09:00"},
    {"id": "b", "text": "remboursement", "channel": "email", "at": "2026-03-02T09:30"},
    {"id": "x", "text": "remboursement", "at": "2026-03-02T09:30"},  # same instant as b: b counts for it
    {"id": "y", "text": "remboursement", "channel": "email"},  # no time: no spread
]


def crisis_by_id(lines):
    return {o["id"]: o["crisis"] for o in map(json.loads, lines) if "error" not in o}


def test_spread_looks_back_in_time_not_in_the_file(runner, isolated_cache, write, tmp_path):
    source = write("in.jsonl", jsonl(LATE_FIRST))
    result = runner.invoke(app, ["triage", *P, str(source)])
    assert result.exit_code == 0, result.stderr
    assert crisis_by_id(result.stdout.splitlines()) == {"d": True, "a": False, "b": False, "x": False, "y": False}
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["triage", *P, str(source), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == result.stdout  # the optimistic pass left nothing behind


def test_a_skipped_record_is_reported_once_when_the_file_is_read_again(runner, isolated_cache, write):
    source = write("in.jsonl", "{oops\n" + jsonl(LATE_FIRST) + "{oops\n")
    result = runner.invoke(app, ["triage", *P, str(source)])
    assert result.exit_code == 1
    assert result.stderr.count("in.jsonl:1: not decided") == 1 and result.stderr.count("in.jsonl:7: not decided") == 1
    assert crisis_by_id(result.stdout.splitlines())["d"] is True


def test_an_unterminated_quote_is_one_skipped_record_not_the_rest_of_the_file(runner, isolated_cache, write):
    source = write("in.csv", 'id,text\nr1,"colis\nperdu"\nr3,"unterminated\nr4,panne\n')
    result = runner.invoke(app, ["triage", *P, str(source)])
    assert result.exit_code == 1
    assert "in.csv:4: not decided: not valid CSV: a quote opened on this line never closes" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["line"], o["id"], "error" in o) for o in out] == [(2, "r1", False), (4, None, True), (5, "r4", False)]


def test_a_csv_header_may_use_semicolons_tabs_and_any_case(runner, isolated_cache, write, tmp_path):
    for name, text, separator in [("fr.csv", " Id ;Text;CHANNEL\n1;colis, svp;twitter\n", ";"),
                                  ("tab.csv", "id\tTEXT\tchannel\n1\tcolis, svp\ttwitter\n", "\t")]:
        result = runner.invoke(app, ["triage", *P, str(write(name, text)), "-o", str(tmp_path / "out.csv")])
        assert result.exit_code == 0, result.stderr
        rows = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8"), delimiter=separator))  # kept
        assert [(r["id"], r["topic"], r["respond_within_minutes"]) for r in rows] == [("1", "livraison", "60")]


def test_a_csv_header_without_text_stops_at_once(runner, isolated_cache, write):
    result = runner.invoke(app, ["triage", *P, str(write("in.csv", "id,message\n1,colis\n2,panne\n"))])
    assert result.exit_code == 2 and result.stdout == ""
    assert "in.csv: no column for `text` (columns found: id, message); say which holds what, e.g. --map text=message" \
        in result.stderr
    assert "not decided" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_an_empty_channel_is_no_channel_in_jsonl_as_in_csv(runner, isolated_cache, write):
    source = write("in.jsonl", jsonl([{"id": 1, "text": "colis", "channel": ""}]))
    from_jsonl = runner.invoke(app, ["triage", *P, str(source)])
    from_csv = runner.invoke(app, ["triage", *P, str(write("in.csv", "id,text,channel\n1,colis,\n"))])
    assert from_jsonl.exit_code == from_csv.exit_code == 0, from_jsonl.stderr
    assert json.loads(from_jsonl.stdout) == {**json.loads(from_csv.stdout), "id": 1, "line": 1}


def test_a_bad_value_is_shown_as_written(runner, isolated_cache, write):
    result = runner.invoke(app, ["triage", *P, str(write("in.jsonl", jsonl([{"text": "x", "followers": True}])))])
    assert result.exit_code == 1
    assert "in.jsonl:1: not decided: `followers` must be a whole number of 0 or more, not true" in result.stderr


def test_records_out_of_order_from_a_pipe_are_read_twice_from_a_copy(runner, isolated_cache, tmp_path):
    import os
    import threading

    fifo = tmp_path / "in.jsonl"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_text, args=(jsonl(LATE_FIRST),), kwargs={"encoding": "utf-8"})
    writer.start()
    result = runner.invoke(app, ["triage", *P, str(fifo)])
    writer.join()
    assert result.exit_code == 0, result.stderr
    assert crisis_by_id(result.stdout.splitlines())["d"] is True
