"""Real exports in (tests/data/exports, shaped like each tool's own): one record out per record in,
the input's columns kept, each decided right."""

from __future__ import annotations

import pytest

from tests.triage.conftest import EXPORTS, records, rows

DECIDED = ("line", "id", "at", "channel", "action", "topic", "topics", "escalate_to", "respond_within_minutes",
           "crisis", "tier", "due_at", "error")


def test_zendesk_tickets_subject_and_description_are_one_message(triage, tmp_path):
    out = tmp_path / "out.csv"
    result = triage(EXPORTS / "zendesk-tickets.csv", "--from", "zendesk", "-o", out)
    assert result.exit_code == 1  # the ticket that came by fax names no channel of the playbook
    got = rows(out.read_text(encoding="utf-8"))
    assert [r["line"] for r in got] == ["2", "5", "6", "7"]  # a description over three lines is one record
    assert [(r["id"], r["channel"], r["action"], r["topic"]) for r in got] == [
        ("4812", "email", "answer", "livraison"), ("4813", "email", "escalate", "remboursement"),
        ("4814", "twitter", "crisis", "presse"), ("4815", "", "", "")]
    assert got[3]["error"] == ("unknown channel 'Fax' (the playbook's channels: email, twitter, facebook, "
                               "groupe-facebook, instagram, avis, blogs)")
    assert "zendesk-tickets.csv:7: not decided: unknown channel 'Fax'" in result.stderr
    assert got[0]["Requester email"] == "marie.lefevre@example.fr" and got[0]["at"] == "2026-03-02 09:15"
    assert got[3]["Description"].startswith("'=HYPERLINK(")  # a formula is text in a spreadsheet
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:2] == ["id", "Requester"] and tuple(header[17:]) == DECIDED[:1] + DECIDED[2:]


def test_freshdesk_tickets(triage):
    result = triage(EXPORTS / "freshdesk-tickets.csv", "--from", "freshdesk", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    got = rows(result.stdout)
    assert [(r["Ticket ID"], r["id"], r["channel"], r["action"], r["topic"]) for r in got] == [
        ("101", "101", "email", "answer", "livraison"), ("102", "102", "facebook", "crisis", "intoxication"),
        ("103", "103", "email", "answer", "suggestions")]
    assert set(got[1]["topics"].split(";")) == {"qualite", "intoxication"} and got[1]["escalate_to"] == "dg"


def test_hootsuite_inbox_with_followers_written_with_spaces(triage):
    result = triage(EXPORTS / "hootsuite-inbox.csv", "--from", "hootsuite")
    assert result.exit_code == 0, result.stderr
    got = records(result.stdout)
    assert [(o["line"], o["channel"], o["action"], o["topic"]) for o in got] == [
        (2, "twitter", "answer", "livraison"), (3, "instagram", "escalate", "partenariats"), (4, "facebook", "answer", "produits")]
    assert got[1]["tier"] == 1 and got[0]["tier"] is None  # "120 000" followers is 120,000: the audience tier applies


def test_sprout_messages_json(triage):
    result = triage(EXPORTS / "sprout-messages.json", "--from", "sprout")
    assert result.exit_code == 1
    got = records(result.stdout)
    assert [(o["line"], o["id"]) for o in got] == [(1, "tw:1765"), (2, "fb:3301"), (3, "ig:77"), (4, "li:5")]
    assert [o.get("channel") for o in got[:3]] == ["twitter", "facebook", "instagram"]
    assert got[3] == {"line": 4, "id": "li:5", "error": got[3]["error"]} and "LINKEDIN_COMPANY" in got[3]["error"]


def test_facebook_comments_with_their_mojibake_fixed(triage):
    result = triage(EXPORTS / "facebook-comments.json", "--from", "facebook", "-f", "csv")
    assert result.exit_code == 1  # the third comment is a photo: no text
    got = rows(result.stdout)
    assert got[0]["text"] == "Mon colis n'est jamais arrivé, très déçue 😡" and got[0]["author"] == "Hélène Durand"
    assert [(r["line"], r["channel"], r["topic"], r["at"]) for r in got] == [
        ("1", "facebook", "livraison", "2026-03-02T09:15:00Z"), ("2", "facebook", "produits", "2026-03-02T10:15:00Z"),
        ("3", "", "", "")]
    assert got[2]["error"] == "no `text`"


def test_a_facebook_export_without_from_says_what_to_add(triage):
    result = triage(EXPORTS / "facebook-comments.json")
    assert result.exit_code == 2 and "add --from facebook" in result.stderr


def test_excel_in_france_semicolons_windows_1252_day_first(triage, tmp_path):
    source = EXPORTS / "excel-fr.csv"
    out = tmp_path / "retour.csv"
    maps = ["--map", "text=Message", "--map", "channel=Réseau", "--map", "at=date", "--map", "followers=Abonnés",
            "--map", "author=Auteur"]
    result = triage(source, *maps, "-o", out)
    assert result.exit_code == 1
    assert "excel-fr.csv: not UTF-8: read as Windows-1252 (--encoding to choose another)" in result.stderr
    assert "excel-fr.csv:4: not decided: unknown channel 'TikTok'" in result.stderr
    written = out.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")  # UTF-8 that Excel reads right
    got = rows(written.decode("utf-8-sig"), ";")  # the input's separator kept
    assert list(got[0])[:5] == ["Date", "Réseau", "Auteur", "Abonnés", "Message"]
    assert [(r["line"], r["at"], r["channel"], r["action"], r["topic"]) for r in got] == [
        ("2", "2026-03-02T09:15:00", "facebook", "answer", "livraison"),
        ("3", "2026-03-02T10:15:00", "twitter", "answer", "livraison"),  # 80 000 followers: no crisis alone (1.1)
        ("4", "", "", "", ""),
        ("5", "2026-03-03T11:30:00", "instagram", "answer", "suggestions")]
    assert got[1]["Message"] == "Colis perdu ; « inadmissible »" and got[0]["Abonnés"] == "12\u00a0500"


def test_the_encoding_can_be_forced(triage):
    result = triage(EXPORTS / "excel-fr.csv", "--map", "text=Message", "--encoding", "latin-1", "-f", "csv")
    assert "not UTF-8" not in result.stderr
    assert rows(result.stdout, ";")[0]["Réseau"] == "Facebook"
    assert triage(EXPORTS / "excel-fr.csv", "--map", "text=Message", "--encoding", "klingon").exit_code == 2


def test_unknown_headers_list_the_columns_and_suggest_map(triage):
    result = triage(EXPORTS / "excel-fr.csv")
    assert result.exit_code == 2 and result.stdout == ""
    assert ("excel-fr.csv: no column for `text` (columns found: Date, Réseau, Auteur, Abonnés, Message); say which "
            "holds what, e.g. --map text=Message --map channel=Réseau --map at=Date --map author=Auteur "
            "--map followers=Abonnés") in result.stderr
    result = triage(EXPORTS / "freshdesk-tickets.csv", "--from", "zendesk")
    assert result.exit_code == 0  # Freshdesk has a Subject and a Description too: readable, without channels
    result = triage(EXPORTS / "excel-fr.csv", "--from", "zendesk")
    assert result.exit_code == 2 and "not a Zendesk tickets (CSV) export" in result.stderr


@pytest.mark.parametrize("option, message", [
    ("text", "--map takes FIELD=COLUMN"),
    ("texte=Message", "--map texte=…: no such field (the fields: id, text, channel"),
    ("text=Corps", "no column 'Corps' for --map text= (columns found: Date, Réseau"),
])
def test_a_wrong_map_is_one_sentence(triage, option, message):
    result = triage(EXPORTS / "excel-fr.csv", "--map", option)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_xlsx_in_and_out(triage, tmp_path):
    from datetime import datetime

    from openpyxl import Workbook, load_workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Canal", "Message", "Abonnés"])
    sheet.append([datetime(2026, 3, 2, 9, 15), "Page Facebook", "Où est mon colis ?", 12500])
    sheet.append([None, None, None, None])  # a blank row: no record
    sheet.append(["02/03/2026 10:00", "x", "=1+1 colis", "80 000"])
    sheet.cell(row=4, column=3).data_type = "s"  # text that looks like a formula, as a CM may type it
    sheet.append([datetime(2026, 3, 2, 11, 0), "Blogues", 42, None])
    source = tmp_path / "inbox.xlsx"
    book.save(source)
    out = tmp_path / "retour.xlsx"
    result = triage(source, "--map", "text=Message", "--map", "channel=Canal", "--map", "at=Date",
                    "--map", "followers=Abonnés", "-o", out)
    assert result.exit_code == 1, result.stderr  # "Blogues" is not a channel: blogs is the closest
    got = list(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    header = list(got[0])
    assert header[:4] == ["Date", "Canal", "Message", "Abonnés"] and header[4:] == [
        "line", "id", "at", "channel", "action", "topic", "topics", "escalate_to", "respond_within_minutes",
        "crisis", "tier", "due_at", "error"]
    by = [dict(zip(header, row)) for row in got[1:]]
    assert [(r["line"], r["channel"], r["action"], r["topic"]) for r in by] == [
        (2, "facebook", "answer", "livraison"), (4, "twitter", "answer", "livraison"), (5, None, None, None)]
    assert by[0]["Date"] == datetime(2026, 3, 2, 9, 15) and by[0]["at"] == "2026-03-02T09:15:00"
    assert by[1]["Message"] == "=1+1 colis"  # a text cell, not a formula
    assert "the closest: blogs" in by[2]["error"]


def test_stdin_with_input_format(triage):
    source = (EXPORTS / "freshdesk-tickets.csv").read_bytes()
    result = triage("-", "--input-format", "csv", "--from", "freshdesk", input=source)
    assert result.exit_code == 0, result.stderr
    assert [o["id"] for o in records(result.stdout)] == ["101", "102", "103"]
    result = triage("-", input=source)
    assert result.exit_code == 2 and "needs --input-format" in result.stderr


def test_month_first_for_a_tool_set_in_english_with_a_french_playbook(triage, tmp_path):
    source = tmp_path / "us.csv"
    source.write_text("Date,Message\n03/02/2026 09:15 AM,colis\n", encoding="utf-8")
    maps = ["--map", "at=Date", "--map", "text=Message"]
    assert records(triage(source, *maps).stdout)[0]["at"] == "2026-02-03T09:15:00"  # the playbook is French
    assert records(triage(source, *maps, "--monthfirst").stdout)[0]["at"] == "2026-03-02T09:15:00"
    assert triage(source, *maps, "--monthfirst", "--dayfirst").exit_code == 2
