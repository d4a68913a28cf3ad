"""The chain of referents: replies, hand-offs to backups, `never`, loops."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cmkit.simulate.engine import follow_chain
from cmkit.simulate.timeline import Engagement

from .builders import playbook

_IDS = ["a", "b", "c", "d"]


class _CountingPlaybook:
    """A playbook that fails the test, instead of hanging it, once the walk looks up more holders
    than there are contacts: a walk that followed a backup loop would never stop."""

    def __init__(self, playbook) -> None:
        self._playbook, self.lookups = playbook, 0

    def contact(self, contact_id):
        self.lookups += 1
        assert self.lookups <= len(_IDS), "the chain went round a backup loop"
        return self._playbook.contact(contact_id)


def _contacts(*specs: tuple[str, str | None, str | None]) -> list[dict]:
    """(id, respond_within, backup) -> contact dicts."""
    return [
        {"id": cid, "name": cid.title(), "respond_within": within, "backup": backup}
        for cid, within, backup in specs
    ]


def test_a_referent_within_their_own_deadline_answers_and_keeps_the_case():
    chain, end = follow_chain(playbook(), {"sav": 45}, "sav", 60)
    assert chain == (Engagement("sav", 60, 105, None),)
    assert end == "replied"


def test_a_referent_replying_exactly_at_their_deadline_is_not_passed_over():
    chain, end = follow_chain(playbook(), {"sav": 60}, "sav", 0)
    assert [e.contact for e in chain] == ["sav"] and end == "replied"


def test_a_referent_past_their_deadline_hands_the_case_to_their_backup():
    chain, end = follow_chain(playbook(), {"sav": 300}, "sav", 0)
    assert chain == (
        Engagement("sav", 0, 300, 60),
        Engagement("lead", 60, 180, None),  # lead: no `replies` entry, so their own 2h
    )
    assert end == "replied"


def test_a_referent_who_handed_off_may_still_reply_first():
    chain, _ = follow_chain(playbook(), {"sav": 90, "lead": None}, "sav", 0)
    assert chain[0].reply_minute == 90
    assert min(e.reply_minute for e in chain if e.reply_minute is not None) == 90


def test_never_replying_down_a_whole_chain_ends_at_the_last_backup():
    pb = playbook(contacts=_contacts(("a", "1h", "b"), ("b", "30m", "c"), ("c", "2h", None)))
    chain, end = follow_chain(pb, {"a": None, "b": None, "c": None}, "a", 10)
    assert [(e.contact, e.engaged_minute, e.passed_on_minute) for e in chain] == [
        ("a", 10, 70),
        ("b", 70, 100),
        ("c", 100, None),
    ]
    assert all(e.reply_minute is None for e in chain)
    assert end == "no-backup"


def test_a_backup_loop_stops_at_the_first_contact_already_in_the_chain():
    pb = _CountingPlaybook(playbook(contacts=_contacts(("a", "1h", "b"), ("b", "1h", "a"))))
    chain, end = follow_chain(pb, {"a": None, "b": None}, "a", 0)
    assert [e.contact for e in chain] == ["a", "b"]
    assert end == "loop"


def test_a_contact_who_is_their_own_backup_does_not_loop():
    pb = _CountingPlaybook(playbook(contacts=_contacts(("a", "1h", "a"))))
    chain, end = follow_chain(pb, {"a": None}, "a", 0)
    assert [e.contact for e in chain] == ["a"] and end == "loop"


def test_a_referent_without_reply_delay_nor_deadline_replies_at_once_and_keeps_it():
    pb = playbook(contacts=_contacts(("a", None, "b"), ("b", "1h", None)))
    chain, end = follow_chain(pb, {}, "a", 42)
    assert chain == (Engagement("a", 42, 42, None),)
    assert end == "keeps-it"


def test_a_referent_without_deadline_who_never_replies_is_never_passed_over():
    pb = playbook(contacts=_contacts(("a", None, "b"), ("b", "1h", None)))
    chain, end = follow_chain(pb, {"a": None}, "a", 0)
    assert chain == (Engagement("a", 0, None, None),)
    assert end == "keeps-it"


@settings(max_examples=60, deadline=None)
@given(
    backups=st.lists(st.sampled_from([*_IDS, None]), min_size=4, max_size=4),
    limits=st.lists(st.sampled_from([None, "0m", "30m", "1h"]), min_size=4, max_size=4),
    delays=st.dictionaries(st.sampled_from(_IDS), st.one_of(st.none(), st.integers(0, 600))),
    start=st.integers(0, 5000),
)
def test_any_backup_graph_gives_a_finite_chain_without_repeats(backups, limits, delays, start):
    pb = _CountingPlaybook(playbook(contacts=_contacts(*zip(_IDS, limits, backups, strict=True))))
    chain, end = follow_chain(pb, delays, "a", start)
    holders = [e.contact for e in chain]
    assert len(holders) == len(set(holders)) <= len(_IDS)
    assert all(e.engaged_minute >= start for e in chain)
    assert all(e.passed_on_minute is not None for e in chain[:-1]) and chain[-1].passed_on_minute is None
    assert end in ("replied", "no-backup", "loop", "keeps-it")
