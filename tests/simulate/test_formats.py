"""The three renderings of a timeline: data in, text out, never a decision."""

from __future__ import annotations

import io
import json
from datetime import datetime

from rich.console import Console

from cmkit.formats import timeline_json, timeline_mermaid, timeline_text
from cmkit.simulate.engine import walk

from .builders import event, playbook, scenario


def _timeline(title: str = "Drill"):
    built = scenario(
        event("0h", "where is my parcel"),
        event("1h", "refund please"),
        event("2h", "who wins the election", "forum"),
        event("3h", "a story", "blog", kind="journalist", name="Ann: Daily", followers=12000),
        replies={"sav": "never", "lead": "never", "dg": "10m"},
    )
    return walk(built.model_copy(update={"scenario": title}), playbook())


def _text(timeline, width: int, start=None, lang: str = "en") -> str:
    out = io.StringIO()
    Console(file=out, width=width, no_color=True, highlight=False).print(timeline_text.render(timeline, start=start, lang=lang))
    return out.getvalue()


def test_moment_is_an_offset_or_a_wall_clock_time():
    assert timeline_text.moment(90, None) == "+1h30m"
    assert timeline_text.moment(0, None) == "+0m"
    assert timeline_text.moment(None, None) == "never"
    assert timeline_text.moment(1500, datetime(2026, 3, 2, 9, 0)) == "Tue 3 Mar, 10:00"
    assert timeline_text.moment(1500, datetime(2026, 3, 2, 9, 0), "fr") == "mar. 3 mars à 10\u00a0h\u00a000"


def test_the_wide_layout_is_a_table_with_the_messages_below():
    text = _text(_timeline(), 160)
    header = next(line for line in text.splitlines() if "channel" in line)
    assert header.split() == ["#", "time", "channel", "author", "decision", "referent", "due", "answered"]
    assert "never LATE" in text  # the refund nobody answered
    assert "(no backup)" in text
    assert "4 “a story”" in text
    assert "Ann: Daily" in text and "journalist, 12,000 followers" in text


def test_the_narrow_layout_never_exceeds_the_screen():
    text = _text(_timeline(), 60)
    assert max(len(line.rstrip()) for line in text.splitlines()) <= 60
    assert "due +2h, answered never LATE" in text
    assert "Breaches" in text and "#2 sav: due +2h, never answered" in text


def test_the_summary_reads_out_the_case():
    text = _text(_timeline(), 160)
    assert "Crisis       triggered at +3h by event #4" in text
    assert "Engaged      Julie (sav), Karim (lead), Claire (dg)" in text
    assert "Longest wait never answered (event #2, twitter)" in text


def test_json_breaches_and_crisis_have_exactly_the_spec_keys():
    data = json.loads(timeline_json.render(_timeline()))
    assert data["breaches"] == [{"event": 1, "contact": "sav", "due_minute": 120, "answered_minute": None}]
    assert data["crisis"] == {"triggered": True, "at_minutes": 180, "reason": data["crisis"]["reason"]}
    declined = data["events"][2]
    assert (declined["decision"]["action"], declined["due_minute"], declined["answered_minute"]) == ("decline", None, None)
    assert data["events"][1]["chain_end"] == "no-backup"
    assert data["summary"]["longest_wait"] == {"event": 1, "minutes": None}


def test_mermaid_labels_cannot_break_the_syntax():
    source = timeline_mermaid.render(_timeline("Drill: day 1; #2"))
    assert "    title Drill - day 1, n°2" in source.splitlines()
    assert "    section n°4 blog · crisis" in source.splitlines()


def test_mermaid_uses_the_start_for_real_dates():
    source = timeline_mermaid.render(_timeline(), start=datetime(2026, 3, 2, 9, 0))
    assert "    axisFormat %d/%m %H:%M" in source
    assert "Claire holds it :active, 2026-03-02 12:00, 2026-03-02 12:10" in source
    never = next(line for line in source.splitlines() if line.startswith("    Karim holds it"))
    assert never.startswith("    Karim holds it :crit, 2026-03-02 11:00, ")  # open-ended: drawn to the horizon


def test_an_event_without_a_channel_says_so_in_every_layout():
    timeline = walk(scenario(event("0h", "where is my parcel", None)), playbook())
    assert "+0m  no channel  customer" in _text(timeline, 60)
    assert "no channel" in _text(timeline, 160)
    assert "    section n°1 no channel · answer" in timeline_mermaid.render(timeline).splitlines()
    assert json.loads(timeline_json.render(timeline))["events"][0]["channel"] is None


def test_the_same_timeline_in_french_says_every_word_in_french():
    text = _text(_timeline(), 160, lang="fr")
    header = next(line for line in text.splitlines() if "canal" in line)
    assert header.split() == ["#", "heure", "canal", "auteur", "décision", "référent", "échéance", "répondu"]
    assert "jamais EN\u00a0RETARD" in text and "(pas de suppléant)" in text
    assert "journaliste, 12\u202f000 abonnés" in text and "4 «\u202fa story\u202f»" in text
    assert "Retards" in text and "n°\u00a02 sav\u202f: dû +2h, jamais répondu" in text
    # the crisis is the journalist's: the reason comes from the decision's reasons, in French
    assert "déclenchée à +3h par l’événement n°\u00a04\u202f: l’auteur est un journaliste" in text
    assert "Attente la plus longue jamais répondu (événement n°\u00a02, twitter)" in text


def test_one_follower_is_singular_in_both_languages():
    timeline = walk(scenario(event("0h", "where is my parcel", followers=1)), playbook())
    assert "1 follower" in _text(timeline, 160) and "1 followers" not in _text(timeline, 160)
    assert "1 abonné" in _text(timeline, 160, lang="fr") and "1 abonnés" not in _text(timeline, 160, lang="fr")


def test_mermaid_labels_in_french():
    source = timeline_mermaid.render(_timeline(), lang="fr").splitlines()
    assert "    axisFormat jour %e, %H:%M" in source
    assert "    section n°3 forum · ne pas répondre" in source
    assert "    section n°4 blog · crise" in source
    assert any(line.startswith("    Karim a le dossier :crit") for line in source)
