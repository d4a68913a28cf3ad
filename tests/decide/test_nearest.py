"""The `suggested_topic` hint: the closest topic by examples, for messages nothing matched."""

from __future__ import annotations

from cmkit.decide.engine import Decider, Message
from cmkit.decide.nearest import NearestTopic
from cmkit.trusted import load_playbook


def test_the_closest_topic_by_examples_with_the_words_that_weighed():
    nearest = NearestTopic(
        {
            "livraison": ["Mon colis n'est jamais arrivé", "le livreur a laissé le colis sous la pluie"],
            "recrutement": ["je cherche un stage", "vous prenez des alternants ?"],
        }
    )
    hint = nearest.suggest("toujours pas de colis depuis lundi")
    assert hint is not None and hint["id"] == "livraison" and hint["words"] == ["colis"]
    assert nearest.suggest("bonjour merci") is None  # no word that points anywhere


def test_it_never_changes_the_decision_and_only_comes_without_a_topic(write):
    path = write(
        "playbook.yaml",
        """cmkit: 1
organization: {name: Test, language: fr}
objectives: [{id: o, statement: s}]
contacts: [{id: sav, name: Julie}]
topics:
  - id: livraison
    label: Livraison
    keywords: [livraison]
    action: answer
    examples: ["Mon colis n'est jamais arrivé", "le livreur a perdu mon colis"]
""",
    )
    decider = Decider(load_playbook(path))
    unmatched = decider.decide(Message("toujours pas de colis"))
    assert unmatched.action == "escalate" and unmatched.topic is None
    assert unmatched.suggested_topic["id"] == "livraison"
    assert decider.decide(Message("la livraison est en retard")).suggested_topic is None
    decider.learn_from([("livraison", "où est passé mon carton")])
    assert decider.decide(Message("carton introuvable")).suggested_topic["id"] == "livraison"
