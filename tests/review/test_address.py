"""French address (R103's word list and context rules): the forms, and the traps that only look like them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmkit.review.address import forms


def _said(text: str) -> list[tuple[str, str]]:
    return [(text[f.start : f.end], f.address) for f in forms(text)]


# (draft, the forms found in it as (words, address))
FORMS = [
    ("Bonjour, tu as reçu ta commande ?", [("tu", "tu"), ("ta", "tu")]),
    ("Peux-tu nous envoyer tes coordonnées ?", [("tu", "tu"), ("tes", "tu")]),
    ("Je te réponds en privé.", [("te", "tu")]),
    ("On t'envoie le lien, t’es sûr de l’adresse ?", [("t'", "tu"), ("t’", "tu")]),
    ("Merci à toi !", [("toi", "tu")]),
    ("Ton colis est parti.", [("Ton", "tu")]),
    ("Ce colis est le tien.", [("tien", "tu")]),
    ("N'hésite pas à nous écrire.", [("hésite", "tu")]),
    ("Merci, n’hésite pas à revenir vers nous.", [("hésite", "tu")]),
    ("Envoie-nous une photo, dis-moi tout.", [("Envoie", "tu"), ("dis", "tu")]),
    ("Va-t'en pas si vite !", [("t'", "tu")]),
    ("Pouvez-vous nous envoyer votre numéro ?", [("vous", "vous"), ("votre", "vous")]),
    ("Vos colis arrivent.", [("Vos", "vous")]),
    ("Contactez-nous en privé.", [("Contactez", "vous")]),
    ("N'hésitez pas à revenir vers nous.", [("hésitez", "vous")]),
    ("C'est le vôtre.", [("vôtre", "vous")]),
    ("Envoie-le-moi demain.", [("Envoie", "tu")]),
    ("Prends rendez-vous, s'il te plaît.", [("te", "tu")]),
    ("Ne bouge pas, on arrive.", [("bouge", "tu")]),
    ("Merci ! Ne bougez pas, nous arrivons.", [("bougez", "vous")]),
]

# Drafts that only look like they address someone (in either charter): nothing to find.
TRAPS = [
    "Le ton de ce message nous a surpris.",  # « le ton », the noun
    "Nous avons changé de ton.",  # « de ton » at the end of a clause
    "Sur un ton plus léger : merci !",
    "Il s'est tu pendant la réunion.",  # past participle of « taire »
    "Elle avait tu la vérité.",
    "Y a-t-il un souci avec la livraison ?",  # euphonic t
    "Va-t-on recevoir le colis ?",
    "Que pense-t-elle de nos sablés ?",
    "Je tiens à préciser que le colis est parti.",  # « tenir », not « le tien »
    "Celle-là est la bonne adresse.",  # « celle-là » is no imperative
    "Allons-y, nous cherchons.",  # 1st plural
    "Peut-être demain.",
    "Merci à vous tous pour vos messages !",  # plural vous, to a group
    "Vous êtes nombreux à nous écrire, et nous lisons vos messages.",
    "Merci à tous : vous avez été formidables.",
    "Chacun d'entre vous recevra un code.",
    "Vous deux avez gagné le concours !",
    "Le tutoriel est en ligne, tutoyer n'est pas notre style.",  # words that start with « tu »
    "Tuer le temps ? Tapez « tuto » dans la recherche.",
    "La date est fixée, T-shirt offert.",
    "Notre boutique de Châlons-en-Champagne et celle de Villeneuve-le-Roi sont ouvertes.",  # places
    "On s'occupe de tout, sans rendez-vous.",  # « rendez-vous », the noun
    "Il ne faut pas attendre, cela ne change pas.",  # « ne… pas » after a subject
]


@pytest.mark.parametrize(("draft", "expected"), FORMS, ids=[d for d, _ in FORMS])
def test_address_forms_are_found_where_they_are(draft, expected):
    assert _said(draft) == expected


@pytest.mark.parametrize("draft", TRAPS)
def test_what_only_looks_like_an_address_is_not_one(draft):
    assert _said(draft) == []


_NEUTRAL = st.lists(
    st.sampled_from(["Nous", "avons", "bien", "reçu", "le", "colis", "merci", "demain", "la", "commande", "est", "partie"]),
    min_size=1,
    max_size=12,
)
_TU = st.sampled_from(["tu", "te", "toi", "ta", "tes", "ton"])


@given(_NEUTRAL, _NEUTRAL, _TU)
def test_a_tu_form_between_neutral_words_is_found_exactly_there(before, after, form):
    if form == "ton" and before[-1].lower() in {"le", "de"}:
        before = [*before, "merci"]  # « le ton », « de ton » are traps of their own
    if form == "tu" and before[-1].lower() == "est":
        before = [*before, "merci"]  # « est tu »: the participle of « se taire »
    head = " ".join(before) + " "
    text = head + form + " " + " ".join(after)
    assert [(f.start, f.end, f.address) for f in forms(text)] == [(len(head), len(head) + len(form), "tu")]


@given(_NEUTRAL)
def test_neutral_sentences_and_traps_say_nothing(words):
    text = " ".join(words)
    assert forms(text) == []


@given(st.sampled_from([d for d, _ in FORMS] + TRAPS))
def test_case_does_not_change_what_is_found(draft):
    assert [(f.start, f.end, f.address) for f in forms(draft.upper())] == [
        (f.start, f.end, f.address) for f in forms(draft)
    ]
