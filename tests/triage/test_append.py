"""`triage --append JOURNAL`: decisions accumulate, each id once (the journal `cmkit report` reads)."""

from __future__ import annotations

import json

from tests.triage.conftest import records, rows


def _inbox(tmp_path, name, items):
    path = tmp_path / name
    path.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items), encoding="utf-8")
    return path


def test_a_jsonl_journal_takes_each_id_once(triage, tmp_path):
    journal = tmp_path / "journal.jsonl"
    monday = _inbox(tmp_path, "lundi.jsonl", [{"id": "a", "text": "colis", "at": "2026-03-02T09:00"},
                                              {"id": "b", "text": "recette", "at": "2026-03-02T10:00"}])
    tuesday = _inbox(tmp_path, "mardi.jsonl", [{"id": "b", "text": "recette", "at": "2026-03-02T10:00"},
                                               {"id": "c", "text": "concours", "at": "2026-03-03T09:00"},
                                               {"id": "c", "text": "concours", "at": "2026-03-03T09:00"},
                                               {"text": "sans id"}])
    assert triage(monday, "--append", journal).exit_code == 0
    result = triage(tuesday, "--append", journal)
    assert result.exit_code == 0, result.stderr
    assert "2 records already in the journal, not added again" in result.stderr
    got = records(journal.read_text(encoding="utf-8"))
    assert [(o["id"], o["topic"]) for o in got] == [("a", "livraison"), ("b", "produits"), ("c", "jeux"), (None, None)]
    assert triage(tuesday, "--append", journal).exit_code == 0
    assert len(records(journal.read_text(encoding="utf-8"))) == 5  # a record without id is always added


def test_an_error_record_is_decided_later_when_its_id_comes_back_right(triage, tmp_path):
    journal = tmp_path / "journal.jsonl"
    triage(_inbox(tmp_path, "a.jsonl", [{"id": "a", "text": "colis", "channel": "tiktok"}]), "--append", journal)
    triage(_inbox(tmp_path, "b.jsonl", [{"id": "a", "text": "colis", "channel": "twitter"}]), "--append", journal)
    got = records(journal.read_text(encoding="utf-8"))
    assert ["error" in o for o in got] == [True, False]


def test_a_csv_journal_keeps_its_header_once(triage, tmp_path):
    journal = tmp_path / "journal.csv"
    source = tmp_path / "in.csv"
    source.write_text("id,text\n1,colis\n", encoding="utf-8")
    assert triage(source, "--append", journal).exit_code == 0
    source.write_text("id,text\n1,colis\n2,recette\n", encoding="utf-8")
    assert triage(source, "--append", journal).exit_code == 0
    assert [(r["id"], r["topic"]) for r in rows(journal.read_text(encoding="utf-8"))] == [("1", "livraison"), ("2", "produits")]
    other = tmp_path / "other.csv"
    other.write_text("id,text,channel\n3,colis,twitter\n", encoding="utf-8")
    result = triage(other, "--append", journal)
    assert result.exit_code == 2 and "the journal's columns are not this input's" in result.stderr
    assert len(rows(journal.read_text(encoding="utf-8"))) == 2  # untouched


def test_append_and_output_do_not_go_together(triage, tmp_path):
    source = _inbox(tmp_path, "in.jsonl", [{"id": 1, "text": "colis"}])
    result = triage(source, "--append", tmp_path / "j.jsonl", "-o", tmp_path / "o.jsonl")
    assert result.exit_code == 2 and "cannot go together" in result.stderr
    assert triage(source, "--append", tmp_path / "j.xlsx").exit_code == 2
