"""docs/format.md carries the format reference generated from the model, so it cannot drift."""

from __future__ import annotations

from cmkit.formats.format_reference import markdown
from cmkit.model.playbook import Playbook
from tests.conftest import ROOT


def test_the_format_reference_in_the_docs_is_generated_from_the_model():
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    start, end = "<!-- format:start -->\n", "\n<!-- format:end -->"
    committed = text[text.index(start) + len(start) : text.index(end)]
    assert committed == markdown().rstrip(), (
        "regenerate the part of docs/format.md between the format markers with "
        "cmkit.formats.format_reference.markdown()"
    )


def test_every_key_of_every_section_is_listed():
    reference = markdown()
    for name in Playbook.model_fields:
        assert f"| `{name}` |" in reference
    assert "### Topic" in reference and "| `escalate_to` |" in reference and "### Hours" in reference


def test_the_docs_never_point_outside_the_project():
    for page in (ROOT / "docs").glob("*.md"):
        assert "../shared" not in page.read_text(encoding="utf-8"), page.name
