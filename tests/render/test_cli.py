"""`cmkit render` as a user runs it: file names, stdout, errors that write nothing."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from cmkit.cli.app import app
from tests.conftest import EN_PLAYBOOK, FR_PLAYBOOK


def test_default_name_comes_from_the_organisation_and_the_document(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", str(FR_PLAYBOOK), "--doc", "charter", "--format", "md"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "maison-dupuis-charte.md").read_text(encoding="utf-8").startswith("# Charte")
    assert "maison-dupuis-charte.md écrit (" in result.stdout  # in the charter's language


def test_the_format_follows_the_output_extension(runner, tmp_path):
    target = tmp_path / "guide.docx"
    result = runner.invoke(app, ["render", "-p", str(EN_PLAYBOOK), "--doc", "onboarding", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes()[:2] == b"PK"


def test_dash_writes_to_stdout_and_nothing_else(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", str(EN_PLAYBOOK), "-f", "md", "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Community management charter")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_writes_nothing_and_keeps_the_old_file(runner, tmp_path, write):
    write("tpl/md/charter.md.j2", "{{ broken }")
    target = write("charte.md", "previous version\n")
    result = runner.invoke(
        app, ["render", str(FR_PLAYBOOK), "-o", str(target), "--templates", str(tmp_path / "tpl")]
    )
    assert result.exit_code == 2
    assert "charter.md.j2:1" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "previous version\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["charte.md", "tpl"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.yaml"], "missing.yaml"),
        ([str(FR_PLAYBOOK), "--templates", "no-such-folder"], "no such folder"),
        ([str(FR_PLAYBOOK), "-p", str(EN_PLAYBOOK)], "two playbooks"),
        ([str(FR_PLAYBOOK), "-o", "no/such/dir/out.md"], "does not exist"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(runner, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["render", *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_invalid_playbook_is_located(runner, write):
    bad = write("bad.yaml", "cmkit: 1\norganization: {name: X}\nobjectives: []\n")
    result = runner.invoke(app, ["render", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}:")


def test_unknown_document_is_refused(runner):
    result = runner.invoke(app, ["render", str(FR_PLAYBOOK), "--doc", "brochure"])
    assert result.exit_code == 2


def test_end_to_end_pdf_in_a_real_process(tmp_path):
    env = {**os.environ, "NO_COLOR": "1"}
    completed = subprocess.run(
        [sys.executable, "-m", "cmkit", "render", str(FR_PLAYBOOK), "--doc", "handout", "-f", "pdf"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "maison-dupuis-support-formation.pdf").read_bytes().startswith(b"%PDF")


def test_end_to_end_binary_to_a_pipe(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "cmkit", "render", str(EN_PLAYBOOK), "-f", "docx", "-o", "-"],
        cwd=tmp_path, capture_output=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout[:2] == b"PK"


@pytest.mark.parametrize(
    ("template", "says"),
    [
        ("{{ 1/0 }}", "division by zero"),
        ("{{ 1 + 'a' }}", "unsupported operand"),
        ("{{ range(10**9)|list }}", "Range too big"),
        ('{% include "charter.html.j2" %}', "includes itself"),
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "calls itself"),
    ],
)
def test_a_template_runtime_error_is_one_located_sentence(runner, tmp_path, write, template, says):
    write("tpl/html/charter.html.j2", "first line\n" + template + "\n")
    target = tmp_path / "out.html"
    result = runner.invoke(
        app, ["render", str(EN_PLAYBOOK), "--templates", str(tmp_path / "tpl"), "-f", "html", "-o", str(target)]
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{tmp_path / 'tpl' / 'html' / 'charter.html.j2'}:2:" in result.stderr and says in result.stderr
    assert not target.exists()


def test_no_answers_leaves_the_key_out(runner, tmp_path):
    target = tmp_path / "support.md"
    result = runner.invoke(app, ["render", str(FR_PLAYBOOK), "-d", "handout", "--no-answers", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert "Corrigé" not in text and "Exercices" in text
