"""The `cmkit` application as a whole: every command of the spec, each with a --help that shows an example."""

from __future__ import annotations

import pytest

from cmkit.cli.app import app

COMMANDS = ["lint", "check", "triage", "simulate", "render", "init", "test", "schema", "diff", "eval", "suggest", "review", "report", "drill"]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(runner, name):
    result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert f"Example: cmkit {name}" in result.stdout


def test_the_application_lists_exactly_the_commands_of_the_spec(runner):
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    listed = [line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == COMMANDS
