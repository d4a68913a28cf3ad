"""The options of `triage`, declared once: the fast parser and typer read the same declaration."""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

from cmkit.cli.triage_fast import OPTIONS, SHARED, parse
from tests.triage.conftest import EXPORTS, rows


def test_typer_offers_exactly_the_declared_options():
    import typer.main

    from cmkit.cli.app import app

    command = typer.main.get_command(app).commands["triage"]
    offered = {tuple(sorted(p.opts)) for p in command.params if p.param_type_name == "option"} - {("--help", "-h")}
    declared = {tuple(sorted(o.flags)) for o in OPTIONS} | {tuple(sorted(flags)) for flags in SHARED.values()}
    assert offered == declared


def test_the_fast_parser_reads_repeated_maps_switches_and_choices():
    assert parse(["in.csv", "--map", "text=Message", "--map=channel=Réseau", "--dayfirst", "--from", "zendesk", "-p", "pb.yaml"]) == {
        "file": Path("in.csv"), "maps": ["text=Message", "channel=Réseau"], "dayfirst": True, "tool": "zendesk",
        "playbook": Path("pb.yaml")}
    assert parse(["-", "--input-format", "csv", "--lang", "fr"]) == {"file": Path("-"), "input_format": "csv", "lang": "fr"}
    for odd in (["in.csv", "--from", "salesforce"], ["in.csv", "--dayfirst=yes"], ["in.csv", "--help"],
                ["in.csv", "-o", "a", "-o", "b"], ["in.csv", "--lang", "en", "--lang", "fr"], ["a.csv", "b.csv"], []):
        assert parse(odd) is None  # typer's turn: it says what is wrong


def test_a_real_pipe_in_and_out(aliased, tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    source = (EXPORTS / "zendesk-tickets.csv").read_bytes()
    done = subprocess.run([sys.executable, "-m", "cmkit", "triage", "-p", str(aliased), "-", "--input-format", "csv",
                           "--from", "zendesk", "-f", "csv", "--lang", "fr"], input=source, capture_output=True, timeout=60, env=env)
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert [r["id"] for r in rows(done.stdout.decode("utf-8"))] == ["4812", "4813", "4814", "4815"]
    stderr = done.stderr.decode("utf-8")
    assert "-:7\u202f: non décidé\u202f: canal inconnu 'Fax'" in stderr and "3 messages décidés" in stderr


def test_a_json_lines_pipe_is_decided_record_by_record(tmp_path):
    playbook = tmp_path / "pb.yaml"
    playbook.write_text("cmkit: 1\norganization: {name: T}\nobjectives: [{id: o, statement: s}]\n"
                        "contacts: [{id: lead, name: Lead}]\nchannels: [{id: web}]\n"
                        "topics: [{id: t, label: T, action: answer, keywords: [colis]}]\n", encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("PYTHONUNBUFFERED", None)
    process = subprocess.Popen([sys.executable, "-m", "cmkit", "triage", "-p", str(playbook), "-", "--input-format", "jsonl"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        process.stdin.write(b'{"id": 1, "text": "colis"}\n')
        process.stdin.flush()
        # out before the input has ended (not held back to decide several records at once)
        assert select.select([process.stdout], [], [], 30)[0], "no decision while the stream stays open"
        assert b'"topic": "t"' in process.stdout.readline()
        process.stdin.write(b'{"id": 2, "text": "rien"}\n')
        process.stdin.close()
        assert b'"id": 2' in process.stdout.readline()
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
