"""The end-of-run summary of `cmkit triage`, on stderr: counts per action and per topic."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rich.console import Console
from rich.table import Table

#: Deciding topics listed, most frequent first; the rest are counted on one line.
TOP_TOPICS = 20
_ACTION_ORDER = ("crisis", "escalate", "moderate", "answer", "decline")
_ACTION_STYLE = {"crisis": "bold red", "escalate": "yellow", "moderate": "magenta", "answer": "green", "decline": "cyan"}


def print_summary(console: Console, actions: Counter[str], topics: Counter[str], failed: int, _: Any = None) -> None:
    """Two small tables (the topics' cut at TOP_TOPICS, since a long table on stderr helps
    no one and costs as much to draw as deciding thousands of messages) and the count
    of records that could not be decided. `_`: the catalogue of the run's language."""
    if _ is None:
        from cmkit.i18n import catalogue

        _ = catalogue("en")
    decided = sum(actions.values())
    title = _.n("{count} message decided", "{count} messages decided", decided).format(count=f"{decided:,}")
    by_action = Table(title=title, title_justify="left", show_edge=False)
    by_action.add_column(_("action"))
    by_action.add_column(_("messages"), justify="right")
    by_action.add_column(_("share"), justify="right")
    for action in _ACTION_ORDER:
        if actions[action]:
            share = f"{actions[action] / decided:.0%}"
            by_action.add_row(action, f"{actions[action]:,}", share, style=_ACTION_STYLE[action])
    console.print(by_action)
    if topics:
        by_topic = Table(title=_("deciding topic"), title_justify="left", show_edge=False)
        by_topic.add_column(_("topic"))
        by_topic.add_column(_("messages"), justify="right")
        ranked = topics.most_common()
        for topic, count in ranked[:TOP_TOPICS]:
            by_topic.add_row(topic, f"{count:,}")
        console.print(by_topic)
        if len(ranked) > TOP_TOPICS:
            rest = ranked[TOP_TOPICS:]
            console.print(
                _("… and {topics} more topics ({messages} messages)").format(
                    topics=f"{len(rest):,}", messages=f"{sum(c for _t, c in rest):,}"
                ),
                highlight=False,
            )
    if failed:
        line = _.n("{count} record not decided", "{count} records not decided", failed).format(count=f"{failed:,}")
        console.print(f"[bold red]{line}[/] " + _("(see above; each is in the output with its error)"))
