"""`cmkit check`: the verdict as text and JSON, stdin, option errors, and a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import typing

from cmkit.cli.app import app
from cmkit.cli.check_fast import AuthorKindChoice
from cmkit.model.common import AUTHOR_KINDS
from tests.conftest import FR_PLAYBOOK
from tests.decide.builders import isolated_cache  # noqa: F401 (fixture)

P = ["-p", str(FR_PLAYBOOK)]


def test_the_author_kind_choice_is_the_model_s(isolated_cache):
    assert typing.get_args(AuthorKindChoice) == AUTHOR_KINDS


def test_escalation_names_referent_backup_deadline_and_triggers(runner, isolated_cache):
    result = runner.invoke(app, ["check", *P, "-c", "twitter", "Je veux être remboursé !"], env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "ESCALATE to Julie Martin (sav) within 1h"
    assert "julie.martin@maison-dupuis.fr" in result.stdout
    assert "backup: Karim Benali" in result.stdout
    assert "promettre un remboursement" in result.stdout  # must_not
    assert "remboursement (escalate): “rembours*”" in result.stdout
    assert "\033[" not in result.stdout


def test_colour_only_when_forced_or_on_a_terminal(runner, isolated_cache):
    forced = runner.invoke(app, ["check", *P, "colis"], env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert forced.stdout.startswith("\033[1;32m ANSWER")


def test_decline_says_do_not_answer_and_has_no_deadline(runner, isolated_cache):
    result = runner.invoke(app, ["check", *P, "-c", "twitter", "les élections"], env={"NO_COLOR": "1"})
    assert result.stdout.splitlines()[0].strip() == "DECLINE: do not answer"


def test_json_has_the_spec_keys(runner, isolated_cache):
    result = runner.invoke(app, ["check", *P, "--format", "json", "-a", "journalist", "bonjour"])
    data = json.loads(result.stdout)
    assert data["action"] == "crisis" and data["escalate_to"] == "dg" and data["crisis"] is True
    assert data["respond_within_minutes"] == 30 and data["topic"] is None
    assert data["reasons"] == [{"topic": None, "kind": "author", "matched": ["journalist"]}]
    assert data["referent"]["name"] == "Claire Dupuis"


def test_text_from_stdin(runner, isolated_cache):
    result = runner.invoke(app, ["check", *P, "--format", "json"], input="mon colis\n")
    assert json.loads(result.stdout)["topic"] == "livraison"


def test_empty_message_is_a_usage_error(runner, isolated_cache):
    result = runner.invoke(app, ["check", *P, "  "])
    assert result.exit_code == 2 and "the message is empty" in result.stderr


def test_unknown_channel_lists_the_channels(runner, isolated_cache):
    result = runner.invoke(app, ["check", *P, "-c", "tiktok", "colis"])
    assert result.exit_code == 2
    assert "no channel 'tiktok'" in result.stderr and "twitter" in result.stderr


def test_bad_author_kind_and_negative_followers_are_usage_errors(runner, isolated_cache):
    assert runner.invoke(app, ["check", *P, "-a", "alien", "colis"]).exit_code == 2
    assert runner.invoke(app, ["check", *P, "--followers", "-3", "colis"]).exit_code == 2


def test_playbook_from_the_environment_and_a_broken_one(runner, isolated_cache, write):
    assert runner.invoke(app, ["check", "colis"], env={"CMKIT_PLAYBOOK": str(FR_PLAYBOOK)}).exit_code == 0
    broken = write("broken.yaml", "cmkit: 1\norganization: {name: X}\n")
    result = runner.invoke(app, ["check", "-p", str(broken), "colis"])
    assert result.exit_code == 2 and "broken.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_without_p_or_the_environment_the_current_folder_s_playbook_yaml_is_used(
    runner, isolated_cache, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CMKIT_PLAYBOOK", raising=False)
    result = runner.invoke(app, ["check", "colis"])
    assert result.exit_code == 2 and "playbook.yaml" in result.stderr
    (tmp_path / "playbook.yaml").write_bytes(FR_PLAYBOOK.read_bytes())
    result = runner.invoke(app, ["check", "--format", "json", "colis"])
    assert result.exit_code == 0 and json.loads(result.stdout)["topic"] == "livraison"


def test_a_real_process_reads_stdin_and_never_hangs(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "cmkit", "check", *P, "--channel", "email"],
        input="Commande n°123456 jamais arrivée", capture_output=True, text=True, env=env, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(" ANSWER within 2h")


def test_the_plain_parser_takes_plain_invocations_and_leaves_the_rest_to_typer():
    from pathlib import Path

    from cmkit.cli.check_fast import parse

    assert parse(["-p", "x.yaml", "-c", "twitter", "-f", "json", "--followers", "12", "salut"]) == {
        "text": "salut", "playbook": Path("x.yaml"), "channel": "twitter", "output_format": "json", "followers": 12,
    }
    assert parse(["--", "-5 % sur tout ?"]) == {"text": "-5 % sur tout ?"}
    assert parse([]) == {"text": None}
    for argv in (["--help"], ["-h"], ["-a", "alien", "x"], ["--followers", "-1", "x"], ["a", "b"], ["--format", "xml", "x"],
                 ["-c"], ["-c", "a", "-c", "b", "x"], ["--unknown", "x"]):
        assert parse(argv) is None, argv


def test_the_fast_path_and_typer_print_the_same(runner, isolated_cache, tmp_path):
    argv = ["check", *P, "--channel", "twitter", "--format", "json", "Colis jamais arrivé, remboursez-moi"]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    fast = subprocess.run([sys.executable, "-m", "cmkit", *argv], capture_output=True, text=True, env=env, timeout=60)
    assert fast.stdout == runner.invoke(app, argv).stdout
    bad = subprocess.run([sys.executable, "-m", "cmkit", "check", *P, "-c", "tiktok", "x"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert bad.returncode == 2 and bad.stderr == runner.invoke(app, ["check", *P, "-c", "tiktok", "x"]).stderr
