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


def _cmkit(*args: str, **env: str) -> subprocess.CompletedProcess:
    """`cmkit ARGS` in a real process whose language comes only from `env`."""
    clean = {key: value for key, value in os.environ.items() if key not in ("CMKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([sys.executable, "-m", "cmkit", *args], capture_output=True, text=True,
                          env={**clean, **env, "COLUMNS": "100"}, timeout=60)


def _help(*args: str, **env: str) -> str:
    done = _cmkit(*args, "--help", **env)
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


@pytest.mark.parametrize(("args", "said"), [
    (["triage", "--bogus", "x.jsonl"], "erreur\u202f: l’option --bogus n’existe pas (vouliez-vous dire --jobs\u202f?)"),
    (["triage"], "erreur\u202f: il manque l’argument «\u00a0FILE\u00a0»"),
    (["triage", "-f", "xml", "a.jsonl"], "erreur\u202f: valeur invalide pour «\u00a0--format\u00a0» / «\u00a0-f\u00a0»\u202f: «\u00a0xml\u00a0» "
                                         "ne fait pas partie des choix possibles\u202f: «\u00a0jsonl\u00a0», «\u00a0csv\u00a0», «\u00a0xlsx\u00a0»"),
    (["triage", "a.jsonl", "b.jsonl"], "erreur\u202f: argument(s) en trop\u202f: b.jsonl"),
    (["drill", "--count", "0"], "erreur\u202f: valeur invalide pour «\u00a0--count\u00a0» / «\u00a0-n\u00a0»\u202f: «\u00a00\u00a0» est hors limites\u202f: il faut au moins 1"),
    (["nope"], "erreur\u202f: la commande «\u00a0nope\u00a0» n’existe pas"),
    (["chek", "x"], "erreur\u202f: la commande «\u00a0chek\u00a0» n’existe pas (vouliez-vous dire «\u00a0check\u00a0», «\u00a0schema\u00a0»\u202f?)"),
])
def test_a_french_user_reads_a_usage_error_in_french(args, said):
    done = _cmkit(*args, CMKIT_LANG="fr")
    assert done.returncode == 2
    assert done.stderr.rstrip("\n").splitlines()[-1] == said
    assert "Error" not in done.stderr and "Try " not in done.stderr and "Traceback" not in done.stderr
    if args[0] not in ("nope", "chek"):
        assert "Essayez «\u00a0" in done.stderr and done.stderr.startswith("Usage\u202f: ")


def test_in_english_a_usage_error_is_typer_s_own():
    done = _cmkit("triage", "--bogus", "x.jsonl", CMKIT_LANG="en")
    assert done.returncode == 2 and "Error: No such option: --bogus" in done.stderr


def test_every_usage_sentence_has_its_french():
    from cmkit.cli.helptext import _USAGE_SENTENCES, USAGE_BOUNDS

    french = catalogue("fr")
    missing = [sentence for _, sentence in _USAGE_SENTENCES if not french.has(sentence)]
    missing += [bound for bound in USAGE_BOUNDS if not french.has(bound)]
    assert not missing
