"""The one normalisation matching uses: case and accents ignored, punctuation a word break.

`Reçu !` and `recu` must match, `l'avis` and `l avis` too. Keywords and
message texts go through the same function, so what a consultant writes in the
playbook and what a customer writes are compared on equal terms (spec:
playbook.md, "How a message is decided", step 1).

Triage runs this on every message, so the common cases take fast paths that
give exactly what the plain definition gives (a property test holds them to
it): ASCII text, then Latin text whose accents NFKD splits off, then a few
stray symbols (’ « » €, emoji) turned into word breaks one by one.
"""

from __future__ import annotations

import re
import unicodedata

# The combining accents of Latin scripts (U+0300-U+036F, all of combining class > 0
# except U+034F, the grapheme joiner).
_LATIN_ACCENTS = re.compile("[\u0300-\u034e\u0350-\u036f]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# ... and for the fast path, those accents that casefold leaves alone (U+0345 becomes an iota).
_NEITHER_ASCII_NOR_ACCENT = re.compile("[^\x00-\x7f\u0300-\u0344\u0346-\u034e\u0350-\u036f]")
# Letters NFKD does not decompose into a base letter plus accents.
_LIGATURES = {"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
_LIGATURE_TABLE = str.maketrans(_LIGATURES)
# ASCII bytes: digits and lowercase letters stay, capitals are lowered, everything else becomes a word break.
_WORD_BYTES = bytes(c if (48 <= c <= 57 or 97 <= c <= 122) else c + 32 if 65 <= c <= 90 else 32 for c in range(256))


def fold(text: str) -> str:
    """Lowercase and strip accents: 'Déjà Reçu' -> 'deja recu' (punctuation kept)."""
    lowered = text.casefold()
    if lowered.isascii():  # NFKD leaves ASCII as it is: most texts stop here
        return lowered
    # casefold again: compatibility forms decompose to capitals too ('𝑨' -> 'A')
    decomposed = _LATIN_ACCENTS.sub("", unicodedata.normalize("NFKD", lowered)).translate(_LIGATURE_TABLE).casefold()
    if decomposed.isascii():
        return decomposed
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Fold, then turn every run of non-letter, non-digit characters into one space.

    The result has no leading or trailing space: 'Où est mon colis ?!' -> 'ou est mon colis'.
    Letters outside a-z after folding (Greek, Cyrillic, CJK...) are kept as letters.
    """
    return padded_words(text)[1:-1]


def padded_words(text: str) -> str:
    """`normalize(text)` with one space on each side: ' ou est mon colis '.

    The matcher looks for ' colis ' in it, so that a keyword only matches whole
    words; for a text with no word at all it is a single space.
    """
    if text.isascii():  # lowered by the byte table
        return _padded_ascii(text.encode("ascii"))
    try:  # Western European text: one byte table folds it
        folded = text.encode("latin-1").translate(_LATIN1_WORDS)
    except UnicodeEncodeError:
        folded = b"\xff"
    if b"\xff" not in folded:
        words = folded.split()
        return f" {b' '.join(words).decode('ascii')} " if words else " "
    # Latin letters and accents, and compatibility forms NFKD makes ASCII: NFKD then an
    # ASCII lowercase give what casefold then NFKD give ('É' -> 'e', 'ﬁ' -> 'fi', '™' -> 'tm').
    decomposed = unicodedata.normalize("NFKD", text)
    if not _NEITHER_ASCII_NOR_ACCENT.search(decomposed):
        return _padded_ascii(decomposed.encode("ascii", "ignore"))
    # casefold again: NFKD may make capitals ('𝑨' -> 'A') and a U+0345 (an iota)
    lowered = _LATIN_ACCENTS.sub("", unicodedata.normalize("NFKD", text.casefold()).casefold())
    if not lowered.isascii():
        lowered = _NON_ASCII.sub(_word_or_break, lowered)
        if not lowered.isascii():  # letters of other scripts: the plain definition
            words = "".join(ch if ch.isalnum() else " " for ch in lowered.casefold()).split()
            return f" {' '.join(words)} " if words else " "
    return _padded_ascii(lowered.encode("ascii"))


def words_of(text: str) -> list[str]:
    """`normalize(text).split()`: the words, for matching by words (`matching.stems`).

    ASCII and Western European text take the byte tables of `padded_words`
    without joining the words only to split them again; the rest goes through it.
    """
    if text.isascii():
        return text.encode("ascii").translate(_WORD_BYTES).decode("ascii").split()
    try:
        folded = text.encode("latin-1").translate(_LATIN1_WORDS)
    except UnicodeEncodeError:
        return padded_words(text).split()
    if b"\xff" in folded:
        return padded_words(text).split()
    return folded.decode("ascii").split()


def _padded_ascii(text: bytes) -> str:
    """Lowercase letters and digits kept, capitals lowered, anything else one word break."""
    words = text.translate(_WORD_BYTES).split()
    return f" {b' '.join(words).decode('ascii')} " if words else " "


def _latin1_words() -> bytes:
    """The Latin-1 byte table of `padded_words`: each character folded by the general path
    ('É' -> 'e', '×' -> a word break); 0xff for those that do not fold to one ASCII
    character ('ß' -> 'ss', 'µ' -> 'μ'), which go the general way."""
    table = bytearray(_WORD_BYTES[:128])
    for code in range(128, 256):
        words = padded_words(chr(code))[1:-1]
        table.append(32 if not words else ord(words) if len(words) == 1 and words.isascii() else 0xFF)
    return bytes(table)


def _word_or_break(match: re.Match[str]) -> str:
    """One non-ASCII character left after NFKD: a ligature spelt out, an accent dropped,
    a letter kept, anything else a word break."""
    char = match.group()
    if char in _LIGATURES:
        return _LIGATURES[char]
    if unicodedata.combining(char):
        return ""
    return char if char.isalnum() else " "


_LATIN1_WORDS = b"\xff" * 256  # every character the general way until the table is built from it
_LATIN1_WORDS = _latin1_words()
