"""French address: which words of a draft say `tu`, which say `vous` to one person.

Why a closed word list with context rules, not a tagger: the question is
not "is this a pronoun?" but "does this address one reader informally or
formally?". General French taggers (spaCy's, Stanza's models) tag `vous` as
second person plural with no politeness feature, so they cannot tell the
polite singular from a group; they also mis-tag `Tu` at a sentence start and
know nothing of « le ton » or « s'est tu ». The forms that carry the address
are few and closed (tu, te, t', toi, ton, ta, tes, le tien…; vous, votre,
vos, le vôtre…, and the imperative), and the traps are few and known, so a
list with the context rules below is exact where it speaks, fast, and
explains itself. What it cannot tell (a bare imperative such as « Contacte
le service » next to the 3rd person « il contacte »), it leaves alone.

Context rules:

- `ton` after a determiner or adjective (« le ton », « un ton », « ce ton »,
  « changer de ton. ») is the noun.
- `tu` after an auxiliary (« s'est tu », « a tu », « avait tu ») is the past
  participle of *taire*.
- `t` between hyphens before il/elle/on (« a-t-il », « va-t-on ») is euphonic.
- `tien`, `tienne`, `tiens`, `tiennes` count only after le/la/les (« je
  tiens à » is *tenir*).
- A verb joined by a hyphen to a following pronoun (« envoie-nous »,
  « dis-moi ») is an imperative: `-ez` says vous, the 2nd singular says tu;
  `ne… pas` at the start of a clause (« N'hésite pas », « Ne bouge pas ») likewise.
- « rendez-vous » is a noun; « Châlons-en-Champagne », « Villeneuve-le-Roi »
  are places, not imperatives.
- `vous` addressed to a group is plural, not polite: a draft that says « vous
  tous », « vous-mêmes », « à tous », « vous êtes nombreux », « chacun d'entre vous », « vous
  deux »… speaks to several people, and its vous forms are not counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cmkit.decide.normalize import fold

_WORD = re.compile(r"[^\W\d_]+")
_APOSTROPHES = ("'", "\u2019", "\u02bc")
_HYPHENS = ("-", "\u2010", "\u2011")
_CLAUSE_BREAK = re.compile(r"[.!?;:,\n\u2026()«»\"]")

_AUXILIARIES = frozenset(
    "est etait sera serait soit fut a avait aura aurait ont avaient etre avoir ete sont etaient".split()
)
_TON_NOUN_BEFORE = frozenset(
    "le un du au ce cet quel meme mon son ton leur notre votre bon mauvais beau petit demi nouveau".split()
)
_EUPHONIC_AFTER = frozenset("il elle on ils elles".split())
_POSSESSIVE_ARTICLES = frozenset("le la les".split())
_IMPERATIVE_OBJECTS = frozenset("moi nous le la les lui leur en y toi".split())
#: Words that end like a 2nd-singular imperative before « -la », « -le »… but are not one.
_NOT_IMPERATIVE = frozenset(
    "celle celui ceux celles ce cet cette ces ici jusque par au la vous nous est sont peut faut a y vis dit "
    "voici voila rendez c qu ci lui elle il on tous tout apres avant dessus dessous".split()
)
#: What may stand before « n' » when it opens an imperative clause.
_CLAUSE_OPENERS = frozenset("et mais donc alors surtout svp puis ou".split())
_NUMBERS = "deux trois quatre cinq six sept huit neuf dix".split()
_GROUP_MARKERS = re.compile(
    r"\b(?:vous (?:tous|toutes|autres|memes|" + "|".join(_NUMBERS) + r")|a (?:tous|toutes)|entre vous|"
    r"chacune? d(?:e|entre) vous|vous etes (?:tous |toutes )?(?:nombreux|nombreuses|tous|toutes))\b"
)


@dataclass(frozen=True)
class Form:
    """One word that carries the address: its span (code points, end excluded), its kind and a fix."""

    start: int
    end: int
    address: str  # "tu" or "vous"
    instead: str  # what to write in the other address


@dataclass(frozen=True)
class _Token:
    word: str  # folded: lowercase, no accents
    start: int
    end: int
    before: str  # the text between the previous word and this one
    after: str  # the text between this word and the next one


def _tokens(text: str) -> list[_Token]:
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    tokens = []
    for index, (start, end) in enumerate(spans):
        previous_end = spans[index - 1][1] if index else 0
        next_start = spans[index + 1][0] if index + 1 < len(spans) else len(text)
        tokens.append(_Token(fold(text[start:end]), start, end, text[previous_end:start], text[end:next_start]))
    return tokens


def _joined_by_hyphen(separator: str) -> bool:
    return separator in _HYPHENS


def _apostrophe(separator: str) -> bool:
    return separator in _APOSTROPHES


def _word(tokens: list[_Token], index: int) -> str:
    return tokens[index].word if 0 <= index < len(tokens) else ""


def _opens_clause(tokens: list[_Token], index: int) -> bool:
    """Whether the token at `index` starts a clause (nothing before it, a punctuation mark, `et`…)."""
    if index == 0:
        return True
    token = tokens[index]
    return bool(_CLAUSE_BREAK.search(token.before)) or tokens[index - 1].word in _CLAUSE_OPENERS


def _imperative(tokens: list[_Token], index: int) -> str | None:
    """ "tu" or "vous" when the token is an imperative one can tell, else None."""
    token = tokens[index]
    word = token.word
    if word in _NOT_IMPERATIVE or len(word) < 2:
        return None
    hyphenated = (
        _joined_by_hyphen(token.after)
        and _word(tokens, index + 1) in _IMPERATIVE_OBJECTS
        # « Châlons-en-Champagne », « Villeneuve-le-Roi »: a place name goes on after the pronoun
        and not (
            index + 2 < len(tokens)
            and _joined_by_hyphen(tokens[index + 1].after)
            and tokens[index + 2].word not in _IMPERATIVE_OBJECTS
        )
    )
    negated = (
        index >= 1
        and (
            (tokens[index - 1].word == "n" and _apostrophe(token.before))
            or (tokens[index - 1].word == "ne" and token.before.isspace())
        )
        and _word(tokens, index + 1) in {"pas", "plus", "jamais"}
        and _opens_clause(tokens, index - 1)
    )
    if not (hyphenated or negated):
        return None
    if word.endswith("ez"):
        return "vous"
    if word.endswith("ons"):
        return None
    if hyphenated and index >= 1 and (_joined_by_hyphen(token.before) or _apostrophe(token.before)):
        return None  # the middle of « peut-être-là », « aujourd'hui-là »
    if word.endswith(("e", "s", "a", "x")):
        return "tu"
    return None


def forms(text: str) -> list[Form]:
    """Every word of `text` that addresses the reader as `tu`, or as `vous` to one person."""
    tokens = _tokens(text)
    folded_words = " ".join(t.word for t in tokens)
    to_a_group = bool(_GROUP_MARKERS.search(folded_words))
    found: list[Form] = []
    for index, token in enumerate(tokens):
        word = token.word
        previous = _word(tokens, index - 1)
        kind: tuple[str, str] | None = None
        if word == "tu":
            if not (previous in _AUXILIARIES and not _joined_by_hyphen(token.before)):
                kind = ("tu", "vous")
        elif word == "t":
            euphonic = (
                _joined_by_hyphen(token.before)
                and (_joined_by_hyphen(token.after) or _apostrophe(token.after))
                and _word(tokens, index + 1) in _EUPHONIC_AFTER
            )
            if _apostrophe(token.after) and not euphonic:
                kind = ("tu", "vous")
        elif word in {"te", "toi"}:
            kind = ("tu", "vous")
        elif word == "ton":
            noun = previous in _TON_NOUN_BEFORE or (
                previous == "de" and (index + 1 == len(tokens) or bool(_CLAUSE_BREAK.search(token.after)))
            )
            if not noun:
                kind = ("tu", "votre")
        elif word == "ta":
            kind = ("tu", "votre")
        elif word == "tes":
            kind = ("tu", "vos")
        elif word in {"tien", "tienne", "tiens", "tiennes"} and previous in _POSSESSIVE_ARTICLES:
            kind = ("tu", "vôtre" if word in {"tien", "tienne"} else "vôtres")
        elif word == "vous":
            if previous == "rendez" and _joined_by_hyphen(token.before):
                continue  # « un rendez-vous », the noun
            kind = ("vous", "tu / te / toi")
        elif word == "votre":
            kind = ("vous", "ton / ta")
        elif word == "vos":
            kind = ("vous", "tes")
        elif word in {"votre", "votres"} and previous in _POSSESSIVE_ARTICLES:
            kind = ("vous", "tien / tienne")
        else:
            imperative = _imperative(tokens, index)
            if imperative == "tu":
                kind = ("tu", "-ez")
            elif imperative == "vous":
                kind = ("vous", "-e / -s")
        if kind is None:
            continue
        if kind[0] == "vous" and to_a_group:
            continue
        end = token.end
        if word == "t" and _apostrophe(token.after):
            end += len(token.after)  # « t' » as written
        found.append(Form(token.start, end, kind[0], kind[1]))
    return found
