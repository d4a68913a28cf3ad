"""What a new user sees in the first minute: help without Python type names, plain error
sentences, shell completion offered."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cmkit.cli.app import app

COMMANDS = ["lint", "check", "triage", "simulate", "render", "init", "test", "schema", "diff"]
PYTHON_TYPES = re.compile(r"<(?:str|int|float|bool|path|list\[|int range|float range|datetime)|\{[A-Z_]+\}")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_values_without_python_types(runner, command):
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0
    assert not PYTHON_TYPES.search(result.stdout), PYTHON_TYPES.findall(result.stdout)


def test_help_uses_click_style_names(runner):
    check = runner.invoke(app, ["check", "--help"], env={"COLUMNS": "120"}).stdout
    assert "--followers N" in check and "-f, --format [text|json]" in check and "-p, --playbook FILE" in check
    triage = runner.invoke(app, ["triage", "--help"], env={"COLUMNS": "120"}).stdout
    assert "Usage: cmkit triage [OPTIONS] FILE" in triage


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["check", "-a", "martian", "colis"], "'martian' is not an author kind"),
        (["check", "--followers", "abc", "colis"], "must be a whole number of 0 or more"),
        (["check", "--followers", "-1", "colis"], "not '-1'"),
    ],
)
def test_bad_values_are_plain_sentences(runner, args, sentence):
    from tests.conftest import EN_PLAYBOOK

    result = runner.invoke(app, [*args[:1], "-p", str(EN_PLAYBOOK), *args[1:]])
    assert result.exit_code == 2
    assert sentence in result.stderr
    assert "Value error" not in result.stderr and "Input should be" not in result.stderr


def test_shell_completion_is_offered():
    env = {**os.environ, "COLUMNS": "120"}
    shown = subprocess.run([sys.executable, "-m", "cmkit", "--show-completion", "bash"],
                           capture_output=True, text=True, env=env, timeout=60)
    assert shown.returncode == 0 and "complete" in shown.stdout
    script = Path(sys.executable).parent / "cmkit"  # the console script, as a shell runs it
    completed = subprocess.run(
        [str(script)], capture_output=True, text=True, timeout=60,
        env={**env, "_CMKIT_COMPLETE": "complete_bash", "COMP_WORDS": "cmkit tri", "COMP_CWORD": "1"},
    )
    assert completed.stdout.split() == ["triage"]
