"""A playbook diff for a reader: changes grouped by section, each one sentence with a marker.

The marker says which way the charter moved: `+` gained (added, granted),
`-` lost (removed, withdrawn), `↑` a deadline tightened, `↓` loosened, `~`
otherwise. Colour repeats the marker; without colour (NO_COLOR, a pipe) the
marker alone carries it.
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Group, RenderableType
from rich.text import Text

from cmkit.diffing import Change

_MARKERS = {
    "added": ("+", "green"),
    "granted": ("+", "green"),
    "removed": ("-", "red"),
    "withdrawn": ("-", "red"),
    "tightened": ("↑", "yellow"),
    "loosened": ("↓", "yellow"),
    "changed": ("~", "cyan"),
    "precedence": ("~", "cyan"),
}


def _line(change: Change) -> Text:
    marker, style = _MARKERS[change.kind]
    line = Text("  ")
    line.append(f"{marker} ", style=f"bold {style}")
    line.append(change.message)
    line.append(f"  [{change.kind}]", style="dim")
    return line


def render_diff_text(old_file: str, new_file: str, changes: list[Change]) -> RenderableType:
    """Sections in file order, then a one-line summary."""
    if not changes:
        return Text(f"No change in meaning between {old_file} and {new_file}.", style="green")
    parts: list[RenderableType] = [Text(f"{old_file} → {new_file}", style="bold")]
    for section, group in groupby(changes, key=lambda change: change.section):
        parts.append(Text(f"\n{section}", style="bold underline"))
        parts.extend(_line(change) for change in group)
    count = len(changes)
    parts.append(Text(f"\n{count} change{'s' if count != 1 else ''} in meaning.", style="bold"))
    return Group(*parts)
