"""`cmkit test`: the example playbooks pass their own cases; failures are explained."""

from __future__ import annotations

import json

import pytest

from cmkit.cli.app import app
from tests.conftest import FR_PLAYBOOK, PLAYBOOKS
from tests.decide.builders import isolated_cache  # noqa: F401 (fixture)


@pytest.mark.parametrize("cases", sorted((PLAYBOOKS / "cases").glob("*.cases.yaml")), ids=lambda p: p.name)
def test_the_example_playbooks_pass_their_cases(runner, isolated_cache, cases):
    result = runner.invoke(app, ["test", str(cases), "--lang", "en"])
    assert result.exit_code == 0, result.stdout
    assert " passed" in result.stdout and "failed" not in result.stdout


def test_a_failing_case_says_expected_got_and_why(runner, isolated_cache, write):
    cases = write(
        "c.yaml",
        f"playbook: {FR_PLAYBOOK}\ncases:\n  - text: zzz\n    expect: {{topic: null}}\n"
        "  - id: rembourse\n    text: Je veux être remboursé\n    expect: {action: answer, respond_within_minutes: 2h}\n",
    )
    french = runner.invoke(app, ["test", str(cases)], env={"NO_COLOR": "1"})
    assert french.exit_code == 1
    nnbsp, nbsp = "\u202f", "\u00a0"
    assert f'action{nnbsp}: attendu "answer", obtenu "escalate"' in french.stdout
    assert f"remboursement ← «{nbsp}rembours*{nbsp}»" in french.stdout
    assert f"c.yaml:5 rembourse{nnbsp}: " in french.stdout
    assert f"respond_within_minutes{nnbsp}: attendu 120, obtenu rien" in french.stdout  # not JSON's null
    assert "1 en échec, 1 réussi" in french.stdout
    result = runner.invoke(app, ["test", str(cases), "--lang", "en"], env={"NO_COLOR": "1"})
    assert result.exit_code == 1
    assert ".F" in result.stdout
    assert "c.yaml:5 rembourse" in result.stdout
    assert 'action: expected "answer", got "escalate"' in result.stdout
    assert "respond_within_minutes: expected 120, got null" in result.stdout
    assert "remboursement ← “rembours*”" in result.stdout
    assert "1 failed, 1 passed" in result.stdout


def test_json_output(runner, isolated_cache, write):
    cases = write("c.yaml", f"playbook: {FR_PLAYBOOK}\ncases:\n  - text: colis\n    expect: {{action: decline}}\n")
    data = json.loads(runner.invoke(app, ["test", str(cases), "--format", "json"]).stdout)
    assert (data["passed"], data["failed"]) == (0, 1)
    assert data["cases"][0]["got"] == {"action": "answer"}


def test_a_relative_playbook_is_read_from_the_case_file_folder_and_p_overrides(runner, isolated_cache, write, tmp_path):
    (tmp_path / "pb.yaml").write_bytes(FR_PLAYBOOK.read_bytes())
    cases = write("sub/../c.yaml", "playbook: pb.yaml\ncases:\n  - text: colis\n    expect: {topic: livraison}\n")
    assert runner.invoke(app, ["test", str(cases)]).exit_code == 0
    assert runner.invoke(app, ["test", str(cases), "-p", str(tmp_path / "nope.yaml")]).exit_code == 2


def test_a_bad_case_file_is_located(runner, isolated_cache, write):
    cases = write("c.yaml", f"playbook: {FR_PLAYBOOK}\ncases:\n  - text: colis\n    expect: {{acton: answer}}\n")
    result = runner.invoke(app, ["test", str(cases)])
    assert result.exit_code == 2 and "c.yaml:4:" in result.stderr
    cases = write("d.yaml", f"playbook: {FR_PLAYBOOK}\ncases:\n  - text: colis\n    channel: tiktok\n    expect: {{action: answer}}\n")
    result = runner.invoke(app, ["test", str(cases)])
    assert result.exit_code == 2 and "d.yaml:4:14: the playbook has no channel 'tiktok'" in result.stderr


def test_a_case_that_expects_nothing_could_never_fail_and_is_refused(runner, isolated_cache, write):
    cases = write("c.yaml", f"playbook: {FR_PLAYBOOK}\ncases:\n  - text: colis\n    expect: {{}}\n")
    result = runner.invoke(app, ["test", str(cases)])
    assert result.exit_code == 2
    assert "c.yaml:4:13: cases[0].expect: no key to compare" in result.stderr


def test_expect_may_name_any_key_of_the_decision_json_and_only_named_keys_count(runner, isolated_cache, write):
    cases = write(
        "c.yaml",
        f"playbook: {FR_PLAYBOOK}\ncases:\n"
        "  - text: Je veux être remboursé\n"
        "    expect: {topic_label: Remboursements et litiges commerciaux, referent: {id: sav}, backups: [],\n"
        "             crisis_reason: null, tone: {address: vous}}\n",
    )
    result = runner.invoke(app, ["test", str(cases), "--format", "json"])
    assert result.exit_code == 1
    got = json.loads(result.stdout)["cases"][0]["got"]
    assert got["referent"] == {"id": "sav"} and got["tone"] == {"address": "vous"}
    assert got["topic_label"] == "Remboursements et litiges commerciaux" and got["crisis_reason"] is None
    assert got["backups"] != []  # the referent has a backup: the one key that fails


def test_the_case_file_playbook_beats_the_environment_and_without_one_the_environment_is_used(
    runner, isolated_cache, write, tmp_path
):
    cases = write("c.yaml", "cases:\n  - text: colis\n    expect: {topic: livraison}\n")
    result = runner.invoke(app, ["test", str(cases)], env={"CMKIT_PLAYBOOK": str(FR_PLAYBOOK)})
    assert result.exit_code == 0, result.stdout
    cases = write("d.yaml", f"playbook: {FR_PLAYBOOK}\ncases:\n  - text: colis\n    expect: {{topic: livraison}}\n")
    result = runner.invoke(app, ["test", str(cases)], env={"CMKIT_PLAYBOOK": str(tmp_path / "none.yaml")})
    assert result.exit_code == 0, result.stdout


def test_timed_cases_out_of_time_order_are_refused_at_their_at(runner, isolated_cache, write):
    cases = write(
        "c.yaml",
        f"playbook: {FR_PLAYBOOK}\ncases:\n"
        "  - {text: colis, at: '2026-03-02T10:00', expect: {action: answer}}\n"
        "  - {text: colis, at: '2026-03-02T09:00', expect: {action: answer}}\n",
    )
    result = runner.invoke(app, ["test", str(cases)])
    assert result.exit_code == 2
    assert "c.yaml:4:23: case 2 happens before the timed case above it" in result.stderr
