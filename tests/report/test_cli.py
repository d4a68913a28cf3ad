"""`cmkit report` as a user runs it: text at two widths, documents, and the mistakes it names."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader
from typer.testing import CliRunner

from cmkit.cli.app import app
from cmkit.report.engine import median_minutes
from tests.report.journals import PLAYBOOK, csv_text, jsonl, records

runner = CliRunner()
ROWS = records(800, seed=3)


def setup(write, frequency="weekly", rows=ROWS, name="journal.jsonl", text=None):
    playbook = write("playbook.yaml", PLAYBOOK.replace("FREQUENCY", frequency))
    journal = write(name, text if text is not None else jsonl(rows))
    return playbook, journal


def run(*args, columns=120):
    return runner.invoke(app, ["report", *map(str, args)], env={"COLUMNS": str(columns), "CMKIT_LANG": ""})


def test_the_terminal_report_speaks_the_playbook_language_at_60_and_120_columns(write):
    playbook, journal = setup(write)
    for columns in (60, 120):
        result = run(journal, "-p", playbook, columns=columns)
        assert result.exit_code == 0, result.output
        out = result.stdout
        assert out.startswith("Rapport — Maison Test\nDu lun. 27 avr. à 0\u00a0h\u00a000 au dim. 3 mai à 23\u00a0h\u00a059")
        assert "Par action" in out and "transmettre" in out and "Dans le délai, par référent" in out
        assert max(len(line) for line in out.splitlines()) <= columns
    english = run(journal, "-p", playbook, "--lang", "en").stdout
    assert english.startswith("Report — Maison Test\nFrom Mon 27 Apr, 00:00 to Sun 3 May, 23:59")
    assert "escalate" in english


def test_a_period_without_messages_says_so(write):
    playbook, journal = setup(write)
    result = run(journal, "-p", playbook, "--from", "2030-01-01", "--lang", "en")
    assert result.exit_code == 0
    assert "0 messages" in result.stdout and "No message in this period." in result.stdout


def test_documents_are_addressed_to_the_recipients_with_charts_and_objectives(write, tmp_path):
    playbook, journal = setup(write)
    md = run(journal, "-p", playbook, "--format", "md").stdout
    assert "À l’attention de Claire Dupuis, Julie Martin" in md
    assert md.count("](data:image/svg+xml;base64,") == 3
    assert "| Répondre vite au public | part des messages traités dans le délai | 90 % |" in md
    assert "non mesuré par le journal" in md
    assert "| ne pas répondre |" in md and "| transmettre |" in md  # actions in the playbook's language
    html = run(journal, "-p", playbook, "--format", "html").stdout
    assert html.count("<svg ") == 3 and html.count("</svg>") == 3 and "<script" not in html
    target = tmp_path / "rapport.pdf"
    result = run(journal, "-p", playbook, "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    pdf = PdfReader(io.BytesIO(target.read_bytes()))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Claire Dupuis" in text and "Objectifs" in text and "Délais tenus" not in text  # chart titles stay in the SVG
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_an_unreadable_record_is_counted_with_the_errors_and_named(write):
    text = jsonl(ROWS[:5]) + '{"at": "2026-04-28T10:00:00", "action": "answer"\n' + jsonl(ROWS[5:10]) + '{"id": "x"}\n'
    playbook, journal = setup(write, frequency="~", text=text)
    result = run(journal, "-p", playbook, "--format", "json", "--lang", "en")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["errors"] == 2 + sum(1 for row in ROWS[:10] if row.get("error"))
    assert f"{journal}:6: not counted: this line is not a JSON record" in result.stderr
    assert f"{journal}:12: not counted: no readable `at`" in result.stderr


def test_a_windows_csv_with_semicolons_reads_like_the_jsonl(write):
    playbook, journal = setup(write, name="journal.csv", text="")
    journal.write_bytes(csv_text(ROWS, delimiter=";").encode("cp1252", "replace"))
    from_csv = json.loads(run(journal, "-p", playbook, "--format", "json").stdout)
    _, jsonl_journal = setup(write)
    from_jsonl = json.loads(run(jsonl_journal, "-p", playbook, "--format", "json").stdout)
    assert from_csv["deadlines"] == from_jsonl["deadlines"] and from_csv["by_topic"] == from_jsonl["by_topic"]


def test_mistakes_are_one_sentence_and_exit_2(write, tmp_path):
    playbook, journal = setup(write)
    for args, said in [
        ((journal, "--from", "2026-13-01"), "--from '2026-13-01' is not a date or a time"),
        ((journal, "--from", "2026-04-10", "--to", "2026-04-01"), "comes after --to"),
        ((tmp_path / "nope.jsonl",), "nope.jsonl: cannot read the journal"),
    ]:
        result = run(*args, "-p", playbook, "--lang", "en")
        assert result.exit_code == 2, result.output
        assert said in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    before = journal.read_bytes()
    result = run(journal, "-p", playbook, "-o", journal, "-f", "md")
    assert result.exit_code == 2 and journal.read_bytes() == before  # never written over its own journal
    no_at = write("no-at.csv", "id,action\n1,answer\n")
    result = run(no_at, "-p", playbook)
    assert result.exit_code == 2 and "no `at` column" in result.stderr


def test_a_real_process_writes_json_to_a_pipe(write):
    playbook, journal = setup(write, frequency="monthly")
    done = subprocess.run(
        [sys.executable, "-m", "cmkit", "report", str(journal), "-p", str(playbook), "-f", "json"],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["from"] == "2026-04-01T00:00:00+02:00" and figures["to"] == "2026-04-30T23:59:59+02:00"


@given(st.lists(st.integers(min_value=-10**9, max_value=10**10), min_size=1, max_size=60))
def test_the_median_from_a_histogram_is_the_sorted_median(durations):
    ordered = sorted(durations)
    middle = (ordered[(len(ordered) - 1) // 2] + ordered[len(ordered) // 2]) / 2  # microseconds
    from fractions import Fraction
    import math

    exact = (Fraction(ordered[(len(ordered) - 1) // 2]) + ordered[len(ordered) // 2]) / 2 / 60_000_000
    assert median_minutes(durations) == math.floor(exact + Fraction(1, 2))
    assert abs(median_minutes(durations) - middle / 60e6) <= 0.5


_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["2026-03-02T10:00:00+01:00", "2026-03-02", "2026-03-02T10:00Z", "", "60", "crisis", "answer",
                     1e308, "1e308", "9999-12-31T23:59:59", "0001-01-01T00:30:00", "9999-12-31T23:59:59-05:00"]),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
_records = st.dictionaries(
    st.sampled_from(["at", "answered_at", "due_at", "respond_within_minutes", "action", "topic", "channel",
                     "escalate_to", "crisis", "error", "other"]),
    _values,
)


@given(st.lists(_records, max_size=12))
def test_any_hand_edited_journal_gives_a_report_never_a_traceback(records):
    from cmkit.clock import Clock
    from cmkit.formats.report_json import as_data
    from cmkit.report.engine import build_report

    clock = Clock({"timezone": "Europe/Paris"})
    report = build_report(enumerate(records, 1), clock, frequency="weekly")
    figures = as_data(report, clock)
    assert figures["messages"] + figures["errors"] <= len(records)
    assert figures["deadlines"]["in_time"] <= figures["deadlines"]["answered"] <= figures["deadlines"]["with_deadline"]
    json.dumps(figures)
