"""docs/lint.md carries the rules reference generated from the rule modules, so it cannot drift."""

from __future__ import annotations

from cmkit.formats.findings_rules import markdown
from cmkit.lint.registry import all_rules
from tests.conftest import ROOT


def test_the_rules_reference_in_the_docs_is_generated_from_the_rules():
    text = (ROOT / "docs" / "lint.md").read_text(encoding="utf-8")
    start, end = "<!-- rules:start -->\n", "\n<!-- rules:end -->"
    committed = text[text.index(start) + len(start) : text.index(end)]
    assert committed == markdown(all_rules()).rstrip(), (
        "regenerate the part of docs/lint.md between the rules markers with "
        "cmkit.formats.findings_rules.markdown(cmkit.lint.registry.all_rules())"
    )


def test_the_markdown_reference_fences_every_example():
    reference = markdown(all_rules())
    assert "FAIL::" not in reference and "PASS::" not in reference
    assert reference.count("```yaml") == 2 * len(all_rules())
    assert reference.count("```") == 4 * len(all_rules())
