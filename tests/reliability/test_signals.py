"""Ctrl-C or SIGTERM at any moment, imports included: one line, 130 or 143, no traceback."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FR_PLAYBOOK

COMMANDS = {
    "lint": ["lint", str(FR_PLAYBOOK)],
    "check": ["check", "-p", str(FR_PLAYBOOK), "colis"],
    "render": ["render", str(FR_PLAYBOOK), "-o", "-", "-f", "md"],
}


def _wait_for_the_guard(pid: int) -> None:
    """Until cmkit's first line has run (it catches SIGTERM from there on): before it, Python
    itself is still starting, and nothing a program writes can answer a signal yet."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status").read_text()
        caught = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:")), 16)
        if caught & (1 << (signal.SIGTERM - 1)):
            return
        time.sleep(0.0005)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["INT", "TERM"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_signal_during_start_up_is_one_line_and_the_shells_code(tmp_path, command, signum, code):
    script = tmp_path / "cmkit"
    # the console script's own lines, after Python's start-up (which no program can guard)
    script.write_text("import sys\nprint('ready', flush=True)\nfrom cmkit.cli.entry import main\nsys.exit(main())\n")
    seen = []
    for delay in (0.01, 0.03, 0.06, 0.1, 0.2):
        process = subprocess.Popen(
            [sys.executable, str(script), *COMMANDS[command]],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={"PATH": "/usr/bin:/bin", "CMKIT_NO_CACHE": "1"},
        )
        assert process.stdout.readline() == b"ready\n"
        _wait_for_the_guard(process.pid)
        time.sleep(delay)
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=30)
        assert b"Traceback" not in stderr, stderr.decode()
        # -signum: the signal landed while Python was already finalising (its handlers reset),
        # after the command's work: the shell shows the same 128 + n, and nothing is printed
        assert process.returncode in (code, 0, 1, -signum), (delay, process.returncode, stderr)
        if process.returncode == code:
            assert stderr.strip().endswith(b"error: interrupted"), stderr
        seen.append(process.returncode)
    assert code in seen  # at least one signal landed while the command ran
