"""Fixtures shared by every test module: the example playbooks and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOKS = ROOT / "playbooks"
FR_PLAYBOOK = PLAYBOOKS / "maison-dupuis.fr.yaml"
EN_PLAYBOOK = PLAYBOOKS / "kestrel.en.yaml"
EXAMPLE_PLAYBOOKS = [FR_PLAYBOOK, EN_PLAYBOOK]


@pytest.fixture(scope="session")
def fr_playbook():
    """The French example playbook, loaded."""
    from cmkit.trusted import load_playbook

    return load_playbook(FR_PLAYBOOK)


@pytest.fixture(scope="session")
def en_playbook():
    """The English example playbook, loaded."""
    from cmkit.trusted import load_playbook

    return load_playbook(EN_PLAYBOOK)


@pytest.fixture
def runner():
    """Typer's CLI runner, with stdout and stderr kept apart."""
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture
def write(tmp_path):
    """Write a text file under tmp_path and return its path: write('a.yaml', '...')."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
