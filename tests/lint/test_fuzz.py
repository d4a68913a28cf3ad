"""Open-ended input through the whole lint pipeline: findings always, tracebacks never."""

from __future__ import annotations

import random

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cmkit.lint.engine import lint_file
from tests.conftest import FR_PLAYBOOK

KEYS = ["cmkit", "organization", "name", "objectives", "id", "statement", "contacts", "topics", "label",
        "action", "escalate_to", "backup", "keywords", "patterns", "respond_within", "crisis", "spread",
        "channels", "tone", "forbidden", "reporting", "recipients", "default", "autonomy", "may"]
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 10**6), st.floats(allow_nan=False),
    st.sampled_from(["escalate", "answer", "crisis", "sav", "1h", "x*", "(", "", "1h30m", "journalist"]),
    st.text(max_size=12),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
    max_leaves=25,
)
PLAYBOOKISH = st.fixed_dictionaries({"cmkit": st.sampled_from([1, 2, "1"])},
                                    optional={k: VALUES for k in KEYS[1:]})
FR_LINES = FR_PLAYBOOK.read_text(encoding="utf-8").splitlines(keepends=True)


def _assert_located(findings, text):
    lines = text.count("\n") + 1
    for finding in findings:
        assert 1 <= finding.line <= lines, finding
        assert finding.column >= 1, finding
        assert finding.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(PLAYBOOKISH)
def test_random_structures_give_located_findings(tmp_path, data):
    text = yaml.safe_dump(data, allow_unicode=True)
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8")
    _assert_located(lint_file(path), text)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(0, 2**32), st.sampled_from(["delete", "duplicate", "indent", "garble"]))
def test_a_damaged_example_playbook_gives_located_findings(tmp_path, seed, damage):
    chooser = random.Random(seed)
    lines = list(FR_LINES)
    at = chooser.randrange(len(lines))
    if damage == "delete":
        del lines[at]
    elif damage == "duplicate":
        lines.insert(at, lines[at])
    elif damage == "indent":
        lines[at] = "  " + lines[at]
    else:
        column = chooser.randrange(len(lines[at]))
        lines[at] = lines[at][:column] + chooser.choice(":[]{}&*!#'\"-") + lines[at][column:]
    text = "".join(lines)
    path = tmp_path / "damaged.yaml"
    path.write_text(text, encoding="utf-8")
    _assert_located(lint_file(path), text)
