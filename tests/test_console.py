"""Text output in a pipe carries no padding, and colours only on a terminal."""

from __future__ import annotations

import io

from cmkit.formats.console import _TrimmedLines, stdout_console


def test_trailing_spaces_are_dropped_line_by_line_even_across_writes():
    sink = io.StringIO()
    stream = _TrimmedLines(sink)
    stream.write("a   \nb  ")
    stream.write("  \n  c\n")
    stream.write("tail")
    stream.flush()
    assert sink.getvalue() == "a\nb\n  c\ntail"


def test_a_table_printed_into_a_pipe_has_no_trailing_spaces(monkeypatch):
    from rich.table import Table

    sink = io.StringIO()
    monkeypatch.setattr("sys.stdout", sink)
    table = Table("topic", "messages")
    table.add_row("livraison", "12")
    table.add_row("a much longer topic label", "1")
    stdout_console().print(table)
    lines = sink.getvalue().splitlines()
    assert any("livraison" in line for line in lines)
    assert all(line == line.rstrip() for line in lines)
