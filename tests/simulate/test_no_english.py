"""With a French playbook, or `--lang fr`, `simulate` says no English word of cmkit's own."""

from __future__ import annotations

import json

import pytest
import yaml

from cmkit.cli.app import app
from conftest import PLAYBOOKS
from tests.simulate.english import english_in, english_words

SCENARIOS = PLAYBOOKS / "scenarios"
FRENCH = ["cascade-24h.fr.yaml", "cascade-vendredi.fr.yaml", "colis-perdu.fr.yaml"]
ENGLISH = ["outage-spread.en.yaml", "quiet-tuesday.en.yaml"]


def _content(runner, scenario, *args) -> list[str]:
    """What the user wrote and the screen shows as written: titles, messages, names, ids."""
    data = json.loads(runner.invoke(app, ["simulate", str(scenario), "-f", "json", *args]).stdout)
    playbook = yaml.safe_load(open(data["playbook"], encoding="utf-8"))
    content = [data["scenario"], data["playbook"], *data["summary"]["processes"], *data["summary"]["engaged"]]
    content += [contact.get("name", "") for contact in playbook.get("contacts", [])]
    for event in data["events"]:
        content += [event["text"], event["channel"] or "", event["author"]["name"] or "", event["topic"] or ""]
        content += [engagement["contact"] for engagement in event["chain"]]
    return content


def _labels(source: str) -> str:
    """What a Mermaid chart shows a reader: the words, without the syntax (gantt, section,
    the tags crit, done, active, milestone after a task's colon, the date formats)."""
    shown = []
    for line in source.splitlines():
        keyword, _sep, rest = line.strip().partition(" ")
        if keyword in ("title", "section", "axisFormat"):
            shown.append(rest)
        elif keyword not in ("gantt", "dateFormat"):
            shown.append(line.partition(" :")[0])
    return "\n".join(shown)


@pytest.mark.parametrize("fmt", ["text", "mermaid"])
@pytest.mark.parametrize("width", ["60", "160"])
@pytest.mark.parametrize(("name", "args"), [(n, ()) for n in FRENCH] + [(n, ("--lang", "fr")) for n in ENGLISH])
def test_a_french_simulation_holds_no_english_word(runner, name, args, width, fmt):
    scenario = SCENARIOS / name
    result = runner.invoke(app, ["simulate", str(scenario), "-f", fmt, *args], env={"COLUMNS": width, "NO_COLOR": "1"})
    assert result.exit_code in (0, 1), result.stderr
    screen = (_labels(result.stdout) if fmt == "mermaid" else result.stdout) + result.stderr
    assert english_in(screen, _content(runner, scenario, *args)) == set()


def test_the_check_would_see_english(runner):
    """The word list is not empty-handed: the same scenario in English is caught."""
    scenario = SCENARIOS / "outage-spread.en.yaml"
    result = runner.invoke(app, ["simulate", str(scenario)], env={"COLUMNS": "160", "NO_COLOR": "1"})
    found = english_in(result.stdout, _content(runner, scenario))
    assert {"breaches", "triggered", "engaged", "processes", "longest", "wait", "due", "answered"} <= found
    assert {"message", "action", "support"}.isdisjoint(english_words())  # words French shares


def test_the_check_would_see_english_mermaid_labels(runner):
    scenario = SCENARIOS / "outage-spread.en.yaml"
    result = runner.invoke(app, ["simulate", str(scenario), "-f", "mermaid"])
    assert {"holds", "triggered", "answered", "due"} <= english_in(_labels(result.stdout), _content(runner, scenario))
