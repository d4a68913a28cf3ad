"""What -o may write: never one of the command's inputs; a file name the system accepts."""

from __future__ import annotations

import os

import pytest

from cmkit.cli.app import app
from cmkit.cli.common import refuse_output_over_input
from cmkit.errors import UsageError
from tests.conftest import FR_PLAYBOOK


@pytest.fixture
def playbook(tmp_path):
    copy = tmp_path / "pb.yaml"
    copy.write_bytes(FR_PLAYBOOK.read_bytes())
    return copy


@pytest.mark.parametrize("how", ["same name", "symlink", "hard link", "relative"])
def test_render_refuses_to_overwrite_its_playbook(runner, playbook, tmp_path, monkeypatch, how):
    monkeypatch.chdir(tmp_path)
    output = {"same name": playbook, "relative": "pb.yaml"}.get(how)
    if how == "symlink":
        output = tmp_path / "alias.html"
        output.symlink_to(playbook)
    elif how == "hard link":
        output = tmp_path / "twin.html"
        os.link(playbook, output)
    before = playbook.read_bytes()
    result = runner.invoke(app, ["render", str(playbook), "-o", str(output)])
    assert result.exit_code == 2
    assert "is one of this command's inputs" in result.stderr
    assert playbook.read_bytes() == before


def test_render_refuses_a_default_name_that_is_its_playbook(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    named = tmp_path / "maison-dupuis-charte.html"
    named.write_bytes(FR_PLAYBOOK.read_bytes())
    result = runner.invoke(app, ["render", str(named)])
    assert result.exit_code == 2 and named.read_bytes() == FR_PLAYBOOK.read_bytes()


def test_the_shared_helper(tmp_path):
    source = tmp_path / "in.yaml"
    source.write_text("x")
    refuse_output_over_input(tmp_path / "new.jsonl", [source])  # a new file is never an input
    refuse_output_over_input("-", [source])
    refuse_output_over_input(source, [None, "-"])
    with pytest.raises(UsageError, match="in.yaml"):
        refuse_output_over_input(tmp_path / "." / "in.yaml", [tmp_path / "other", source])


def test_the_helper_speaks_french(tmp_path, monkeypatch):
    source = tmp_path / "in.yaml"
    source.write_text("x")
    with pytest.raises(UsageError, match="l’un des fichiers lus"):
        refuse_output_over_input(source, [source], lang="fr")


def test_a_very_long_organisation_name_gives_a_usable_default_file_name(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = FR_PLAYBOOK.read_text(encoding="utf-8")
    long_name = "Maison " + "Dupuis " * 700
    pb = tmp_path / "pb.yaml"
    pb.write_text(text.replace("name: Maison Dupuis", f"name: {long_name.strip()}", 1), encoding="utf-8")
    result = runner.invoke(app, ["render", str(pb), "-f", "md"])
    assert result.exit_code == 0, result.stderr
    (written,) = [p for p in tmp_path.iterdir() if p.suffix == ".md"]
    assert len(written.name) <= 80 and written.name.startswith("maison-dupuis-dupuis")


def test_init_does_not_replace_a_dangling_symlink_without_force(runner, tmp_path):
    link = tmp_path / "playbook.yaml"
    link.symlink_to(tmp_path / "shared" / "charte.yaml")  # the shared drive is not mounted
    result = runner.invoke(app, ["init", str(link), "--no-input", "--name", "Atelier Nord"])
    assert result.exit_code == 2
    assert "already exists; pass --force" in result.stderr
    assert link.is_symlink() and not link.exists()
    (tmp_path / "shared").mkdir()
    forced = runner.invoke(app, ["init", str(link), "--no-input", "--name", "Atelier Nord", "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert link.is_symlink() and (tmp_path / "shared" / "charte.yaml").is_file()  # written where the link points


def test_render_into_dev_null_leaves_the_device_alone(runner, tmp_path):
    import stat

    result = runner.invoke(app, ["render", str(FR_PLAYBOOK), "-f", "md", "-o", "/dev/null"])
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("which", ["journal", "playbook"])
def test_report_refuses_to_overwrite_its_journal_or_playbook(runner, playbook, tmp_path, which):
    journal = tmp_path / "journal.jsonl"
    journal.write_text('{"id": 1, "action": "answer"}\n', encoding="utf-8")
    target = journal if which == "journal" else playbook
    before = target.read_bytes()
    result = runner.invoke(app, ["report", str(journal), "-p", str(playbook), "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert "is one of this command's inputs" in result.stderr or "l’un des fichiers lus" in result.stderr
    assert target.read_bytes() == before
