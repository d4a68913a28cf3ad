"""The node-count limit says which limit was hit: a long list is not called an alias bomb."""

from __future__ import annotations

import pytest

from cmkit.errors import LoadError
from cmkit.loading.yamlnodes import MAX_NODES, parse_yaml


def test_a_genuine_long_keyword_list_is_not_called_an_alias_bomb():
    with pytest.raises(LoadError) as caught:
        parse_yaml("cmkit: 1\nkeywords: [" + "mot, " * MAX_NODES + "mot]\n", "p.yaml")
    message = str(caught.value)
    assert "alias" not in message
    assert f"holds more than {MAX_NODES:,} keys and values, the limit for one file" in message


def test_a_long_scenario_says_the_same():
    events = "".join(f"  - {{at: {i}m, text: colis}}\n" for i in range(35_000))
    with pytest.raises(LoadError, match="holds more than"):
        parse_yaml("scenario: x\nevents:\n" + events, "s.yaml")


def test_repeated_aliases_are_named_as_such():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    with pytest.raises(LoadError, match=r"its aliases \(\*name\) expand it"):
        parse_yaml(bomb, "bomb.yaml")
