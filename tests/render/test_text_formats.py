"""Markdown and HTML: golden files for the examples, escaping, and the user's sandboxed templates."""

from __future__ import annotations

import pytest

from cmkit.errors import CmkitError, UsageError
from cmkit.trusted import load_playbook
from cmkit.render.documents import build_context
from cmkit.render.engine import render
from tests.conftest import EXAMPLE_PLAYBOOKS
from tests.render.conftest import check_golden

DOCUMENTS = ("charter", "onboarding", "handout")


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("playbook_path", EXAMPLE_PLAYBOOKS, ids=lambda p: p.stem)
def test_examples_match_their_golden_files(playbook_path, document, fmt):
    text = render(load_playbook(playbook_path), document, fmt).decode("utf-8")
    check_golden(f"{playbook_path.stem}/{document}.{fmt}", text)


def test_the_french_charter_reads_french(fr_playbook):
    text = render(fr_playbook, "charter", "md").decode()
    for phrase in ("## 2. Périmètre", "Subsidiarité", "Remontée d’information", "Délai de réponse", "1\u00a0jour"):
        assert phrase in text
    assert " :" not in text.replace("\u00a0:", "")  # every colon has its no-break space


def test_html_is_standalone_and_draws_every_chain(fr_playbook):
    html = render(fr_playbook, "charter", "html").decode()
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert html.count('<ol class="chain">') == len(build_context(fr_playbook, "charter")["chains"]) > 1
    assert "Claire Dupuis" in html


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_tone_sentences_keep_their_space(en_playbook, fmt):
    out = render(en_playbook, "charter", fmt).decode()
    assert "casual tone. Emoji are welcome." in out and "tone.Emoji" not in out


def test_markdown_draws_the_chains_as_mermaid(fr_playbook):
    text = render(fr_playbook, "charter", "md").decode()
    assert "```mermaid\nflowchart LR" in text
    assert '["Julie Martin<br/>' in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_markup_in_a_playbook_is_shown_as_text(minimal_playbook, fmt):
    hostile = load_playbook(minimal_playbook(label="<script>alert(1)</script> | **bold**", name="<b>Acme</b>"))
    out = render(hostile, "charter", fmt).decode()
    if fmt == "html":
        assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
        assert "<b>Acme</b>" not in out
    else:
        assert "\\<script\\>" in out and "\\| \\*\\*bold\\*\\*" in out


def test_user_templates_replace_the_shipped_ones_one_by_one(fr_playbook, write, tmp_path):
    write("mine/html/charter.html.j2", "<h1>{{ org.name }} — {{ L.sections.scope }}</h1>{{ scope|length }}")
    html = render(fr_playbook, "charter", "html", tmp_path / "mine").decode()
    assert html == f"<h1>Maison Dupuis — Périmètre</h1>{len(fr_playbook.topics) + 1}"
    # a document the user did not override still comes from the shipped templates
    assert "<!DOCTYPE html>" in render(fr_playbook, "onboarding", "html", tmp_path / "mine").decode()


def test_user_templates_are_sandboxed(fr_playbook, write, tmp_path):
    write("evil/md/charter.md.j2", "line one\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    with pytest.raises(CmkitError) as caught:
        render(fr_playbook, "charter", "md", tmp_path / "evil")
    assert "charter.md.j2:2" in str(caught.value)


def test_a_template_typo_is_located(fr_playbook, write, tmp_path):
    write("typo/md/charter.md.j2", "# {{ title }}\n\n{% for x in scope %}{{ x.label }\n")
    with pytest.raises(CmkitError) as caught:
        render(fr_playbook, "charter", "md", tmp_path / "typo")
    assert "charter.md.j2:3" in str(caught.value)


def test_an_unknown_variable_is_an_error_not_a_blank(fr_playbook, write, tmp_path):
    write("strict/md/charter.md.j2", "{{ organisation.name }}")
    with pytest.raises(CmkitError, match="organisation"):
        render(fr_playbook, "charter", "md", tmp_path / "strict")


def test_a_templates_folder_without_the_format_is_refused(fr_playbook, tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="no html templates"):
        render(fr_playbook, "charter", "html", tmp_path / "empty")
