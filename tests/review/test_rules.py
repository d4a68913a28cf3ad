"""Each review code on drafts written the way a community manager writes them: the exact set of
codes, the offsets on the words. Twenty drafts of our own, in French and English (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmkit.trusted import load_playbook
from cmkit.review.context import find_channel, find_topic
from cmkit.review.engine import failed, review

HERE = Path(__file__).parent
FR = load_playbook(HERE / "charte.fr.yaml")
EN = load_playbook(HERE / "charter.en.yaml")
SIGNE = "— Léa, pour l'équipe Maison Dupuis"
SIGNED = "— Sam, Kestrel support"


def _codes(playbook, draft, topic=None, channel=None):
    found = review(
        draft,
        playbook,
        topic=find_topic(playbook, topic, "p"),
        channel=find_channel(playbook, channel, "p"),
    )
    return sorted({f.code for f in found}), found


# (playbook, draft, --topic, --channel, the codes expected)
DRAFTS = [
    # French, a `vous` charter
    (FR, f"Bonjour, merci pour votre message ! Nous regardons cela. {SIGNE}", None, None, []),
    (FR, f"Bonjour Camille, tu peux nous envoyer ton numéro en privé ? {SIGNE}", None, None, ["R103"]),
    (FR, f"Ce n'est pas de notre ressort, désolés. {SIGNE}", None, None, ["R101"]),
    (FR, f"Pas d'inquiétude, nous allons vous rembourser intégralement. {SIGNE}", None, None, ["R102"]),
    (FR, f"Votre ticket est bien enregistré. {SIGNE}", None, None, ["R104"]),
    (FR, f"Merci beaucoup 😊🙏 {SIGNE}", None, None, ["R105"]),
    (FR, "Merci pour votre message, nous revenons vers vous.", None, None, ["R106"]),
    (FR, f"{'Merci pour votre patience. ' * 12}{SIGNE}", None, "twitter", ["R107"]),
    (FR, f"Écrivez à julie.martin@maison-dupuis.fr ou au 06 12 34 56 78. {SIGNE}", None, None, ["R108"]),
    (FR, f"Votre commande n°123456 part demain. Nous sommes désolés du retard. {SIGNE}", "livraison", None, ["R201"]),
    (FR, f"Le ton de notre dernier message était maladroit, y a-t-il un souci ? {SIGNE}", None, None, []),
    (FR, f"Vous êtes nombreux à nous écrire : merci à vous tous ! {SIGNE}", None, None, []),
    (FR, f"Suivez votre colis sur https://suivi.maison-dupuis.fr/42, désolés du retard. {SIGNE}", "livraison", None, []),
    (FR, f"Suivez votre colis sur https://maison-dupuls.fr/42, désolés du retard. {SIGNE}", "livraison", None, ["R202"]),
    (FR, f"Votre colis est reparti ce matin. {SIGNE}", "livraison", None, ["R203"]),
    (FR, "{referent} revient vers vous {deadline}. " + SIGNE, None, None, ["R204"]),
    # English: no R103
    (EN, f"Thanks for your message, we are on it. {SIGNED}", None, None, []),
    (EN, f"That's not our problem, sorry. {SIGNED}", None, None, ["R101"]),
    (EN, f"Sorry! We will refund you today, call +44 20 7946 0958. {SIGNED}", "repair", None, ["R102", "R108"]),
    (EN, f"Sorry about order #1234567 🙈 tu es sûr ? {SIGNED}", "repair", "twitter", ["R105", "R201"]),
]


@pytest.mark.parametrize(("playbook", "draft", "topic", "channel", "codes"), DRAFTS, ids=[d[1][:40] for d in DRAFTS])
def test_twenty_drafts_get_exactly_the_expected_codes(playbook, draft, topic, channel, codes):
    assert _codes(playbook, draft, topic, channel)[0] == codes


def test_a_forbidden_phrase_points_at_its_words():
    draft = f"Désolés, ce n’est PAS de notre ressort. {SIGNE}"
    (finding,) = _codes(FR, draft)[1]
    assert (finding.code, finding.severity, finding.match) == ("R101", "error", "PAS de notre ressort")
    assert draft[finding.start : finding.end] == finding.match


def test_detect_points_at_the_promise():
    draft = f"Nous allons vous rembourser. {SIGNE}"
    (finding,) = _codes(FR, draft)[1]
    assert (finding.code, finding.match) == ("R102", "vous rembourser")
    assert "promettre un remboursement" in finding.message


def test_a_missing_signature_is_at_the_end_of_the_draft():
    draft = "Merci à vous !"
    (finding,) = _codes(FR, draft)[1]
    assert (finding.code, finding.start, finding.end, finding.match) == ("R106", len(draft), len(draft), "")


def test_a_signature_counts_with_other_dashes_and_trailing_space():
    assert _codes(FR, "Merci ! - Léa, pour l’équipe Maison Dupuis  \n")[0] == []


def test_too_long_runs_from_max_length_to_the_end_in_code_points():
    draft = "é" * 270 + "🙂" + " " + SIGNE
    codes, found = _codes(FR, draft, channel="twitter")
    (r107,) = [f for f in found if f.code == "R107"]
    assert (r107.start, r107.end) == (280, len(draft))
    assert _codes(FR, "é" * 10, channel="facebook")[0] == ["R106"]


def test_length_is_not_checked_without_a_channel():
    assert "R107" not in _codes(FR, "x " * 400)[0]


def test_an_alias_names_the_channel():
    assert "R107" in _codes(FR, "x" * 300, channel="tweeter")[0]


def test_emoji_is_one_finding_per_run_and_needs_emoji_false():
    draft = f"Merci 👍🏽 et bravo 👨‍👩‍👧 ! ™ → {SIGNE}"
    found = [f for f in _codes(FR, draft)[1] if f.code == "R105"]
    assert [f.match for f in found] == ["👍🏽", "👨‍👩‍👧"]
    keycap = [f.match for f in _codes(FR, f"Étape 1\ufe0f\u20e3 puis 2. {SIGNE}")[1]]
    assert keycap == ["1\ufe0f\u20e3"]
    allowed = FR.model_copy(update={"tone": FR.tone.model_copy(update={"emoji": True})})
    assert _codes(allowed, draft)[0] == []


def test_personal_data_finds_french_and_international_numbers_and_addresses():
    draft = f"Appelez le 01 23 45 67 89, le +33 6 12 34 56 78 ou écrivez à a.b+c@exemple.fr. {SIGNE}"
    found = [f.match for f in _codes(FR, draft)[1] if f.code == "R108"]
    assert sorted(found) == sorted(["01 23 45 67 89", "+33 6 12 34 56 78", "a.b+c@exemple.fr"])


@pytest.mark.parametrize(
    "number", ["0800 12 34 56", "+33 (0)1 23 45 67 89", "+32 2 123 45 67", "07 00 00 00 00", "06-12-34-56-78", "+1 (415) 555-2671"]
)
def test_phone_numbers_in_many_layouts(number):
    draft = f"Appelez le {number} aujourd'hui. {SIGNE}"
    assert [f.match for f in _codes(FR, draft)[1]] == [number]


def test_dates_prices_and_postcodes_are_no_phone_numbers():
    draft = f"Livré le 12/03/2026 à 14h, 75011 Paris, 24,90 €, 1 234,56 €, SIRET 123 456 789 00012. {SIGNE}"
    assert _codes(FR, draft)[0] == []


def test_mixing_tu_and_vous_is_a_finding_even_without_an_address_in_the_charter():
    neutral = FR.model_copy(update={"tone": FR.tone.model_copy(update={"address": None})})
    codes, found = _codes(neutral, f"Vous avez raison, votre colis arrive, tu verras. {SIGNE}")
    assert codes == ["R103"]
    assert [f.match for f in found] == ["tu"]
    assert _codes(neutral, f"Tu as raison, ton colis arrive. {SIGNE}")[0] == []


def test_a_tu_charter_flags_the_polite_vous_but_not_the_plural_one():
    informal = FR.model_copy(update={"tone": FR.tone.model_copy(update={"address": "tu"})})
    assert [f.match for f in _codes(informal, f"Merci, votre colis arrive. {SIGNE}")[1]] == ["votre"]
    assert _codes(informal, f"Merci à vous tous, et à toi Camille ! {SIGNE}")[0] == []


def test_errors_fail_the_review_and_warnings_do_not():
    assert failed(_codes(FR, f"Tu es génial. {SIGNE}")[1])
    assert not failed(_codes(FR, "Merci 😊")[1])


def test_phrases_follow_the_playbooks_stems():
    draft = f"Vos tickets sont enregistrés. {SIGNE}"
    assert _codes(FR, draft)[0] == []
    stemming = FR.model_copy(update={"matching": FR.matching.model_copy(update={"stems": True})})
    assert [(f.code, f.match) for f in _codes(stemming, draft)[1]] == [("R104", "tickets")]


_DRAFT_TEXT = st.lists(
    st.one_of(
        st.sampled_from(list("abcdeéàçtuvoTVs '’-!?.,:;@/\n0123456789+😊👍🏽\u200d\ufe0f\u20e3")),
        st.sampled_from(["tu ", "vous ", "ton ", "le ton ", "a-t-il ", "pas de notre ressort ", "06 12 34 56 78 ",
                         "x@y.fr ", "https://a.fr ", "{referent} ", "commande n°123456 ", SIGNE]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_DRAFT_TEXT, st.sampled_from([None, "twitter"]), st.sampled_from([None, "livraison"]))
def test_every_finding_points_into_the_draft_and_its_match_is_what_is_there(draft, channel, topic):
    for finding in _codes(FR, draft, topic, channel)[1]:
        assert 0 <= finding.start <= finding.end <= len(draft)
        assert finding.match == draft[finding.start : finding.end]
        assert finding.severity in {"error", "warning", "info"}
