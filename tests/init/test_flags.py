"""QA's findings on `cmkit init`'s flags: spread fitted to the channels, no orphaned deputy, names on
one line, refusals that name the option in the charter's language."""

from __future__ import annotations

import pytest

from cmkit.cli.app import app
from cmkit.lint.engine import lint_file
from cmkit.trusted import load_playbook

NO_INPUT = ["--no-input", "--name", "Atelier Nord"]


def _filled(path):
    """The scaffold with its placeholders replaced, as the consultant delivers it."""
    text = path.read_text(encoding="utf-8").replace("@example.org", "@atelier-nord.fr")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_one_channel_drops_the_spread_and_passes_strict_once_filled(runner, tmp_path, lang):
    path = tmp_path / "p.yaml"
    result = runner.invoke(app, ["init", str(path), *NO_INPUT, "--lang", lang, "--channel", "tiktok=2h"])
    assert result.exit_code == 0, result.stderr
    assert "W211" not in result.stderr
    assert load_playbook(path).crisis.spread is None
    assert lint_file(_filled(path)) == []


def test_fewer_channels_than_the_spread_lower_it_to_their_number(runner, tmp_path):
    path = tmp_path / "p.yaml"
    flags = ["--channel", "tiktok=2h", "--channel", "facebook=4h"]
    assert runner.invoke(app, ["init", str(path), *NO_INPUT, "--lang", "fr", *flags]).exit_code == 0
    assert load_playbook(path).crisis.spread.channels == 2
    assert lint_file(_filled(path)) == []


def test_many_channels_keep_the_presets_spread(runner, tmp_path):
    path = tmp_path / "p.yaml"
    flags = [f"--channel=c{i}=2h" for i in range(5)]
    assert runner.invoke(app, ["init", str(path), *NO_INPUT, "--lang", "fr", *flags]).exit_code == 0
    assert load_playbook(path).crisis.spread.channels == 3


def test_a_new_backup_does_not_orphan_the_presets_deputy(runner, tmp_path):
    path = tmp_path / "p.yaml"
    flags = ["--referent", "service-client=Léa Morel,1h,direction"]
    assert runner.invoke(app, ["init", str(path), *NO_INPUT, "--lang", "fr", *flags]).exit_code == 0
    ids = [contact.id for contact in load_playbook(path).contacts]
    assert "service-client-adjoint" not in ids
    assert not [f for f in lint_file(path) if f.code == "I301"]


def test_a_deputy_the_consultant_names_is_kept(runner, tmp_path):
    path = tmp_path / "p.yaml"
    flags = [
        "--referent", "service-client=Léa Morel,1h,direction",
        "--referent", "service-client-adjoint=Marc Petit,2h,service-client",
    ]
    assert runner.invoke(app, ["init", str(path), *NO_INPUT, "--lang", "fr", *flags]).exit_code == 0
    contacts = {contact.id: contact for contact in load_playbook(path).contacts}
    assert contacts["service-client-adjoint"].name == "Marc Petit"
    assert contacts["service-client"].backup == "direction"


@pytest.mark.parametrize("option", ["--name", "--sector", "--author"])
@pytest.mark.parametrize("value", ["A\nfoo: bar", "Caf\x1b[31mé", "x\x85y"])
def test_a_line_break_or_control_character_is_refused(runner, tmp_path, option, value):
    path = tmp_path / "p.yaml"
    flags = ["--no-input", "--lang", "fr", option, value] + (["--name", "X"] if option != "--name" else [])
    result = runner.invoke(app, ["init", str(path), *flags])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr and "\x85" not in result.stderr
    assert result.stderr.startswith(f"error: {option} ")
    assert "retour à la ligne ou un caractère de contrôle" in result.stderr
    assert not path.exists()


def test_a_referent_name_with_a_control_character_is_refused_in_the_questionnaire(runner, tmp_path):
    from cmkit.scaffold.questionnaire import Refusal, parse_name

    with pytest.raises(Refusal) as refused:
        parse_name("Léa\x1b]0;pwned\x07 Morel")
    assert "\x1b" not in refused.value.say("fr") and "\\x1b" in refused.value.say("fr")


@pytest.mark.parametrize(
    "lang, said",
    [
        ("fr", "error: --channel twitter=30\u202f: «\xa030\xa0» n'est pas un délai"),
        ("en", "error: --channel twitter=30: '30' is not a duration"),
    ],
)
def test_a_bad_channel_names_the_option_in_the_charters_language(runner, tmp_path, lang, said):
    result = runner.invoke(app, ["init", str(tmp_path / "p.yaml"), *NO_INPUT, "--lang", lang, "--channel", "twitter=30"])
    assert result.exit_code == 2
    assert result.stderr.startswith(said) and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "lang, said",
    [
        ("fr", "error: --preset foo\u202f: «\xa0foo\xa0» n'est pas proposé\u202f: choisissez parmi retail, food, saas, public, local\n"),
        ("en", "error: --preset foo: 'foo' is not one of retail, food, saas, public, local\n"),
    ],
)
def test_an_unknown_preset_is_one_plain_sentence(runner, tmp_path, lang, said):
    result = runner.invoke(app, ["init", str(tmp_path / "p.yaml"), "--no-input", "--lang", lang, "--preset", "foo"])
    assert result.exit_code == 2
    assert result.stderr == said
    assert "Value error" not in result.stderr


from hypothesis import given, strategies as st  # noqa: E402


@given(st.text(max_size=40))
def test_any_text_is_one_clean_line_or_refused_with_a_printable_reason(text):
    """Whatever a script passes as a name: accepted on one line without control characters, or
    refused with a reason that shows the value escaped, in both languages."""
    import unicodedata

    from cmkit.scaffold.questionnaire import Refusal, parse_line

    try:
        value = parse_line(text)
    except Refusal as refusal:
        for language in ("fr", "en"):
            said = refusal.say(language)
            assert all(unicodedata.category(ch) not in ("Cc", "Zl", "Zp") for ch in said)
        return
    assert value == text.strip()
    assert all(unicodedata.category(ch) not in ("Cc", "Zl", "Zp") for ch in value)
