"""Properties over any text: the decision never raises, is deterministic, and agrees with normalisation."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cmkit.decide.engine import REASON_KINDS, Decider, Message
from cmkit.decide.normalize import normalize, words_of
from tests.conftest import FR_PLAYBOOK

_PLAYBOOK = None


def fr_decider() -> Decider:
    global _PLAYBOOK
    if _PLAYBOOK is None:
        from cmkit.trusted import load_playbook

        _PLAYBOOK = load_playbook(FR_PLAYBOOK)
    return Decider(_PLAYBOOK)


def reference_normalize(text: str) -> str:
    """The plain definition of step 1, against which the fast paths are checked."""
    ligatures = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"})
    # NFKD may make capitals, a 'ø' or an 'Æ' of its own
    decomposed = unicodedata.normalize("NFKD", text.casefold()).casefold().translate(ligatures)
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join("".join(ch if ch.isalnum() else " " for ch in folded).split())


texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=200) | st.sampled_from(
    ["Où est mon colis ?", "remboursé", "journaliste", "Commande n°123456", "élections", ""]
)
kinds = st.none() | st.sampled_from(["customer", "journalist", "influencer", "unknown"])
channels = st.none() | st.sampled_from(["twitter", "email", "not-a-channel"])


@settings(max_examples=150, deadline=None)
@given(text=texts, channel=channels, kind=kinds, followers=st.none() | st.integers(0, 10**7))
def test_deciding_never_raises_and_is_deterministic(text, channel, kind, followers):
    message = Message(text, channel, kind, followers)
    first = fr_decider().decide(message)
    again = fr_decider().decide(message)
    assert first == again
    assert first.action in ("answer", "escalate", "moderate", "decline", "crisis")
    assert first.crisis == (first.action == "crisis")
    matched = [r.topic for r in first.reasons if r.kind in ("keyword", "pattern")]
    assert list(first.topics) == list(dict.fromkeys(matched))
    assert all(r.kind in REASON_KINDS for r in first.reasons)
    assert (first.respond_within_minutes is None) or first.action != "decline"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
@example("\U000107a2")  # NFKD turns these modifier letters into 'ø', 'Æ' and U+0345, itself an iota
@example("\u1d2d")
@example("\u037a")
def test_normalize_fast_paths_agree_with_the_definition(text):
    assert normalize(text) == reference_normalize(text)
    assert words_of(text) == reference_normalize(text).split()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["colis", "Remboursé", "élection", "bof", "!", "journaliste", "n°"]), max_size=8))
def test_a_keyword_found_anywhere_in_a_sentence_is_reported(words):
    text = " ".join(words)
    decision = fr_decider().decide(Message(text))
    if "colis" in words:
        assert "livraison" in decision.topics
    if "Remboursé" in words:
        assert "remboursement" in decision.topics


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAeéÉèêëàçÇœŒæ’«» \u00a0!?-'_.𝑨ﬁß2²ıİ€😀\u0301\u034fαΩ", max_size=40))
def test_normalize_fast_paths_agree_on_french_like_text(text):
    assert normalize(text) == reference_normalize(text)
    assert words_of(text) == reference_normalize(text).split()
