"""The draft is longer than the channel's `max_length`.

A reply cut by the platform, or refused, answers nobody in time (the
framework: answers « dans des délais compatibles avec les attentes du
public »). Counted in characters (Unicode code points); only with
`--channel`, for a channel that has a `max_length`. The finding runs from
`max_length` to the end: what has to go.

FAIL::

    channels: [{id: twitter, max_length: 280}]
    draft: (300 characters, reviewed with --channel twitter)
PASS::

    channels: [{id: twitter, max_length: 280}]
    draft: (250 characters, reviewed with --channel twitter)
"""

from __future__ import annotations

from collections.abc import Iterator

from cmkit.review.engine import Draft
from cmkit.review.finding import Hit

CODE = "R107"
SEVERITY = "error"
NAME = "too-long"


def check(draft: Draft) -> Iterator[Hit]:
    channel = draft.channel
    if channel is None or channel.max_length is None or len(draft.text) <= channel.max_length:
        return
    _ = draft._
    over = len(draft.text) - channel.max_length
    yield Hit(
        channel.max_length,
        len(draft.text),
        _.n(
            "{count} character too long for {channel} (at most {limit})",
            "{count} characters too long for {channel} (at most {limit})",
            over,
        ).format(count=over, channel=channel.name or channel.id, limit=channel.max_length),
        _("shorten it, or move the details to a private message"),
    )
