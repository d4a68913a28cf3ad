"""Review a draft reply against the charter: plain findings, never printing (spec: cli.md, `cmkit review`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cmkit.i18n import Catalogue, catalogue
from cmkit.model.playbook import Channel, Playbook, Topic
from cmkit.review.finding import ReviewFinding


@dataclass
class Draft:
    """What every review rule reads: the draft, the charter, the context and the language to speak."""

    text: str
    playbook: Playbook
    topic: Topic | None = None
    channel: Channel | None = None
    lang: str = "en"
    author: str | None = None  # the handle the reply answers, when known
    _cache: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def _(self) -> Catalogue:
        """The sentences in the language the command speaks."""
        return catalogue(self.lang)


def review(
    text: str,
    playbook: Playbook,
    *,
    topic: Topic | None = None,
    channel: Channel | None = None,
    lang: str = "en",
    author: str | None = None,
    codes: frozenset[str] | None = None,
) -> list[ReviewFinding]:
    """Every finding of every rule (or of `codes`), in draft order, then by code."""
    from cmkit.review.registry import all_rules

    draft = Draft(text, playbook, topic, channel, lang, author)
    found = []
    for rule in all_rules():
        if codes is not None and rule.code not in codes:
            continue
        for hit in rule.check(draft):
            found.append(
                ReviewFinding(
                    code=rule.code,
                    severity=rule.severity,
                    message=hit.message,
                    start=hit.start,
                    end=hit.end,
                    match=text[hit.start : hit.end],
                    hint=hit.hint,
                    rule=rule.name,
                )
            )
    return sorted(found, key=lambda f: (f.start, f.end, f.code))


def failed(findings: list[ReviewFinding]) -> bool:
    """Whether the draft must not be posted: an error-severity finding (exit 1)."""
    return any(f.severity == "error" for f in findings)
