"""The one normalisation matching uses: case and accents ignored, punctuation a word break.

`Reçu !` and `recu` must match, `l'avis` and `l avis` too. Keywords and
message texts go through the same function, so what a consultant writes in the
playbook and what a customer writes are compared on equal terms (spec:
playbook.md, "How a message is decided", step 1).
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
# Letters NFKD does not decompose into a base letter plus accents.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})


def fold(text: str) -> str:
    """Lowercase and strip accents: 'Déjà Reçu' -> 'deja recu' (punctuation kept)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Fold, then turn every run of non-letter, non-digit characters into one space.

    The result has no leading or trailing space: 'Où est mon colis ?!' -> 'ou est mon colis'.
    Letters outside a-z after folding (Greek, Cyrillic, CJK...) are kept as letters.
    """
    folded = fold(text)
    if folded.isascii():
        return _NON_WORD.sub(" ", folded).strip()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in folded).split())
