"""What a client signs and a trainer runs (revision 1.1): document control, the draft mark,
the contact directory, the flowchart, deadlines as durations, reproducible bytes, hostile input."""

from __future__ import annotations

import io
import itertools
import zipfile

import pytest

from cmkit.render.documents import build_context
from cmkit.render.engine import render

NBSP = "\u00a0"
DOCS = ("charter", "onboarding", "handout")


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _docx_xml(data: bytes, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(part).decode("utf-8")


def test_document_control_is_on_the_cover_in_the_footer_and_in_the_signature_block(rich_playbook):
    control = build_context(rich_playbook, "charter")["control"]
    assert [line["label"] for line in control["lines"]] == ["Version", "Date", "Rédigé par", "Approbation", "Prochaine révision"]
    assert control["lines"][1]["value"] == "30 novembre 2026"
    assert control["footer"] == "version 1.2 · 30 novembre 2026"
    assert control["approvers"] == [{"name": "Claire Dupuis", "role": "Directrice générale"}]
    html = render(rich_playbook, "charter", "html").decode()
    assert "Cabinet Martin Conseil" in html and 'id="approval"' in html and "version 1.2 · 30 novembre 2026" in html
    md = render(rich_playbook, "charter", "md").decode()
    assert "## Approbation" in md and "| Claire Dupuis | Directrice générale | | |" in md
    assert "| Version | 1.2 |" in md and "| Prochaine révision | 30 juin 2027 |" in md
    assert "version 1.2" in " ".join(_pdf_text(render(rich_playbook, "onboarding", "pdf")).split())


def test_docx_core_properties_and_proofing_language_come_from_the_playbook(rich_playbook):
    data = render(rich_playbook, "charter", "docx")
    core = _docx_xml(data, "docProps/core.xml")
    assert "Cabinet Martin Conseil" in core and "python-docx" not in core
    assert "2026-11-30T00:00:00Z" in core and "2013" not in core
    assert "<dc:language>fr-FR</dc:language>" in core
    styles = _docx_xml(data, "word/styles.xml")
    assert 'w:val="fr-FR"' in styles and "en-US" not in styles
    document = _docx_xml(data)
    assert " PAGE " in document or " PAGE " in _docx_xml(data, "word/footer1.xml") if "word/footer1.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist() else True
    assert "TOC " in document and "w:cantSplit" in document


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_two_renders_give_the_same_bytes(rich_playbook, fr_playbook, fmt, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert render(rich_playbook, "charter", fmt) == render(rich_playbook, "charter", fmt)
    assert render(fr_playbook, "handout", fmt) == render(fr_playbook, "handout", fmt)  # no document.date


def test_source_date_epoch_dates_a_playbook_without_its_own_date(minimal_playbook, monkeypatch):
    from cmkit.trusted import load_playbook

    undated = load_playbook(minimal_playbook())
    assert undated.document is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    core = _docx_xml(render(undated, "charter", "docx"), "docProps/core.xml")
    assert "2026-01-01T00:00:00Z" in core
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert "2026-01-01" not in _docx_xml(render(undated, "charter", "docx"), "docProps/core.xml")


def test_a_scaffold_is_marked_draft_on_every_page_and_a_finished_playbook_is_not(rich_playbook):
    from cmkit.model.playbook import Playbook

    data = rich_playbook.model_dump(mode="json", exclude_none=True)
    data["contacts"][0]["email"] = "julie.martin@example.org"  # a scaffold's placeholder address
    draft = Playbook.model_validate(data)
    assert build_context(draft, "charter")["control"]["draft"]
    assert not build_context(rich_playbook, "charter")["control"]["draft"]
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(render(draft, "onboarding", "pdf"))).pages
    assert len(pages) > 1 and all("BROUILLON" in page.extract_text() for page in pages)
    assert "BROUILLON" not in _pdf_text(render(rich_playbook, "onboarding", "pdf"))
    assert "BROUILLON" in _docx_xml(render(draft, "charter", "docx"), "word/header1.xml")
    assert "BROUILLON" in render(draft, "handout", "html").decode()


@pytest.mark.parametrize("document", ["charter", "onboarding"])
def test_the_contact_directory_gives_phones_e_mails_and_hours(rich_playbook, document):
    for fmt in ("md", "html"):
        text = render(rich_playbook, document, fmt).decode()
        assert "+33 1 23 45 67 00" in text and "julie.martin@maison-dupuis.fr" in text
        assert "à toute heure (astreinte)" in text
        assert f"Heures d’ouverture (Europe/Paris){NBSP}: lun.–ven. 09:00–18:00\u202f; sam. 10:00–12:30." in text.replace("&#39;", "’")
    assert "+33 1 23 45 67 00" in _pdf_text(render(rich_playbook, document, "pdf")).replace("\n", " ")
    assert "+33" in _docx_xml(render(rich_playbook, document, "docx"))


def test_the_onboarding_names_the_mentor(rich_playbook):
    context = build_context(rich_playbook, "onboarding")
    assert context["mentor"].startswith("Pendant cette semaine, la personne qui vous accompagne est Julie Martin")
    assert any("relus par Julie Martin" in day for day in context["week"])


@pytest.mark.parametrize("playbook", ["fr_playbook", "en_playbook"])
@pytest.mark.parametrize("document", ["onboarding", "handout"])
@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_no_deadline_is_left_to_the_channel_in_words(request, playbook, document, fmt):
    data = render(request.getfixturevalue(playbook), document, fmt)
    text = _pdf_text(data) if fmt == "pdf" else _docx_xml(data) if fmt == "docx" else data.decode()
    text = " ".join(text.split())
    assert "selon le canal" not in text and "per channel" not in text


def test_every_exercise_has_a_channel_and_every_answer_a_duration(fr_playbook):
    context = build_context(fr_playbook, "handout")
    assert all(e["channel"] and e["channel"].startswith("Sur ") for e in context["exercises"])
    for answer in context["answer_key"]:
        assert answer["deadline"] == "—" if answer["action"] == "decline" else "h" in answer["deadline"] or "min" in answer["deadline"] or "jour" in answer["deadline"]


def test_the_flowchart_follows_the_decision_order_in_every_format(fr_playbook):
    steps = build_context(fr_playbook, "charter")["flowchart"]["steps"]
    actions = [s["action"] for s in steps]
    crises = len(list(itertools.takewhile(lambda a: a == "crisis", actions)))
    assert steps[0]["question"].startswith("Écrit par") and crises >= 3  # author first, then audience, crisis topics
    assert "crisis" not in actions[crises:-1]
    order = {"escalate": 0, "moderate": 1, "answer": 2, "decline": 3}
    ranks = [order[a] for a in actions[crises:-1]]
    assert ranks == sorted(ranks)
    assert steps[-1]["question"] is None and "Aucun sujet reconnu" in steps[-1]["target"]
    assert "<svg" in render(fr_playbook, "charter", "html").decode()
    assert "Parle de" in _pdf_text(render(fr_playbook, "charter", "pdf"))
    with zipfile.ZipFile(io.BytesIO(render(fr_playbook, "charter", "docx"))) as archive:
        assert any(name.startswith("word/media/") and name.endswith(".png") for name in archive.namelist())


def test_a_chain_is_judged_by_its_worst_case(fr_playbook):
    support = build_context(fr_playbook, "charter")["support"]
    julie = next(c for c in support["contacts"] if c["name"] == "Julie Martin")
    assert julie["late"] and julie["status"].startswith("non")


def test_the_handout_s_answers_explain_and_give_the_model_reply(rich_playbook):
    key = build_context(rich_playbook, "handout")["answer_key"]
    delivery = [a for a in key if a["topic"] == "Livraison et colis"]
    assert delivery and all(a["reply"] and a["reply"].startswith("Bonjour, nous regardons") for a in delivery)
    assert all("{" not in a["reply"] for a in delivery)


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_control_characters_never_crash_a_format(minimal_playbook, write, fmt):
    from cmkit.trusted import load_playbook

    path = minimal_playbook(label=r"Be\vfast\x01")  # YAML escapes: the playbook holds \v and \x01
    assert "\x01" in load_playbook(path).topics[0].label
    data = render(load_playbook(path), "charter", fmt)
    assert data


def _tiny_png() -> bytes:
    import struct
    import zlib

    raw = b"".join(b"\x00" + b"\x00\x55\xa4" * 4 for _ in range(4))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def test_branding_colours_every_format_and_puts_the_logo_on_the_cover(tmp_path):
    from cmkit.trusted import load_playbook
    from tests.conftest import EN_PLAYBOOK

    (tmp_path / "logo.png").write_bytes(_tiny_png())
    text = EN_PLAYBOOK.read_text(encoding="utf-8").replace(
        "\ndocument:\n", '\ndocument:\n  brand: {color: "#0055A4", logo: logo.png}\n', 1
    )
    (tmp_path / "pb.yaml").write_text(text, encoding="utf-8")
    playbook = load_playbook(tmp_path / "pb.yaml")
    html = render(playbook, "charter", "html").decode()
    assert "--accent: #0055a4" in html and "data:image/png;base64," in html
    with zipfile.ZipFile(io.BytesIO(render(playbook, "charter", "docx"))) as archive:
        assert sum(name.startswith("word/media/") for name in archive.namelist()) == 2  # logo and flowchart
        assert "0055A4" in archive.read("word/styles.xml").decode()
    assert render(playbook, "charter", "pdf").startswith(b"%PDF")


def test_a_missing_logo_is_one_sentence_naming_it(tmp_path, runner):
    from cmkit.cli.app import app
    from tests.conftest import EN_PLAYBOOK

    text = EN_PLAYBOOK.read_text(encoding="utf-8").replace("\ndocument:\n", "\ndocument:\n  brand: {logo: nowhere.png}\n", 1)
    (tmp_path / "pb.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["render", str(tmp_path / "pb.yaml"), "-o", str(tmp_path / "out.html")])
    assert result.exit_code == 2 and "nowhere.png" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out.html").exists()


def test_dates_read_as_people_write_them(fr_playbook, en_playbook):
    from datetime import date

    from cmkit.render.control import human_date

    fr = build_context(fr_playbook, "charter")["L"]
    en = build_context(en_playbook, "charter")["L"]
    assert human_date(date(2027, 1, 1), fr) == "1er janvier 2027"
    assert human_date(date(2026, 11, 30), fr) == "30 novembre 2026"
    assert human_date(date(2027, 1, 1), en) == "1 January 2027"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_two_separate_processes_write_the_same_bytes(tmp_path, fmt):
    import os
    import subprocess
    import sys

    from tests.conftest import FR_PLAYBOOK

    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    outputs = []
    for run in (1, 2):
        target = tmp_path / f"run{run}.{fmt}"
        subprocess.run(
            [sys.executable, "-m", "cmkit", "render", str(FR_PLAYBOOK), "-d", "handout", "-o", str(target)],
            check=True, env=env, capture_output=True,
        )
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
