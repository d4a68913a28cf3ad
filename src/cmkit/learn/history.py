"""A labelled history, decided exactly as `cmkit triage` decides it.

`eval` and `suggest` read the same inputs as `triage` (formats, dialects,
column mappings) and decide them with the same code, spread included when
rows have `at`, so that `eval`'s figures equal those computed from
`triage`'s own output on the same file. Each row comes back as triage's
output record: the input's own columns (among them `expect_action` and
`expect_topic`) and the decision's keys, or `error`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from cmkit.decide.engine import Decider
from cmkit.errors import UsageError

Record = tuple[int, Any]


def read_history(path: Path) -> list[Record]:
    """Every (line, record) of a history file, read as triage reads its input."""
    from cmkit.decide.triage import input_format, read_records

    kind = input_format(path)
    try:
        with path.open("rb") as handle:
            return list(read_records(handle, kind, str(path)))
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None


def decided_records(decider: Decider, records: Sequence[Record]) -> Iterator[dict[str, Any]]:
    """Triage's output record for each input record, in input order (nothing lost)."""
    from cmkit.decide.triage import OutOfOrder, Skipped, triage, triage_exact

    def items():
        try:
            return list(triage(decider, records))
        except OutOfOrder:
            return list(triage_exact(decider, lambda: records))

    by_line = dict(records)
    for item in items():
        original = by_line.get(item.line)
        base = dict(original) if isinstance(original, dict) else {}
        if type(item) is Skipped:
            yield {**base, "line": item.line, "id": base.get("id"), "error": item.reason}
        else:
            yield {**base, **item.decision.summary_json(), "line": item.line, "id": item.record_id}
