"""`cmkit suggest`: ordinary keywords learned from labelled rows, written back with the layout kept."""

from __future__ import annotations

import json

from cmkit.cli.app import app
from cmkit.learn.amend import amended_text
from tests.conftest import ROOT

# The French example as it was before its topics were rewritten from a history: a
# charter with something left to learn (no `cheveu`, no `plastique`), frozen here so
# that improving the shipped example does not change what these tests can learn.
FR_PLAYBOOK = ROOT / "tests" / "learn" / "data" / "charter-before-history.fr.yaml"

# A small history of the French example: hair and plastic in the biscuits (qualite) written
# without the playbook's words, a delivery topic that already works, and praise (no topic).
HISTORY = """id,channel,text,expect_action,expect_topic
1,twitter,"jai trouve un cheveu dans le paquet de sablés",escalate,qualite
2,facebook,"un cheveu dans mes galettes, franchement degoutant",escalate,qualite
3,email,"Encore un CHEVEU dans la boîte ce matin !",escalate,qualite
4,facebook,"un bout de plastique dur dans un palet, j'ai failli me casser une dent",escalate,qualite
5,twitter,"morceau de plastique dans les cookies ???",escalate,qualite
11,avis,"encore du plastique dans le paquet, c'est la deuxième fois",escalate,qualite
6,twitter,"Mon colis n'est jamais arrivé",answer,livraison
7,facebook,"livraison en retard de 3 jours",answer,livraison
8,twitter,"vos sablés sont délicieux bravo",answer,
9,instagram,"Bravo pour les galettes, un régal",answer,
10,twitter,"le livreur a perdu mon colis, je veux un cheveu de patience",answer,livraison
"""


def test_learns_the_words_people_use_and_proposes_nothing_that_misfires(runner, tmp_path):
    history = tmp_path / "history.csv"
    history.write_text(HISTORY, encoding="utf-8")
    result = runner.invoke(app, ["suggest", "-p", str(FR_PLAYBOOK), str(history), "--format", "json"])
    assert result.exit_code == 0, result.output
    proposal = json.loads(result.stdout)
    added = {p["keyword"]: p for p in proposal["topics"]["qualite"]["add"]}
    assert "plastique" in added and added["plastique"] == {"keyword": "plastique", "hits": 3, "false_hits": 0}
    # `cheveu` also appears in a delivery message: 3 hits, 1 false hit, precision 0.75 < 0.8
    assert "cheveu" not in added
    assert proposal["accuracy"]["after"]["topic"] > proposal["accuracy"]["before"]["topic"]
    assert "livraison" not in proposal["topics"]  # nothing to learn where the charter is right


def test_write_keeps_comments_and_layout_and_passes_lint(runner, tmp_path):
    history = tmp_path / "history.csv"
    history.write_text(HISTORY, encoding="utf-8")
    out = tmp_path / "v2.yaml"
    result = runner.invoke(app, ["suggest", "-p", str(FR_PLAYBOOK), str(history), "--write", str(out)])
    assert result.exit_code == 0, result.output
    before, after = FR_PLAYBOOK.read_text(encoding="utf-8"), out.read_text(encoding="utf-8")
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == [
        line for line in after.splitlines() if line.lstrip().startswith("#")
    ]
    removed = set(before.splitlines()) - set(after.splitlines())
    assert not removed - {line for line in before.splitlines() if "keywords" in line}
    assert "plastique" in after
    lint = runner.invoke(app, ["lint", str(out)])
    assert lint.exit_code == 0, lint.output
    evaluation = runner.invoke(app, ["eval", "-p", str(out), str(history), "--format", "json"])
    figures = json.loads(evaluation.stdout)
    assert figures["topic"]["accuracy"] == 9 / 11  # 5 / 11 before: the plastic rows, and more, are now qualite


def test_amended_text_removes_adds_and_turns_stems_on_in_the_files_own_style():
    text = """cmkit: 1
# the charter
topics:
    -   id: a
        label: A
        keywords: [one, "two"]   # inline comment kept
        action: answer
    -   id: b
        label: B
        action: answer
"""
    out = amended_text(text, {"a": ["three"], "b": ["four"]}, {"a": ["one"]}, stems=True)
    assert 'keywords: ["two", three]   # inline comment kept' in out or "keywords: ['two', three]" in out or 'keywords: ["two", three]' in out
    assert "        keywords: [four]\n" in out
    assert out.index("keywords: [four]") < out.index("action: answer", out.index("id: b"))
    assert out.rstrip().endswith("stems: true")
    assert "# the charter" in out


def _synthetic_history(seed: int, rows: int) -> str:
    """Messages about the example's topics in words its keywords lack, recurring as a real
    inbox's do, mixed with filler and with praise (no topic)."""
    import csv
    import io
    import random

    rng = random.Random(seed)
    vocabulary = {
        ("corps-etranger", "escalate"): ["trombone", "agrafe", "ficelle", "punaise"],
        ("livraison", "answer"): ["chronopost", "colissimo", "expedition", "entrepot"],
        ("recrutement", "answer"): ["embauchez", "saisonnier", "postuler", "intérim"],
    }
    filler = "franchement hier soir ce matin encore une fois dans le paquet de palets pour ma famille".split()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "channel", "text", "expect_action", "expect_topic"])
    for number in range(rows):
        if rng.random() < 0.25:
            writer.writerow([number, "facebook", "Bravo " + " ".join(rng.sample(filler, 5)), "answer", ""])
            continue
        (topic, action), words = rng.choice(list(vocabulary.items()))
        text = " ".join(rng.sample(filler, 4) + [rng.choice(words)] + rng.sample(filler, 3))
        writer.writerow([number, rng.choice(["twitter", "facebook", "email"]), text, action, topic])
    return out.getvalue()


def test_on_a_history_whose_words_recur_it_gains_ten_points_on_rows_it_did_not_learn_from(runner, tmp_path):
    from tests.conftest import FR_PLAYBOOK as shipped

    train, test = tmp_path / "train.csv", tmp_path / "test.csv"
    train.write_text(_synthetic_history(1, 150), encoding="utf-8")
    test.write_text(_synthetic_history(2, 150), encoding="utf-8")
    out = tmp_path / "v2.yaml"

    def figures(playbook):
        result = runner.invoke(app, ["eval", "-p", str(playbook), str(test), "--format", "json"])
        data = json.loads(result.stdout)
        return data["topic"]["accuracy"], data["action"]["accuracy"], len(data["dangerous"])

    before = figures(shipped)
    assert runner.invoke(app, ["suggest", "-p", str(shipped), str(train), "--write", str(out)]).exit_code == 0
    after = figures(out)
    assert after[0] >= before[0] + 0.10, (before, after)
    assert after[1] >= before[1] and after[2] <= before[2], (before, after)
    assert runner.invoke(app, ["lint", str(out)]).exit_code == 0
