"""Reading and matching records several at a time (`read_ahead`) decides exactly what one at a time decides."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmkit.decide.engine import Decider
from cmkit.decide.triage import OutOfOrder, triage, triage_exact
from cmkit.i18n import catalogue
from cmkit.inbox.read import jsonl_rows
from tests.decide.builders import playbook, topic
from tests.triage.conftest import SMALL, SPREAD, encoded

#: stems, a pattern that starts with words, `unless` and a phrase of two words: the tables
#: `matching.stems` fills as it reads, with the spread rule over them
STEMS = playbook([topic("t", keywords=["colis perdu", "x"], patterns=[r"ref-\d+"], unless=["merci"]),
                  topic("u", keywords=["y", "remboursement"], action="escalate")],
                 crisis=SPREAD, matching={"stems": True}, organization={"name": "Test", "language": "fr"})

#: (text, channel, minute) of a record, or a line that is not one
_LINE = st.one_of(
    st.tuples(st.sampled_from(["x", "y", "x y", "z", "", None, "Colis perdus", "ref-12 merci", "remboursements",
                               "REF-7 colis perdu"]), st.sampled_from(["web", "mail", "sms", "", "fax"]),
              st.integers(0, 200)),
    st.sampled_from(["{not json", "[1, 2]", '{"text": 5, "channel": "web"}', '{"text": "x", "followers": "many"}']),
)


def _jsonl(lines: list) -> bytes:
    out = []
    for number, line in enumerate(lines, 1):
        if isinstance(line, str):
            out.append(line)
            continue
        text, channel, minute = line
        record = {"id": number, "channel": channel, "at": f"2026-03-02T{minute // 60:02d}:{minute % 60:02d}:00"}
        if text is not None:
            record["text"] = text
        out.append(json.dumps(record))
    return "".join(f"{line}\n" for line in out).encode()


def _items(data: bytes, read_ahead: int, pb=SMALL) -> tuple[list[str], tuple | None]:
    """The encoded items `triage` yields, and the OutOfOrder it raised (None if it did not)."""
    items: list[str] = []
    try:
        for item in triage(Decider(pb), jsonl_rows(io.BytesIO(data), catalogue("en")), read_ahead=read_ahead):
            items.append(encoded(item))
    except OutOfOrder as exc:
        return items, exc.args
    return items, None


@settings(max_examples=80, deadline=None)
@given(st.lists(_LINE, max_size=40), st.integers(2, 9), st.sampled_from([SMALL, STEMS]))
def test_reading_ahead_yields_the_same_items_and_stops_at_the_same_line(lines, read_ahead, pb):
    """Same decisions and failures in the same order; out of time order, the same items before
    the same OutOfOrder (the records read ahead of it are not yielded)."""
    data = _jsonl(lines)
    assert _items(data, read_ahead, pb) == _items(data, 1, pb)


@settings(max_examples=40, deadline=None)
@given(st.lists(_LINE, max_size=40), st.integers(2, 9))
def test_the_two_passes_read_ahead_alike(lines, read_ahead):
    """`triage_exact`, both passes reading ahead, decides what it decides one record at a time."""
    data = _jsonl(lines)

    def decided(count: int) -> list[str]:
        read = lambda: jsonl_rows(io.BytesIO(data), catalogue("en"))  # noqa: E731 - read anew for each pass
        return [encoded(item) for item in triage_exact(Decider(SMALL), read, read_ahead=count)]

    assert decided(read_ahead) == decided(1)


def test_a_source_that_fails_has_what_it_gave_before_decided_first():
    """A read error in the middle of a group: the records before it come out, then the error."""
    def source():
        yield from jsonl_rows(io.BytesIO(_jsonl([("x", "web", 1), ("y", "web", 2), ("z", "mail", 3)])), catalogue("en"))
        raise OSError("disk gone")

    items = []
    with pytest.raises(OSError, match="disk gone"):
        for item in triage(Decider(SMALL), source(), read_ahead=256):
            items.append(item)
    assert [item.line for item in items] == [1, 2, 3]


@pytest.mark.parametrize("count", [0, -1])
def test_reading_ahead_needs_at_least_one_record(count):
    with pytest.raises(ValueError, match="read_ahead must be 1 or more"):
        list(triage(Decider(SMALL), [], read_ahead=count))
