"""`cmkit lint` as a user runs it: exit codes, formats, selection, several files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cmkit.cli.app import app
from tests.conftest import FR_PLAYBOOK
from tests.lint.playbooks import CLEAN, broken, locate

UNKNOWN_REFERENT = broken("escalate_to: sav", "escalate_to: savv")
NO_KPI = broken("statement: Répondre vite, kpi: délai médian}", "statement: Répondre vite}")


def lint(runner, *args):
    return runner.invoke(app, ["lint", *map(str, args)])


def test_a_clean_playbook_exits_0_and_says_so(runner, write):
    result = lint(runner, write("p.yaml", CLEAN))
    assert result.exit_code == 0
    assert result.stdout.strip() == "No problems in 1 file."


def test_an_error_exits_1_with_location_source_line_caret_and_hint(runner, write):
    path = write("p.yaml", UNKNOWN_REFERENT)
    line, column = locate(UNKNOWN_REFERENT, "savv")
    result = lint(runner, path)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    head = lines.index(f"{path}:{line}:{column} E101 'savv' names no contact")
    assert lines[head + 1].endswith("|     escalate_to: savv")
    assert lines[head + 2].index("^") == lines[head + 1].index("savv")
    assert lines[head + 3].strip() == "= hint: did you mean 'sav'?"
    assert lines[-1] == "1 error in 1 file"


def test_warnings_fail_only_under_strict(runner, write):
    path = write("p.yaml", NO_KPI)
    assert lint(runner, path).exit_code == 0
    strict = lint(runner, "--strict", path)
    assert strict.exit_code == 1
    assert strict.stdout.splitlines()[-1] == "1 warning in 1 file"


def test_info_never_fails(runner, write):
    path = write("p.yaml", CLEAN[: CLEAN.index("reporting:")])
    result = lint(runner, "--strict", path)
    assert result.exit_code == 0
    assert "I302" in result.stdout


def test_a_missing_file_exits_2_and_the_other_files_are_still_linted(runner, write, tmp_path):
    bad = write("bad.yaml", UNKNOWN_REFERENT)
    result = lint(runner, "--format", "json", tmp_path / "missing.yaml", bad)
    assert result.exit_code == 2
    assert "missing.yaml: no such playbook" in result.stderr
    assert [f["code"] for f in json.loads(result.stdout)] == ["E101"]


def test_no_playbook_is_a_usage_error(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CMKIT_PLAYBOOK", raising=False)
    result = lint(runner)
    assert result.exit_code == 2
    assert "no playbook given" in result.stderr


def test_without_arguments_lint_finds_the_playbook_like_every_command(runner, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CMKIT_PLAYBOOK", raising=False)
    write("playbook.yaml", UNKNOWN_REFERENT)
    here = lint(runner, "--format", "json")
    assert here.exit_code == 1 and json.loads(here.stdout)[0]["file"] == "playbook.yaml"
    elsewhere = write("sub/charte.yaml", CLEAN)
    monkeypatch.setenv("CMKIT_PLAYBOOK", str(elsewhere))
    assert lint(runner).exit_code == 0
    assert lint(runner, "-p", "playbook.yaml").exit_code == 1


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_unknown_code_is_a_usage_error(runner, write, option):
    result = lint(runner, option, "W2,X99", write("p.yaml", CLEAN))
    assert result.exit_code == 2
    assert "'X99' is no rule code" in result.stderr
    assert result.stdout == ""


def test_select_and_ignore_take_codes_and_prefixes(runner, write):
    path = write("p.yaml", broken("escalate_to: sav", "escalate_to: savv", NO_KPI))
    codes = lambda *args: [f["code"] for f in json.loads(lint(runner, "-f", "json", *args, path).stdout)]  # noqa: E731
    assert codes() == ["W201", "E101"]
    assert codes("--select", "W") == ["W201"]
    assert codes("--select", "e1") == ["E101"]
    assert codes("--ignore", "W201") == ["E101"]
    assert codes("--select", "E,W", "--ignore", "E101") == ["W201"]
    assert lint(runner, "--ignore", "E", path).exit_code == 0


def test_json_is_one_array_for_all_files_with_the_spec_fields(runner, write):
    first = write("a.yaml", UNKNOWN_REFERENT)
    second = write("b.yaml", NO_KPI)
    result = lint(runner, "--format", "json", first, second)
    findings = json.loads(result.stdout)
    assert [(f["file"], f["code"]) for f in findings] == [(str(first), "E101"), (str(second), "W201")]
    assert {"code", "severity", "message", "file", "line", "column", "path", "hint", "rule"} == set(findings[0])
    assert findings[0]["path"] == "topics[1].escalate_to"
    assert findings[0]["severity"] == "error" and findings[1]["severity"] == "warning"


def test_json_of_a_clean_run_is_an_empty_array(runner, write):
    assert json.loads(lint(runner, "-f", "json", write("p.yaml", CLEAN)).stdout) == []


def test_github_annotations(runner, write):
    path = write("p.yaml", broken("escalate_to: sav", "escalate_to: savv", NO_KPI))
    lines = lint(runner, "--format", "github", path).stdout.splitlines()
    line, column = locate(NO_KPI, "{id: reactivite")
    assert lines[0] == (
        f"::warning file={path},line={line},col={column},title=W201 objective-without-kpi::"
        "objective 'reactivite' has no kpi, so nobody can tell whether it is met "
        "(hint: add `kpi:` (and a `target:`) saying how it is measured)"
    )
    assert lines[1].startswith("::error ") and "title=E101 unknown-reference::" in lines[1]


def test_github_escapes_what_would_break_a_workflow_command():
    from cmkit.formats.findings_github import render
    from cmkit.lint.engine import FileResult, LintReport
    from cmkit.lint.finding import Finding

    finding = Finding("I301", "info", "100% sure\nnext", "a,b:c.yaml", 1, 2, "", None, "x")
    out = render(LintReport([FileResult("a,b:c.yaml", [finding])]))
    assert out == "::notice file=a%2Cb%3Ac.yaml,line=1,col=2,title=I301 x::100%25 sure%0Anext"


def test_sarif_is_2_1_0_with_rules_and_located_results(runner, write):
    path = write("p.yaml", UNKNOWN_REFERENT)
    log = json.loads(lint(runner, "--format", "sarif", path).stdout)
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    (result,) = run["results"]
    assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == "E101"
    assert rules[result["ruleIndex"]]["shortDescription"]["text"] == "An id refers to no contact or channel."
    assert "FAIL::" in rules[result["ruleIndex"]]["help"]["text"]
    assert result["level"] == "error"
    location = result["locations"][0]["physicalLocation"]
    line, column = locate(UNKNOWN_REFERENT, "savv")
    assert location["region"] == {"startLine": line, "startColumn": column}
    assert location["artifactLocation"]["uri"].startswith("file://")
    assert {r["defaultConfiguration"]["level"] for r in rules} == {"error", "warning", "note"}
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_keeps_a_relative_path_relative_and_percent_encoded():
    from cmkit.formats.findings_sarif import render
    from cmkit.lint.engine import FileResult, LintReport
    from cmkit.lint.finding import Finding
    from cmkit.lint.registry import all_rules

    finding = Finding("W204", "warning", "no crisis", "charte v2/playbook #1.yaml", 3, 1, "crisis", None, "x")
    log = json.loads(render(LintReport([FileResult(finding.file, [finding])]), all_rules()))
    location = log["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == "charte%20v2/playbook%20%231.yaml"
    assert location["logicalLocations"] == [{"fullyQualifiedName": "crisis"}]


def test_list_rules_and_explain(runner):
    listing = runner.invoke(app, ["lint", "--list-rules"])
    assert listing.exit_code == 0
    assert listing.stdout.splitlines()[0].split()[:3] == ["E001", "error", "not-a-playbook-file"]
    explained = runner.invoke(app, ["lint", "--explain", "w205"])
    assert explained.exit_code == 0
    assert explained.stdout.startswith("W205 referent-without-backup (warning)")
    assert "This fails:" in explained.stdout and "This passes:" in explained.stdout
    assert runner.invoke(app, ["lint", "--explain", "W999"]).exit_code == 2
    as_json = json.loads(runner.invoke(app, ["lint", "--list-rules", "-f", "json", "--select", "W20"]).stdout)
    assert [r["code"] for r in as_json] == [f"W20{i}" for i in range(1, 10)]


def test_a_real_process_lints_the_example_and_a_broken_copy(tmp_path):
    broken_copy = tmp_path / "broken.yaml"
    broken_copy.write_text(UNKNOWN_REFERENT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "cmkit", "lint", "--strict", str(FR_PLAYBOOK), str(broken_copy)],
        capture_output=True,
        text=True,
        env={"NO_COLOR": "1", "PATH": ""},
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == ""
    assert "\x1b[" not in result.stdout
    assert result.stdout.splitlines()[-1] == "1 erreur dans 2 fichiers"  # the first playbook is French


@pytest.mark.parametrize(
    ("text", "words"),
    [("playbook: p.yaml\ncases: []\n", "test-case file"), ("scenario: Colis\nevents: []\n", "scenario")],
)
def test_a_case_file_or_scenario_is_named_for_what_it_is(runner, write, text, words):
    path = write("other.yaml", text)
    findings = json.loads(lint(runner, "-f", "json", path).stdout)
    assert [(f["code"], f["line"]) for f in findings] == [("E001", 2)]
    assert words in findings[0]["message"]


def test_the_pre_commit_hook_lints_playbooks_and_leaves_scenarios_and_cases_alone():
    import re

    import yaml

    from tests.conftest import ROOT

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "cmkit-lint" and hook["entry"] == "cmkit lint" and hook["args"] == ["--strict"]
    linted = lambda path: bool(re.search(hook["files"], path)) and not re.search(hook["exclude"], path)  # noqa: E731
    assert linted("playbooks/maison-dupuis.fr.yaml") and linted("charte/playbook.yaml")
    assert not linted("playbooks/scenarios/cascade-24h.fr.yaml")
    assert not linted("playbooks/cases/maison-dupuis.fr.cases.yaml")
    assert not linted("src/config.yaml")


def test_a_line_break_only_yaml_sees_leaves_the_finding_on_the_editors_line(runner, write):
    text = broken("label: Livraison", "label: \"Livraison\x85et colis\"", UNKNOWN_REFERENT)
    path = write("p.yaml", text)
    line, column = locate(text, "savv")
    result = lint(runner, path)
    lines = result.stdout.splitlines()
    head = lines.index(f"{path}:{line}:{column} E101 'savv' names no contact")
    assert lines[head + 1].endswith("|     escalate_to: savv")
    trailing = write("q.yaml", text.replace("escalate_to: savv", "escalate_to: savv\x85"))
    shown = lint(runner, "--select", "E101", trailing)
    assert "|     escalate_to: savv\ufffd" in shown.stdout


@pytest.mark.parametrize(("no_color", "styled"), [("1", False), ("", True)])
def test_no_color_leaves_no_escape_code_even_on_a_terminal(tmp_path, no_color, styled):
    path = tmp_path / "p.yaml"
    path.write_text(UNKNOWN_REFERENT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "cmkit", "lint", str(path)],
        capture_output=True,
        text=True,
        env={"NO_COLOR": no_color, "FORCE_COLOR": "1", "PATH": ""},  # FORCE_COLOR: style as on a terminal
        timeout=60,
    )
    assert result.returncode == 1
    assert ("\x1b[" in result.stdout) is styled


def test_when_no_file_could_be_read_the_summary_says_none_was_checked(runner, tmp_path):
    """Not « no problems in 0 files »: nothing was checked, and the exit code says the file is unreadable."""
    result = runner.invoke(app, ["lint", str(tmp_path / "absent.yaml"), "--lang", "fr"])
    assert result.exit_code == 2
    assert result.stdout.strip() == "Aucun fichier vérifié\u202f; 1 fichier n’a pas pu être lu"
    english = runner.invoke(app, ["lint", str(tmp_path / "absent.yaml"), str(tmp_path / "gone.yaml"), "--lang", "en"])
    assert english.stdout.strip() == "No file checked; 2 files could not be read"
