"""`cmkit init` as a consultant runs it: flags, piped answers, refusals, and a real process."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

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
    assert "Charter written to playbook.yaml." in result.stderr
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


def test_no_input_without_a_name_leaves_a_blank_that_strict_lint_refuses_until_filled(runner, tmp_path):
    for lang, blank, said in (
        ("fr", "Votre organisation", "Charte écrite dans"), ("en", "Your organisation", "Charter written to")
    ):
        path = tmp_path / f"p.{lang}.yaml"
        result = runner.invoke(app, ["init", str(path), "--no-input", "--lang", lang])
        assert result.exit_code == 0, result.stderr
        assert result.stderr.startswith(f"{said} {path}.")
        assert load_playbook(path).organization.name == blank
        findings = lint_file(path)
        assert {f.code for f in findings} == {"W250"}  # a draft: lint passes, lint --strict does not
        assert findings[0].path == "organization.name"
        text = path.read_text(encoding="utf-8").replace(blank, "Atelier Nord").replace("@example.org", "@atelier-nord.fr")
        path.write_text(text, encoding="utf-8")
        assert lint_file(path) == []


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


#: Per referent: name, role, e-mail, phone, delay, on call, backup.
LOCAL_REFERENTS = [
    "Nadia Haddad", "", "nadia@lefournil.fr", "06 12 34 56 78", "45m", "oui", "",
    "", "", "", "", "", "", "",
    "", "", "", "", "1h", "", "-",
]


def test_piped_answers_drive_the_questionnaire(runner, tmp_path):
    """Answers on stdin, one a line, in the order of the questions."""
    lines = ["fr", "local", "Le Fournil", "boulangerie", "instagram=4h, google=1d", "", "mar-sam 7h-19h30",
             "", "", *LOCAL_REFERENTS, "répondre aux avis; offrir un café", "", "", "Cabinet Morel", ""]
    path = tmp_path / "p.yaml"
    result = runner.invoke(app, ["init", str(path)], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stderr
    assert "Nom de l'organisation\u202f: Le Fournil" in result.stdout
    playbook = load_playbook(path)
    assert playbook.organization.sector == "boulangerie"
    assert [c.id for c in playbook.channels] == ["instagram", "google"]
    gerance = playbook.contact("gerance")
    assert (gerance.name, gerance.email, gerance.phone, gerance.on_call) == (
        "Nadia Haddad", "nadia@lefournil.fr", "+33 6 12 34 56 78", True
    )
    assert playbook.contact("responsable").backup is None
    assert playbook.hours.timezone == "Europe/Paris" and playbook.hours.open == {"tue-sat": "07:00-19:30"}
    assert playbook.document.author == "Cabinet Morel" and playbook.document.approved_by == ["gerance"]
    assert playbook.autonomy.may == ["répondre aux avis", "offrir un café"]
    assert playbook.autonomy.must_not_texts == [
        item["text"] for item in load_preset("local", "fr")["autonomy"]["must_not"]
    ]  # Enter kept it, with each item's `detect`
    assert all(not isinstance(item, str) for item in playbook.autonomy.must_not)
    assert result.stderr.startswith(f"Charte écrite dans {path}.")


def test_a_refused_piped_answer_is_explained_in_french_and_asked_again(runner, tmp_path):
    path = tmp_path / "p.yaml"
    lines = ["fr", "locl", "local", "Le Fournil", "", "Instagram=2h", "instagram=2h", "", "", "", "",
             "-", "Léa Morel", "", "lea@", "lea@lefournil.fr", "01 02", "04 72 00 00 00"]
    result = runner.invoke(app, ["init", str(path)], input="\n".join(lines) + "\n" * 30)
    assert result.exit_code == 0, result.stderr
    for refusal in (
        "«\u00a0locl\u00a0» n'est pas proposé", "«\u00a0Instagram\u00a0» n'est pas un identifiant",
        "«\u00a0-\u00a0» n'est pas le nom d'une personne", "«\u00a0lea@\u00a0» n'est pas une adresse e-mail",
        "«\u00a001 02\u00a0» n'est pas un numéro de téléphone",
    ):
        assert f"Réponse refusée\u202f: {refusal}" in result.stdout
    playbook = load_playbook(path)
    assert [c.id for c in playbook.channels] == ["instagram"]
    assert playbook.contact("gerance").phone == "+33 4 72 00 00 00"


def test_end_of_input_writes_nothing(runner, tmp_path):
    path = tmp_path / "p.yaml"
    result = runner.invoke(app, ["init", str(path)], input="fr\nretail\n")
    assert result.exit_code == 2
    assert "le questionnaire s’est arrêté avant sa dernière réponse\u202f; rien n’a été écrit" in result.stderr
    assert not path.exists()
    english = runner.invoke(app, ["init", str(path)], input="en\nretail\n")
    assert "the questionnaire ended before its last answer; nothing was written" in english.stderr
    assert not path.exists()


def test_lint_warnings_caused_by_answers_are_shown(runner, tmp_path):
    path = tmp_path / "p.yaml"
    result = runner.invoke(app, ["init", str(path), *NO_INPUT, "--channel", "twitter=1h"])
    assert result.exit_code == 0
    findings = lint_file(path)
    assert any(f.code == "W250" for f in findings)  # the preset's example.org addresses
    assert all(f"{f.code} {f.message}" in result.stderr for f in findings if f.severity != "info")


def test_real_process(tmp_path):
    path = tmp_path / "charte.yaml"
    command = [sys.executable, "-m", "cmkit", "init", str(path), "--no-input", "--name", "Atelier Nord", "--lang", "fr"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(f"Charte écrite dans {path}.\n")
    assert {f.code for f in lint_file(path)} == {"W250"}
    again = subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert again.returncode == 2
    assert again.stderr.strip() == f"error: {path} existe déjà\u202f; ajoutez --force pour le remplacer"


@pytest.mark.parametrize(("env", "language", "said"), [
    ({"CMKIT_LANG": "fr"}, "fr", "Charte écrite dans"),
    ({"LANG": "fr_FR.UTF-8"}, "fr", "Charte écrite dans"),
    ({"CMKIT_LANG": "en", "LANG": "fr_FR.UTF-8"}, "en", "Charter written to"),
])
def test_without_lang_the_charter_is_in_the_user_s_language(runner, tmp_path, monkeypatch, env, language, said):
    for variable in ("CMKIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    target = tmp_path / "charte.yaml"
    result = runner.invoke(app, ["init", str(target), *NO_INPUT], env=env)
    assert result.exit_code == 0, result.output
    assert said in result.output
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["organization"]["language"] == language
