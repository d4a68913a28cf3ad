"""Scenario files: every mistake is one sentence at the scenario's line and column."""

from __future__ import annotations

import pytest

from cmkit.errors import LoadError
from cmkit.simulate.engine import check_references
from cmkit.simulate.load import load_scenario, named_playbook

from .builders import playbook

GOOD = """\
scenario: Drill
playbook: ../pb.yaml
events:
  - at: 0h
    channel: email
    text: parcel late
  - at: 1h30m
    channel: twitter
    author: {kind: journalist, followers: 10}
    text: writing a story
replies:
  sav: 2h
  lead: never
"""


def test_a_good_scenario_loads_with_minutes_and_never(write):
    scenario = load_scenario(write("s/drill.yaml", GOOD))
    assert [e.at for e in scenario.events] == [0, 90]
    assert scenario.events[0].author.kind == "unknown"
    assert scenario.events[1].author.followers == 10
    assert scenario.replies == {"sav": 120, "lead": None}


def test_the_named_playbook_is_relative_to_the_scenario_file(write):
    path = write("s/drill.yaml", GOOD)
    assert named_playbook(load_scenario(path), path) == path.parent.parent / "pb.yaml"


def _error(write, text: str, pb=None) -> LoadError:
    path = write("drill.yaml", text)
    with pytest.raises(LoadError) as caught:
        check_references(load_scenario(path), pb or playbook())
    return caught.value


@pytest.mark.parametrize(
    ("old", "new", "line", "column", "words"),
    [
        ("at: 1h30m", "at: soon", 7, 9, "not a duration"),
        ("at: 1h30m", "at: 90", 7, 9, "90m"),
        ("    text: parcel late\n", "    text: parcel late\n    chanel: x\n", 7, 5, "did you mean 'channel'"),
        ("kind: journalist", "kind: reporter", 9, 20, "journalist"),
        ("lead: never", "lead: later", 13, 9, "never"),
        ("followers: 10", "followers: -3", 9, 43, "greater than or equal"),
    ],
)
def test_a_bad_value_is_located(write, old, new, line, column, words):
    error = _error(write, GOOD.replace(old, new))
    assert (error.line, error.column) == (line, column), str(error)
    assert words in str(error)
    assert str(error).startswith(f"{error.file}:{line}:{column}: ")


def test_events_out_of_order_are_refused_at_the_late_event(write):
    error = _error(write, GOOD.replace("at: 1h30m", "at: 0h").replace("at: 0h\n    channel: email", "at: 2h\n    channel: email"))
    assert (error.line, error.column) == (7, 9)
    assert "time order" in str(error)


def test_an_unknown_channel_is_refused_with_a_suggestion(write):
    error = _error(write, GOOD.replace("channel: twitter", "channel: twiter"))
    assert (error.line, error.column) == (8, 14)
    assert "unknown channel 'twiter'; did you mean 'twitter'?" in str(error)
    assert "email, twitter, forum, blog" in str(error)


def test_a_reply_for_an_unknown_contact_is_refused_at_its_key(write):
    error = _error(write, GOOD.replace("  lead: never", "  boss: never"))
    assert (error.line, error.column) == (13, 3)
    assert "unknown contact 'boss'" in str(error)


def test_a_playbook_without_channels_says_so(write):
    error = _error(write, GOOD, playbook(channels=[]))
    assert "the playbook has no channels" in str(error)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("scenario: x\nevents: []\n", "at least 1"),
        ("events:\n  - {at: 0h, channel: email, text: hi}\n", "scenario"),
        ("- just a list\n", "not a mapping"),
    ],
)
def test_a_scenario_missing_its_essentials_is_refused(write, text, words):
    with pytest.raises(LoadError) as caught:
        load_scenario(write("drill.yaml", text))
    assert words in str(caught.value)
