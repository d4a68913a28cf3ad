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
    assert process.returncode == 143, stderr  # 128 + SIGTERM, as a shell reports it
    assert b"interrupted" in stderr and b"Traceback" not in stderr
    assert output.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["decided.jsonl", "inbox.jsonl"]


# --- special files: written into, never replaced (issue 10, High 5) -------------------------

import stat  # noqa: E402
import threading  # noqa: E402

from cmkit.io import NotAFile, read_bounded  # noqa: E402


def test_dev_null_stays_a_device(tmp_path):
    atomic_write("/dev/null", "discarded\n")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_symlink_to_a_device_is_written_through_and_stays_a_link(tmp_path):
    link = tmp_path / "out.txt"
    link.symlink_to("/dev/null")
    atomic_write(link, "x")
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_a_fifo_is_streamed_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(open(fifo, "rb").read()))
    reader.start()
    atomic_write(fifo, b"hello\n")
    reader.join(5)
    assert received == [b"hello\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlink_to_a_regular_file_replaces_the_file_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.html"
    real.write_text("old")
    link = tmp_path / "current.html"
    link.symlink_to(real.name)
    atomic_write(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_proc_self_fd_is_written_into(tmp_path):
    out = tmp_path / "captured"
    with open(out, "w") as handle:
        atomic_write(f"/proc/self/fd/{handle.fileno()}", "through the descriptor")
    assert out.read_text() == "through the descriptor"
    assert os.listdir(tmp_path) == ["captured"]


# --- bounded reads (issue 10, Medium 7) -----------------------------------------------------


def test_a_device_is_refused_without_reading_it():
    with pytest.raises(NotAFile):
        read_bounded("/dev/zero", 1024)


def test_a_read_stops_just_past_the_limit(tmp_path):
    big = tmp_path / "big"
    big.write_bytes(b"x" * 10_000)
    assert len(read_bounded(big, 100)) == 101
    assert read_bounded(big, 20_000) == b"x" * 10_000


def test_a_fifo_without_writer_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert read_bounded(fifo, 100) == b""
    with pytest.raises(NotAFile):
        read_bounded(fifo, 100, regular_only=True)


def test_a_symlink_is_refused_when_not_followed(tmp_path):
    (tmp_path / "real").write_bytes(b"x")
    (tmp_path / "link").symlink_to("real")
    with pytest.raises(OSError):
        read_bounded(tmp_path / "link", 10, follow=False)
