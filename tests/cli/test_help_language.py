"""`--help` speaks the user's language: CMKIT_LANG, then the locale (no playbook is read to show it)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from cmkit.i18n import catalogue

#: every command the app registers, by module
COMMANDS = ["lint", "check", "triage", "simulate", "render", "init", "test", "schema", "diff", "eval", "suggest",
            "review", "report", "drill"]


def _help(*args: str, **env: str) -> str:
    clean = {key: value for key, value in os.environ.items() if key not in ("CMKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    done = subprocess.run([sys.executable, "-m", "cmkit", *args, "--help"], capture_output=True, text=True,
                          env={**clean, **env, "COLUMNS": "100"}, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _flat(text: str) -> str:
    """The text with its wrapping undone (typer wraps at the terminal's width, after a hyphen too)."""
    return re.sub(r"[ \n]+", " ", re.sub(r"-\n *", "-", text))


def test_a_french_user_reads_the_help_in_french():
    text = _help("triage", CMKIT_LANG="fr")
    assert text.startswith("Usage\u202f: ")
    assert "Décider de chaque message d’une boîte de réception" in _flat(text)
    assert "Options\u202f:" in text and "[obligatoire]" in text
    assert "Afficher cette aide, puis s’arrêter." in text
    assert "Show this message" not in text and "Write here" not in text


def test_the_locale_is_enough_and_cmkit_lang_wins_over_it():
    assert "Afficher cette aide" in _help("check", LANG="fr_FR.UTF-8")
    english = _help("check", LANG="fr_FR.UTF-8", CMKIT_LANG="en")
    assert english.startswith("Usage: ") and "Show this message and exit." in english
    assert "Show this message and exit." in _help("check", LANG="C.UTF-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_says_what_it_does_and_its_example_in_french(command):
    """Each command's own sentence and its example, as the French catalogue has them."""
    from cmkit.cli import app  # noqa: F401 - registers the commands
    import importlib

    module = importlib.import_module(f"cmkit.cli.{command}")
    french = catalogue("fr")
    shown = _flat(_help(command, CMKIT_LANG="fr"))
    assert _flat(french(module.HELP)) in shown
    if module.EPILOG:
        assert _flat(french(module.EPILOG)) in shown and "Exemple\u202f:" in shown
