"""PDF (typst) and DOCX (python-docx): open the files and find the content."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader

from cmkit.trusted import load_playbook
from cmkit.render.documents import build_context
from cmkit.render.engine import render
from tests.conftest import EXAMPLE_PLAYBOOKS

DOCUMENTS = ("charter", "onboarding", "handout")


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


def _flat(text: str) -> str:
    """Compare words only: PDF extraction turns no-break spaces and hyphenation into noise."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("playbook_path", EXAMPLE_PLAYBOOKS, ids=lambda p: p.stem)
def test_pdf_holds_the_document(playbook_path, document):
    playbook = load_playbook(playbook_path)
    data = render(playbook, document, "pdf")
    assert data.startswith(b"%PDF")
    text = _flat(pdf_text(data))
    context = build_context(playbook, document)
    assert _flat(context["title"]) in text
    assert all(_flat(row["label"]) in text for row in context["scope"])
    if document == "handout":
        assert all(_flat(answer["verdict"]) in text for answer in context["answer_key"])


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("playbook_path", EXAMPLE_PLAYBOOKS, ids=lambda p: p.stem)
def test_docx_holds_the_document(playbook_path, document):
    playbook = load_playbook(playbook_path)
    data = render(playbook, document, "docx")
    document_file = Document(io.BytesIO(data))
    context = build_context(playbook, document)
    text = docx_text(data)
    assert context["title"] in text
    assert all(row["label"] in text for row in context["scope"])
    headings = [p.text for p in document_file.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings and headings[0].startswith("1. ")
    scope_table = next(t for t in document_file.tables if t.rows[0].cells[0].text == context["L"]["headers"]["topic"])
    assert "tblHeader" in scope_table.rows[0]._tr.trPr.xml  # header row repeats on every page


def test_the_charter_pdf_draws_every_chain(fr_playbook):
    text = _flat(pdf_text(render(fr_playbook, "charter", "pdf")))
    for chain in build_context(fr_playbook, "charter")["chains"]:
        assert all(_flat(step["name"]) + _flat(step["role"]) in text for step in chain["steps"])


def test_emoji_are_written_as_their_names_in_the_pdf_never_dropped(en_playbook):
    from cmkit.render.pdf import without_emoji

    assert without_emoji({"a": ["Great job team 🚀", "thank you 🙏🏽", "ok 👍️"]}) == {
        "a": ["Great job team [emoji: rocket]", "thank you [emoji: person with folded hands]", "ok [emoji: thumbs up sign]"]
    }
    assert without_emoji({"a": "Bravo 🚀"}, "fr") == {"a": "Bravo [émoji\u00a0: rocket]"}
    text = " ".join(pdf_text(render(en_playbook, "handout", "pdf")).split())
    assert "Great job team" in text and "👏" not in text and "[emoji: clapping hands sign]" in text


def test_docx_writes_what_a_referent_receives_as_words(fr_playbook):
    text = docx_text(render(fr_playbook, "onboarding", "docx"))
    assert "Remboursements et litiges commerciaux" in text and "R, e, m" not in text


def test_pdf_uses_only_the_fonts_shipped_with_typst(fr_playbook):
    reader = PdfReader(io.BytesIO(render(fr_playbook, "onboarding", "pdf")))
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).get_object().values()
    }
    assert fonts and all(name.startswith(("LibertinusSerif", "DejaVuSansMono", "NewCM")) for name in fonts), fonts


def test_a_user_typst_template_replaces_the_shipped_one(fr_playbook, write, tmp_path):
    write("mine/typst/charter.typ", '#let data = json(bytes(sys.inputs.at("data")))\nCustom: #data.org.name')
    assert "Custom: Maison Dupuis" in pdf_text(render(fr_playbook, "charter", "pdf", tmp_path / "mine"))


def test_a_broken_typst_template_is_one_sentence(fr_playbook, write, tmp_path):
    from cmkit.errors import CmkitError

    write("bad/typst/charter.typ", "#let x = (")
    with pytest.raises(CmkitError, match="cannot typeset the PDF"):
        render(fr_playbook, "charter", "pdf", tmp_path / "bad")


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_bare_playbook_renders_every_document(write, fmt, language):
    bare = write(
        "bare.yaml",
        f"cmkit: 1\norganization: {{name: Solo, language: {language}}}\n"
        "objectives: [{id: o, statement: Exist}]\ncontacts: [{id: me, name: Sam}]\n"
        "topics: [{id: t, label: Anything, action: answer}]\n",
    )
    playbook = load_playbook(bare)
    for document in DOCUMENTS:
        assert render(playbook, document, fmt)
    context = build_context(playbook, "charter")
    assert context["crisis"]["defined"] is False and "Sam" in context["crisis"]["none"]
