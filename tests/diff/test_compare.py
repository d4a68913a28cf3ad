"""compare(old, new): one test per kind of change, and the changes that are none."""

from __future__ import annotations

import copy

import pytest
import yaml

from cmkit.diffing import Change, compare
from cmkit.trusted import load_playbook
from conftest import EXAMPLE_PLAYBOOKS

BASE = {
    "cmkit": 1,
    "organization": {"name": "Maison Test", "language": "fr", "reports_to": "direction générale"},
    "objectives": [{"id": "vite", "statement": "Répondre vite", "kpi": "délai médian", "target": "1h"}],
    "channels": [
        {"id": "twitter", "expected_response": "1h"},
        {"id": "email", "public": False, "expected_response": "1d"},
    ],
    "tone": {"address": "vous", "do": ["remercier"], "forbidden": ["pas de notre ressort"]},
    "autonomy": {"may": ["s'excuser"], "must_not": ["promettre un remboursement"]},
    "contacts": [
        {"id": "sav", "name": "Julie", "respond_within": "1h", "backup": "dg"},
        {"id": "dg", "name": "Claire", "respond_within": "30m"},
    ],
    "topics": [
        {"id": "livraison", "label": "Livraison", "keywords": ["colis"], "action": "answer"},
        {"id": "remboursement", "label": "Remboursement", "keywords": ["rembours*"], "action": "escalate",
         "escalate_to": "sav", "respond_within": "2h"},
        {"id": "qualite", "label": "Qualité", "keywords": ["moisi"], "action": "escalate", "escalate_to": "sav"},
        {"id": "produits", "label": "Produits", "keywords": ["prix"], "action": "answer"},
    ],
    "default": {"action": "escalate", "escalate_to": "sav"},
    "crisis": {"escalate_to": "dg", "respond_within": "30m", "authors": ["journalist"], "followers_at_least": 50000},
    "reporting": {"frequency": "weekly", "recipients": ["dg"], "metrics": ["messages traités"]},
}


@pytest.fixture
def diff(tmp_path):
    """diff(edit) -> the changes from BASE to BASE edited by `edit(data)`."""

    def _diff(edit) -> list[Change]:
        new = copy.deepcopy(BASE)
        edit(new)
        paths = []
        for name, data in (("old.yaml", BASE), ("new.yaml", new)):
            path = tmp_path / name
            path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
            paths.append(path)
        return compare(load_playbook(paths[0]), load_playbook(paths[1]))

    return _diff


def kinds(changes: list[Change]) -> list[tuple[str, str, str]]:
    return [(c.section, c.kind, c.path) for c in changes]


def test_same_playbook_is_no_change(diff):
    assert diff(lambda d: None) == []


@pytest.mark.parametrize("example", EXAMPLE_PLAYBOOKS, ids=lambda p: p.name)
def test_example_against_itself(example):
    assert compare(load_playbook(example), load_playbook(example)) == []


def test_key_order_comments_and_unordered_lists_are_no_change(diff, tmp_path):
    def edit(d):
        d["organization"] = dict(reversed(list(d["organization"].items())))
        d["channels"].reverse()
        d["contacts"].reverse()
        d["objectives"].reverse()
        d["topics"][1]["keywords"] = ["rembours*"]
        d["autonomy"]["may"].reverse()
        d["topics"][0], d["topics"][1] = d["topics"][1], d["topics"][0]  # answer vs escalate: severity decides

    assert diff(edit) == []


def test_explicit_default_equal_to_the_implicit_one_is_no_change(diff):
    def edit(d):
        d["channels"][0]["public"] = True

    assert diff(edit) == []


def test_autonomy_granted_and_withdrawn(diff):
    def edit(d):
        d["autonomy"]["may"] = ["offrir un bon de 10 €"]
        d["autonomy"]["must_not"] = ["répondre à un journaliste"]

    changes = diff(edit)
    assert kinds(changes) == [
        ("autonomy", "granted", "autonomy.may"),
        ("autonomy", "withdrawn", "autonomy.may"),
        ("autonomy", "withdrawn", "autonomy.must_not"),
        ("autonomy", "granted", "autonomy.must_not"),
    ]
    assert changes[0].message == "the CM may now “offrir un bon de 10 €”"
    assert changes[3].message == "the CM is no longer forbidden to “promettre un remboursement”"


def test_topics_added_removed_and_action_changed(diff):
    def edit(d):
        d["topics"][0]["action"] = "escalate"
        d["topics"][0]["escalate_to"] = "sav"
        del d["topics"][3]
        d["topics"].append({"id": "presse", "label": "Presse", "keywords": ["journaliste"], "action": "crisis"})

    changes = diff(edit)
    assert ("topics", "added", "topics[presse]") in kinds(changes)
    assert ("topics", "removed", "topics[produits]") in kinds(changes)
    action = next(c for c in changes if c.path == "topics[livraison].action")
    assert (action.before, action.after, action.message) == ("answer", "escalate", "topic livraison: action: answer → escalate")
    assert next(c for c in changes if c.path == "topics[livraison].escalate_to").after == "sav"


def test_keywords_added_and_removed(diff):
    def edit(d):
        d["topics"][0]["keywords"] = ["colis", "livreur"]
        d["topics"][2]["keywords"] = ["périmé"]

    assert [(c.path, c.kind, c.before, c.after) for c in diff(edit)] == [
        ("topics[livraison].keywords", "added", None, "livreur"),
        ("topics[qualite].keywords", "added", None, "périmé"),
        ("topics[qualite].keywords", "removed", "moisi", None),
    ]


def test_deadlines_tightened_and_loosened(diff):
    def edit(d):
        d["topics"][1]["respond_within"] = "1h"
        d["channels"][0]["expected_response"] = "2h"
        d["contacts"][0]["respond_within"] = "45m"
        del d["crisis"]["respond_within"]
        d["default"]["respond_within"] = "4h"

    changes = {c.path: c for c in diff(edit)}
    assert changes["topics[remboursement].respond_within"].kind == "tightened"
    assert (changes["topics[remboursement].respond_within"].before, changes["topics[remboursement].respond_within"].after) == (120, 60)
    assert changes["topics[remboursement].respond_within"].message == "topic remboursement: answer due: tightened from 2h to 1h"
    assert changes["channels[twitter].expected_response"].kind == "loosened"
    assert changes["contacts[sav].respond_within"].kind == "tightened"
    assert changes["crisis.respond_within"].kind == "loosened"
    assert changes["crisis.respond_within"].message == "crisis response: loosened from 30m to no deadline"
    assert changes["default.respond_within"].kind == "tightened"  # a deadline where there was none


def test_referents_and_backups(diff):
    def edit(d):
        d["contacts"][0]["backup"] = None
        d["contacts"][1]["name"] = "Claire Dupuis"
        d["contacts"].append({"id": "qualite", "name": "Sophie", "respond_within": "1h", "backup": "dg"})
        d["topics"][2]["escalate_to"] = "qualite"

    changes = diff(edit)
    assert kinds(changes) == [
        ("contacts", "added", "contacts[qualite]"),
        ("contacts", "changed", "contacts[sav].backup"),
        ("contacts", "changed", "contacts[dg].name"),
        ("topics", "changed", "topics[qualite].escalate_to"),
    ]
    assert changes[0].message == "referent qualite added: Sophie, answers within 1h"
    assert changes[1].message == "referent sav: backup: dg → —"


def test_tone_changes(diff):
    def edit(d):
        d["tone"]["address"] = "tu"
        d["tone"]["forbidden"].append("comme indiqué précédemment")
        d["tone"]["emoji"] = True

    assert [(c.path, c.kind, c.after) for c in diff(edit)] == [
        ("tone.address", "changed", "tu"),
        ("tone.emoji", "changed", True),
        ("tone.forbidden", "added", "comme indiqué précédemment"),
    ]


def test_channels_added_removed_and_public(diff):
    def edit(d):
        d["channels"][1]["public"] = True
        d["channels"].append({"id": "instagram", "expected_response": "4h"})
        del d["channels"][0]

    assert kinds(diff(edit)) == [
        ("channels", "added", "channels[instagram]"),
        ("channels", "removed", "channels[twitter]"),
        ("channels", "changed", "channels[email].public"),
    ]


def test_crisis_triggers(diff):
    def edit(d):
        d["crisis"]["authors"] = ["journalist", "influencer"]
        d["crisis"]["followers_at_least"] = 20000
        d["crisis"]["spread"] = {"channels": 3, "within": "24h"}
        d["crisis"]["escalate_to"] = "sav"

    changes = {c.path: c for c in diff(edit)}
    assert changes["crisis.authors"].after == "influencer" and changes["crisis.authors"].kind == "added"
    assert (changes["crisis.followers_at_least"].before, changes["crisis.followers_at_least"].after) == (50000, 20000)
    assert changes["crisis.followers_at_least"].message.endswith("(more authors now make a crisis)")
    assert changes["crisis.spread"].after == "3 channels within 1d"
    assert changes["crisis.escalate_to"].message == "crises go to: dg → sav"


def test_crisis_and_reporting_sections_removed(diff):
    def edit(d):
        del d["crisis"]
        del d["reporting"]

    assert [(c.kind, c.path, c.message) for c in diff(edit)] == [
        ("removed", "crisis", "crisis section removed (crises go to: dg)"),
        ("removed", "reporting", "reporting section removed (frequency: weekly)"),
    ]


def test_crisis_section_added(diff, tmp_path):
    without = copy.deepcopy(BASE)
    del without["crisis"]
    old_path, new_path = tmp_path / "a.yaml", tmp_path / "b.yaml"
    old_path.write_text(yaml.safe_dump(without, allow_unicode=True), encoding="utf-8")
    new_path.write_text(yaml.safe_dump(BASE, allow_unicode=True), encoding="utf-8")
    changes = compare(load_playbook(old_path), load_playbook(new_path))
    assert [(c.kind, c.before, c.after, c.message) for c in changes] == [
        ("added", None, "dg", "crisis section added (crises go to: dg)")
    ]


def test_reporting_changes(diff):
    def edit(d):
        d["reporting"]["frequency"] = "monthly"
        d["reporting"]["recipients"].append("sav")
        d["reporting"]["metrics"] = ["délai médian"]

    assert kinds(diff(edit)) == [
        ("reporting", "changed", "reporting.frequency"),
        ("reporting", "added", "reporting.recipients"),
        ("reporting", "added", "reporting.metrics"),
        ("reporting", "removed", "reporting.metrics"),
    ]


def test_organisation_and_objectives(diff):
    def edit(d):
        d["organization"]["reports_to"] = "direction marketing"
        d["objectives"][0]["target"] = "30m"

    assert [c.message for c in diff(edit)] == [
        "community management reports to: “direction générale” → “direction marketing”",
        "objective vite: target: “1h” → “30m”",
    ]


def test_reordering_topics_of_the_same_action_changes_precedence(diff):
    def edit(d):
        d["topics"][1], d["topics"][2] = d["topics"][2], d["topics"][1]

    changes = diff(edit)
    assert [(c.kind, c.before, c.after) for c in changes] == [
        ("precedence", ["remboursement", "qualite"], ["qualite", "remboursement"])
    ]
    assert changes[0].message.startswith("escalate topics: the first in the file wins a tie")


def test_contact_order_counts_only_without_a_default_section(diff):
    def reorder_without_default(d):
        del d["default"]
        d["contacts"].reverse()

    changes = diff(reorder_without_default)
    assert [(c.path, c.before, c.after) for c in changes] == [
        ("default.escalate_to", "sav", "dg"),
    ]


def test_default_written_out_as_the_implicit_one_is_no_change(diff):
    """BASE's default escalates to sav, the first contact, without a deadline of its own: the same
    as no default section at all."""

    def edit(d):
        del d["default"]

    assert diff(edit) == []


def test_objectives_added_and_removed(diff):
    def edit(d):
        d["objectives"] = [{"id": "ecoute", "statement": "Faire remonter les attentes", "kpi": "remontées"}]

    assert [(c.kind, c.path, c.message) for c in diff(edit)] == [
        ("added", "objectives[ecoute]", "objective ecoute added: “Faire remonter les attentes”"),
        ("removed", "objectives[vite]", "objective vite removed (“Répondre vite”)"),
    ]


def test_reordering_crisis_topics_changes_which_one_decides(tmp_path):
    """A crisis names the first matched crisis topic, so their order is precedence too."""
    crisis_topics = [
        {"id": "presse", "label": "Presse", "keywords": ["journaliste"], "action": "crisis"},
        {"id": "danger", "label": "Danger", "keywords": ["brûlure"], "action": "crisis"},
    ]
    versions = []
    for name, topics in (("a.yaml", crisis_topics), ("b.yaml", crisis_topics[::-1])):
        data = copy.deepcopy(BASE)
        data["topics"] += topics
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        versions.append(load_playbook(path))
    assert [(c.kind, c.before, c.after) for c in compare(*versions)] == [
        ("precedence", ["presse", "danger"], ["danger", "presse"])
    ]
