"""The text reports of `cmkit eval` and `cmkit suggest`, for the consultant and the client.

`eval` prints what a client asks first (how often the charter decides
right), then where it goes wrong: the confusion of actions, the worst topics
first, and the dangerous misses with their text. `suggest` prints, topic by
topic, keywords ready to paste, each with the rows it catches and those it
would wrongly catch.
"""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cmkit.i18n import catalogue
from cmkit.i18n.numbers import number, percent
from cmkit.i18n.terms import action_word
from cmkit.learn.evaluate import NONE, Evaluation

#: Dangerous misses and topic misses shown with their text; the rest are counted.
SHOWN_MISSES = 15
_ACTIONS = ("crisis", "escalate", "moderate", "answer", "decline", NONE)




def print_evaluation(console: Console, result: Evaluation, history: str, playbook: str, lang: str) -> None:
    _ = catalogue(lang)
    console.print(
        _("{playbook} measured on {history}: {count} messages").format(
            playbook=playbook, history=history, count=number(result.messages, lang)
        ),
        markup=False,
        highlight=False,
    )
    for label, axis in ((_("Action"), result.action), (_("Topic"), result.topic)):
        if axis.counted:
            console.print(
                _("{label}: {share} right ({right} of {counted})").format(
                    label=label,
                    share=percent(axis.right / axis.counted, lang),
                    right=number(axis.right, lang),
                    counted=number(axis.counted, lang),
                ),
                markup=False,
                highlight=False,
            )
    if result.action.counted:
        _print_confusion(console, result, lang)
    if result.topic.counted:
        _print_topics(console, result, lang)
    _print_dangerous(console, result, lang)
    if result.errors:
        console.print(
            _.n(
                "{count} row could not be decided (see `cmkit triage` for why)",
                "{count} rows could not be decided (see `cmkit triage` for why)",
                len(result.errors),
            ).format(count=number(len(result.errors), lang)),
            markup=False,
            highlight=False,
        )


def _print_confusion(console: Console, result: Evaluation, lang: str) -> None:
    _ = catalogue(lang)
    confusion = result.action.confusion
    decided = sorted({got for row in confusion.values() for got in row}, key=_action_order)
    table = Table(show_edge=False)
    table.add_column(_("expected"))
    for got in decided:
        table.add_column(action_word(got, lang), justify="right")
    table.add_column(_("recall"), justify="right")
    per_label = result.action.as_json()["per_label"]
    for expected in sorted(confusion, key=_action_order):
        row = confusion[expected]
        cells = [
            Text(number(row.get(got, 0), lang), style="bold" if got == expected else "red" if row.get(got) else "dim")
            for got in decided
        ]
        table.add_row(action_word(expected, lang), *cells, percent(per_label[expected]["recall"], lang))
    console.print()
    console.print(_("Actions: expected (rows) and decided (columns)"), style="bold", markup=False)
    console.print(table)


def _action_order(action: str) -> int:
    return _ACTIONS.index(action) if action in _ACTIONS else len(_ACTIONS)


def _print_topics(console: Console, result: Evaluation, lang: str) -> None:
    _ = catalogue(lang)
    per_label = result.topic.as_json()["per_label"]
    ranked = sorted(
        ((label, figures) for label, figures in per_label.items() if figures["support"]),
        key=lambda item: (item[1]["recall"] if item[1]["recall"] is not None else 1.0, -item[1]["support"], item[0]),
    )
    table = Table(show_edge=False)
    for column, justify in ((_("topic"), "left"), (_("recall"), "right"), (_("precision"), "right"), (_("messages"), "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for label, figures in ranked:
        shown = _("(no topic)") if label == NONE else label
        table.add_row(
            shown, percent(figures["recall"], lang), percent(figures["precision"], lang), number(figures["support"], lang)
        )
    console.print()
    console.print(_("Topics, the worst recognised first"), style="bold", markup=False)
    console.print(table)


def _print_dangerous(console: Console, result: Evaluation, lang: str) -> None:
    _ = catalogue(lang)
    console.print()
    if not result.dangerous:
        console.print(_("No dangerous miss: every expected escalation or crisis was escalated."), markup=False)
        return
    console.print(
        _.n(
            "{count} dangerous miss: an escalation or a crisis the charter lets the CM handle alone",
            "{count} dangerous misses: escalations or crises the charter lets the CM handle alone",
            len(result.dangerous),
        ).format(count=number(len(result.dangerous), lang)),
        style="bold red",
        markup=False,
        highlight=False,
    )
    for miss in result.dangerous[:SHOWN_MISSES]:
        text = result.texts.get(miss["line"], "")
        quoted = f"« {text} »" if lang == "fr" else f"“{text}”"
        console.print(
            _("  line {line}: expected {expected}, decided {got}  {text}").format(
                line=miss["line"],
                expected=action_word(miss["expected"], lang),
                got=action_word(miss["got"], lang),
                text=_shorten(quoted, 100),
            ),
            markup=False,
            highlight=False,
        )
    if len(result.dangerous) > SHOWN_MISSES:
        console.print(
            _("  … and {count} more").format(count=number(len(result.dangerous) - SHOWN_MISSES, lang)), markup=False
        )


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_proposal(console: Console, proposal: Any, lang: str) -> None:
    """`    - "keyword"    # catches 5 rows, wrongly 0`: a YAML list item, ready to paste."""
    _ = catalogue(lang)
    item = json.dumps(proposal.keyword, ensure_ascii=False)
    why = _("catches {hits}, wrongly {false_hits}").format(hits=proposal.hits, false_hits=proposal.false_hits)
    console.print(f"    - {item:<32} # {why}", markup=False, highlight=False)


def print_suggestions(console: Console, suggestions: Any, labels: dict[str, str], lang: str) -> None:
    """Per topic: keywords to add (ready to paste) and to remove, then stems, then the figures."""
    _ = catalogue(lang)
    if suggestions.empty():
        console.print(_("Nothing to propose: no keyword would decide more rows right."), markup=False)
    for topic in labels:
        adds, removes = suggestions.add.get(topic, []), suggestions.remove.get(topic, [])
        if not adds and not removes:
            continue
        console.print(f"{topic} — {labels[topic]}", style="bold", markup=False, highlight=False)
        if adds:
            console.print("  " + _("add:"), markup=False)
            for proposal in adds:
                _print_proposal(console, proposal, lang)
        if removes:
            console.print("  " + _("remove:"), markup=False)
            for proposal in removes:
                _print_proposal(console, proposal, lang)
    if suggestions.stems:
        console.print(_("matching: turn stems on (`matching: {stems: true}`): it decides more rows right."), markup=False)
    before, after = suggestions.before, suggestions.after
    if before.get("topic") is not None:
        console.print(
            _("On these rows: topic {before} → {after}, action {action_before} → {action_after}.").format(
                before=percent(before.get("topic"), lang),
                after=percent(after.get("topic"), lang),
                action_before=percent(before.get("action"), lang),
                action_after=percent(after.get("action"), lang),
            ),
            markup=False,
            highlight=False,
        )
