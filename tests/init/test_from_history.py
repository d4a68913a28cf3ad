"""`cmkit init --from-history`: a client's labels become topics, their keywords learned like `suggest`."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from cmkit.cli.app import app
from cmkit.lint.engine import lint_file
from cmkit.scaffold import load_preset
from cmkit.trusted import load_playbook

HISTORY = Path(__file__).resolve().parents[2] / "playbooks" / "history" / "maison-dupuis.fr.csv"
FLAGS = ["--no-input", "--name", "Maison Dupuis", "--lang", "fr", "--preset", "food"]


def _history_labels() -> dict[str, Counter]:
    with HISTORY.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    labels: dict[str, Counter] = {}
    for row in rows:
        if row["expect_topic"]:
            labels.setdefault(row["expect_topic"], Counter())[row["expect_action"]] += 1
    return labels


@pytest.fixture(scope="module")
def bootstrapped(tmp_path_factory):
    from typer.testing import CliRunner

    path = tmp_path_factory.mktemp("init") / "charte.yaml"
    result = CliRunner().invoke(app, ["init", str(path), *FLAGS, "--from-history", str(HISTORY)])
    assert result.exit_code == 0, result.stderr
    return path


def test_every_label_is_a_topic_with_its_most_frequent_action(bootstrapped):
    topics = {topic.id: topic for topic in load_playbook(bootstrapped).topics}
    for label, actions in _history_labels().items():
        assert label in topics, label
        assert topics[label].action == actions.most_common(1)[0][0], label
        if topics[label].action == "escalate":
            assert topics[label].escalate_to


def test_examples_are_three_messages_of_the_topic_from_the_history(bootstrapped):
    with HISTORY.open(encoding="utf-8") as handle:
        texts: dict[str, set[str]] = {}
        for row in csv.DictReader(handle):
            texts.setdefault(row["expect_topic"], set()).add(" ".join(row["text"].split()))
    for topic in load_playbook(bootstrapped).topics:
        if topic.id in texts:
            assert len(topic.examples) == 3, topic.id
            assert set(topic.examples) <= texts[topic.id], topic.id


def test_keywords_are_those_suggest_would_add(bootstrapped, tmp_path):
    """Learned keywords appear on the history's labelled topics, and suggest finds nothing more to add
    to them with the same method (so they are its additions, not another method's)."""
    playbook = load_playbook(bootstrapped)
    labels = _history_labels()
    preset_ids = {topic["id"] for topic in load_preset("food", "fr")["topics"]}
    preset_free = [t for t in playbook.topics if t.id in labels and t.id not in preset_ids]
    assert any(topic.keywords for topic in preset_free)  # something was learned for the client's own labels
    from cmkit.learn.run import run_suggest

    again = run_suggest(playbook, HISTORY)
    learned = {t.id for t in preset_free if t.keywords}
    assert not any(again.add.get(topic_id) for topic_id in learned)


def test_the_historys_unknown_channels_are_added_so_every_row_is_decided(runner, bootstrapped):
    channels = {channel.id: channel for channel in load_playbook(bootstrapped).channels}
    assert {"blogs", "groupe-facebook"} <= set(channels)
    assert channels["blogs"].expected_response is None  # to agree with the client, not invented
    result = runner.invoke(app, ["eval", "-p", str(bootstrapped), str(HISTORY), "--format", "json"])
    assert json.loads(result.stdout)["errors"] == []


def test_result_lints_without_errors_and_evaluates_better_than_the_bare_preset(runner, bootstrapped, tmp_path):
    assert not [f for f in lint_file(bootstrapped) if f.severity == "error"]
    bare = tmp_path / "preset.yaml"
    assert runner.invoke(app, ["init", str(bare), *FLAGS]).exit_code == 0

    def topic_accuracy(path: Path) -> float:
        result = runner.invoke(app, ["eval", "-p", str(path), str(HISTORY), "--format", "json"])
        return json.loads(result.stdout)["topic"]["accuracy"]

    assert topic_accuracy(bootstrapped) > topic_accuracy(bare)


def test_a_history_without_labels_is_one_sentence(runner, tmp_path):
    history = tmp_path / "h.csv"
    history.write_text("id,text,expect_action\n1,colis perdu,escalate\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "p.yaml"), *FLAGS, "--from-history", str(history)])
    assert result.exit_code == 2
    assert "aucune ligne n’a de colonne `expect_topic`" in result.stderr
    assert not (tmp_path / "p.yaml").exists()


def test_a_label_that_cannot_be_an_id_names_its_line(runner, tmp_path):
    history = tmp_path / "h.csv"
    history.write_text("id,text,expect_topic\n1,colis,livraison\n2,merci,Mercis !\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "p.yaml"), *FLAGS, "--from-history", str(history)])
    assert result.exit_code == 2
    assert f"{history}:3\u202f: l’étiquette «\xa0Mercis !\xa0»" in result.stderr


def test_missing_history_is_refused_before_any_question(runner, tmp_path):
    result = runner.invoke(app, ["init", str(tmp_path / "p.yaml"), "--from-history", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2
    assert result.stderr == f"error: cannot read {tmp_path / 'nope.csv'}: no such file\n"
    french = runner.invoke(app, ["init", str(tmp_path / "p.yaml"), "--lang", "fr", "--from-history", "nope.csv"])
    assert french.stderr == "error: impossible de lire nope.csv\u202f: ce fichier n’existe pas\n"


def test_the_history_is_never_the_output(runner, tmp_path):
    history = tmp_path / "h.csv"
    history.write_text("id,text,expect_topic\n1,colis,livraison\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(history), *FLAGS, "--force", "--from-history", str(history)])
    assert result.exit_code == 2
    assert "est l’historique dont init apprend" in result.stderr
    assert history.read_text(encoding="utf-8") == "id,text,expect_topic\n1,colis,livraison\n"


def test_a_small_history_that_turns_stems_on_writes_a_commented_matching_section(runner, tmp_path):
    """The cheese shop's autumn (30 rows, docs/consultant.md): suggest proposes stems, and the
    scaffold writes `matching` with its comment; the new label `plateaux` is a topic with its examples."""
    history = Path(__file__).parent / "data" / "fromagerie-automne.csv"
    path = tmp_path / "p.yaml"
    result = runner.invoke(app, ["init", str(path), *FLAGS, "--from-history", str(history)])
    assert result.exit_code == 0, result.stderr
    playbook = load_playbook(path)
    assert playbook.matching.stems is True
    assert "# Comment les mots-clés se reconnaissent" in path.read_text(encoding="utf-8")
    plateaux = next(topic for topic in playbook.topics if topic.id == "plateaux")
    assert plateaux.action == "escalate" and plateaux.escalate_to and plateaux.keywords
    assert plateaux.examples[0] == "Vous faites des plateaux pour 12 personnes le 24 ?"
    assert not [f for f in lint_file(path) if f.severity == "error"]
