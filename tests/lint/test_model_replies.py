"""Lint reviews the playbook's own model replies (W217, W218) and refuses unknown placeholders (E105),
and only E105 stops other commands from loading the playbook."""

from __future__ import annotations

import pytest

from cmkit.cli.app import app
from cmkit.errors import LoadError
from cmkit.lint.engine import lint_file
from cmkit.trusted import load_playbook
from tests.lint.playbooks import broken

_AFTER_LIVRAISON = "    process: support\n  - id: litige"
FRENCH = broken("organization: {name: Test}", "organization: {name: Test, language: fr}")
VOUS = broken("tone:\n", "tone:\n  address: vous\n  emoji: false\n  signature: \"— Léa\"\n", FRENCH)


def _reply(text: str, playbook: str = VOUS) -> str:
    return broken(_AFTER_LIVRAISON, f"    process: support\n    reply: \"{text}\"\n  - id: litige", playbook)


def _holding(text: str, playbook: str = VOUS) -> str:
    return broken("  respond_within: 30m\n  authors", f"  respond_within: 30m\n  holding_statement: \"{text}\"\n  authors", playbook)


def _codes(write, text):
    return [(f.code, f.path) for f in lint_file(write("p.yaml", text))]


def test_a_clean_model_reply_and_holding_statement_give_nothing(write):
    text = _holding("Nous vérifions, {referent} vous répond {deadline}. {signature}", _reply("Merci {author} ! {signature}"))
    assert _codes(write, text) == []


def test_a_reply_that_breaks_its_charter_is_a_warning_that_fails_only_strict(write, runner):
    path = write("p.yaml", _reply("Ce n'est pas de notre ressort. {signature}"))
    assert _codes(write, path.read_text()) == [("W217", "topics[0].reply")]
    assert runner.invoke(app, ["lint", str(path)]).exit_code == 0
    assert runner.invoke(app, ["lint", "--strict", str(path)]).exit_code == 1
    load_playbook(path)  # other commands still load it


def test_a_holding_statement_that_says_tu_in_a_vous_charter(write):
    findings = lint_file(write("p.yaml", _holding("Nous regardons ton message. {signature}")))
    (finding,) = findings
    assert (finding.code, finding.path) == ("W217", "crisis.holding_statement")
    assert "(R103 «\u202fton\u202f»)" in finding.message


def test_review_warnings_of_a_reply_are_w218(write):
    assert _codes(write, _reply("Merci ! 😊")) == [("W218", "topics[0].reply"), ("W218", "topics[0].reply")]


def test_english_playbooks_skip_the_address(write):
    english = broken("tone:\n", "tone:\n  address: vous\n")
    assert _codes(write, _reply("Thank you, tu es super.", english)) == []


@pytest.mark.parametrize("placeholder", ["{prenom}", "{ referent }", "{0}", "{Referent}"])
def test_an_unknown_placeholder_is_an_error_that_stops_loading(write, runner, placeholder):
    path = write("p.yaml", _reply(f"Bonjour {placeholder}. {{signature}}"))
    assert ("E105", "topics[0].reply") in _codes(write, path.read_text())
    with pytest.raises(LoadError, match="E105"):
        load_playbook(path)
    result = runner.invoke(app, ["review", "-p", str(path), "Merci"])
    assert result.exit_code == 2 and "E105" in result.stderr


def test_escaped_braces_are_no_placeholder(write):
    assert _codes(write, _reply("Le code {{promo}} est valable. {signature}")) == []


def test_a_close_placeholder_gets_a_did_you_mean(write):
    (finding,) = [f for f in lint_file(write("p.yaml", _reply("{referant} {signature}"))) if f.code == "E105"]
    assert "{referent}" in (finding.hint or "")
