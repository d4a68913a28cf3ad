"""No escape sequence from a playbook or a message reaches the terminal raw (issue 10, Medium 13).

The attack of the issue: a contact name (and a topic label, a guidance) holding
`ESC [2J` (clear the screen) and `ESC ]0;pwned BEL` (retitle the window). Each
command that prints text is run, in a pipe and with colours forced, and its
output must hold no ESC and no BEL, while showing the escape as text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from cmkit.formats.safe_text import printable, printable_fields
from tests.conftest import FR_PLAYBOOK, PLAYBOOKS

EVIL = "\\e[2J\\e]0;pwned\\a"  # as YAML writes it in double quotes
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


@pytest.fixture
def evil(tmp_path):
    text = FR_PLAYBOOK.read_text(encoding="utf-8")
    text = text.replace("    name: Julie Martin", f'    name: "Julie{EVIL}"', 1)
    text = text.replace("    label: Livraison et colis", f'    label: "Livraison{EVIL}"', 1)
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(tmp_path, *args, force_color=False):
    env = {"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path / "cache"), "COLUMNS": "120"}
    if force_color:
        env["FORCE_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "cmkit", *args], capture_output=True, text=True, timeout=60, env=env)


#: the styles cmkit itself writes with colour on: Select Graphic Rendition, nothing else
_OWN_STYLES = re.compile(r"\x1b\[[0-9;]*m")


#: what the attack would do if printed raw
_ATTACK = ("\x1b[2J", "\x1b]0;pwned", "pwned\x07")


def assert_shown_not_obeyed(result, shown=True):
    for stream in (result.stdout, result.stderr):
        assert not any(a in stream for a in _ATTACK), repr(stream[:400])
        unstyled = _OWN_STYLES.sub("", stream)
        assert not any(c in unstyled for c in RAW[1:]), repr(unstyled[:400])
    if shown:  # visible as an escape (ours, or JSON's where a value is quoted as JSON)
        assert "\\x1b[2J" in result.stdout + result.stderr or "\\u001b[2J" in result.stdout + result.stderr


def _cases(tmp_path, playbook):
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        f"playbook: {playbook}\ncases:\n  - id: c\n    text: colis\n    channel: twitter\n"
        "    expect: {topic_label: nobody}\n",
        encoding="utf-8",
    )
    return cases


def _scenario(tmp_path, playbook):
    text = (PLAYBOOKS / "scenarios" / "colis-perdu.fr.yaml").read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("playbook: ../maison-dupuis.fr.yaml", f"playbook: {playbook}"), encoding="utf-8")
    return path


@pytest.mark.parametrize("force_color", [False, True], ids=["pipe", "colour"])
@pytest.mark.parametrize("command", ["check", "simulate", "mermaid", "lint", "diff", "test", "triage"])
def test_every_text_output_escapes_terminal_controls(tmp_path, evil, command, force_color):
    if command == "check":
        args = ["check", "-p", str(evil), "-c", "twitter", "Où est mon colis ?"]
    elif command == "simulate":
        args = ["simulate", str(_scenario(tmp_path, evil))]
    elif command == "mermaid":
        args = ["simulate", str(_scenario(tmp_path, evil)), "-f", "mermaid"]
    elif command == "lint":
        args = ["lint", str(evil), "--select", "W,I"]
    elif command == "diff":
        args = ["diff", str(FR_PLAYBOOK), str(evil)]
    elif command == "test":
        args = ["test", str(_cases(tmp_path, evil))]
    else:
        messages = tmp_path / "m.jsonl"
        messages.write_text(json.dumps({"id": 1, "text": "Où est mon colis ?", "channel": "twitter"}) + "\n")
        args = ["triage", "-p", str(evil), str(messages), "-o", str(tmp_path / "out.jsonl")]
    result = run(tmp_path, *args, force_color=force_color)
    assert "Traceback" not in result.stderr, result.stderr
    # lint quotes no name of this (valid) file, triage's summary shows topic ids: nothing to show there
    assert_shown_not_obeyed(result, shown=command not in ("lint", "triage"))


def test_an_error_sentence_escapes_what_the_user_typed(tmp_path):
    result = run(tmp_path, "check", "-p", str(FR_PLAYBOOK), "-c", "tw\x1b[2J", "colis")
    assert result.returncode == 2
    assert "\x1b" not in result.stderr


def test_printable_keeps_text_and_escapes_controls():
    assert printable("Léa\tDupont\n« ok »") == "Léa\tDupont\n« ok »"
    assert printable("a\x1b[2Jb\x07\r\x9b\u202e") == "a\\x1b[2Jb\\x07\\x0d\\x9b\\u202e"


def test_printable_fields_reaches_nested_records():
    from cmkit.decide.cache import load_decider
    from cmkit.decide.engine import Message

    decision = load_decider(FR_PLAYBOOK).decide(Message("je veux être remboursée", channel="twitter"))
    evil = decision._replace(referent=decision.referent._replace(name="J\x1b[2J"))
    assert printable_fields(evil).referent.name == "J\\x1b[2J"
    assert printable_fields(evil).backups == decision.backups
