"""`cmkit simulate` as a user runs it: outputs, exit codes, one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cmkit.cli.app import app
from conftest import FR_PLAYBOOK, PLAYBOOKS

CASCADE = PLAYBOOKS / "scenarios" / "cascade-24h.fr.yaml"

CALM = """\
scenario: A calm morning
events:
  - at: 0h
    channel: twitter
    author: {kind: customer}
    text: "Où est mon colis ?"
  - at: 1h
    channel: email
    text: "Une suggestion : un nouveau parfum à la framboise."
expect: {breaches: 0, crisis: false}
"""


def _run(runner, *args, env=None):
    return runner.invoke(app, ["simulate", *map(str, args)], env=env)


def test_the_cascade_in_text_marks_breaches_and_the_crisis(runner):
    result = _run(runner, CASCADE, env={"COLUMNS": "160", "NO_COLOR": "1"})
    assert result.exit_code == 1, result.stderr
    out = result.stdout
    assert "La cascade des 24 heures" in out
    assert out.count("EN\u00a0RETARD") == 2
    assert "CRISE" in out and "⚠" in out
    assert "→ sav-adjoint" in out
    # the example playbook has office hours: the drill starts on the documented Monday, 09:00
    assert ("n°\u00a01 qualite\u202f: dû lun. 2 mars à 10\u00a0h\u00a000, répondu lun. 2 mars à 12\u00a0h\u00a000 "
            "par sav-adjoint, avec 2\u00a0h de retard") in out
    assert ("déclenchée le lun. 2 mars à 14\u00a0h\u00a000 par l’événement n°\u00a03\u202f: "
            "le sujet corps-etranger touche au moins 3 canaux en 1 jour") in out
    assert "Mobilisés" in out and "Claire Dupuis (dg)" in out
    assert "Attente la plus longue 4\u00a0h (événement n°\u00a02, avis)" in out
    assert "\x1b[" not in out
    assert result.stderr == ""


def test_the_cascade_in_english_on_request(runner):
    result = _run(runner, CASCADE, "--lang", "en", env={"COLUMNS": "160", "NO_COLOR": "1"})
    out = result.stdout
    assert out.count("LATE") == 2 and "CRISIS" in out
    assert "#1 qualite: due Mon 2 Mar, 10:00, answered Mon 2 Mar, 12:00 by sav-adjoint, 2h late" in out
    assert ("triggered on Mon 2 Mar, 14:00 by event #3: "
            "the topic corps-etranger is on 3 channels or more within 1 day") in out
    assert "Longest wait 4h (event #2, avis)" in out


def test_a_narrow_screen_gets_one_block_per_event(runner):
    result = _run(runner, CASCADE, env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    assert any(line.startswith("1 lun. 2 mars à 9\u00a0h\u00a000  email  Mme Lefèvre") for line in lines)
    unwrapped = re.sub(r" *\n *", " ", result.stdout)
    assert "dû lun. 2 mars à 10\u00a0h\u00a000, répondu lun. 2 mars à 12\u00a0h\u00a000 EN\u00a0RETARD par sav-adjoint" in unwrapped


def test_json_follows_the_spec(runner):
    result = _run(runner, CASCADE, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert len(data["events"]) == 6
    first = data["events"][0]
    assert first["decision"]["action"] == "escalate" and first["decision"]["escalate_to"] == "qualite"
    assert (first["due_minute"], first["answered_minute"]) == (60, 180)
    assert [e["contact"] for e in first["chain"]] == ["qualite", "sav", "sav-adjoint"]
    assert data["breaches"] == [
        {"event": 0, "contact": "qualite", "due_minute": 60, "answered_minute": 180},
        {"event": 1, "contact": "qualite", "due_minute": 180, "answered_minute": 360},  # lunch: 12:30-13:30 closed
    ]
    assert data["off_hours_breaches"] == []  # the chain is late even with the office always open
    assert (data["start"], first["due_at"]) == ("2026-03-02T09:00+01:00", "2026-03-02T10:00:00+01:00")
    assert set(data["crisis"]) == {"triggered", "at_minutes", "reason"}
    assert data["crisis"]["triggered"] is True and data["crisis"]["at_minutes"] == 300
    assert Path(data["playbook"]) == FR_PLAYBOOK  # the scenario's own `playbook:`, resolved


def test_start_shows_wall_clock_times(runner):
    result = _run(runner, CASCADE, "--start", "2026-03-04T09:00", env={"COLUMNS": "80"})
    assert "1 mer. 4 mars à 9\u00a0h\u00a000  email" in result.stdout  # the playbook's language
    assert "jeu. 5 mars à 5\u00a0h\u00a000" in result.stdout  # the journalist, 20 hours later
    english = _run(runner, CASCADE, "--start", "2026-03-04T09:00", "--lang", "en", env={"COLUMNS": "80"}).stdout
    assert "1 Wed 4 Mar, 09:00  email" in english
    data = json.loads(_run(runner, CASCADE, "--start", "2026-03-04T09:00Z", "-f", "json").stdout)
    assert data["start"] == "2026-03-04T10:00+01:00"  # an offset given is kept; shown in hours.timezone
    assert data["events"][5]["at"] == "2026-03-05T06:00:00+01:00"


def test_mermaid_is_a_gantt_chart_with_late_waits_marked(runner):
    result = _run(runner, CASCADE, "--format", "mermaid")
    lines = result.stdout.splitlines()
    assert lines[0] == "gantt"
    assert sum(line.strip().startswith("section") for line in lines) == 6
    assert "    section n°1 email · transmettre" in lines
    assert "    Karim Benali a le dossier :crit, 2026-03-02 11:00, 2026-03-02 12:00" in lines
    assert "    crise déclenchée :crit, milestone, 2026-03-02 14:00, 0d" in lines
    english = _run(runner, CASCADE, "--format", "mermaid", "--lang", "en").stdout.splitlines()
    assert "    Karim Benali holds it :crit, 2026-03-02 11:00, 2026-03-02 12:00" in english
    assert "    crisis triggered :crit, milestone, 2026-03-02 14:00, 0d" in english


def test_no_breach_exits_0_and_the_playbook_option_wins(runner, write):
    path = write("calm.yaml", "playbook: nowhere.yaml\n" + CALM)
    result = _run(runner, path, "-p", FR_PLAYBOOK, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["breaches"] == []


def test_an_unmet_expectation_exits_1_and_says_so_on_stderr(runner, write):
    path = write("calm.yaml", CALM.replace("breaches: 0, crisis: false", "breaches: 2, crisis: true"))
    result = _run(runner, path, "-p", FR_PLAYBOOK)
    assert result.exit_code == 1
    assert f"{path}:10:1: attendu\u202f: 2 retards\u202f; constaté\u202f: 0" in result.stderr
    assert "une crise était attendue, aucune n’a été déclenchée" in result.stderr
    english = _run(runner, path, "-p", FR_PLAYBOOK, "--lang", "en")
    assert f"{path}:10:1: expected 2 late answers, got 0" in english.stderr
    assert "expected a crisis, none was triggered" in english.stderr


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        (CALM.replace("channel: email", "channel: mail"), ":8:14:", "unknown channel 'mail'; did you mean 'email'?"),
        (CALM.replace("at: 1h", "at: 1 hour"), ":7:9:", "not a duration"),
        (CALM.replace("at: 1h", "at: 0h").replace("at: 0h\n    channel: twitter", "at: 2h\n    channel: twitter"),
         ":7:9:", "time order"),
        (CALM + "replies: {boss: 1h}\n", ":11:11:", "unknown contact 'boss'"),
        (CALM + "colour: red\n", ":11:1:", "unknown key 'colour'"),
    ],
)
def test_a_bad_scenario_is_one_located_sentence_and_exit_2(runner, write, text, where, words):
    path = write("bad.yaml", text)
    result = _run(runner, path, "-p", FR_PLAYBOOK)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert f"{path}{where}" in result.stderr and words in result.stderr


def test_a_bad_start_or_a_missing_file_is_exit_2(runner, write, tmp_path):
    result = _run(runner, CASCADE, "--start", "tomorrow")
    assert result.exit_code == 2 and "2026-03-02T09:00" in result.stderr
    result = _run(runner, tmp_path / "nope.yaml", "-p", FR_PLAYBOOK)
    assert result.exit_code == 2 and "nope.yaml" in result.stderr and "Traceback" not in result.stderr


def test_without_any_playbook_it_says_how_to_give_one(runner, write, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CMKIT_PLAYBOOK", raising=False)
    result = _run(runner, write("calm.yaml", CALM))
    assert result.exit_code == 2 and "no playbook given" in result.stderr


def test_help_shows_an_example(runner):
    result = runner.invoke(app, ["simulate", "--help"])
    assert result.exit_code == 0 and "cascade-24h.fr.yaml --start" in result.stdout


def test_end_to_end_in_a_real_process():
    done = subprocess.run(
        [sys.executable, "-m", "cmkit", "simulate", str(CASCADE), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "", "NO_COLOR": "1"},
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["crisis"]["at_minutes"] == 300
