"""The end-of-run summary of `cmkit triage`, on stderr: counts per action and per topic."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

_ACTION_ORDER = ("crisis", "escalate", "moderate", "answer", "decline")
_ACTION_STYLE = {"crisis": "bold red", "escalate": "yellow", "moderate": "magenta", "answer": "green", "decline": "cyan"}


def print_summary(console: Console, actions: Counter[str], topics: Counter[str], skipped: int) -> None:
    """Two small tables and the count of skipped records."""
    decided = sum(actions.values())
    by_action = Table(title=f"{decided:,} messages decided", title_justify="left", show_edge=False)
    by_action.add_column("action")
    by_action.add_column("messages", justify="right")
    by_action.add_column("share", justify="right")
    for action in _ACTION_ORDER:
        if actions[action]:
            share = f"{actions[action] / decided:.0%}"
            by_action.add_row(action, f"{actions[action]:,}", share, style=_ACTION_STYLE[action])
    console.print(by_action)
    if topics:
        by_topic = Table(title="deciding topic", title_justify="left", show_edge=False)
        by_topic.add_column("topic")
        by_topic.add_column("messages", justify="right")
        for topic, count in topics.most_common():
            by_topic.add_row(topic, f"{count:,}")
        console.print(by_topic)
    if skipped:
        console.print(f"[bold red]{skipped:,} record(s) skipped[/] (see above)")
