"""The consultant's first hour, as docs/consultant.md tells it: a cheese shop with an online store
goes from the questionnaire alone to `lint --strict` clean and a PDF, with no YAML edited by hand."""

from __future__ import annotations

import json

from cmkit.cli.app import app
from cmkit.trusted import load_playbook
from cmkit.model.placeholders import is_draft

#: The answers typed in docs/consultant.md, one a line (refused answers included).
FROMAGERIE = [
    "fr", "fod", "food", "Fromagerie Dubois", "fromagerie, crèmerie et boutique en ligne",
    "instagram=2h, facebook=4h, avis=1d, email=1d", "", "mar-sam 9h-19h30; dim 9h-12h30",
    "consommateurs-adjoint, qualite-adjoint, marketing, communication", "",
    "Léa Fabre", "Responsable de la boutique en ligne", "lea@fromagerie-dubois", "lea@fromagerie-dubois.fr",
    "04 78 42 17", "04 78 42 17 30", "1h", "", "qualite",
    "Claire Dubois", "Fromagère affineuse, responsable qualité", "claire@fromagerie-dubois.fr", "06 71 28 45 90",
    "30m", "oui", "",
    "-", "Maître Antoine Renaud", "Avocat (cabinet externe)", "a.renaud@renaud-avocats.fr", "04 72 10 55 00", "1d",
    "avocat externe, il répond sous un jour ouvré : délai convenu dans sa lettre de mission", "non", "direction",
    "Marc Dubois", "Gérant", "marc@fromagerie-dubois.fr", "06 71 28 45 91", "30m", "oui", "",
    "Paul Dubois", "Associé", "paul@fromagerie-dubois.fr", "06 71 28 45 92", "1h", "oui", "-",
    "s'excuser au nom de la fromagerie; donner la liste des ingrédients et des allergènes de la fiche produit",
    "", "", "Cabinet Morel Conseil", "",
]


def test_the_cheese_shop_needs_no_hand_editing(runner, tmp_path):
    path = tmp_path / "charte-v1.yaml"
    result = runner.invoke(app, ["init", str(path)], input="\n".join(FROMAGERIE) + "\n")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"Charte écrite dans {path}.\n")
    assert "point" not in result.stderr  # nothing left to finish
    text = path.read_text(encoding="utf-8")
    assert "respond_within: 1d  # cmkit: disable=W202 — avocat externe" in text
    playbook = load_playbook(path)
    assert not is_draft(playbook)
    assert [c.id for c in playbook.contacts] == ["consommateurs", "qualite", "juridique", "direction", "direction-adjointe"]
    assert playbook.contact("juridique").phone == "+33 4 72 10 55 00"
    assert playbook.document.author == "Cabinet Morel Conseil"

    strict = runner.invoke(app, ["lint", "--strict", "-f", "json", "--show-suppressed", str(path)])
    assert strict.exit_code == 0, strict.stdout
    (silenced,) = json.loads(strict.stdout)
    assert silenced["code"] == "W202" and "lettre de mission" in silenced["suppression"]["justification"]

    pdf = tmp_path / "charte-v1.pdf"
    rendered = runner.invoke(app, ["render", str(path), "--format", "pdf", "-o", str(pdf)])
    assert rendered.exit_code == 0, rendered.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
