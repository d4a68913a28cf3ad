"""A reply to a complaint does not apologise.

The framework's support process answers customers « où qu'ils
s'expriment », and a complaint answered without a word of regret reads as
indifference. A topic is a complaint when its model `reply` apologises, or
when it escalates to a referent in the support process. Only with
`--topic`. Information, not a warning: some replies rightly do not
apologise (a fraud attempt), and the reviewer decides.

FAIL::

    topics: [{id: livraison, action: escalate, escalate_to: sav, process: support, ...}]
    draft: "Nous transmettons au service client."   (--topic livraison)
PASS::

    topics: [{id: livraison, action: escalate, escalate_to: sav, process: support, ...}]
    draft: "Nous sommes désolés : nous transmettons au service client."
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.review.engine import Draft
from cmkit.review.finding import Hit
from cmkit.review.phrases import says

CODE = "R203"
SEVERITY = "info"
NAME = "apology-missing"

APOLOGIES = (
    "desole*", "excus*", "pardon*", "regrett*", "navre*", "toutes nos excuses",
    "sorry", "apologi*", "apologies", "regret*",
)  # fmt: skip


def apologises(text: str) -> bool:
    """Whether `text` says sorry, in French or English."""
    return says(APOLOGIES, text)


def check(draft: Draft) -> Iterator[Hit]:
    topic = draft.topic
    if topic is None:
        return
    complaint = (topic.reply is not None and apologises(topic.reply)) or (
        topic.action == "escalate" and topic.process == "support"
    )
    if not complaint or apologises(draft.text):
        return
    _ = draft._
    yield Hit(
        0,
        0,
        _("a reply to a complaint ({topic}) with no word of apology").format(topic=topic.label),
        _("acknowledge the trouble first (\u201cwe are sorry…\u201d)"),
    )
