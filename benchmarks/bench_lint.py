"""How fast `cmkit lint` is on a 5,000-line playbook, next to baselines measured in the same run.

Run: python benchmarks/bench_lint.py

The playbook is the French example with its topics and contacts repeated
under new ids until it passes 5,000 lines. Each figure is the best of several
runs, printed with its ratio to a baseline: reading the same file with
PyYAML (`yaml.safe_load`, pure Python and libyaml), and starting Python
(`python -c pass`) for the end-to-end command.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from cmkit.lint.engine import lint_file
from cmkit.loading.yamlnodes import load_document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "playbooks" / "maison-dupuis.fr.yaml"
TARGET_LINES = 5_000


def big_playbook(folder: Path) -> Path:
    """The example, its topics and contacts copied under fresh ids until it is TARGET_LINES long."""
    text = EXAMPLE.read_text(encoding="utf-8")
    head, rest = text.split("\ncontacts:\n", 1)
    contacts, rest = rest.split("\ntopics:\n", 1)
    topics, tail = rest.split("\ndefault:\n", 1)
    copies: list[tuple[str, str]] = []
    copy = 0
    while (head + contacts + topics + tail).count("\n") + sum(
        c.count("\n") + t.count("\n") for c, t in copies
    ) < TARGET_LINES:
        copy += 1
        rename = lambda block: re.sub(r"(id|escalate_to|backup): ([a-z-]+)", rf"\1: \2-{copy}", block)  # noqa: E731
        copies.append((rename(contacts), rename(topics)))
    all_contacts = contacts + "".join("\n" + c for c, _ in copies)
    all_topics = topics + "".join("\n" + t for _, t in copies)
    path = folder / "big.fr.yaml"
    path.write_text(f"{head}\ncontacts:\n{all_contacts}\ntopics:\n{all_topics}\ndefault:\n{tail}", encoding="utf-8")
    return path


def best(action: Callable[[], object], runs: int = 7) -> float:
    """The fastest of `runs` timings, in seconds (the least disturbed by the machine)."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return min(timings)


def command(*args: str) -> Callable[[], object]:
    return lambda: subprocess.run([sys.executable, *args], check=False, capture_output=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = big_playbook(Path(folder))
        text = path.read_text(encoding="utf-8")
        findings = lint_file(path)
        print(f"playbook: {text.count(chr(10)):,} lines, {len(text) / 1024:.0f} KB, {len(findings)} findings")
        print()

        pure = best(lambda: yaml.load(text, Loader=yaml.SafeLoader), runs=3)
        c_load = best(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
        parse = best(lambda: load_document(path))
        lint = best(lambda: lint_file(path))
        print("in process                                 seconds   vs yaml.safe_load (C)")
        print(f"  yaml.safe_load, libyaml (baseline)       {c_load:7.3f}   1.00x")
        print(f"  yaml.safe_load, pure Python              {pure:7.3f}   {pure / c_load:.2f}x")
        print(f"  cmkit: read with positions               {parse:7.3f}   {parse / c_load:.2f}x")
        print(f"  cmkit: read, validate, all rules         {lint:7.3f}   {lint / c_load:.2f}x")
        print()

        python = best(command("-c", "pass"), runs=5)
        importing = best(command("-c", "import cmkit.cli.app"), runs=5)
        end_to_end = best(command("-m", "cmkit", "lint", str(path)), runs=5)
        print("a new process                              seconds   vs python -c pass")
        print(f"  python -c pass (baseline)                {python:7.3f}   1.00x")
        print(f"  python -c 'import cmkit.cli.app'         {importing:7.3f}   {importing / python:.2f}x")
        print(f"  cmkit lint big.fr.yaml                   {end_to_end:7.3f}   {end_to_end / python:.2f}x")


if __name__ == "__main__":
    main()
