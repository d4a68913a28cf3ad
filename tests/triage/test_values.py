"""Field values as tools write them: channels by name and alias, French author kinds, counts with
spaces, day-first dates, epoch times, Facebook's mojibake."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmkit.i18n import catalogue
from cmkit.inbox.values import BadRecord, Channels, author_kind_of, fold, moment, unmojibake, whole_number

_ = catalogue("en")
CHANNELS = [{"id": "facebook", "name": "Page Facebook", "aliases": ["FB"]}, {"id": "twitter", "name": "X / Twitter"},
            {"id": "email", "aliases": ["Mail", "Web form"]}]


@pytest.mark.parametrize("written, channel", [
    ("facebook", "facebook"), ("Facebook", "facebook"), ("FACEBOOK", "facebook"), ("fb", "facebook"),
    ("Page Facebook", "facebook"), ("page-facebook", "facebook"), ("x / twitter", "twitter"), ("Twitter", "twitter"),
    ("E-MAIL", None), ("Web Form", "email"), ("web_form", "email"), ("MAIL ", "email"),
])
def test_a_channel_by_id_name_or_alias_case_accents_and_separators_ignored(written, channel):
    channels = Channels(CHANNELS, _)
    if channel is None:
        with pytest.raises(BadRecord):
            channels.find(written)
    else:
        assert channels.find(written) == channel


def test_an_unknown_channel_names_the_known_ones_and_the_closest():
    channels = Channels(CHANNELS, _)
    with pytest.raises(BadRecord, match=r"unknown channel 'Twiter' \(the playbook's channels: facebook, twitter, email; the closest: twitter\)"):
        channels.find("Twiter")
    with pytest.raises(BadRecord, match=r"channels: facebook, twitter, email\)$"):
        channels.find("TikTok")
    with pytest.raises(BadRecord, match="must be a channel's name, not 3"):
        channels.find(3)


def test_accents_are_ignored_in_names():
    assert fold("  Réseau_Social ") == "reseau social"
    assert Channels([{"id": "avis", "name": "Avis clients (Google, Trustpilot)", "aliases": ["Évaluations"]}], _).find("evaluations") == "avis"


@pytest.mark.parametrize("written, kind", [
    ("client", "customer"), ("Cliente", "customer"), ("Journaliste", "journalist"), ("salarié", "employee"),
    ("INFLUENCEUSE", "influencer"), ("journalist", "journalist"), ("inconnu", "unknown"),
])
def test_author_kinds_in_french(written, kind):
    assert author_kind_of(written, _) == kind


def test_an_unknown_author_kind():
    with pytest.raises(BadRecord, match="unknown author_kind 'robot'"):
        author_kind_of("robot", _)


@pytest.mark.parametrize("written, number", [
    ("12500", 12500), ("12 500", 12500), ("12\u00a0500", 12500), ("12\u202f500", 12500), ("1 234 567", 1234567),
    ("12,500", 12500), ("12.500", 12500), (12500, 12500), (12500.0, 12500), (" 7 ", 7),
])
def test_counts_as_spreadsheets_write_them(written, number):
    assert whole_number(written, "followers", _) == number


@pytest.mark.parametrize("written", ["12,5", "-3", -3, 2.5, True, "²", "1e3", "", "douze", float("nan")])
def test_what_is_not_a_count(written):
    with pytest.raises(BadRecord, match="`followers` must be a whole number of 0 or more"):
        whole_number(written, "followers", _)


@pytest.mark.parametrize("written, dayfirst, text", [
    ("2026-03-02T09:15:00Z", False, "2026-03-02T09:15:00Z"),
    ("2026-03-02 09:15", True, "2026-03-02 09:15"),  # ISO: as written, whatever the option
    ('2026-03-02"09:15', False, "2026-03-02T09:15:00"),  # Python takes any separator: written out plainly
    ("02/03/2026 09:15", True, "2026-03-02T09:15:00"),
    ("02/03/2026 09:15", False, "2026-02-03T09:15:00"),
    ("25/12/2026", False, "2026-12-25T00:00:00"),  # no 25th month: day first whatever the option
    ("2.3.26 9h15", True, "2026-03-02T09:15:00"),
    ("03/02/2026 09:15 PM", False, "2026-03-02T21:15:00"),
    (1772442900, False, "2026-03-02T09:15:00Z"),
    (1772442900000, False, "2026-03-02T09:15:00Z"),  # milliseconds
])
def test_times_as_tools_write_them(written, dayfirst, text):
    assert moment(written, dayfirst, _).text == text


def test_a_day_first_date_and_its_iso_twin_are_the_same_minute():
    assert moment("02/03/2026 09:15", True, _).minute == moment("2026-03-02T09:15:00Z", False, _).minute


@pytest.mark.parametrize("written", ["hier", "31/02/2026", "2026-13-01", "13/13/2026", True, float("inf"), 10**30, "25:00"])
def test_what_is_not_a_time(written):
    with pytest.raises(BadRecord, match="`at` must be a time"):
        moment(written, True, _)


def test_facebook_mojibake_is_undone_and_plain_text_left_alone():
    assert unmojibake("Ã©tÃ© ð\x9f\x98¡") == "été 😡"
    assert unmojibake({"a": ["Ã§a"]}) == {"a": ["ça"]}
    assert unmojibake("déjà correct") == "déjà correct"  # é is not a UTF-8 sequence here: kept
    assert unmojibake(3) == 3


@given(st.text())
def test_mojibake_undone_is_the_text_that_was_written(text):
    assert unmojibake(text.encode("utf-8").decode("latin-1")) == text
