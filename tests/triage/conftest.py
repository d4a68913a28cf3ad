"""What the triage tests share: the French example playbook with aliases, the exports, a runner."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml

from tests.conftest import FR_PLAYBOOK, ROOT
from tests.decide.builders import playbook, topic

EXPORTS = ROOT / "tests" / "data" / "exports"
#: A playbook of two topics (`x`, `y`) whose spread rule watches both: where records' order counts.
SPREAD = {"escalate_to": "lead", "spread": {"channels": 2, "within": "1h", "topics": ["t", "u"]}}
SMALL = playbook([topic("t", keywords=["x"]), topic("u", keywords=["y"], action="escalate")], crisis=SPREAD)


def encoded(item) -> str:
    """A triage item as one comparable line: its kind, line, cells, id and decision (or reason)."""
    return repr((type(item).__name__, item.line, item.cells, item.record_id,
                 getattr(item, "decision", getattr(item, "reason", None)))) + "\n"


#: What help desks and social tools call the example playbook's channels.
ALIASES = {"email": ["Mail", "Web form", "Portal", "Email"], "twitter": ["X"]}


@pytest.fixture
def aliased(tmp_path, monkeypatch):
    """The French example playbook whose channels have the aliases tools use; the cache isolated."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = yaml.safe_load(FR_PLAYBOOK.read_text(encoding="utf-8"))
    for channel in data["channels"]:
        if channel["id"] in ALIASES:
            channel["aliases"] = ALIASES[channel["id"]]
    path = tmp_path / "playbook.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def triage(runner, aliased):
    """Run `cmkit triage -p <aliased playbook> --lang en ARGS...` through typer's runner."""
    from cmkit.cli.app import app

    def run(*args: str, input: str | bytes | None = None):
        return runner.invoke(app, ["triage", "-p", str(aliased), "--lang", "en", *map(str, args)], input=input)

    return run


def rows(text: str, delimiter: str = ",") -> list[dict]:
    """A CSV output's rows as dicts."""
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def records(text: str) -> list[dict]:
    """A JSONL output's records."""
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def isolated_triage(tmp_path_factory, monkeypatch):
    """The compiled-playbook cache in a folder of its own (for tests run many times by hypothesis)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
