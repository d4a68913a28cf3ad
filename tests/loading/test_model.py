"""The playbook model as data: a JSON dump is a playbook again, durations written as a playbook writes them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from cmkit.model import Playbook
from tests.conftest import EXAMPLE_PLAYBOOKS


@pytest.mark.parametrize("path", EXAMPLE_PLAYBOOKS, ids=lambda p: p.name)
def test_a_json_dump_validates_back_to_the_same_playbook(path):
    from cmkit.trusted import load_playbook

    playbook = load_playbook(path)
    dumped = playbook.model_dump(mode="json")
    assert Playbook.model_validate(dumped).model_dump() == playbook.model_dump()
    assert Playbook.model_validate_json(playbook.model_dump_json()).model_dump() == playbook.model_dump()


def test_durations_dump_as_text_in_json_and_as_minutes_in_python():
    playbook = Playbook.model_validate({
        "cmkit": 1, "organization": {"name": "A"}, "objectives": [{"id": "o", "statement": "s"}],
        "contacts": [{"id": "sav", "name": "J", "respond_within": "1h30m"}],
        "topics": [{"id": "t", "label": "T", "action": "answer"}],
        "crisis": {"escalate_to": "sav", "spread": {"channels": 2, "within": "1d"}},
    })
    assert playbook.model_dump(mode="json")["contacts"][0]["respond_within"] == "1h30m"
    assert playbook.model_dump(mode="json")["crisis"]["spread"]["within"] == "1d"
    assert playbook.model_dump()["contacts"][0]["respond_within"] == 90


def test_a_bare_number_is_refused_as_a_duration_even_from_python():
    with pytest.raises(ValidationError, match="write 90m for minutes or 90h for hours"):
        Playbook.model_validate({
            "cmkit": 1, "organization": {"name": "A"}, "objectives": [{"id": "o", "statement": "s"}],
            "contacts": [{"id": "sav", "name": "J", "respond_within": 90}],
            "topics": [{"id": "t", "label": "T", "action": "answer"}],
        })


def test_a_number_where_text_is_expected_is_that_text(tmp_path):
    from cmkit.trusted import load_playbook

    path = tmp_path / "p.yaml"
    path.write_text(
        "cmkit: 1\norganization: {name: 1664}\n"
        "objectives: [{id: o, statement: s, kpi: k, target: 90}]\n"
        "contacts: [{id: a, name: Ann}]\n"
        "topics: [{id: t, label: Erreurs, keywords: [502], action: answer}]\n",
        encoding="utf-8",
    )
    playbook = load_playbook(path)
    assert playbook.organization.name == "1664"
    assert playbook.objectives[0].target == "90"
    assert playbook.topics[0].keywords == ["502"]


def test_a_number_out_of_bounds_is_said_in_words_at_its_place(tmp_path):
    from cmkit.errors import LoadError
    from cmkit.trusted import load_playbook

    path = tmp_path / "p.yaml"
    path.write_text(
        "cmkit: 1\norganization: {name: A}\nobjectives: [{id: o, statement: s}]\n"
        "contacts: [{id: a, name: Ann}]\ntopics: [{id: t, label: T, action: answer}]\n"
        "crisis:\n  escalate_to: a\n  spread: {channels: 0, within: 1h}\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as caught:
        load_playbook(path)
    assert str(caught.value) == f"{path}:8:22: crisis.spread.channels is the number 0, but must be at least 1"
