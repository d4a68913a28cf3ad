"""The draft has emoji and `tone.emoji` is false.

The framework's « style online » decides the distance to keep with the
public; a charter that says `emoji: false` wants replies without them, and
a smiley slips in easily from a phone keyboard. A run of emoji (with skin
tones, joiners, flags and keycaps) is one finding; a ™ or a → in ordinary
text is not an emoji.

FAIL::

    tone: {emoji: false}
    draft: "Merci pour votre message 😊"
PASS::

    tone: {emoji: false}
    draft: "Merci pour votre message !"
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cmkit.review.engine import Draft
from cmkit.review.finding import Hit

CODE = "R105"
SEVERITY = "warning"
NAME = "emoji"

#: Code point ranges of emoji pictographs (the Extended_Pictographic blocks that hold them).
_RANGES = (
    (0x1F000, 0x1F02F),
    (0x1F0CF, 0x1F0CF),
    (0x1F170, 0x1F251),
    (0x1F300, 0x1FAFF),
    (0x2600, 0x26FF),
    (0x2700, 0x2775),
    (0x2794, 0x27BF),
    (0x231A, 0x231B),
    (0x2328, 0x2328),
    (0x23CF, 0x23CF),
    (0x23E9, 0x23F3),
    (0x23F8, 0x23FA),
    (0x25AA, 0x25AB),
    (0x25B6, 0x25B6),
    (0x25C0, 0x25C0),
    (0x25FB, 0x25FE),
    (0x2B05, 0x2B07),
    (0x2B1B, 0x2B1C),
    (0x2B50, 0x2B50),
    (0x2B55, 0x2B55),
    (0x3030, 0x3030),
    (0x303D, 0x303D),
    (0x3297, 0x3297),
    (0x3299, 0x3299),
)
#: What continues an emoji: variation selector 16, the zero-width joiner, a keycap, tags.
_CONTINUES = "\ufe0f\u200d\u20e3\U000e0020-\U000e007f"
#: What is an emoji only when a variation selector 16 or a keycap follows (© ® ™ ℹ Ⓜ, digits, # and *).
_WITH_SELECTOR = "©®™ℹⓂ#*0-9↔↕↖↗↘↙↩↪"
_PICTOGRAPHS = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _RANGES)
#: A run of emoji: a pictograph (or a character a selector makes one), then what continues it.
_EMOJI = re.compile(
    f"(?:[{_PICTOGRAPHS}]|[{_WITH_SELECTOR}](?=[\\ufe0f\\u20e3]))[{_PICTOGRAPHS}{_CONTINUES}]*"
)


def emoji_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every run of emoji in `text`."""
    if text.isascii():
        return
    for match in _EMOJI.finditer(text):
        yield match.start(), match.end()


def check(draft: Draft) -> Iterator[Hit]:
    if draft.playbook.tone.emoji is not False:
        return
    _ = draft._
    for start, end in emoji_spans(draft.text):
        yield Hit(start, end, _("the charter's replies have no emoji"), _("remove the emoji, or say it in words"))
