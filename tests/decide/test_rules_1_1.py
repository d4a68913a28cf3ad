"""The decision rules of revision 1.1, one test per rule and its edges (spec: playbook.md)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from cmkit.decide.engine import Decider, Message, channel_finder
from cmkit.trusted import load_playbook
from tests.decide.builders import decide, playbook, topic

CRISIS = {"escalate_to": "deputy", "respond_within": "30m", "followers_at_least": 1000}
SMALL = Path(__file__).with_name("boulangerie.fr.yaml")


@pytest.fixture(scope="module")
def small():
    return Decider(load_playbook(SMALL))


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


# -- watchlist ---------------------------------------------------------------------------------


@pytest.mark.parametrize("author", ["@leparisien", "LeParisien", "@LEPARISIEN", " leparisien "])
def test_a_listed_handle_matches_with_or_without_at_and_any_case(small, author):
    decision = small.decide(Message("bonjour", author=author))
    assert decision.crisis and decision.author_kind == "journalist"
    assert [(r.kind, r.matched) for r in decision.reasons] == [("watchlist", ("@LeParisien",)), ("author", ("journalist",))]


def test_a_listed_kind_replaces_the_given_one(small):
    assert small.decide(Message("bonjour", author_kind="customer", author="leparisien")).crisis
    # and a listed customer is not a journalist, whatever the message says
    decision = small.decide(Message("bonjour", author_kind="journalist", author="journaliste@afp.com"))
    assert not decision.crisis and decision.author_kind == "customer"


def test_a_domain_entry_matches_exactly_that_domain_and_an_exact_handle_beats_it(small):
    assert small.decide(Message("x", author="desk@AFP.com")).author_kind == "journalist"
    assert small.decide(Message("x", author="desk@paris.afp.com")).author_kind is None  # not its subdomains
    assert small.decide(Message("x", author="afp.com")).author_kind is None
    assert small.decide(Message("x", author="journaliste@afp.com")).author_kind == "customer"  # exact beats domain


def test_the_first_entry_in_the_file_wins_between_two_exact_handles():
    pb = playbook(
        [topic("t", keywords=["x"])], crisis={**CRISIS, "authors": ["journalist"]},
        watchlist=[{"handles": ["@a"], "kind": "journaliste"}, {"handles": ["a"], "kind": "client"}],
    )
    assert decide(pb, "x", author="A").crisis


# -- unless --------------------------------------------------------------------------------------


def test_unless_removes_the_only_topic_and_says_so(small):
    decision = small.decide(Message("Je ne veux pas de remboursement, juste une info"))
    assert decision.topics == () and decision.topic is None and decision.action == "escalate"  # the default
    assert [(r.topic, r.kind, r.matched) for r in decision.reasons] == [("remboursement", "unless", ("pas de rembours*",))]


def test_unless_leaves_the_other_topics_and_needs_its_topic_to_match():
    pb = playbook([topic("r", "escalate", ["rembours*"], escalate_to="lead", unless=["sans frais"]),
                   topic("l", "answer", ["colis"])])
    decision = decide(pb, "colis remboursé sans frais")
    assert decision.topics == ("l",) and decision.action == "answer"
    assert all(r.kind != "unless" for r in decide(pb, "colis sans frais").reasons)  # r never matched


def test_unless_follows_the_keywords_rules():
    pb = playbook([topic("r", "escalate", ["rembours*"], escalate_to="lead", unless=["Pas de RÉMBOURS*"])])
    assert decide(pb, "pas-de remboursements !").topics == ()
    assert decide(pb, "pas du tout de remboursement").topics == ("r",)  # a phrase is words in sequence


# -- stems -------------------------------------------------------------------------------------


def stemmed(keywords, language="fr", **fields):
    return playbook([topic("t", "escalate", keywords, escalate_to="lead", **fields)],
                    matching={"stems": True}, organization={"name": "T", "language": language})


def test_stems_match_inflections_in_french_and_english():
    assert decide(stemmed(["journaliste"]), "les journaux").topics == ("t",)
    assert decide(stemmed(["livraison"]), "Livraisons").topics == ("t",)
    assert decide(stemmed(["refund"], "en"), "they refunded me").topics == ("t",)
    assert decide(playbook([topic("t", keywords=["journaliste"])]), "les journaux").topics == ()  # off by default


def test_an_equals_word_matches_only_itself_with_stems():
    pb = stemmed(["=journal"])
    assert decide(pb, "le journal").topics == ("t",)
    assert decide(pb, "le journaliste").topics == ()
    phrase = stemmed(["le =monde"])
    assert decide(phrase, "les monde").topics == ("t",)  # 'le' is stemmed, '=monde' is not
    assert decide(phrase, "le mondes").topics == ()


def test_a_prefix_word_is_not_stemmed_and_unless_follows_stems_too():
    pb = stemmed(["rembours*"], unless=["pas de remboursement"])
    assert decide(pb, "remboursez").topics == ("t",)
    assert decide(pb, "pas de remboursements").topics == ()  # the unless matched by its stem
    assert decide(stemmed(["journaliste"]), "journ").topics == ()


def test_stems_without_a_stemmer_language_match_as_written():
    pb = playbook([topic("t", keywords=["journaliste"])], matching={"stems": True})  # language en, French word
    assert decide(pb, "journaliste").topics == ("t",)


# -- audience tiers ------------------------------------------------------------------------------


def test_a_tier_applies_at_its_threshold_exactly_and_not_one_below(small):
    assert small.decide(Message("remboursez", followers=10000)).tier == 0
    assert small.decide(Message("remboursez", followers=9999)).tier is None
    assert small.decide(Message("remboursez", engagement=50)).tier == 0
    assert small.decide(Message("remboursez", engagement=49)).tier is None


def test_the_last_reached_tier_applies_and_the_last_naming_a_referent_gives_it(small):
    decision = small.decide(Message("remboursez", channel="email", followers=100000))
    assert decision.tier == 1 and decision.escalate_to == "lead"  # tier 1 names nobody: tier 0's referent
    assert decision.respond_within_minutes == 15
    tier0 = small.decide(Message("remboursez", channel="email", followers=10000))
    assert (tier0.escalate_to, tier0.respond_within_minutes) == ("lead", 30)
    assert [(r.kind, r.matched) for r in tier0.reasons][-1] == ("tier", ("followers ≥ 10000",))


def test_a_tier_applies_on_the_default(small):
    decision = small.decide(Message("bonjour", followers=20000))
    assert decision.topic is None and decision.tier == 0 and decision.escalate_to == "lead"


@pytest.mark.parametrize("text", ["merci", "Gagnez un lot", "les élections", "je suis intoxiqué"])
def test_a_tier_never_applies_to_answer_moderate_decline_or_crisis(small, text):
    decision = small.decide(Message(text, followers=200000, engagement=10**6))
    assert decision.tier is None and all(r.kind != "tier" for r in decision.reasons)


def test_a_tier_that_changes_nothing_still_applies():
    pb = playbook([topic("e", "escalate", ["x"], escalate_to="lead", respond_within="10m")],
                  audience=[{"followers_at_least": 5}])
    decision = decide(pb, "x", followers=5)
    assert (decision.tier, decision.escalate_to, decision.respond_within_minutes) == (0, "lead", 10)


# -- crisis, corrected ---------------------------------------------------------------------------


def test_an_audience_at_the_crisis_threshold_makes_a_crisis_only_on_an_escalate_topic(small):
    assert small.decide(Message("remboursez", followers=500000)).crisis
    assert not small.decide(Message("remboursez", followers=499999)).crisis
    assert not small.decide(Message("merci bravo", followers=10**7)).crisis
    assert not small.decide(Message("rien de spécial", followers=10**7)).crisis  # nothing matched


def test_a_crisis_has_no_tier_and_goes_to_the_crisis_referent(small):
    decision = small.decide(Message("remboursez", followers=600000))
    assert (decision.action, decision.escalate_to, decision.tier, decision.topic) == ("crisis", "dg", None, "remboursement")
    assert [r.kind for r in decision.reasons] == ["keyword", "followers"]


# -- channels ------------------------------------------------------------------------------------


def test_a_channel_is_found_by_id_name_or_alias_case_and_accents_ignored(small):
    find = small.find_channel
    assert [find(n) for n in ("facebook", "FB", "page facebook", "Facebook messenger", "x / twitter", "X/Twitter",
                              "courriel", "COURRIEL", "tiktok", "")] == \
        ["facebook", "facebook", "facebook", "facebook", "twitter", "twitter", "email", "email", None, None]


def test_an_exact_id_beats_another_channel_s_alias():
    find = channel_finder([{"id": "a", "aliases": ["b"]}, {"id": "b"}])
    assert find("b") == "b" and find("B") == "b"  # ids (case ignored) before names and aliases
    assert find("=B=") == "b" and channel_finder([{"id": "a", "aliases": ["b"]}])("B") == "a"


# -- due_at ----------------------------------------------------------------------------------------


def test_an_escalation_at_friday_17_30_is_due_monday_10_30_in_open_hours(small):
    decision = small.decide(Message("remboursez", at=at("2026-03-06T17:30")))
    assert decision.due_at == "2026-03-09T10:30:00+01:00" and decision.respond_within_minutes == 120


def test_the_channel_deadline_counts_in_wall_clock_time_and_the_earliest_wins(small):
    decision = small.decide(Message("remboursez", channel="twitter", at=at("2026-03-06T17:30")))
    assert decision.due_at == "2026-03-06T18:30:00+01:00"


def test_an_on_call_referent_counts_the_topic_deadline_in_wall_clock_time(small):
    decision = small.decide(Message("allergie", at=at("2026-03-06T17:30")))
    assert decision.escalate_to == "garde" and decision.due_at == "2026-03-06T19:30:00+01:00"


def test_the_cm_s_own_answer_counts_in_wall_clock_time(small):
    assert small.decide(Message("colis", at=at("2026-03-06T23:00"))).due_at == "2026-03-07T01:00:00+01:00"


def test_a_holiday_is_skipped_and_an_offset_is_honoured(small):
    decision = small.decide(Message("remboursez", at=at("2026-12-24T17:30:00+01:00")))
    assert decision.due_at == "2026-12-28T10:30:00+01:00"  # 25th a holiday, then a weekend
    assert small.decide(Message("remboursez", at=at("2026-03-06T16:30:00Z"))).due_at == "2026-03-09T10:30:00+01:00"


def test_the_night_the_clocks_change_is_an_hour_shorter_in_wall_clock_time(small):
    # 29 March 2026: Paris goes from 02:00 to 03:00
    decision = small.decide(Message("colis", at=at("2026-03-29T01:30")))
    assert decision.due_at == "2026-03-29T04:30:00+02:00"


def test_a_tier_deadline_counts_in_wall_clock_time(small):
    decision = small.decide(Message("remboursez", followers=10000, at=at("2026-03-06T23:00")))
    assert decision.due_at == "2026-03-06T23:30:00+01:00"


def test_no_at_no_due_at_and_decline_never_has_one(small):
    assert small.decide(Message("remboursez")).due_at is None
    assert small.decide(Message("les élections", at=at("2026-03-06T17:30"))).due_at is None


def test_without_hours_everything_is_wall_clock_in_utc():
    pb = playbook([topic("e", "escalate", ["x"], escalate_to="lead", respond_within="2h")])
    assert decide(pb, "x", at=at("2026-03-06T17:30")).due_at == "2026-03-06T19:30:00+00:00"


# -- replies -------------------------------------------------------------------------------------


def test_a_reply_has_its_placeholders_filled_and_braces_unescaped(small):
    decision = small.decide(Message("remboursez", channel="twitter"))
    assert decision.reply == "Bonjour, Julie Martin revient vers vous sous 1 heure. {merci} — Léa"


def test_author_fills_the_reply_or_nothing(small):
    assert small.decide(Message("colis", author="@marie")).reply.startswith("Bonjour @marie, nous")
    assert small.decide(Message("colis")).reply.startswith("Bonjour , nous")


def test_a_crisis_gets_the_holding_statement(small):
    decision = small.decide(Message("je suis intoxiqué"))
    assert decision.reply == "Nous avons bien vu vos messages. Claire Dupuis vous répond sous 30 minutes. — Léa"


def test_the_deadline_in_words_follows_the_playbook_language():
    pb = playbook([topic("t", keywords=["x"], respond_within="1h30m", reply="{deadline}")])
    assert decide(pb, "x").reply == "within 1 hour 30 minutes"
    assert decide(pb, "y").reply is None  # no topic, no reply


# -- memo --------------------------------------------------------------------------------------


def test_message_own_fields_never_leak_through_the_memo(small):
    first = small.decide(Message("colis", author="@a", at=at("2026-03-06T10:00")))
    second = small.decide(Message("colis", author="@b", at=at("2026-03-06T11:00")))
    assert first.reply != second.reply and first.due_at != second.due_at
    assert small.decide(Message("colis")).due_at is None


def test_a_kind_given_in_french_through_the_api_is_the_english_one(small):
    assert small.decide(Message("bonjour", author_kind="Journaliste")).author_kind == "journalist"
    assert small.decide(Message("bonjour", author_kind="Journaliste")).crisis


# -- properties ----------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WORDS = ["colis", "remboursez", "pas de remboursement", "merci", "gagnez", "élections", "intoxiqué", "allergie",
         "bonjour", "journaux"]


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=4),
    channel=st.none() | st.sampled_from(["email", "facebook", "twitter"]),
    kind=st.none() | st.sampled_from(["customer", "journalist", "Journaliste", "influenceuse"]),
    author=st.none() | st.sampled_from(["@leparisien", "x@afp.com", "journaliste@afp.com", "@marie"]),
    followers=st.none() | st.integers(0, 10**6),
    engagement=st.none() | st.integers(0, 100),
    when=st.none() | st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
)
def test_any_message_gets_a_coherent_decision(small, words, channel, kind, author, followers, engagement, when):
    message = Message(" ".join(words) or "rien", channel, kind, followers, author, engagement, when)
    decision = small.decide(message)
    assert decision == small.decide(message)  # deterministic, memo or not
    assert decision.tier is None or decision.action == "escalate"
    assert (decision.due_at is None) == (when is None or decision.respond_within_minutes is None)
    if decision.due_at is not None:
        due = datetime.fromisoformat(decision.due_at)
        start = small.clock.localize(when)
        assert start < due or decision.respond_within_minutes == 0
        # never later than the shortest delay counted in wall-clock time when it is a wall-clock one
        walls = [m for m, open_hours in decision.candidates if not open_hours]
        if walls:
            assert (due - start).total_seconds() <= min(walls) * 60 + 1
    assert decision.crisis == (decision.action == "crisis")
    assert all(r.kind in ("keyword", "pattern", "unless", "author", "watchlist", "followers", "tier", "spread")
               for r in decision.reasons)
    if decision.reply is not None:
        assert "{signature}" not in decision.reply and "{deadline}" not in decision.reply
