"""`cmkit schema`: generated from the model, committed, and good enough for an editor to check playbooks."""

from __future__ import annotations

import json

import jsonschema
import pytest

from cmkit.cli.app import app
from cmkit.loading.schema import playbook_schema, playbook_schema_text
from cmkit.loading.yamlnodes import load_document
from tests.conftest import EXAMPLE_PLAYBOOKS, ROOT

COMMITTED = ROOT / "schema" / "playbook.schema.json"


def test_the_committed_schema_is_up_to_date():
    assert COMMITTED.read_text(encoding="utf-8") == playbook_schema_text(), (
        "run: cmkit schema -o schema/playbook.schema.json"
    )


def test_it_is_a_valid_draft_2020_12_schema_with_a_title_and_described_fields():
    schema = playbook_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "cmkit playbook"
    for where in [schema, *schema["$defs"].values()]:
        for name, field in where.get("properties", {}).items():
            assert field.get("description"), f"{where.get('title')}.{name} has no description"


@pytest.mark.parametrize("path", EXAMPLE_PLAYBOOKS, ids=lambda p: p.name)
def test_the_example_playbooks_are_valid_and_point_at_it(path):
    validator = jsonschema.Draft202012Validator(playbook_schema())
    assert list(validator.iter_errors(load_document(path).data)) == []
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/playbook.schema.json\n"
    )


def test_it_catches_what_an_editor_should_flag():
    validator = jsonschema.Draft202012Validator(playbook_schema())
    wrong = {"cmkit": 1, "organization": {"name": "A"}, "objectives": [{"id": "o", "statement": "s"}],
             "contacts": [{"id": "Sav", "name": "J"}], "topics": [{"id": "t", "label": "T", "action": "escalade"}],
             "tone": {"adress": "vous"}}
    messages = sorted(e.message for e in validator.iter_errors(wrong))
    assert any("'escalade' is not one of" in m for m in messages)
    assert any("'Sav' does not match" in m for m in messages)
    assert any("'adress' was unexpected" in m for m in messages)


def test_the_command_prints_it_or_writes_it(runner, tmp_path):
    printed = runner.invoke(app, ["schema"])
    assert printed.exit_code == 0
    assert json.loads(printed.stdout) == playbook_schema()
    target = tmp_path / "schema.json"
    written = runner.invoke(app, ["schema", "-o", str(target)])
    assert written.exit_code == 0 and written.stdout == ""
    assert target.read_text(encoding="utf-8") == playbook_schema_text()


def test_writing_into_a_missing_folder_is_exit_2(runner, tmp_path):
    result = runner.invoke(app, ["schema", "-o", str(tmp_path / "nope" / "schema.json")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
