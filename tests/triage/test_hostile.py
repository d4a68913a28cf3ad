"""Hostile records (issue 10): each is one bad record, never a traceback, never the end of the file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FR_PLAYBOOK
from tests.triage.conftest import records, rows

GOOD = '{"id": 1, "text": "colis perdu", "channel": "twitter"}\n'


def test_a_record_nested_100000_deep_is_one_bad_record(triage, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD + '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n" + GOOD, encoding="utf-8")
    result = triage(source)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    got = records(result.stdout)
    assert [(o["line"], o.get("error")) for o in got] == [(1, None), (2, "not valid JSON (nested too deep)"), (3, None)]


def test_a_lone_surrogate_is_written_as_an_escape_in_jsonl_and_a_replacement_in_csv(triage, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD + '{"id": "a\\ud800", "text": "colis \\ud800 perdu"}\n', encoding="utf-8")
    result = triage(source)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[1])["id"] == "a\ud800"  # JSON can say it: said exactly
    out = tmp_path / "out.csv"
    assert triage(source, "-o", out).exit_code == 0
    got = rows(out.read_text(encoding="utf-8"))
    assert got[1]["id"] == "a\ufffd" and got[1]["text"] == "colis \ufffd perdu" and got[1]["topic"] == "livraison"


def test_a_lone_surrogate_on_a_real_stdout(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "\\udc80", "text": "colis \\ud800"}\n', encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONIOENCODING": "utf-8"}
    for fmt in ("jsonl", "csv"):
        done = subprocess.run([sys.executable, "-m", "cmkit", "triage", "-p", str(FR_PLAYBOOK), str(source), "-f", fmt],
                              capture_output=True, env=env, timeout=60)
        assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
        done.stdout.decode("utf-8")  # valid UTF-8 whatever the record held


def test_one_unbalanced_quote_loses_its_own_record_only(triage, tmp_path):
    good = "".join(f"{n},colis numéro {n},twitter\n" for n in range(3, 103))
    source = tmp_path / "in.csv"
    source.write_text('id,text,channel\n1,colis,twitter\n2,"he said ""hi"" then left, lawyer,tw\n' + good
                      + '103,a "quoted" word,twitter\n', encoding="utf-8")
    result = triage(source, "-f", "csv")
    assert result.exit_code == 1
    got = rows(result.stdout)
    assert len(got) == 103 and [r["line"] for r in got] == [str(n) for n in range(2, 105)]
    assert got[1]["error"] == "not valid CSV: a quote opened on this line closes in the middle of a cell"
    assert got[2]["id"] == "3" and got[-1]["text"] == 'a "quoted" word' and got[-1]["topic"] == ""
    assert result.stderr.count(": not decided: ") == 1


def test_a_quote_that_never_closes_loses_its_own_line_only(triage, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text('id,text\n1,"jamais fermé\n' + "".join(f"{n},colis\n" for n in range(2, 2000)), encoding="utf-8")
    result = triage(source)
    got = records(result.stdout)
    assert len(got) == 1999 and got[0]["error"].startswith("not valid CSV: a quote opened on this line never closes")
    assert got[1] == {**got[1], "line": 3, "id": "2", "topic": "livraison"}


def test_ids_that_are_not_strings_or_numbers(triage, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": NaN, "text": "colis"}\n{"id": Infinity, "text": "colis"}\n{"id": {"a": 1}, "text": "colis"}\n'
                      '{"id": [1], "text": "colis"}\n{"id": true, "text": "colis"}\n{"id": 2.5, "text": "colis"}\n', encoding="utf-8")
    result = triage(source)
    got = records(result.stdout)
    assert [o.get("error", "")[:30] for o in got[:5]] == ["`id` must be a string or a num"] * 5
    assert "not NaN" in got[0]["error"] and "not Infinity" in got[1]["error"] and "not an object" in got[2]["error"]
    assert got[5]["id"] == 2.5 and got[5]["topic"] == "livraison"


def test_cells_a_spreadsheet_would_run_are_neutralised(triage, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text('id,text,note\n=1+1,colis,+cmd|calc\n@x,colis,-2+3\n-12,colis,-12\n', encoding="utf-8")
    got = rows(triage(source, "-f", "csv").stdout)
    assert [(r["id"], r["note"]) for r in got] == [("'=1+1", "'+cmd|calc"), ("'@x", "'-2+3"), ("-12", "-12")]


def test_nul_bytes_and_odd_cells(triage, tmp_path):
    source = tmp_path / "in.csv"
    source.write_bytes(b'id,text\n1,"colis\x00perdu"\n2,\x00\n3,colis\n')
    result = triage(source)
    assert "Traceback" not in result.stderr
    assert [o["line"] for o in records(result.stdout)] == [2, 3, 4]


# -- whatever the records, one out per record in -----------------------------------------

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                       max_leaves=10)
_FIELDS = st.sampled_from(["id", "text", "channel", "author_kind", "followers", "engagement", "at", "author", "other"])
_RECORDS = st.one_of(st.dictionaries(_FIELDS, _VALUES, max_size=6), _VALUES)
_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _run(tmp_path, source, fmt: str):
    from cmkit.cli.triage_fast import run

    out = tmp_path / f"out.{fmt}"
    code = run(source, out, fmt, FR_PLAYBOOK, lang="en")
    with out.open(encoding="utf-8", newline="") as handle:  # a CR inside a quoted CSV cell stays a CR
        return code, handle.read()


@_SETTINGS
@given(items=st.lists(_RECORDS, min_size=1, max_size=8), deep=st.integers(0, 3000), fmt=st.sampled_from(["jsonl", "csv"]))
def test_any_jsonl_record_gives_exactly_one_output_record(tmp_path, isolated_triage, items, deep, fmt):
    lines = [json.dumps(item, ensure_ascii=True) for item in items]  # NaN, surrogates, NUL (escaped) as JSON allows
    if deep:
        lines.append('{"text": ' + "[" * deep + "]" * deep + "}")
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, text = _run(tmp_path, source, fmt)
    got = records(text) if fmt == "jsonl" else rows(text)
    assert [int(o["line"]) for o in got] == list(range(1, len(lines) + 1)) and code in (0, 1)


_CELLS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


@_SETTINGS
@given(cells=st.lists(st.tuples(_CELLS, _CELLS, st.sampled_from(["", "twitter", "Facebook", "tiktok"])), min_size=1, max_size=8),
       quote_damage=st.booleans())
def test_any_csv_row_gives_exactly_one_output_record(tmp_path, isolated_triage, cells, quote_damage):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)  # as Excel writes it: CRLF, so a lone CR in a cell is quoted
    writer.writerow(["id", "text", "channel"])
    for number, (text, extra, channel) in enumerate(cells):
        writer.writerow([f"r{number}", text + extra, channel])
    text = buffer.getvalue()
    if quote_damage:  # one quote too many in the first record
        header, rest = text.split("\r\n", 1)
        text = f'{header}\r\nr0,"broken\r\n{rest}'
    source = tmp_path / "in.csv"
    source.write_text(text, encoding="utf-8")
    code, out = _run(tmp_path, source, "jsonl")
    got = records(out)
    ids = [o["id"] for o in got if o["id"] is not None]
    assert code in (0, 1) and len(set(ids)) == len(ids)
    if not quote_damage:
        assert ids == [f"r{n}" for n in range(len(cells))]
    else:  # the broken line is one error record, and every record after it is there
        assert got[0] == {"line": 2, "id": None, "error": got[0]["error"]} and ids == [f"r{n}" for n in range(len(cells))]
