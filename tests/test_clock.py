"""The two clocks of revision 1.1: wall-clock for the public, open hours for referents."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmkit.clock import Clock

OFFICE = {"timezone": "Europe/Paris", "open": {"mon-fri": "09:00-18:00"}, "holidays": ["2026-12-25"]}


def test_the_spec_example_friday_evening_is_due_monday_morning():
    clock = Clock(OFFICE)
    friday = clock.parse("2026-03-06T17:30")
    assert clock.format(clock.add_open(friday, 120)) == "2026-03-09T10:30:00+01:00"


def test_wall_clock_counts_the_night_and_the_weekend():
    clock = Clock(OFFICE)
    assert clock.format(clock.add_wall(clock.parse("2026-03-07T22:00"), 60)) == "2026-03-07T23:00:00+01:00"


def test_the_night_the_clocks_go_forward_is_one_hour_shorter():
    clock = Clock(OFFICE)
    # 29 March 2026, 02:00 -> 03:00 in Paris: 1d of elapsed time ends at 01:00 the next night... +1h on the wall
    start = clock.parse("2026-03-28T12:00")
    assert clock.format(clock.add_wall(start, 1440)) == "2026-03-29T13:00:00+02:00"


def test_open_time_resumes_at_the_same_wall_hour_after_a_clock_change():
    clock = Clock(OFFICE)
    friday = clock.parse("2026-03-27T17:00")
    assert clock.format(clock.add_open(friday, 120)) == "2026-03-30T10:00:00+02:00"


def test_holidays_are_closed():
    clock = Clock(OFFICE)
    eve = clock.parse("2026-12-24T17:00")
    assert clock.format(clock.add_open(eve, 120)) == "2026-12-28T10:00:00+01:00"
    assert not clock.is_open(clock.parse("2026-12-25T10:00"))


def test_a_closed_moment_plus_nothing_is_the_next_opening():
    clock = Clock(OFFICE)
    assert clock.format(clock.next_open(clock.parse("2026-03-07T10:00"))) == "2026-03-09T09:00:00+01:00"


def test_without_hours_everything_is_wall_clock_in_utc():
    clock = Clock(None)
    at = clock.parse("2026-03-06T17:30")
    assert clock.format(clock.add_open(at, 120)) == "2026-03-06T19:30:00+00:00"
    assert clock.format(at) == "2026-03-06T17:30:00+00:00"


def test_due_at_takes_the_earliest_candidate_each_on_its_own_clock():
    clock = Clock(OFFICE)
    friday = clock.parse("2026-03-06T17:30")
    due = clock.due_at(friday, [(120, True), (60 * 24, False)])
    assert clock.format(due) == "2026-03-07T17:30:00+01:00"
    assert clock.due_at(friday, []) is None


def test_an_offset_in_the_input_is_kept_and_shown_in_the_playbooks_zone():
    clock = Clock(OFFICE)
    assert clock.format(clock.parse("2026-03-06T16:30:00Z")) == "2026-03-06T17:30:00+01:00"


def test_an_office_with_no_open_minute_is_an_error_not_a_hang():
    clock = Clock({"timezone": "UTC", "open": {}})
    with pytest.raises(ValueError):
        clock.add_open(datetime(2026, 1, 1, 9), 1)


def test_split_days_and_24_00():
    clock = Clock({"timezone": "Europe/Paris", "open": {"mon-fri": "09:00-12:00, 14:00-18:00", "sat": "20:00-24:00"}})
    monday_noon = clock.parse("2026-03-02T11:30")
    assert clock.format(clock.add_open(monday_noon, 60)) == "2026-03-02T14:30:00+01:00"
    friday = clock.parse("2026-03-06T17:00")
    assert clock.format(clock.add_open(friday, 120)) == "2026-03-07T21:00:00+01:00"


_ZONES = st.sampled_from([None, "UTC", "Europe/Paris", "America/St_Johns", "Australia/Lord_Howe", "Asia/Kathmandu"])
_OFFSETS = st.one_of(st.none(), st.just(timezone.utc), st.integers(-1439, 1439).map(lambda m: timezone(timedelta(minutes=m))),
                     st.sampled_from(["Europe/Paris", "America/New_York"]).map(ZoneInfo))


@settings(max_examples=400, deadline=None)
@given(zone=_ZONES, moment=st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)), tz=_OFFSETS,
       fold=st.integers(0, 1), minutes=st.integers(0, 6_000_000))
def test_wall_text_writes_what_format_writes_of_add_wall(zone, moment, tz, fold, minutes):
    """Triage's fast `due_at` (whole seconds since the epoch) is the general arithmetic, to the
    second and the offset: LMT offsets of the 1800s, folds, years beyond a float's precision."""
    clock = Clock({"timezone": zone, "open": {"mon-fri": "09:00-18:00"}} if zone else None)
    at = moment.replace(tzinfo=tz, fold=fold)
    try:
        expected = clock.format(clock.add_wall(at, minutes))
    except OverflowError:
        expected = OverflowError
    try:
        found = clock.wall_text(at, minutes)
    except OverflowError:
        found = OverflowError
    assert found == expected
