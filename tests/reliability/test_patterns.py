"""Catastrophic regular expressions cannot hang check or triage (issue 10, Medium 6)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from cmkit.decide.matcher import PATTERN_BUDGET_SECONDS, BoundedPattern, Matcher
from cmkit.lint.rules.w230_pattern_may_backtrack import nested_quantifier

EVIL = "(a+)+$"
ATTACK = "a" * 40 + "!"

PLAYBOOK = f"""cmkit: 1
organization: {{name: Test}}
objectives: [{{id: o, statement: s}}]
contacts: [{{id: lead, name: Lea}}]
topics:
  - {{id: evil, label: Evil, action: decline, patterns: ['{EVIL}', '(x+x+)+y']}}
  - {{id: colis, label: Colis, action: answer, keywords: [colis], patterns: ['commande n°\\d+']}}
"""


@pytest.mark.parametrize(("pattern", "attack"), [(EVIL, ATTACK), ("(x+x+)+y", "x" * 5000), ("(a|aa)+$", ATTACK)])
def test_a_catastrophic_pattern_gives_up_within_its_budget_and_does_not_match(pattern, attack):
    bounded = BoundedPattern(pattern)
    started = time.perf_counter()
    assert bounded.search(attack) is False
    assert time.perf_counter() - started < 20 * PATTERN_BUDGET_SECONDS



def test_a_search_out_of_time_counts_as_no_match_and_is_recorded():
    bounded = BoundedPattern("(a|aa)+$")
    assert bounded.search(ATTACK) is False and bounded.timeouts == 1
    assert bounded.search("aaa") is True  # an easy text still matches


def test_the_matcher_says_which_patterns_ran_out_of_time():
    matcher = Matcher([{"patterns": ["(a|aa)+$", "(x+x+)+y", "colis"]}])
    assert matcher.ordinals(matcher.find(ATTACK + " colis")) == [2]
    assert matcher.timed_out == {"(a|aa)+$"}


@pytest.mark.parametrize("command", ["check", "triage"])
def test_check_and_triage_finish_quickly_on_the_attack(tmp_path, command):
    playbook = tmp_path / "pb.yaml"
    playbook.write_text(PLAYBOOK, encoding="utf-8")
    messages = tmp_path / "in.jsonl"
    messages.write_text(
        json.dumps({"id": 1, "text": ATTACK}) + "\n" + json.dumps({"id": 2, "text": "x" * 5000 + " colis"}) + "\n",
        encoding="utf-8",
    )
    args = ["check", "-p", str(playbook), ATTACK] if command == "check" else ["triage", "-p", str(playbook), str(messages)]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "cmkit", *args], capture_output=True, text=True, timeout=20,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize(
    ("pattern", "flagged"),
    [
        (EVIL, True), (r"(\w+\s?)+$", True), ("(.*a){25}", True), ("(x+x+)+y", True),
        (r"commande n[°o]? ?\d{6}", False), (r"(\d{2})+", False), ("(?:ab+)?", False), (r"\bn°\d+", False),
    ],
)
def test_the_lint_rule_flags_nested_quantifiers_only(pattern, flagged):
    assert nested_quantifier(pattern) is flagged


def test_lint_does_not_hang_on_a_catastrophic_pattern(tmp_path):
    playbook = tmp_path / "pb.yaml"
    playbook.write_text(PLAYBOOK.replace("'(x+x+)+y'", "'(.*.*)*y'"), encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "cmkit", "lint", str(playbook)],
                            capture_output=True, text=True, timeout=30)
    assert time.perf_counter() - started < 15
    assert "W230" in result.stdout and "Traceback" not in result.stderr


def test_spans_are_found_within_the_budget():
    assert BoundedPattern(r"n°\d+").spans("n°12 et N°345") == [(0, 4), (8, 13)]
    bounded = BoundedPattern(r"(1|11)+y")
    started = time.perf_counter()
    assert bounded.spans("1" * 5000) == [] and bounded.timeouts == 1
    assert time.perf_counter() - started < 20 * PATTERN_BUDGET_SECONDS


def test_review_does_not_hang_on_a_catastrophic_pattern(tmp_path):
    playbook = tmp_path / "pb.yaml"
    playbook.write_text(PLAYBOOK.replace("'(x+x+)+y'", "'(1|11)+y\\d'"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "cmkit", "review", "-p", str(playbook), "1" * 5000],
                            capture_output=True, text=True, timeout=30)
    assert "Traceback" not in result.stderr and result.returncode in (0, 1)
