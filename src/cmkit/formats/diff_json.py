"""A playbook diff as one JSON object: both files, whether they mean the same, every change."""

from __future__ import annotations

import json

from cmkit.diffing import Change


def format_diff_json(old_file: str, new_file: str, changes: list[Change]) -> str:
    """`{"old", "new", "same", "changes": [{section, kind, path, before, after, message}]}`."""
    document = {
        "old": old_file,
        "new": new_file,
        "same": not changes,
        "changes": [change.to_json() for change in changes],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
