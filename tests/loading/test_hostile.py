"""No input, however broken, hostile or large, gives a traceback or runs for more than a few seconds.

Each hostile file gets one located E001/E002 finding and exit code 1; the
big ones are generated under tmp_path rather than committed. Files that could
crash the interpreter itself (deep nesting: libyaml's composer recursed) run
in a real subprocess, so a crash fails the test instead of killing pytest.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cmkit.cli.app import app
from cmkit.loading.yamlnodes import MAX_NODES

HOSTILE = Path(__file__).resolve().parent.parent / "data" / "hostile"
#: Generous: every hostile input is refused in well under a second on a laptop.
SECONDS = 5

EXPECTED = {
    "billion-laughs.yaml": ("E001", "alias bomb"),
    "binary.yaml": ("E001", "not UTF-8"),
    "complex-key.yaml": ("E001", "a key must be a plain word"),
    "control-char.yaml": ("E001", "U+0007"),
    "deep-nesting.yaml": ("E001", "nested more than 64 levels"),
    "duplicate-key.yaml": ("E002", "appears twice"),
    "huge-number.yaml": ("E001", "5,000 digits"),
    "latin1.yaml": ("E001", "Latin-1"),
    "list-at-top.yaml": ("E001", "not a mapping"),
    "merge-key.yaml": ("E001", "merge keys"),
    "python-tag.yaml": ("E001", "python/object/apply"),
    "recursive-alias.yaml": ("E001", "*topics"),
    "tabs.yaml": ("E001", "tab character"),
    "two-documents.yaml": ("E001", "more than one YAML document"),
    "undefined-alias.yaml": ("E001", "*nowhere"),
    "utf16-bom.yaml": ("E001", "UTF-16 text, not UTF-8"),
}


def lint_json(runner, path: Path) -> tuple[int, list[dict], float]:
    started = time.perf_counter()
    result = runner.invoke(app, ["lint", "--format", "json", str(path)])
    elapsed = time.perf_counter() - started
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, json.loads(result.stdout), elapsed


def test_every_committed_hostile_file_has_an_expectation():
    assert sorted(p.name for p in HOSTILE.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_hostile_file_is_one_located_finding(runner, name):
    code, words = EXPECTED[name]
    exit_code, findings, elapsed = lint_json(runner, HOSTILE / name)
    assert exit_code == 1
    assert [f["code"] for f in findings] == [code]
    assert words in findings[0]["message"]
    assert findings[0]["line"] >= 1 and findings[0]["column"] >= 1
    assert elapsed < SECONDS


def _generated(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


BIG = {
    "ten-megabytes.yaml": (lambda: "cmkit: 1\n" + "# padding\n" * 1_048_576, "too large"),
    "many-values.yaml": (lambda: "cmkit: 1\nkeywords: [" + "a, " * 1_300_000 + "a]\n", f"more than {MAX_NODES:,}"),
    "many-keys.yaml": (lambda: "".join(f"k{i}: {i}\n" for i in range(220_000)), f"more than {MAX_NODES:,}"),
    "long-line.yaml": (lambda: "cmkit: 1\norganization: {name: " + "x" * 3_000_000 + "}\n", "objectives"),
}


@pytest.mark.parametrize("name", sorted(BIG))
def test_a_big_file_is_refused_quickly(runner, tmp_path, name):
    make, words = BIG[name]
    exit_code, findings, elapsed = lint_json(runner, _generated(tmp_path, name, make()))
    assert exit_code == 1
    assert any(words in f["message"] for f in findings), findings
    assert elapsed < SECONDS


@pytest.mark.parametrize(
    "text",
    [
        "cmkit: 1\ntopics: " + "[" * 100_000,
        "cmkit: 1\ntopics: " + "{a: " * 50_000,
        "cmkit: 1\n" + "".join(" " * i + f"k{i}:\n" for i in range(1_000)),
        "cmkit:\n" + "".join(" " * (i + 1) + "- \n" for i in range(1_000)),
    ],
    ids=["flow-sequences", "flow-mappings", "block-mappings", "block-sequences"],
)
def test_deep_nesting_does_not_crash_the_interpreter(tmp_path, text):
    path = _generated(tmp_path, "deep.yaml", text)
    result = subprocess.run(
        [sys.executable, "-m", "cmkit", "lint", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    assert [f["code"] for f in findings] == ["E001"]
    assert "nested more than 64 levels" in findings[0]["message"]


def test_an_unreadable_file_is_exit_2_with_one_sentence(runner, tmp_path):
    folder = tmp_path / "a-folder.yaml"
    folder.mkdir()
    result = runner.invoke(app, ["lint", str(folder)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {folder}: playbook is a folder, not a file"


def test_thousands_of_wrong_keys_are_listed_up_to_a_limit_then_counted(runner, tmp_path):
    from cmkit.loading.locate import MAX_PROBLEMS

    text = "cmkit: 1\n" + "".join(f"k{i}: {i}\n" for i in range(45_000))
    exit_code, findings, elapsed = lint_json(runner, _generated(tmp_path, "wrong-keys.yaml", text))
    assert exit_code == 1 and elapsed < SECONDS
    assert len(findings) == MAX_PROBLEMS + 1 and {f["code"] for f in findings} == {"E003"}
    more = f"{45_004 - MAX_PROBLEMS:,} more problems from here on are not listed; fix the ones above first"
    assert findings[-1]["message"] == more
    assert findings[-2]["line"] <= findings[-1]["line"]
