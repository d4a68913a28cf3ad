"""The JSON Lines writer's pieces are JSON as the json module writes it, whatever the strings."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cmkit.formats.triage_records import _strings


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=12) | st.sampled_from(["colis", "t-1", 'a", "b', "back\\slash", "é"]), max_size=5))
def test_a_list_of_strings_is_written_as_json_dumps_writes_it(values):
    written = _strings(tuple(values))
    if any(0xD800 <= ord(c) <= 0xDFFF for v in values for c in v):  # a lone surrogate: escaped, still JSON
        assert json.loads(written) == values
    else:
        assert written == json.dumps(values, ensure_ascii=False)


def test_a_record_written_from_its_shared_decision_is_written_as_from_its_own(tmp_path):
    """The writer encodes what a decision shares with others once (`Triaged.shared`): the line is
    the one written from the decision alone, for every kind of record (due time, reply, error)."""
    import io

    from cmkit.decide.engine import Decider
    from cmkit.decide.triage import triage
    from cmkit.formats.triage_records import JsonlWriter
    from tests.decide.builders import playbook, topic

    decider = Decider(playbook([topic("t", keywords=["colis"], reply="Bonjour {author}, sous {deadline}."),
                                topic("u", keywords=["merci"], action="escalate")]))
    records = [(n, {"id": n, "text": text, "author": "@ana", "at": f"2026-03-02T09:{n:02d}:30+01:00"})
               for n, text in enumerate(["colis", "merci", "colis merci", "rien", "colis"], 1)]
    records.append((9, {"text": ""}))
    shared, alone = JsonlWriter(io.StringIO()), JsonlWriter(io.StringIO())
    items = list(triage(decider, records))
    assert any(getattr(item, "shared", None) is not None for item in items)
    for item in items:
        assert shared.encode(item) == alone.encode(item._replace(shared=None) if hasattr(item, "shared") else item)
        assert json.loads(shared.encode(item))["line"] == item.line
