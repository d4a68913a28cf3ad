"""`lint --explain` and `--list-rules` speak French too: every rule's documentation has its translation."""

from __future__ import annotations

import re

import pytest

from cmkit.cli.app import app
from cmkit.formats.findings_rules import described
from cmkit.i18n import catalogue
from cmkit.lint.registry import all_rules


def _examples(doc: str) -> list[str]:
    """The `FAIL::` / `PASS::` blocks of a rule's documentation, as written (data, never translated)."""
    return re.findall(r"(?:FAIL|PASS)::\n(?:\n|    .*\n?)*", doc + "\n")


@pytest.mark.parametrize("rule", all_rules(), ids=lambda rule: rule.code)
def test_every_rule_is_explained_in_french_with_the_same_examples(rule):
    french = catalogue("fr")
    doc = french.p(f"rule {rule.code}", rule.doc)
    assert doc != rule.doc, f"{rule.code}: no French for its docstring (msgctxt \"rule {rule.code}\" in fr.po)"
    summary, reason = described(rule, french)
    assert summary and reason and "\n" not in summary
    assert [block.rstrip() for block in _examples(doc)] == [block.rstrip() for block in _examples(rule.doc)]


def test_explain_and_the_list_follow_the_language(runner):
    french = runner.invoke(app, ["lint", "--explain", "W205", "--lang", "fr"])
    assert french.exit_code == 0
    assert french.stdout.startswith("W205 referent-without-backup (avertissement)\n\n")
    assert "Signalé\u202f:" in french.stdout and "Accepté\u202f:" in french.stdout and "This fails" not in french.stdout
    english = runner.invoke(app, ["lint", "--explain", "W205", "--lang", "en"])
    assert "A referent on an escalation path has no `backup`." in english.stdout and "This fails:" in english.stdout
    listed = runner.invoke(app, ["lint", "--list-rules", "--lang", "fr"]).stdout.splitlines()
    assert len(listed) == len(all_rules())
    french_summaries = [described(rule, catalogue("fr"))[0] for rule in all_rules()]
    assert [line.rstrip().endswith(summary) for line, summary in zip(listed, french_summaries)] == [True] * len(listed)
    assert not any(line.rstrip().endswith(rule.summary) for line, rule in zip(listed, all_rules()))
    assert {line.split()[1] for line in listed} == {"erreur", "avertissement", "remarque"}
