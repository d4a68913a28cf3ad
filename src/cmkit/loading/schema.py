"""The JSON Schema of the playbook format, generated from the model (its one source).

Editors use it through yaml-language-server (the example playbooks start
with `# yaml-language-server: $schema=../schema/playbook.schema.json`) to
complete keys, show each field's description and flag mistakes as you type.
The schema checks forms only; what relates values to each other (an id that
names no contact) is `cmkit lint`'s job.
"""

from __future__ import annotations

import json
from typing import Any

from cmkit.model.playbook import Playbook

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def playbook_schema() -> dict[str, Any]:
    """The schema as a dict: draft 2020-12, titled, every field described."""
    generated = Playbook.model_json_schema()
    return {
        "$schema": DIALECT,
        "title": "cmkit playbook",
        "description": (
            "A community-management charter (cmkit format, version 1): objectives, channels, "
            "tone, autonomy, contacts, topics, default, crisis and reporting."
        ),
        **{key: value for key, value in generated.items() if key not in {"title", "description"}},
    }


def playbook_schema_text() -> str:
    """The schema as the JSON text `cmkit schema` prints and the repository keeps."""
    return json.dumps(playbook_schema(), ensure_ascii=False, indent=2) + "\n"
