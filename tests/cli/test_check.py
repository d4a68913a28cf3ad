"""`cmkit check`: the verdict as text and JSON, its options (one declaration, two parsers),
stdin, errors, and real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cmkit.cli.app import app
from cmkit.cli.check_fast import OPTIONS, parse
from tests.conftest import FR_PLAYBOOK
from tests.decide.builders import isolated_cache  # noqa: F401 (fixture)

SMALL = Path(__file__).resolve().parent.parent / "decide" / "boulangerie.fr.yaml"
P = ["-p", str(SMALL)]
PLAIN = {"NO_COLOR": "1", "COLUMNS": "120"}


def check(runner, *argv, env=PLAIN):
    result = runner.invoke(app, ["check", *P, *argv], env=env)
    return result


def as_json(runner, *argv):
    result = check(runner, "--format", "json", *argv)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# -- the verdict's first line ------------------------------------------------------------


def test_escalation_names_referent_and_when_the_public_has_its_answer_in_french(runner, isolated_cache):
    result = check(runner, "-c", "twitter", "Je veux être remboursé !")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].strip() == "TRANSMETTRE à Julie Martin (sav) — le public doit avoir sa réponse sous 1\u00a0heure"
    assert "\u202f: Remboursement (remboursement)" in lines[1]
    assert "Référent" in lines and "Ton" in lines and "Vous ne devez pas" in lines and "Pourquoi" in lines
    assert "suppléant\u202f: Karim Benali" in result.stdout
    assert "Vous pouvez" not in lines  # the CM does not answer alone: what they may promise is not shown
    assert "\033[" not in result.stdout


def test_the_same_verdict_in_english_with_lang(runner, isolated_cache):
    lines = check(runner, "--lang", "en", "-c", "twitter", "Je veux être remboursé !").stdout.splitlines()
    assert lines[0].strip() == "ESCALATE to Julie Martin (sav) — the public must have its answer within 1\u00a0hour"
    assert "Referent" in lines and "You must not" in lines and "Why" in lines


@pytest.mark.parametrize(("text", "first"), [
    ("merci beaucoup", "RÉPONDRE"),
    ("Gagnez 500 €", "MODÉRER — à faire sous 1\u00a0heure"),
    ("les élections", "NE PAS RÉPONDRE — ne pas s’engager dans la discussion"),
    ("je suis intoxiqué", "CRISE — transmettre immédiatement à Claire Dupuis (dg) — le public doit avoir sa réponse sous 30\u00a0minutes"),
])
def test_each_action_has_its_french_verdict(runner, isolated_cache, text, first):
    assert check(runner, text).stdout.splitlines()[0].strip() == first


def test_a_decline_shows_no_tone_and_no_autonomy(runner, isolated_cache):
    lines = check(runner, "les élections").stdout.splitlines()
    assert "Ton" not in lines and "Vous ne devez pas" not in lines and "Vous pouvez" not in lines


def test_a_crisis_by_author_without_topic_says_why_it_is_one(runner, isolated_cache):
    lines = check(runner, "--author", "leparisien", "Bonjour, une question").stdout.splitlines()
    assert lines[0].strip().startswith("CRISE — transmettre immédiatement à Claire Dupuis (dg)")
    assert "c’est pourtant une crise, à cause de son auteur" in lines[1]
    assert "l’auteur est un journaliste (liste de veille\u202f: @LeParisien)" in lines[2]
    both = check(runner, "--author", "leparisien", "je suis intoxiqué").stdout.splitlines()
    assert "  Crise\u202f: l’auteur est un journaliste (liste de veille\u202f: @LeParisien)\u202f; intox est un sujet de crise" in both


def test_an_answer_shows_the_reply_with_its_placeholders_filled(runner, isolated_cache):
    out = check(runner, "-c", "twitter", "--author", "@marie", "mon colis ?").stdout
    assert "Réponse proposée (à adapter avant de publier)" in out
    assert "Bonjour @marie, nous regardons votre colis et revenons vers vous sous 1\u00a0heure. — Léa" in out
    assert "Vous pouvez" in out


def test_tone_and_autonomy_are_shortened_unless_verbose(runner, isolated_cache):
    short = check(runner, "colis").stdout
    assert "à faire\u202f: remercier" not in short
    full = check(runner, "--verbose", "colis").stdout
    assert "à faire\u202f: remercier" in full and "à faire\u202f: passer en privé" in full


def test_brief_is_one_line(runner, isolated_cache):
    result = check(runner, "--brief", "--lang", "en", "-c", "FB", "--at", "2026-03-06T17:30", "remboursez-moi")
    assert result.stdout == (
        "ESCALATE to Julie Martin (sav) — the public must have its answer by Friday 6\u00a0March at 21:30 · remboursement\n"
    )


def test_lines_are_wrapped_to_the_terminal_width(runner, isolated_cache):
    for columns in (60, 120):
        out = check(runner, "--author", "leparisien", "-c", "twitter", "remboursez", env={**PLAIN, "COLUMNS": str(columns)}).stdout
        assert max(len(line) for line in out.splitlines()) <= columns


def test_the_spread_note_only_where_the_rule_watches_the_topic(runner, isolated_cache):
    assert "règle de propagation" in check(runner, "remboursez-moi").stdout
    assert "règle de propagation" not in check(runner, "merci").stdout


def test_colour_only_when_forced_or_on_a_terminal(runner, isolated_cache):
    forced = check(runner, "colis", env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert forced.stdout.startswith("\033[1;32m RÉPONDRE")


# -- JSON ----------------------------------------------------------------------------------


def test_json_has_the_spec_keys(runner, isolated_cache):
    data = as_json(runner, "-a", "journalist", "bonjour")
    assert data["action"] == "crisis" and data["escalate_to"] == "dg" and data["crisis"] is True
    assert data["respond_within_minutes"] == 30 and data["topic"] is None
    assert data["reasons"] == [{"topic": None, "kind": "author", "matched": ["journalist"]}]
    assert {"tier", "due_at", "reply", "suggested_topic"} <= set(data)
    assert data["reply"] == "Nous avons bien vu vos messages. Claire Dupuis vous répond sous 30 minutes. — Léa"


def test_message_fields_author_engagement_at_and_french_kinds(runner, isolated_cache):
    data = as_json(runner, "--engagement", "50", "--at", "2026-03-06T17:30", "-c", "Page facebook", "remboursez")
    assert (data["tier"], data["escalate_to"], data["respond_within_minutes"]) == (0, "lead", 30)
    assert data["due_at"] == "2026-03-06T18:00:00+01:00"
    assert as_json(runner, "-a", "Journaliste", "x")["action"] == "crisis"
    assert as_json(runner, "-a", "salariée", "x")["author_kind"] == "employee"


# -- options: one declaration, two parsers --------------------------------------------------


def test_the_plain_parser_takes_plain_invocations_and_leaves_the_rest_to_typer():
    assert parse(["-p", "x.yaml", "-c", "twitter", "-f", "json", "--followers", "12", "--brief", "salut"]) == {
        "text": "salut", "playbook": "x.yaml", "channel": "twitter", "output_format": "json", "followers": "12",
        "brief": True,
    }
    assert parse(["--", "-5 % sur tout ?"]) == {"text": "-5 % sur tout ?"}
    assert parse([]) == {"text": None}
    assert parse(["--channel=", "tw"]) == {"text": "tw", "channel": ""}
    for argv in (["--help"], ["-h"], ["a", "b"], ["--channel=", "tw", "text"], ["-c"], ["-c", "a", "-c", "b", "x"],
                 ["--unknown", "x"], ["--brief=yes", "x"]):
        assert parse(argv) is None, argv


def test_every_option_is_known_to_typer():
    from cmkit.cli.check import command
    import inspect

    assert [p for p in inspect.signature(command).parameters][1:] == [o.name for o in OPTIONS]


@pytest.mark.parametrize("value", ["²", "①", "٣", "-3", "12.5", "1e3", "9" * 5000, ""])
def test_a_count_that_is_not_plain_digits_is_a_clear_usage_error(runner, isolated_cache, value):
    for option in ("--followers", "--engagement"):
        result = check(runner, option, value, "colis")
        assert result.exit_code == 2, (option, value)
        assert f"{option} doit être un nombre entier" in result.stderr and len(result.stderr.splitlines()) == 1
        assert len(result.stderr) < 200 and "Traceback" not in result.stderr
        english = check(runner, "--lang", "en", option, value, "colis")
        assert english.exit_code == 2 and f"{option} must be a whole number" in english.stderr


def test_thousands_separators_are_read(runner, isolated_cache):
    assert as_json(runner, "--followers", "600 000", "remboursez")["crisis"] is True


def test_a_bad_time_kind_format_or_language_is_a_usage_error(runner, isolated_cache):
    for argv, says in ((["--at", "hier"], "--at doit être une date et heure ISO 8601"),
                       (["-a", "alien"], "n’est pas un type d’auteur"),
                       (["-f", "xml"], "--format doit valoir text, json, pas 'xml'"),
                       (["--lang", "de"], "--lang doit valoir en, fr, pas 'de'"),
                       (["--lang", "en", "--at", "hier"], "--at must be an ISO 8601 time")):
        result = check(runner, *argv, "colis")
        assert result.exit_code == 2 and says in result.stderr, argv


def test_unknown_channel_lists_the_channels(runner, isolated_cache):
    result = check(runner, "-c", "tiktok", "colis")
    assert result.exit_code == 2
    assert "n’a pas de canal 'tiktok'\u202f; ses canaux\u202f: email, facebook, twitter" in result.stderr
    assert "no channel 'tiktok'; its channels" in check(runner, "--lang", "en", "-c", "tiktok", "colis").stderr


def test_empty_message_is_a_usage_error(runner, isolated_cache):
    result = check(runner, "  ")
    assert result.exit_code == 2 and "le message est vide" in result.stderr
    assert "the message is empty" in check(runner, "--lang", "en", "  ").stderr


def test_text_from_stdin(runner, isolated_cache):
    result = runner.invoke(app, ["check", *P, "--format", "json"], input="mon colis\n")
    assert json.loads(result.stdout)["topic"] == "livraison"


def test_playbook_from_the_environment_and_a_broken_one(runner, isolated_cache, write):
    assert runner.invoke(app, ["check", "colis"], env={"CMKIT_PLAYBOOK": str(SMALL)}).exit_code == 0
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
    (tmp_path / "playbook.yaml").write_bytes(SMALL.read_bytes())
    result = runner.invoke(app, ["check", "--format", "json", "colis"])
    assert result.exit_code == 0 and json.loads(result.stdout)["topic"] == "livraison"


# -- real processes ---------------------------------------------------------------------------


def _process(*argv, env_extra=None, **kwargs):
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "cmkit", *argv], capture_output=True, text=True, env=env,
                          timeout=60, **kwargs)


def test_a_real_process_reads_stdin_and_never_hangs(tmp_path):
    done = _process("check", *P, "--channel", "email", "--lang", "en", input="Où est mon colis ?",
                    env_extra={"XDG_CACHE_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(" ANSWER — the public must have its answer within 2\u00a0hours")


@pytest.mark.parametrize("argv", [
    ["--channel", "FB", "--format", "json", "--author", "x@AFP.com", "--at", "2026-12-24T17:50", "remboursez-moi"],
    ["--followers", "²", "x"],
    ["-c", "tiktok", "x"],
    ["--channel=", "tw", "text"],
    ["--brief", "--engagement", "60", "remboursez"],
])
def test_the_fast_path_and_typer_print_the_same(runner, isolated_cache, tmp_path, argv):
    fast = _process("check", *P, *argv, env_extra={"XDG_CACHE_HOME": str(tmp_path)})
    typer_result = runner.invoke(app, ["check", *P, *argv], env=PLAIN)
    assert (fast.returncode, fast.stdout) == (typer_result.exit_code, typer_result.stdout)
    if fast.returncode:
        assert fast.stderr.splitlines()[-1] == typer_result.stderr.splitlines()[-1]


def test_the_example_playbook_still_decides(runner, isolated_cache):
    result = runner.invoke(app, ["check", "-p", str(FR_PLAYBOOK), "--format", "json", "colis"])
    assert result.exit_code == 0 and json.loads(result.stdout)["action"] in ("answer", "escalate")


# -- hostile stdin --------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["check", *P], ["review", *P]])
def test_dev_zero_on_stdin_is_refused_in_one_sentence_without_reading_it_all(tmp_path, command):
    with open("/dev/zero", "rb") as zero:
        done = _process(*command, stdin=zero, env_extra={"XDG_CACHE_HOME": str(tmp_path)})
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert "dépasse 1\u00a0Mo" in done.stderr


def test_a_megabyte_of_text_is_read_and_one_byte_more_is_refused(runner, isolated_cache):
    fits = runner.invoke(app, ["check", *P, "--format", "json"], input="colis " + "x" * ((1 << 20) - 6))
    assert fits.exit_code == 0 and json.loads(fits.stdout)["topic"] == "livraison"
    for command in ("check", "review"):
        over = runner.invoke(app, [command, *P], input="colis " + "x" * ((1 << 20) - 5))
        assert over.exit_code == 2 and "dépasse 1\u00a0Mo" in over.stderr


@pytest.mark.parametrize(("data", "said"), [
    (b"\0" * 5000, "octet NUL"),
    (b"colis\0", "octet NUL"),
    (b"\xff\xfeabc", "UTF-8"),
])
def test_binary_or_non_utf8_stdin_is_refused(tmp_path, data, said):
    done = subprocess.run([sys.executable, "-m", "cmkit", "check", *P, "--brief"], input=data, capture_output=True,
                          timeout=60, env={**os.environ, "NO_COLOR": "1", "XDG_CACHE_HOME": str(tmp_path)})
    assert done.returncode == 2 and said in done.stderr.decode()
    assert done.stdout == b""


def test_utf8_with_a_byte_order_mark_is_read(runner, isolated_cache):
    result = runner.invoke(app, ["check", *P, "--format", "json"], input="\ufeffmon colis".encode())
    assert json.loads(result.stdout)["topic"] == "livraison"


def test_crisis_reason_in_json_follows_the_verdict_language(runner, isolated_cache):
    french = as_json(runner, "--author", "x@afp.com", "colis")
    assert french["crisis"] and "journaliste" in french["crisis_reason"]
    english = as_json(runner, "--lang", "en", "--author", "x@afp.com", "colis")
    assert "journalist" in english["crisis_reason"] and "journaliste" not in english["crisis_reason"]
    assert as_json(runner, "colis")["crisis_reason"] is None
