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
from cmkit.i18n import catalogue
from cmkit.i18n.numbers import number

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


def _line(change: Change, kinds: dict[str, str]) -> Text:
    marker, style = _MARKERS[change.kind]
    line = Text("  ")
    line.append(f"{marker} ", style=f"bold {style}")
    line.append(change.message)
    line.append(f"  [{kinds[change.kind]}]", style="dim")
    return line


def render_diff_text(old_file: str, new_file: str, changes: list[Change], lang: str = "en") -> RenderableType:
    """Sections in file order, then a one-line summary, in `lang` (the markers say the same in both)."""
    _ = catalogue(lang)
    if not changes:
        return Text(
            _("No change in meaning between {old} and {new}.").format(old=old_file, new=new_file), style="green"
        )
    kinds = {
        "added": _("added"), "removed": _("removed"), "changed": _("changed"), "tightened": _("tightened"),
        "loosened": _("loosened"), "granted": _("granted"), "withdrawn": _("withdrawn"),
        "precedence": _("precedence"),
    }
    sections = {
        "organization": _("Organisation"), "objectives": _("Objectives"), "channels": _("Channels"),
        "tone": _("Tone"), "autonomy": _("Autonomy"), "contacts": _("Referents"), "topics": _("Topics"),
        "default": _("Unmatched messages"), "crisis": _("Crisis"), "reporting": _("Reporting"),
    }
    parts: list[RenderableType] = [Text(f"{old_file} → {new_file}", style="bold")]
    for section, group in groupby(changes, key=lambda change: change.section):
        parts.append(Text(f"\n{sections.get(section, section)}", style="bold underline"))
        parts.extend(_line(change, kinds) for change in group)
    count = len(changes)
    summary = _.n("{count} change in meaning.", "{count} changes in meaning.", count).format(count=number(count, lang))
    parts.append(Text(f"\n{summary}", style="bold"))
    return Group(*parts)
