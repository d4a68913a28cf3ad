"""Scenario files: every mistake is one sentence at the scenario's line and column."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


def test_a_scenario_without_a_title_is_named_after_its_file_and_events_need_no_channel(write):
    scenario = load_scenario(write("s/lost-parcel.yaml", "events:\n  - {at: 90m, text: parcel late}\n"))
    assert scenario.title == "lost-parcel"
    assert (scenario.events[0].at, scenario.events[0].channel) == (90, None)
    check_references(scenario, playbook())  # no channel is no unknown channel


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
        ("followers: 10", "followers: -3", 9, 43, "is the number -3, but must be at least 0"),
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
        ("scenario: x\nreplies: {sav: 1h}\n", "events"),
        ("- just a list\n", "not a mapping"),
    ],
)
def test_a_scenario_missing_its_essentials_is_refused(write, text, words):
    with pytest.raises(LoadError) as caught:
        load_scenario(write("drill.yaml", text))
    assert words in str(caught.value)


_GOOD_EVENT = st.fixed_dictionaries(
    {"at": st.sampled_from(["0h", "90m", "1h30m", "1d"]), "text": st.sampled_from(["parcel", "refund please", "hi"])},
    optional={
        "channel": st.sampled_from(["email", "twitter", "x"]),
        "author": st.fixed_dictionaries(
            {}, optional={"kind": st.sampled_from(["customer", "journalist"]), "followers": st.sampled_from([0, 80000])}
        ),
    },
)
_GOOD_SCENARIO = st.fixed_dictionaries(
    {"events": st.lists(_GOOD_EVENT, min_size=1, max_size=5)},
    optional={
        "scenario": st.just("Drill"),
        "replies": st.dictionaries(
            st.sampled_from(["sav", "lead", "boss"]), st.sampled_from(["45m", "never"]), max_size=3
        ),
    },
)
_JUNK = st.one_of(
    st.none(),
    st.integers(-3, 100),
    st.sampled_from(["", "soon", "Bad Id", "never", "1H"]),
    st.lists(st.none(), max_size=2),
    st.dictionaries(st.sampled_from(["at", "x"]), st.none(), max_size=2),
)
_PLACES = [
    "scenario", "events", "replies", "sav", "colour", "at", "text", "channel", "author", "kind", "followers", "chanel"
]


def _spoiled(document: dict, place: str, junk: object) -> dict:
    """The document with `junk` at one place: a top-level key, a reply, or a key of the first event."""
    first = document["events"][0]
    if place in ("scenario", "events", "replies", "colour"):
        document[place] = junk
    elif place == "sav":
        document.setdefault("replies", {})["sav"] = junk
    elif place in ("kind", "followers"):
        first.setdefault("author", {})[place] = junk
    else:
        first[place] = junk
    return document


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=_GOOD_SCENARIO, spoil=st.one_of(st.none(), st.tuples(st.sampled_from(_PLACES), _JUNK)))
def test_any_scenario_file_loads_or_is_one_located_error_never_a_crash(write, document, spoil):
    if spoil:
        document = _spoiled(document, *spoil)
    path = write("drill.yaml", yaml.safe_dump(document, allow_unicode=True))
    try:
        check_references(load_scenario(path), playbook())
    except LoadError as error:
        assert error.line is not None and str(error).startswith(f"{path}:")
