"""Atomic writes: an error never leaves a half-written file or loses the old one."""

import os

import pytest

from cmkit.errors import UsageError
from cmkit.io import atomic_output, atomic_write


def test_writes_text_and_bytes(tmp_path):
    atomic_write(tmp_path / "a.txt", "é\n")
    atomic_write(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "é\n"
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"


def test_an_error_midway_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")
    with pytest.raises(RuntimeError), atomic_output(target) as handle:
        handle.write("new, half")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["out.jsonl"]


def test_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    target.chmod(0o640)
    atomic_write(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_missing_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        atomic_write(tmp_path / "nowhere" / "x.txt", "x")


def test_a_folder_as_target_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="is a folder"):
        atomic_write(tmp_path, "x")


def test_a_terminated_triage_keeps_the_old_output_and_leaves_no_temporary(tmp_path):
    """SIGTERM (a CI timeout, `kill`) unwinds like Ctrl-C: the partial file is removed."""
    import json
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import FR_PLAYBOOK

    messages = tmp_path / "inbox.jsonl"
    line = json.dumps({"text": "Mon colis n'est pas arrivé, je veux être remboursée"}) + "\n"
    messages.write_text(line * 400_000, encoding="utf-8")
    output = tmp_path / "decided.jsonl"
    output.write_text("old\n", encoding="utf-8")
    env = {**os.environ, "CMKIT_NO_CACHE": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "cmkit", "triage", "-p", str(FR_PLAYBOOK), str(messages), "-o", str(output)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )
    deadline = time.monotonic() + 20
    while not list(tmp_path.glob(".decided.jsonl.*.part")) and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stderr
    assert b"interrupted" in stderr and b"Traceback" not in stderr
    assert output.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decided.jsonl", "inbox.jsonl"]
