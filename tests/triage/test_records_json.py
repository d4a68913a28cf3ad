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
