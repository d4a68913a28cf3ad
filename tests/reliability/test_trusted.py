"""Loading a playbook commands can trust: one level above loading and lint, no circle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import cmkit
from cmkit.errors import LoadError
from cmkit.lint.registry import all_rules
from cmkit.trusted import load_playbook

SRC = Path(cmkit.__file__).parent


def test_the_loading_layer_imports_neither_lint_nor_the_trusted_step():
    for module in (SRC / "loading").glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(("cmkit.lint", "cmkit.trusted")), module.name


def test_only_the_rules_that_make_a_playbook_mean_nothing_stop_loading():
    stopping = {r.code for r in all_rules() if r.stops_loading}
    assert {"E101", "E102", "E103", "E104"} <= stopping
    assert all(r.severity == "error" for r in all_rules() if r.stops_loading)
    assert not any(r.stops_loading for r in all_rules() if r.severity != "error")


MINIMAL = """cmkit: 1
organization: {name: Test}
objectives: [{id: o, statement: s}]
contacts: [{id: lead, name: Lea}]
topics:
  - {id: t, label: T, action: %s, keywords: [colis]}
"""


def test_a_playbook_with_warnings_only_loads(write):
    playbook = load_playbook(write("p.yaml", MINIMAL % "answer"))  # W204 (no crisis section) and more
    assert playbook.topics[0].id == "t"


def test_a_playbook_that_means_nothing_is_refused(write):
    with pytest.raises(LoadError, match="E103"):
        load_playbook(write("p.yaml", MINIMAL % "escalate"))
