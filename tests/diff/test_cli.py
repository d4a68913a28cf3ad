"""`cmkit diff` as a consultant runs it at the next revision: text, JSON, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from cmkit.cli.app import app
from conftest import FR_PLAYBOOK


def revised(write, old_text: str, *edits: tuple[str, str]) -> object:
    text = old_text
    for before, after in edits:
        assert before in text
        text = text.replace(before, after, 1)
    return write("v2.yaml", text)


def test_same_meaning_exits_0(runner, write):
    text = FR_PLAYBOOK.read_text(encoding="utf-8")
    reformatted = write("v2.yaml", "# relu le 3 mars\n" + text.replace("cmkit: 1\n", "cmkit: 1  # format\n"))
    result = runner.invoke(app, ["diff", str(FR_PLAYBOOK), str(reformatted)])
    assert result.exit_code == 0
    assert result.stdout == f"Aucun changement de sens entre {FR_PLAYBOOK} et {reformatted}.\n"
    english = runner.invoke(app, ["diff", str(FR_PLAYBOOK), str(reformatted), "--lang", "en"])
    assert english.stdout == f"No change in meaning between {FR_PLAYBOOK} and {reformatted}.\n"


def test_changes_exit_1_with_a_sentence_each(runner, write):
    text = FR_PLAYBOOK.read_text(encoding="utf-8")
    new = revised(
        write, text,
        ("    - répondre à un journaliste\n", "    - répondre à un journaliste\n    - parler des prix\n"),
        ("    respond_within: 2h\n    process: support", "    respond_within: 1h\n    process: support"),
    )
    french = runner.invoke(app, ["diff", str(FR_PLAYBOOK), str(new)], env={"NO_COLOR": "1"})
    assert french.exit_code == 1
    lines = french.stdout.splitlines()
    nnbsp, nbsp = "\u202f", "\u00a0"
    assert f"  - le CM a désormais l’interdiction de «{nbsp}parler des prix{nbsp}»  [retiré au CM]" in lines
    assert (
        f"  ↑ sujet livraison{nnbsp}: délai de réponse{nnbsp}: raccourci de 2{nbsp}h à 1{nbsp}h  [délai raccourci]"
        in lines
    )
    assert lines[-1] == "2 changements de sens."
    result = runner.invoke(app, ["diff", str(FR_PLAYBOOK), str(new), "--lang", "en"], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "  - the CM is now forbidden to “parler des prix”  [withdrawn]" in lines
    assert "  ↑ topic livraison: answer due: tightened from 2h to 1h  [tightened]" in lines
    assert lines[-1] == "2 changes in meaning."
    assert "\x1b[" not in result.stdout


def test_json(runner, write):
    text = FR_PLAYBOOK.read_text(encoding="utf-8")
    new = revised(write, text, ("  address: vous\n", "  address: tu\n"))
    result = runner.invoke(app, ["diff", str(FR_PLAYBOOK), str(new), "--format", "json", "--lang", "en"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document == {
        "old": str(FR_PLAYBOOK),
        "new": str(new),
        "same": False,
        "changes": [{
            "section": "tone", "kind": "changed", "path": "tone.address", "before": "vous", "after": "tu",
            "message": "tone: address: vous → tu",
        }],
    }


def test_json_no_change(runner):
    result = runner.invoke(app, ["diff", str(FR_PLAYBOOK), str(FR_PLAYBOOK), "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["same"] is True


def test_a_playbook_that_does_not_load_exits_2(runner, write):
    broken = write("v2.yaml", "cmkit: 1\norganization: {name: X}\nobjectives: []\n")
    result = runner.invoke(app, ["diff", str(FR_PLAYBOOK), str(broken)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {broken}:1:1: ") and result.stderr.count("\n") == 1
    missing = runner.invoke(app, ["diff", str(broken.parent / "nope.yaml"), str(FR_PLAYBOOK)])
    assert missing.exit_code == 2 and "nope.yaml" in missing.stderr


def test_real_process(write):
    new = revised(write, FR_PLAYBOOK.read_text(encoding="utf-8"), ("frequency: weekly", "frequency: monthly"))
    done = subprocess.run(
        [sys.executable, "-m", "cmkit", "diff", str(FR_PLAYBOOK), str(new), "--format", "json"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert [c["path"] for c in json.loads(done.stdout)["changes"]] == ["reporting.frequency"]


def test_json_messages_follow_the_language_and_keys_do_not(runner, write):
    text = FR_PLAYBOOK.read_text(encoding="utf-8")
    new = revised(write, text, ("  address: vous\n", "  address: tu\n"))
    document = json.loads(runner.invoke(app, ["diff", str(FR_PLAYBOOK), str(new), "-f", "json"]).stdout)
    (change,) = document["changes"]
    assert (change["section"], change["kind"], change["path"]) == ("tone", "changed", "tone.address")
    assert change["message"] == "ton\u202f: address\u202f: vous → tu"
