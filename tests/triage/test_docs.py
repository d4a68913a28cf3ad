"""docs/triage.md names every built-in mapping and the columns it reads, so the page cannot drift."""

from __future__ import annotations

import pytest

from cmkit.inbox.mapping import TOOLS
from tests.conftest import ROOT

PAGE = (ROOT / "docs" / "triage.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_each_export_tool_has_its_row_with_the_columns_it_reads(tool):
    row = next((line for line in PAGE.splitlines() if line.startswith(f"| `{tool}` |")), None)
    assert row is not None, f"docs/triage.md has no row for --from {tool}"
    for field, alternatives in TOOLS[tool].fields.items():
        assert f"`{field}` {alternatives[0][0]}" in row, f"{tool}: the row does not say where `{field}` is read"
