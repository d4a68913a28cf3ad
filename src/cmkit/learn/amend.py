"""Write a playbook with keywords added and removed, keeping its comments, order and layout.

PyYAML drops comments; ruamel.yaml's round-trip mode keeps them, with the
file's key order, quoting and flow or block lists, so that the consultant's
diff shows only the keywords that changed.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path


def amended_text(
    text: str,
    add: Mapping[str, Sequence[str]],
    remove: Mapping[str, Sequence[str]],
    stems: bool | None = None,
) -> str:
    """The playbook's YAML `text` with `add`/`remove` (topic id -> keywords) applied, and
    `matching.stems` set when `stems` is given."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.util import load_yaml_guess_indent

    _, sequence, offset = load_yaml_guess_indent(text)
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line the consultant wrote on one
    yaml.indent(mapping=_mapping_indent(text), sequence=sequence or 2, offset=offset or 0)
    data = yaml.load(text)
    for topic in data.get("topics") or []:
        topic_id = str(topic.get("id"))
        removed = set(remove.get(topic_id, ()))
        added = list(add.get(topic_id, ()))
        if not removed and not added:
            continue
        keywords = topic.get("keywords")
        if keywords is None:
            keywords = CommentedSeq()
            keywords.fa.set_flow_style()
            position = list(topic.keys()).index("label") + 1 if "label" in topic else len(topic)
            topic.insert(position, "keywords", keywords)
        for index in reversed(range(len(keywords))):
            if str(keywords[index]) in removed:
                del keywords[index]
        for keyword in added:
            keywords.append(keyword)
    if stems is not None:
        matching = data.get("matching")
        if matching is None:
            matching = CommentedMap()
            data.insert(len(data), "matching", matching)
        matching["stems"] = stems
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _mapping_indent(text: str) -> int:
    """How far the file indents a nested mapping (the first `key:` line under a top-level key)."""
    lines = text.splitlines()
    for above, line in zip(lines, lines[1:]):
        if above.rstrip().endswith(":") and not above.startswith((" ", "#")) and line.strip():
            stripped = line.lstrip(" ")
            if not stripped.startswith(("-", "#")):
                return len(line) - len(stripped)
    return 2


def write_amended(source: Path, target: Path, add, remove, stems=None) -> None:
    """Write the amended playbook atomically (the original is never touched unless it is the target)."""
    from cmkit.io import atomic_write

    text = source.read_text(encoding="utf-8")
    atomic_write(target, amended_text(text, add, remove, stems))
