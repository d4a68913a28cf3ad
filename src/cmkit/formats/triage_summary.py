"""The end-of-run summary of `cmkit triage`, on stderr: counts per action and per topic."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

#: Deciding topics listed, most frequent first; the rest are counted on one line.
TOP_TOPICS = 20
_ACTION_ORDER = ("crisis", "escalate", "moderate", "answer", "decline")
_ACTION_STYLE = {"crisis": "bold red", "escalate": "yellow", "moderate": "magenta", "answer": "green", "decline": "cyan"}


def print_summary(console: Console, actions: Counter[str], topics: Counter[str], skipped: int) -> None:
    """Two small tables (the topics' cut at TOP_TOPICS, since a long table on stderr helps
    no one and costs as much to draw as deciding thousands of messages) and the count
    of skipped records."""
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
        ranked = topics.most_common()
        for topic, count in ranked[:TOP_TOPICS]:
            by_topic.add_row(topic, f"{count:,}")
        console.print(by_topic)
        if len(ranked) > TOP_TOPICS:
            rest = ranked[TOP_TOPICS:]
            console.print(f"… and {len(rest):,} more topics ({sum(c for _, c in rest):,} messages)", highlight=False)
    if skipped:
        console.print(f"[bold red]{skipped:,} record(s) skipped[/] (see above)")
