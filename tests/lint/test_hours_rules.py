"""The hours rules (revision 1.1): what they find, what they let pass, and that malformed hours stop loading."""

from __future__ import annotations

import pytest

from cmkit.errors import LoadError
from cmkit.lint.engine import lint_file
from cmkit.lint.rules.w241_public_deadline_unmet_off_hours import longest_closed
from cmkit.trusted import load_playbook
from cmkit.open_hours import week_ranges
from tests.lint.playbooks import CLEAN, broken

OFFICE = 'hours:\n  timezone: Europe/Paris\n  open: {mon-fri: "09:00-18:00"}\n'


def codes(path) -> list[str]:
    return [finding.code for finding in lint_file(path)]


@pytest.mark.parametrize(
    "open_hours",
    ['{mon-fri: "09:00-18:00", fri: "09:00-17:00"}', '{sat-mon: "10:00-12:00", mon-fri: "09:00-18:00"}', "{}"],
)
def test_malformed_hours_stop_every_command(write, open_hours):
    path = write("playbook.yaml", CLEAN + f"hours:\n  timezone: Europe/Paris\n  open: {open_hours}\n")
    with pytest.raises(LoadError) as raised:
        load_playbook(path)
    assert raised.value.code in ("E110", "E111")


def test_a_day_named_twice_names_the_day_and_the_first_key(write):
    path = write("playbook.yaml", CLEAN + 'hours:\n  timezone: Europe/Paris\n  open: {mon-fri: "09:00-18:00", sat-mon: "10:00-12:00"}\n')
    [finding] = [f for f in lint_file(path) if f.code == "E110"]
    assert "mon" in finding.message and "'mon-fri'" in finding.message


def test_distinct_days_with_several_ranges_are_well_formed(write):
    path = write(
        "playbook.yaml",
        broken("{id: dg, name: Claire Dupuis,", "{id: dg, name: Claire Dupuis, on_call: true,")
        + 'hours:\n  timezone: Europe/Paris\n  open: {mon-thu: "09:00-12:00, 14:00-18:00", fri: "09:00-17:00"}\n'
        "  holidays: [2026-12-25, 2099-01-01, 2000-01-01]\n",
    )
    assert codes(path) == []


def test_the_off_hours_warning_says_when_and_who(write):
    path = write("playbook.yaml", CLEAN + OFFICE)
    found = [f for f in lint_file(path) if f.code == "W241"]
    assert [f.path for f in found] == ["channels[0].expected_response", "channels[2].expected_response"]
    assert "from fri 18:00 to mon 09:00 (2d15h" in found[0].message
    assert "sav, dg, adjoint" in found[0].message


@pytest.mark.parametrize("who", ["sav", "dg", "adjoint"])
def test_anyone_on_call_on_the_escalation_paths_covers_the_channels(write, who):
    text = CLEAN.replace(f"{{id: {who}, name:", f"{{id: {who}, on_call: true, name:")
    assert "W241" not in codes(write("playbook.yaml", text + OFFICE))


def test_a_channel_slower_than_the_longest_closing_is_not_warned(write):
    text = broken("{id: facebook, expected_response: 2h}", "{id: facebook, expected_response: 3d}")
    found = [f.path for f in lint_file(write("playbook.yaml", text + OFFICE)) if f.code == "W241"]
    assert found == ["channels[0].expected_response"]


def test_an_office_always_open_needs_nobody_on_call(write):
    assert "W241" not in codes(write("playbook.yaml", CLEAN + "hours: {timezone: Europe/Paris}\n"))


def test_the_longest_closing_wraps_around_the_week():
    week = week_ranges({"mon-fri": "09:00-18:00", "sat": "10:00-12:30"})
    assert longest_closed(week) == (5 * 1440 + 750, 1440 - 750 + 1440 + 540)
    assert longest_closed(week_ranges(None)) is None
    assert longest_closed(week_ranges({"mon-sun": "00:00-24:00"})) is None


def test_a_dated_charter_narrows_the_plausible_years(write):
    text = CLEAN + "document: {date: 2026-11-30}\nhours:\n  timezone: Europe/Paris\n  holidays: [2026-12-25, 2062-12-25]\n"
    [finding] = [f for f in lint_file(write("playbook.yaml", text)) if f.code == "W240"]
    assert "2062-12-25" in finding.message and "2021–2036" in finding.message
    undated = CLEAN + "hours:\n  timezone: Europe/Paris\n  holidays: [2026-12-25, 2062-12-25]\n"
    assert "W240" not in codes(write("playbook.yaml", undated))
