"""`triage`'s summary on stderr: in the run's language, French figures, plurals right."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from collections import Counter

import pytest
from rich.console import Console

from cmkit.cli.app import app
from cmkit.formats.triage_summary import TOP_TOPICS, print_summary
from cmkit.i18n import catalogue
from tests.conftest import EN_PLAYBOOK, FR_PLAYBOOK, PLAYBOOKS
from tests.simulate.english import english_in

NNBSP = "\u202f"


def _summary(actions: dict[str, int], topics: dict[str, int], failed: int = 0, lang: str = "fr") -> str:
    out = io.StringIO()
    print_summary(Console(file=out, width=120, no_color=True), Counter(actions), Counter(topics), failed, catalogue(lang))
    return out.getvalue()


def test_french_counts_shares_and_actions():
    text = _summary({"answer": 1200}, {"livraison": 1200})
    assert f"1{NNBSP}200 messages décidés" in text
    assert f"100{NNBSP}%" in text and "répondre" in text
    assert "answer" not in text and "1,200" not in text


def test_english_counts_shares_and_actions():
    text = _summary({"decline": 1200}, {"spam": 1200}, lang="en")
    assert "1,200 messages decided" in text and "100%" in text and "do not answer" in text


@pytest.mark.parametrize(("lang", "one", "many"), [
    ("fr", "1 message décidé", "2 messages décidés"),
    ("en", "1 message decided", "2 messages decided"),
])
def test_one_message_is_singular(lang, one, many):
    assert one in _summary({"escalate": 1}, {"a": 1}, lang=lang)
    assert many in _summary({"escalate": 2}, {"a": 2}, lang=lang)
    assert "1 messages" not in _summary({"escalate": 1}, {"a": 1}, lang=lang)


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", "… et 1 autre sujet (1 message)"),
    ("en", "… and 1 more topic (1 message)"),
])
def test_the_topics_left_out_are_counted_in_the_right_number(lang, said):
    topics = {f"t{i}": 2 for i in range(TOP_TOPICS)} | {"last": 1}
    text = _summary({"answer": sum(topics.values())}, topics, lang=lang)
    assert said in text


def _topics(path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [row["topic"] for row in csv.DictReader(handle) if row.get("topic")]


@pytest.mark.parametrize(("playbook", "history", "args"), [
    (FR_PLAYBOOK, PLAYBOOKS / "history" / "maison-dupuis.fr.csv", ()),
    (EN_PLAYBOOK, PLAYBOOKS / "history" / "kestrel.en.csv", ("--lang", "fr")),
])
def test_a_french_summary_holds_no_english_word(runner, tmp_path, playbook, history, args):
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["triage", "-p", str(playbook), str(history), "-o", str(out), *args],
                           env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    assert "messages décidés" in result.stderr and f"{NNBSP}%" in result.stderr
    assert english_in(result.stderr, [str(history), str(out), *_topics(out)]) == set()
    english = runner.invoke(app, ["triage", "-p", str(playbook), str(history), "-o", str(out), "--lang", "en"],
                            env={"NO_COLOR": "1", "COLUMNS": "100"})
    assert english_in(english.stderr, [str(history), *_topics(out)]) >= {"decided", "share", "deciding"}


def test_the_summary_of_a_real_run_with_a_record_not_decided(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Où est mon colis ?", "channel": "twitter"}\n{"id": "b"}\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cmkit", "triage", "-p", str(FR_PLAYBOOK), str(source)],
                          capture_output=True, text=True, env={"NO_COLOR": "1", "COLUMNS": "100", "PATH": ""})
    assert done.returncode == 1, done.stderr
    assert "1 message décidé" in done.stderr and "1 message non décidé" in done.stderr
    assert f"100{NNBSP}%" in done.stderr
    assert english_in(done.stderr, [str(source), "livraison"]) == set()
