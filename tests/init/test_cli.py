"""`cmkit init` as a consultant runs it: flags, piped answers, refusals, and a real process."""

from __future__ import annotations

import subprocess
import sys

from cmkit.cli.app import app
from cmkit.lint.engine import lint_file
from cmkit.trusted import load_playbook
from cmkit.scaffold import load_preset

NO_INPUT = ["--no-input", "--name", "Atelier Nord"]


def test_default_path_is_playbook_yaml(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init", *NO_INPUT])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "playbook.yaml").is_file()
    assert "Wrote playbook.yaml." in result.stderr
    assert "cmkit schema > playbook.schema.json" in result.stderr
    assert result.stdout == ""


def test_never_overwrites_without_force(runner, tmp_path):
    path = tmp_path / "charte.yaml"
    path.write_text("précieux\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(path), *NO_INPUT])
    assert result.exit_code == 2
    assert result.stderr == f"error: {path} already exists; pass --force to replace it\n"
    assert path.read_text(encoding="utf-8") == "précieux\n"
    forced = runner.invoke(app, ["init", str(path), *NO_INPUT, "--force"])
    assert forced.exit_code == 0
    assert load_playbook(path).organization.name == "Atelier Nord"


def test_a_folder_is_not_a_playbook_even_with_force(runner, tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path), *NO_INPUT, "--force"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: cannot write {tmp_path}: it is a folder; name the playbook file, e.g. {tmp_path / 'playbook.yaml'}\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_no_input_without_a_name_leaves_a_blank_to_fill_in_that_still_lints(runner, tmp_path):
    for lang, blank in (("fr", "Votre organisation"), ("en", "Your organisation")):
        path = tmp_path / f"p.{lang}.yaml"
        result = runner.invoke(app, ["init", str(path), "--no-input", "--lang", lang])
        assert result.exit_code == 0, result.stderr
        assert load_playbook(path).organization.name == blank
        assert [f.code for f in lint_file(path)] == []


def test_missing_folder_is_one_sentence(runner, tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path / "nope" / "p.yaml"), *NO_INPUT])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot write") and "does not exist" in result.stderr


def test_flags_for_scripts(runner, tmp_path):
    path = tmp_path / "p.yaml"
    result = runner.invoke(app, [
        "init", str(path), *NO_INPUT, "--lang", "fr", "--preset", "saas", "--sector", "logiciel RH",
        "--channel", "twitter=1h", "--channel", "forum=4h",
        "--referent", "support=Nadia Haddad,45m", "--may", "s'excuser", "--must-not", "promettre une date",
        "--schema", "https://example.org/s.json",
    ])
    assert result.exit_code == 0, result.stderr
    playbook = load_playbook(path)
    assert playbook.organization.sector == "logiciel RH"
    assert [(c.id, c.expected_response) for c in playbook.channels] == [("twitter", 60), ("forum", 240)]
    support = playbook.contact("support")
    assert (support.name, support.respond_within, support.backup) == ("Nadia Haddad", 45, "astreinte")
    assert playbook.autonomy.may == ["s'excuser"] and playbook.autonomy.must_not == ["promettre une date"]
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=https://example.org/s.json\n")
    assert "cmkit schema" not in result.stderr  # a URL needs no local schema file


def test_bad_flag_values_are_usage_errors(runner, tmp_path):
    for flags in (["--channel", "twitter"], ["--referent", "nobody=X"], ["--referent", "support=X,soon"]):
        result = runner.invoke(app, ["init", str(tmp_path / "p.yaml"), *NO_INPUT, "--preset", "saas", *flags])
        assert result.exit_code == 2, flags
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert not (tmp_path / "p.yaml").exists()


def test_piped_answers_drive_the_questionnaire(runner, tmp_path):
    """Answers on stdin, one a line: language, preset, name, sector, channels, 3 per referent, autonomy."""
    referents = ["Nadia Haddad", "45m", "", "", "", "", "", "1h", "-"]
    lines = ["fr", "local", "Le Fournil", "boulangerie", "instagram=4h, google=1d", *referents,
             "répondre aux avis; offrir un café", ""]
    path = tmp_path / "p.yaml"
    result = runner.invoke(app, ["init", str(path)], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Nom de l'organisation\u00a0: Le Fournil" in result.stdout
    playbook = load_playbook(path)
    assert playbook.organization.sector == "boulangerie"
    assert [c.id for c in playbook.channels] == ["instagram", "google"]
    assert playbook.contact("gerance").name == "Nadia Haddad"
    assert playbook.contact("responsable").backup is None
    assert playbook.autonomy.may == ["répondre aux avis", "offrir un café"]
    assert playbook.autonomy.must_not == load_preset("local", "fr")["autonomy"]["must_not"]  # Enter kept it


def test_a_refused_piped_answer_is_explained_in_french_and_asked_again(runner, tmp_path):
    path = tmp_path / "p.yaml"
    lines = ["fr", "locl", "local", "Le Fournil", "", "Instagram=2h", "instagram=2h"]
    result = runner.invoke(app, ["init", str(path)], input="\n".join(lines) + "\n" * 13)
    assert result.exit_code == 0, result.stderr
    assert "Réponse refusée\u00a0: «\u00a0locl\u00a0» n'est pas proposé" in result.stdout
    assert "Réponse refusée\u00a0: «\u00a0Instagram\u00a0» n'est pas un identifiant" in result.stdout
    assert [c.id for c in load_playbook(path).channels] == ["instagram"]


def test_end_of_input_writes_nothing(runner, tmp_path):
    path = tmp_path / "p.yaml"
    result = runner.invoke(app, ["init", str(path)], input="fr\nretail\n")
    assert result.exit_code == 2
    assert "the questionnaire ended before its last answer; nothing was written" in result.stderr
    assert not path.exists()


def test_lint_warnings_caused_by_answers_are_shown(runner, tmp_path):
    path = tmp_path / "p.yaml"
    result = runner.invoke(app, ["init", str(path), *NO_INPUT, "--channel", "twitter=1h"])
    assert result.exit_code == 0
    findings = lint_file(path)
    assert findings  # one channel cannot hold a spread over three
    assert all(f"{f.code} {f.message}" in result.stderr for f in findings)


def test_real_process(tmp_path):
    path = tmp_path / "charte.yaml"
    command = [sys.executable, "-m", "cmkit", "init", str(path), "--no-input", "--name", "Atelier Nord", "--lang", "fr"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert lint_file(path) == []
    again = subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert again.returncode == 2
    assert again.stderr.strip() == f"error: {path} already exists; pass --force to replace it"
