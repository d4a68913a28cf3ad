"""`cmkit triage`: JSONL and CSV in and out, bad records skipped by line, spread, atomic output."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

from cmkit.cli.app import app
from tests.conftest import FR_PLAYBOOK
from tests.decide.builders import isolated_cache  # noqa: F401 (fixture)

P = ["-p", str(FR_PLAYBOOK), "--lang", "en"]
NAN = float("nan")  # written NaN, which the json module reads and orjson does not
RECORDS = [
    {"id": 1, "text": "Je veux être remboursé", "channel": "email", "at": "2024-03-04T09:00:00Z"},
    {"id": "b", "text": "remboursez-moi", "channel": "avis", "at": "2024-03-04T10:00:00Z"},
    {"id": 3, "text": "toujours pas de remboursement", "channel": "twitter", "at": "2024-03-04T11:00:00Z"},
    {"text": "je suis journaliste"},
]


def jsonl(records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def test_jsonl_in_jsonl_out_with_spread(runner, isolated_cache, write):
    source = write("in.jsonl", jsonl(RECORDS))
    result = runner.invoke(app, ["triage", *P, str(source)])
    assert result.exit_code == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == [1, "b", 3, None]
    assert [o["action"] for o in out] == ["escalate", "escalate", "crisis", "crisis"]  # spread watches escalate topics
    assert "3 channels" in out[2]["crisis_reason"]
    assert "4 messages decided" in result.stderr


def test_bad_records_are_skipped_by_line_and_the_rest_decided(runner, isolated_cache, write):
    lines = jsonl(RECORDS[:1]) + "{not json\n" + "\n" + jsonl([{"id": 9}, {"text": "x", "channel": "tiktok"},
        {"text": "x", "followers": -1}, {"text": "x", "at": "hier"}, [1, 2]]) + jsonl(RECORDS[3:])
    source = write("in.jsonl", lines)
    result = runner.invoke(app, ["triage", *P, str(source)])
    assert result.exit_code == 1
    for line, reason in [(2, "not valid JSON"), (4, "no `text`"), (5, "unknown channel 'tiktok'"),
                         (6, "`followers`"), (7, "`at`"), (8, "not a JSON object")]:
        assert f"in.jsonl:{line}: not decided: {reason}" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]  # nothing lost: one record out per record in
    assert [o["line"] for o in out] == [1, 2, 4, 5, 6, 7, 8, 9]
    assert [o["id"] for o in out] == [1, None, 9, None, None, None, None, None]
    assert [("error" in o, "action" in o) for o in out] == [(False, True)] + [(True, False)] * 6 + [(False, True)]


def test_csv_in_csv_out_to_a_file(runner, isolated_cache, write, tmp_path):
    source = write("in.csv", 'id,text,channel,author_kind,followers\n1,"Où est mon colis, svp ?",twitter,,\n'
                             '2,"Bonjour",,customer,600000\n3,,twitter,,\n')
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["triage", *P, str(source), "-o", str(out)])
    assert result.exit_code == 1 and "in.csv:4: not decided: no `text`" in result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["line"], r["id"], r["action"], r["topic"], r["respond_within_minutes"], r["error"]) for r in rows] == [
        ("2", "1", "answer", "livraison", "60", ""), ("3", "2", "escalate", "", "60", ""), ("4", "3", "", "", "", "no `text`")]
    assert rows[0]["text"] == "Où est mon colis, svp ?" and rows[1]["followers"] == "600000"  # the input's columns kept
    assert rows[1]["tier"] != ""  # 1.1: an audience alone is no crisis; its tier shortens the deadline
    assert result.stdout == ""


def test_an_unknown_extension_or_missing_file_is_a_usage_error(runner, isolated_cache, write, tmp_path):
    assert runner.invoke(app, ["triage", *P, str(write("in.txt", "x"))]).exit_code == 2
    result = runner.invoke(app, ["triage", *P, str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2 and "none.jsonl" in result.stderr


def test_an_interrupted_run_leaves_no_output_file(runner, isolated_cache, write, tmp_path, monkeypatch):
    import cmkit.formats.triage_records as records

    source = write("in.jsonl", jsonl(RECORDS))
    out = tmp_path / "out.jsonl"
    calls = []

    def fail_on_second(self, item):
        calls.append(item)
        if len(calls) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(records.JsonlWriter, "write", fail_on_second)
    result = runner.invoke(app, ["triage", *P, str(source), "-o", str(out)])
    assert result.exit_code == 130 and not out.exists()
    assert not list(tmp_path.glob(".out.jsonl.*"))


def test_a_real_process_in_a_pipe_has_no_progress_bar(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(jsonl(RECORDS * 50), encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "cmkit", "triage", *P, str(source), "--format", "csv"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 201
    assert "\r" not in done.stderr and "200 messages decided" in done.stderr


def test_each_jsonl_line_is_the_decision_summary_with_its_id():
    import io

    from cmkit.decide.engine import Decider, Message
    from cmkit.decide.triage import Failed, Triaged
    from cmkit.formats.triage_records import JsonlWriter
    from cmkit.trusted import load_playbook

    decider = Decider(load_playbook(FR_PLAYBOOK))
    out = io.StringIO()
    writer = JsonlWriter(out)
    messages = [Message("colis « perdu »", "twitter"), Message("journaliste", author_kind="journalist"), Message("rien")]
    ids = [7, "a\"b", None]
    for line, (record_id, message) in enumerate(zip(ids, messages), start=1):
        writer.write(Triaged(line, None, record_id, None, message.channel, decider.decide(message)))
        writer.write(Triaged(line, None, record_id, None, message.channel, decider.decide(message)))  # from the cache
    for line, (text, record_id, message) in enumerate(zip(out.getvalue().splitlines()[::2], ids, messages), start=1):
        expected = {"line": line, "id": record_id, **({"channel": message.channel} if message.channel else {}),
                    **decider.decide(message).summary_json()}
        assert json.loads(text) == expected
    writer.write(Failed(9, None, "z", "no `text`"))
    assert json.loads(out.getvalue().splitlines()[-1]) == {"line": 9, "id": "z", "error": "no `text`"}


def test_a_reader_that_stops_early_is_not_an_error(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(jsonl(RECORDS[:1] * 20000), encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    process = subprocess.Popen([sys.executable, "-m", "cmkit", "triage", *P, str(source)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert json.loads(process.stdout.readline())["id"] == 1
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert b"Traceback" not in process.stderr.read()


def test_a_byte_order_mark_and_crlf_lines_are_read_as_plain_utf8(runner, isolated_cache, write, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"\xef\xbb\xbf" + jsonl(RECORDS[:2]).replace("\n", "\r\n").encode())
    result = runner.invoke(app, ["triage", *P, str(source)])
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [1, "b"]
    source = tmp_path / "in.csv"
    source.write_bytes(b"\xef\xbb\xbfid,text\r\nm1,colis\r\n")
    result = runner.invoke(app, ["triage", *P, str(source)])
    assert result.exit_code == 0 and json.loads(result.stdout)["id"] == "m1"


def test_csv_line_numbers_count_quoted_newlines_and_blank_lines(runner, isolated_cache, write):
    source = write("in.csv", 'id,text\n1,"colis\nperdu\n!"\n\n2,\n3,colis\n4,"a","b","c"\n')
    result = runner.invoke(app, ["triage", *P, str(source)])
    assert result.exit_code == 1
    assert "in.csv:6: not decided: no `text`" in result.stderr
    assert "in.csv:8: not decided: more cells" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["line"], o["id"], "error" in o) for o in out] == [(2, "1", False), (6, "2", True), (7, "3", False), (8, None, True)]


def test_a_line_that_is_not_utf8_or_has_odd_fields_is_one_skipped_record(runner, isolated_cache, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "colis \xff"}\n' + jsonl([{"text": "x", "channel": ["email"]},
                       {"text": "x", "author_kind": {"a": 1}}, {"text": "x", "followers": "\u00b2"},
                       {"id": 12345678901234567890123, "text": "colis", "followers": NAN}]).encode())
    result = runner.invoke(app, ["triage", *P, str(source)])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    for line, reason in [(1, "not valid UTF-8"), (2, "`channel` must be a channel's name, not a list"), (3, "unknown author_kind"), (4, "`followers`"),
                         (5, "`followers`")]:
        assert f"in.jsonl:{line}: not decided: {reason}" in result.stderr
    source.write_bytes(b'{"id": 12345678901234567890123, "text": "colis"}\n')
    result = runner.invoke(app, ["triage", *P, str(source)])
    assert json.loads(result.stdout)["id"] == 12345678901234567890123  # what the json module reads, orjson too


def test_the_playbook_comes_from_the_environment_then_the_current_folder(runner, isolated_cache, write, tmp_path,
                                                                         monkeypatch):
    source = write("in.jsonl", jsonl(RECORDS[:1]))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CMKIT_PLAYBOOK", raising=False)
    result = runner.invoke(app, ["triage", str(source)])
    assert result.exit_code == 2 and "CMKIT_PLAYBOOK" in result.stderr
    result = runner.invoke(app, ["triage", str(source)], env={"CMKIT_PLAYBOOK": str(FR_PLAYBOOK)})
    assert result.exit_code == 0 and json.loads(result.stdout)["topic"] == "remboursement"
    (tmp_path / "playbook.yaml").write_bytes(FR_PLAYBOOK.read_bytes())
    result = runner.invoke(app, ["triage", str(source)])
    assert result.exit_code == 0 and json.loads(result.stdout)["topic"] == "remboursement"


def test_the_plain_parser_takes_plain_invocations_and_leaves_the_rest_to_typer():
    from pathlib import Path

    from cmkit.cli.triage_fast import parse

    assert parse(["-p", "x.yaml", "in.csv", "-o", "out.csv", "--format=jsonl"]) == {
        "file": Path("in.csv"), "playbook": Path("x.yaml"), "output": Path("out.csv"), "output_format": "jsonl",
    }
    for argv in ([], ["--help"], ["in.jsonl", "--format", "xml"], ["a.jsonl", "b.jsonl"], ["-o"], ["--unknown", "x"]):
        assert parse(argv) is None, argv


def test_the_fast_path_and_typer_write_the_same(runner, isolated_cache, write, tmp_path):
    source = write("in.jsonl", jsonl(RECORDS) + "{bad\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "NO_COLOR": "1"}
    fast = subprocess.run([sys.executable, "-m", "cmkit", "triage", *P, str(source)],
                          capture_output=True, text=True, env=env, timeout=60)
    slow = runner.invoke(app, ["triage", *P, str(source)], env={"NO_COLOR": "1"})
    assert (fast.returncode, fast.stdout) == (slow.exit_code, slow.stdout) == (1, slow.stdout)
    assert "in.jsonl:5: not decided: not valid JSON" in fast.stderr
    bad = subprocess.run([sys.executable, "-m", "cmkit", "triage", *P, str(tmp_path / "none.jsonl")],
                         capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode == 2 and bad.stderr == runner.invoke(app, ["triage", *P, str(tmp_path / "none.jsonl")]).stderr


def test_the_summary_lists_the_most_frequent_topics_and_counts_the_rest():
    import io
    from collections import Counter

    from rich.console import Console

    from cmkit.formats.triage_summary import TOP_TOPICS, print_summary

    out = io.StringIO()
    topics = Counter({f"t{i}": 1000 - i for i in range(TOP_TOPICS + 3)})
    print_summary(Console(file=out, width=100), Counter({"answer": sum(topics.values())}), topics, 0)
    assert " t0 " in out.getvalue() and f" t{TOP_TOPICS} " not in out.getvalue()
    assert f"… and 3 more topics ({sum(1000 - i for i in range(TOP_TOPICS, TOP_TOPICS + 3)):,} messages)" in out.getvalue()
