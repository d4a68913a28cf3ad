"""Inline exceptions (`# cmkit: disable=CODE — reason`): exactly their finding, in every format."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cmkit.cli.app import app
from cmkit.lint.engine import lint_file
from cmkit.lint.inline import read_exceptions
from tests.lint.playbooks import CLEAN, broken, locate

SLOW = broken("respond_within: 1h, backup: dg}", "respond_within: 2h, backup: dg}")  # W202 on sav's line
REASON = "avocat externe, délai d'un jour convenu"


def codes(path) -> list[str]:
    return [f.code for f in lint_file(path)]


def lint(*args: str):
    return CliRunner().invoke(app, ["lint", *args], env={"NO_COLOR": "1", "CMKIT_LANG": "en"})


def test_an_exception_at_the_end_of_the_line_silences_its_finding_only(write):
    assert "W202" in codes(write("p.yaml", SLOW))
    excused = broken("backup: dg}", f"backup: dg}}  # cmkit: disable=W202 — {REASON}", SLOW)
    assert codes(write("p.yaml", excused)) == []
    other = broken("backup: dg}", f"backup: dg}}  # cmkit: disable=W205 — {REASON}", SLOW)
    assert sorted(codes(write("p.yaml", other))) == ["W202", "W253"]


def test_an_exception_alone_on_its_line_covers_the_next_line_and_the_key_of_a_finding(write):
    block = broken(
        "  - {id: sav, name: Julie Martin, email: julie.martin@fromagerie.fr, respond_within: 1h, backup: dg}\n",
        "  # cmkit: disable=W202 — " + REASON + "\n\n  # a note\n  - id: sav\n    name: Julie Martin\n"
        "    email: julie.martin@fromagerie.fr\n    respond_within: 2h\n    backup: dg\n",
    )
    # the comment covers `- id: sav`; W202 is on `respond_within` four lines below: not covered
    assert "W202" in codes(write("p.yaml", block))
    on_key = broken(
        "fromagerie.fr\n    respond_within: 2h\n",
        "fromagerie.fr\n    # cmkit: disable=W202 — " + REASON + "\n    respond_within: 2h\n",
        block,
    )
    on_key = broken("  # cmkit: disable=W202 — " + REASON + "\n\n", "", on_key)
    assert codes(write("p.yaml", on_key)) == []


def test_an_exception_without_a_reason_still_silences_but_is_reported(write):
    bare = broken("backup: dg}", "backup: dg}  # cmkit: disable=W202", SLOW)
    findings = lint_file(write("p.yaml", bare))
    assert [f.code for f in findings] == ["W252"]
    assert (findings[0].line, findings[0].column) == locate(bare, "# cmkit")


def test_an_exception_naming_no_rule_is_reported(write):
    text = broken("backup: dg}", f"backup: dg}}  # cmkit: disable=W202,W999 — {REASON}", SLOW)
    (finding,) = lint_file(write("p.yaml", text))
    assert finding.code == "W253" and "W999" in finding.message


def test_strict_text_json_and_sarif_honour_the_exception(write):
    path = str(write("p.yaml", broken("backup: dg}", f"backup: dg}}  # cmkit: disable=W202 — {REASON}", SLOW)))
    text = lint("--strict", path)
    assert text.exit_code == 0, text.output
    assert "1 finding silenced by an inline exception" in text.stdout
    assert "W202" not in text.stdout
    shown = lint("--strict", "--show-suppressed", path)
    assert shown.exit_code == 0 and "W202" in shown.stdout and REASON in shown.stdout
    assert json.loads(lint("-f", "json", path).stdout) == []
    (listed,) = json.loads(lint("-f", "json", "--show-suppressed", path).stdout)
    assert listed["code"] == "W202" and listed["suppression"] == {"kind": "inSource", "justification": REASON}
    sarif = json.loads(lint("-f", "sarif", path).stdout)
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "W202"
    assert result["suppressions"] == [{"kind": "inSource", "status": "accepted", "justification": REASON}]
    assert lint("-f", "github", path).stdout == ""


def test_an_ignored_rule_does_not_make_its_exception_unused(write):
    path = str(write("p.yaml", broken("Fontaine, respond_within: 30m}", f"Fontaine, respond_within: 30m}}  # cmkit: disable=W202 — {REASON}")))
    assert lint("--strict", path).exit_code == 1
    assert lint("--strict", "--ignore", "W202", path).exit_code == 0


def test_a_hash_inside_a_word_is_no_comment():
    assert read_exceptions(["label: C#cmkit: disable=W202 — x"]) == []
    assert read_exceptions(["# cmkit: disable=W202"])[0].target is None


@given(st.sampled_from(["—", "–", "-", "--", ":", ""]), st.text(alphabet="abc déf'", min_size=1))
def test_every_separator_gives_the_reason(separator, reason):
    (found,) = read_exceptions([f"key: v  # cmkit: disable=w202, W205 {separator} {reason}"])
    assert found.codes == ("W202", "W205") and found.target == 1
    assert found.reason == reason.strip()
