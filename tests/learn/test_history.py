"""eval reads what triage reads, and its figures equal those computed from triage's own output."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from cmkit.cli.app import app
from tests.conftest import EN_PLAYBOOK, FR_PLAYBOOK, ROOT

HISTORIES = {FR_PLAYBOOK: ROOT / "playbooks" / "history" / "maison-dupuis.fr.csv",
             EN_PLAYBOOK: ROOT / "playbooks" / "history" / "kestrel.en.csv"}


def test_eval_equals_an_independent_computation_from_triages_output(tmp_path):
    for playbook, history in HISTORIES.items():
        out = tmp_path / f"{history.stem}.decided.csv"
        subprocess.run(
            [sys.executable, "-m", "cmkit", "triage", "-p", str(playbook), str(history), "-o", str(out)],
            capture_output=True, check=False,
        )
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
        assert len(rows) == sum(1 for _ in csv.DictReader(history.open(encoding="utf-8")))
        actions = [(r["expect_action"], r["action"] or "none") for r in rows if r["expect_action"]]
        topics = [(r["expect_topic"] or "none", r["topic"] or "none") for r in rows]
        dangerous = [r["line"] for r in rows if r["expect_action"] in ("escalate", "crisis")
                     and r["action"] in ("answer", "moderate", "decline")]
        evaluated = subprocess.run(
            [sys.executable, "-m", "cmkit", "eval", "-p", str(playbook), str(history), "-f", "json"],
            capture_output=True, text=True, check=True,
        )
        figures = json.loads(evaluated.stdout)
        assert figures["messages"] == len(rows)
        assert figures["action"]["accuracy"] == sum(a == b for a, b in actions) / len(actions)
        assert figures["topic"]["accuracy"] == sum(a == b for a, b in topics) / len(topics)
        assert [str(d["line"]) for d in figures["dangerous"]] == dangerous


def test_a_french_excel_export_with_its_own_headers_is_measured_with_map(runner, tmp_path):
    text = (
        "Date;Réseau;Auteur;Message;expect_action;expect_topic\r\n"
        "02/03/2026 09:15;Page Facebook;@claire;Mon colis n'est jamais arrivé, commande 482913;answer;livraison\r\n"
        "02/03/2026 09:20;X / Twitter;@leparisien;Vous pouvez me parler de vos prix ?;crisis;produits\r\n"
    )
    history = tmp_path / "export.csv"
    history.write_bytes(text.encode("cp1252"))
    result = runner.invoke(app, ["eval", "-p", str(FR_PLAYBOOK), str(history), "-f", "json",
                                 "--map", "text=Message", "--map", "channel=Réseau", "--map", "author=Auteur",
                                 "--map", "at=Date"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["messages"] == 2 and figures["errors"] == []
    assert figures["action"]["accuracy"] == 1.0  # the watchlisted journalist is a crisis


def test_a_history_without_labels_is_refused_in_one_sentence(runner, tmp_path):
    history = tmp_path / "inbox.csv"
    history.write_text("id,text\n1,colis\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "-p", str(FR_PLAYBOOK), str(history)])
    assert result.exit_code == 2
    assert "expect_action" in result.stderr and "Traceback" not in result.stderr


def test_suggest_refuses_to_write_over_its_history(runner, tmp_path):
    history = tmp_path / "h.csv"
    history.write_text("id,text,expect_topic\n1,colis,livraison\n", encoding="utf-8")
    result = runner.invoke(app, ["suggest", "-p", str(FR_PLAYBOOK), str(history), "--write", str(history)])
    assert result.exit_code == 2
    assert history.read_text(encoding="utf-8").startswith("id,text")
