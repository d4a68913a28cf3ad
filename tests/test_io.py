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
