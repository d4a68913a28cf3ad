"""Figures as each language writes them: one module, the same everywhere."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from cmkit.i18n.numbers import NBSP, NNBSP, day, decimal, duration, moment, number, percent


def test_thousands():
    assert number(1200, "fr") == f"1{NNBSP}200"
    assert number(1200, "en") == "1,200"
    assert number(12, "fr") == "12"


def test_percent_and_decimals():
    assert percent(0.9, "fr") == f"90{NNBSP}%"
    assert percent(0.9, "en") == "90%"
    assert percent(None, "fr") == "—"
    assert decimal(0.855, "fr", 1) == "0,9"
    assert decimal(1234.5, "en", 1) == "1,234.5"
    assert decimal(1234.5, "fr", 1) == f"1{NNBSP}234,5"


def test_durations():
    assert duration(150, "fr") == f"2{NBSP}h{NBSP}30"
    assert duration(150, "en") == "2h30"
    assert duration(120, "fr") == f"2{NBSP}h"
    assert duration(45, "en") == f"45{NBSP}min"
    assert duration(45, "fr") == f"45{NBSP}min"
    assert duration(0, "en") == f"0{NBSP}min"
    assert duration(1500, "fr") == f"1{NBSP}j 1{NBSP}h"
    assert duration(1440, "en") == "1d"


def test_moments():
    assert moment(datetime(2026, 3, 2, 9, 0), "fr") == f"lun. 2 mars à 9{NBSP}h{NBSP}00"
    assert moment(datetime(2026, 3, 2, 9, 0), "en") == "Mon 2 Mar, 09:00"
    assert day(date(2026, 3, 7), "fr") == "sam. 7 mars"


@given(st.integers(min_value=0, max_value=10**12))
def test_a_french_number_reads_back_as_the_same_number(value):
    shown = number(value, "fr")
    assert int(shown.replace(NNBSP, "")) == value
    assert "," not in shown and " " not in shown


@given(st.integers(min_value=0, max_value=366 * 1440))
def test_a_duration_keeps_every_minute(minutes):
    shown = duration(minutes, "en").replace(f"{NBSP}min", "m")
    days = hours = mins = 0
    for part in shown.split(" "):
        if part.endswith("d"):
            days = int(part[:-1])
        elif "h" in part:
            h, _, m = part.partition("h")
            hours, mins = int(h), int(m or 0)
        else:
            mins = int(part[:-1])
    assert days * 1440 + hours * 60 + mins == minutes
