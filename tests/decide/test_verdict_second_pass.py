"""Issue 11, second pass: off hours, dates in words, a crisis on an answer topic, e-mail
authors, safe hints, no-break spaces, the language of JSON sentences, `test`'s reasons."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from cmkit.decide.engine import Decider, Message, Reason
from cmkit.decide.nearest import NearestTopic
from cmkit.formats.cases_text import _because
from cmkit.formats.decision_text import Verdict, crisis_reason, render_decision
from cmkit.trusted import load_playbook
from tests.decide.builders import decide, playbook, topic

SMALL = Path(__file__).resolve().parent / "boulangerie.fr.yaml"


def _decider() -> Decider:
    return Decider(load_playbook(SMALL))


def _card(decision, lang="fr", width=120) -> str:
    return render_decision(Verdict(decision, lang=lang), width=width)


# -- 1. off hours ---------------------------------------------------------------------------

def test_friday_evening_escalation_says_who_is_off_until_when_and_who_is_on_call():
    decision = _decider().decide(Message("je veux être remboursé", "facebook", at=datetime(2026, 12, 4, 17, 50)))
    assert decision.off_hours["resumes"] == "2026-12-07T09:00:00+01:00"
    assert decision.off_hours["off_duty"] == ["sav", "lead"]
    assert [p["id"] for p in decision.off_hours["on_call"]] == ["garde", "dg"]
    card = _card(decision, width=400).replace("\u00a0", " ").replace("\u202f", " ")
    assert "Hors des heures d’ouverture : Julie Martin et Karim Benali reprennent le lundi 7 décembre à 9 h 00" in card
    assert "d’astreinte d’ici là : Nadia Garde, Claire Dupuis (+33 1 23 45 67 89)" in card


def test_the_reply_never_promises_a_moment_the_referent_cannot_keep():
    decision = _decider().decide(Message("je veux être remboursé", "facebook", at=datetime(2026, 12, 4, 17, 50)))
    assert decision.due_at == "2026-12-04T21:50:00+01:00"  # the public's deadline (the channel's 4h)
    # Julie works in open hours: 10 min on Friday, 1 h 50 on Monday
    assert decision.reply == "Bonjour, Julie Martin revient vers vous d’ici lundi 7\u00a0décembre à 10\u00a0h\u00a030. {merci} — Léa".replace("10\u00a0h\u00a030", "10\u00a0h\u00a050")
    english = Decider(load_playbook(SMALL))
    english.language = "en"
    assert "by Monday 7\u00a0December, 10:50" in english.decide(
        Message("je veux être remboursé", "facebook", at=datetime(2026, 12, 4, 17, 50))).reply


def test_no_off_hours_line_when_the_office_stays_open_or_the_referent_is_on_call():
    decider = _decider()
    assert decider.decide(Message("je veux être remboursé", "facebook", at=datetime(2026, 12, 3, 10, 0))).off_hours is None
    on_call = decider.decide(Message("allergie", "facebook", at=datetime(2026, 12, 5, 23, 0)))
    assert on_call.escalate_to == "garde" and on_call.off_hours is None
    assert decider.decide(Message("je veux être remboursé", "facebook")).off_hours is None  # no --at


def test_the_office_closing_before_the_delay_is_over_counts_too():
    decision = _decider().decide(Message("rembourser", "email", at=datetime(2026, 12, 3, 17, 0)))
    assert decision.off_hours is not None and decision.off_hours["resumes"] == "2026-12-04T09:00:00+01:00"


# -- 2. dates in words ------------------------------------------------------------------------

def test_the_headline_says_the_due_moment_in_words():
    decision = _decider().decide(Message("zzz", at=datetime(2026, 12, 4, 17, 30)))
    first = _card(decision).splitlines()[0]
    # Friday 17:30, default to Julie (not on call), 4 h in open hours: 30 min Friday, 3 h 30 Monday
    assert "au plus tard le lundi 7\u00a0décembre à 12\u00a0h\u00a030" in first
    assert "2026-" not in first
    assert "by Monday 7\u00a0December at 12:30" in _card(decision, "en", width=400).splitlines()[0]


# -- 3. a crisis by author on an answer topic ----------------------------------------------------

def test_a_journalist_on_an_answer_topic_gets_no_instructions_to_answer():
    pb = playbook(
        [topic("livraison", "answer", ["colis"], push=["lien de suivi"], guidance="donner le lien", process="support")],
        crisis={"escalate_to": "lead", "respond_within": "30m", "authors": ["journalist"],
                "holding_statement": "Nous revenons vers vous."},
        organization={"name": "T", "language": "fr"},
    )
    decision = decide(pb, "où est mon colis", author_kind="journalist")
    assert decision.crisis and decision.suspended
    assert decision.push == () and decision.guidance is None and decision.process is None
    assert decision.reply == "Nous revenons vers vous."
    card = _card(decision)
    assert "lien de suivi" not in card and "donner le lien" not in card and "support" not in card
    assert "suspendu par la crise" in card and "Message d’attente" in card
    plain = decide(pb, "où est mon colis")
    assert not plain.suspended and plain.push == ("lien de suivi",)


def test_a_crisis_topic_is_not_suspended():
    pb = playbook([topic("intox", "crisis", ["intoxiqué"], push=["numéro vert"])])
    decision = decide(pb, "intoxiqué")
    assert decision.crisis and not decision.suspended and decision.push == ("numéro vert",)


# -- 4. e-mail authors ----------------------------------------------------------------------------

def test_an_author_written_by_an_e_mail_export_is_looked_up_by_its_address():
    decider = _decider()
    for author in ("Paul Dupont <paul@AFP.com>", "<paul@afp.com>", "paul@afp.com.", "mailto:paul@afp.com",
                   '"Rédaction" <redaction@ouest-france.fr>', "@LeParisien,"):
        decision = decider.decide(Message("colis", author=author))
        assert decision.crisis and decision.author_kind == "journalist", author
    assert not decider.decide(Message("colis", author="Paul <paul@example.org>")).crisis


# -- 5. hints -------------------------------------------------------------------------------------

def test_a_hint_never_points_to_the_topic_its_unless_removed():
    pb = playbook([
        topic("remboursement", "escalate", ["rembours*"], unless=["pas de rembours*"], escalate_to="lead",
              examples=["je veux un remboursement", "remboursement svp"]),
    ])
    decision = decide(pb, "je ne veux pas de remboursement")
    assert decision.topic is None and decision.suggested_topic is None


def test_a_hint_prefers_a_crisis_topic_in_reach_to_an_answer_topic():
    nearest = NearestTopic(
        {"echos": ["bravo pour le reportage presse", "super article presse"],
         "presse": ["journaliste presse interview article", "demande interview presse"]},
        {"echos": "answer", "presse": "crisis"},
    )
    assert nearest.suggest("super article presse bravo")["id"] == "presse"
    assert NearestTopic({"echos": ["bravo reportage"]}, {"echos": "answer"}).suggest("bravo reportage")["id"] == "echos"
    assert nearest.suggest("super article presse bravo", removed=["presse"])["id"] == "echos"


# -- 7. no-break spaces ---------------------------------------------------------------------------

def test_phones_and_durations_never_break_across_lines():
    decision = _decider().decide(Message("je suis intoxiqué"))
    for width in (40, 47, 52, 60, 71):
        card = _card(decision, width=width)
        assert "+33\u00a01\u00a023\u00a045\u00a067\u00a089" in card
        assert "30\u00a0minutes" in card
        for line in card.splitlines():
            assert not line.rstrip().endswith(("+33", " 30", " 1", " 23")), line


# -- 8. language of JSON sentences; test's reasons ------------------------------------------------

def test_crisis_reason_follows_the_language():
    decision = _decider().decide(Message("colis", author="x@afp.com"))
    assert crisis_reason(decision, "fr") == "l’auteur est un journaliste (liste de veille\u202f: *@afp.com)" or \
        "journaliste" in crisis_reason(decision, "fr")
    assert "journalist" in crisis_reason(decision, "en") and "journaliste" not in crisis_reason(decision, "en")
    assert crisis_reason(_decider().decide(Message("colis")), "fr") is None


def test_reasons_without_a_topic_are_named_by_their_kind_in_test_output():
    decision = _decider().decide(Message("colis", author="x@afp.com"))

    class Result:
        pass

    result = Result()
    result.decision = decision
    because = _because(result)
    assert "None" not in because
    assert "watchlist ← “*@afp.com”" in because and "author ← “journalist”" in because
    assert isinstance(decision.reasons[0], Reason)


def test_a_reply_never_promises_an_off_duty_referent_before_they_can_answer():
    """Friday 17:50, a refund (no open-hours deadline of its own): the public is due within the
    channel's 2 h, but the reply names Julie Martin, who answers within 1 h of office time."""
    from cmkit.decide.engine import Decider, Message
    from cmkit.trusted import load_playbook
    from tests.conftest import FR_PLAYBOOK

    decider = Decider(load_playbook(FR_PLAYBOOK))
    at = decider.clock.parse("2026-12-04T17:50")
    decision = decider.decide(Message("je veux être remboursé", channel="facebook", at=at))
    assert decision.due_at == "2026-12-04T19:50:00+01:00"
    assert decision.off_hours is not None
    assert "d’ici lundi 7\u00a0décembre à 9\u00a0h\u00a050" in decision.reply  # 17:50-18:00, then Monday 9:00-9:50
