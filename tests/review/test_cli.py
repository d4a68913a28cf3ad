"""`cmkit review` as a user runs it: exit codes, JSON as the spec fixes it, stdin, text output, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cmkit.cli.app import app

CHARTE = Path(__file__).parent / "charte.fr.yaml"
SIGNE = "— Léa, pour l'équipe Maison Dupuis"


def review(runner, *args, stdin=None):
    return runner.invoke(app, ["review", "-p", str(CHARTE), *args], input=stdin)


def test_a_clean_draft_exits_0(runner):
    result = review(runner, f"Merci pour votre message ! {SIGNE}")
    assert result.exit_code == 0, result.output
    assert "cette réponse respecte la charte" in result.stdout


def test_json_is_one_array_of_the_spec_fields_with_code_point_offsets(runner):
    draft = f"Désolés 😊, ce n'est pas de notre ressort. {SIGNE}"
    result = review(runner, "--format", "json", draft)
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert [list(f) for f in findings] == [["code", "severity", "message", "start", "end", "match"]] * 2
    emoji, forbidden = findings
    assert (emoji["code"], emoji["severity"], emoji["start"], emoji["end"]) == ("R105", "warning", 8, 9)
    assert (forbidden["code"], forbidden["severity"]) == ("R101", "error")
    assert draft[forbidden["start"] : forbidden["end"]] == forbidden["match"] == "pas de notre ressort"


def test_warnings_alone_exit_0(runner):
    result = review(runner, "--format", "json", "Merci pour votre message !")
    assert result.exit_code == 0
    assert [f["code"] for f in json.loads(result.stdout)] == ["R106"]


def test_stdin_loses_one_trailing_newline_only(runner):
    draft = "Merci !"
    result = review(runner, "--format", "json", stdin=draft + "\n")
    (finding,) = json.loads(result.stdout)
    assert finding["start"] == finding["end"] == len(draft)
    result = review(runner, "--format", "json", "-", stdin=draft + "\n\n")
    (finding,) = json.loads(result.stdout)
    assert finding["start"] == len(draft) + 1


def test_topic_and_channel_give_the_context(runner):
    long = "Votre colis arrive. " * 15 + SIGNE
    result = review(runner, "--format", "json", "--topic", "livraison", "--channel", "twitter", long)
    codes = [f["code"] for f in json.loads(result.stdout)]
    assert codes == ["R203", "R107"]
    assert result.exit_code == 1


def test_the_text_output_underlines_the_words_and_gives_a_hint(runner):
    result = review(runner, f"Bonjour, tu peux écrire ? {SIGNE}")
    lines = result.stdout.splitlines()
    assert lines[0] == "1:10 R103 «\u202ftu\u202f» emploie le «\u202ftu\u202f» alors que la charte impose le «\u202fvous\u202f»"
    assert lines[1].endswith("| Bonjour, tu peux écrire ? " + SIGNE)
    assert lines[2].index("^^") == lines[1].index("tu peux")
    assert lines[3].strip().startswith("= conseil")
    assert lines[-1].startswith("1 erreur")


def test_an_unknown_topic_or_channel_exits_2_naming_the_file(runner):
    result = review(runner, "--topic", "livraisn", "Merci")
    assert result.exit_code == 2
    assert "livraisn" in result.stderr and "charte.fr.yaml" in result.stderr and "livraison" in result.stderr
    result = review(runner, "--channel", "tiktok", "Merci")
    assert result.exit_code == 2 and "tiktok" in result.stderr


def test_an_empty_draft_or_a_missing_playbook_exits_2(runner, tmp_path):
    assert review(runner, "  ").exit_code == 2
    result = runner.invoke(app, ["review", "-p", str(tmp_path / "none.yaml"), "Merci"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_a_real_process_reads_stdin_and_prints_json_only(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "cmkit", "review", "-p", str(CHARTE), "--format", "json"],
        input=f"Appelez le 06 12 34 56 78. {SIGNE}\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert done.returncode == 0, done.stderr
    assert [(f["code"], f["match"]) for f in json.loads(done.stdout)] == [("R108", "06 12 34 56 78")]


def test_author_flags_any_other_account_named(runner):
    draft = f"@Marie comme @paul_92, votre colis arrive demain. {SIGNE}"
    result = review(runner, "--format", "json", "--author", "marie", draft)
    assert [(f["code"], f["match"]) for f in json.loads(result.stdout)] == [("R205", "@paul_92")]
    assert result.exit_code == 0
    assert json.loads(review(runner, "--format", "json", draft).stdout) == []


def test_lang_chooses_the_language_of_the_sentences(runner):
    result = review(runner, "--lang", "en", "Merci")
    assert "the reply does not end with the charter's signature" in result.stdout
