"""A device given as a playbook is refused in one sentence, in every command (issue 10, Medium 7).

`stat` says 0 bytes for /dev/zero; before the fix, every command read it until
memory ran out. A copy of /dev/zero made with mknod is the same device; /dev/zero
itself stands for it here (creating devices needs privileges tests should not use).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from cmkit.cli.app import app
from tests.conftest import FR_PLAYBOOK

DEVICE = "/dev/zero"
SENTENCE = f"error: {DEVICE}: playbook is a device, not a file; give a regular file"


@pytest.mark.parametrize(
    "args",
    [
        ["check", "-p", DEVICE, "colis"],
        ["lint", DEVICE],
        ["diff", DEVICE, str(FR_PLAYBOOK)],
        ["diff", str(FR_PLAYBOOK), DEVICE],
        ["render", DEVICE, "-o", "out.html"],
    ],
    ids=lambda a: a[0],
)
def test_a_device_as_playbook_is_one_sentence(runner, args, tmp_path, monkeypatch, isolated_cache):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert SENTENCE in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.html").exists()


def test_a_device_through_a_scenario_is_one_sentence(runner, write):
    scenario = write("s.yaml", f"scenario: x\nplaybook: {DEVICE}\nevents:\n  - {{at: 0h, text: colis}}\n")
    result = runner.invoke(app, ["simulate", str(scenario)])
    assert result.exit_code == 2
    assert SENTENCE in result.stderr


def test_the_fast_check_path_refuses_a_device_in_a_real_process(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "cmkit", "check", "-p", DEVICE, "colis"],
        capture_output=True, text=True, timeout=30, env={"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert (result.returncode, result.stderr.strip()) == (2, SENTENCE)


@pytest.fixture
def isolated_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


@pytest.mark.parametrize(("args", "kind"), [(["simulate", DEVICE], "scenario"), (["test", DEVICE], "case file")])
def test_a_device_as_scenario_or_case_file_is_one_sentence(runner, args, kind):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert f"error: {DEVICE}: {kind} is a device, not a file; give a regular file" in result.stderr


def test_a_process_substitution_still_works(tmp_path):
    """A pipe is read (bounded), so `-p <(generate-playbook)` keeps working."""
    result = subprocess.run(
        ["bash", "-c", f'{sys.executable} -m cmkit check -p <(cat "{FR_PLAYBOOK}") colis'],
        capture_output=True, text=True, timeout=60, env={"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "livraison" in result.stdout


def test_a_fifo_without_writer_is_an_empty_file_not_a_hang(tmp_path):
    import os

    fifo = tmp_path / "pb.yaml"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "cmkit", "check", "-p", str(fifo), "colis"],
        capture_output=True, text=True, timeout=30, env={"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2 and "the file is empty" in result.stderr
