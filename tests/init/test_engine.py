"""The answers replace what only the client knows; the result is checked before it is returned."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cmkit.errors import UsageError
from cmkit.scaffold import Answers, Referent, scaffold


def data_for(**answers) -> dict:
    return yaml.safe_load(scaffold(Answers(**{"name": "Atelier Nord", "language": "fr", **answers})))


def test_organisation_answers():
    data = data_for(sector="épicerie fine")
    assert data["organization"] == {
        "name": "Atelier Nord", "sector": "épicerie fine", "language": "fr", "reports_to": "direction générale"
    }


def test_channels_replace_the_presets_in_the_given_order():
    data = data_for(channels={"twitter": 30, "tiktok": 240})
    assert data["channels"] == [
        {"id": "twitter", "name": "X / Twitter", "expected_response": "30m"},
        {"id": "tiktok", "name": "Tiktok", "expected_response": "4h"},
    ]


def test_referent_answers_change_name_deadline_and_backup():
    data = data_for(referents={
        "service-client": Referent(name="Nadia Haddad", respond_within=45, backup=""),
        "marketing": Referent(backup="direction"),
    })
    contacts = {contact["id"]: contact for contact in data["contacts"]}
    assert contacts["service-client"] == {
        "id": "service-client", "name": "Nadia Haddad", "role": "Responsable du service client", "respond_within": "45m"
    }
    assert contacts["marketing"]["backup"] == "direction"
    assert contacts["marketing"]["name"] == "Thomas Roux"  # untouched answers keep the preset's


def test_autonomy_answers_replace_the_lists():
    data = data_for(may=["s'excuser"], must_not=["promettre un remboursement"])
    assert data["autonomy"] == {"may": ["s'excuser"], "must_not": ["promettre un remboursement"]}


def test_unknown_referent_is_refused_with_the_known_ones():
    with pytest.raises(UsageError, match="no referent 'sav'.*service-client"):
        scaffold(Answers(name="X", language="fr", referents={"sav": Referent(name="Julie")}))


def test_answers_that_break_the_playbook_are_refused_before_anything_is_written():
    with pytest.raises(UsageError, match="do not make a valid playbook"):
        scaffold(Answers(name="X", language="fr", referents={"direction-adjointe": Referent(backup="direction")}))
    with pytest.raises(UsageError, match="do not make a valid playbook"):
        scaffold(Answers(name="X", referents={"ceo": Referent(backup="nobody")}))


def test_unknown_preset_and_language():
    with pytest.raises(UsageError, match="no preset 'bank'"):
        scaffold(Answers(name="X", preset="bank"))
    with pytest.raises(UsageError, match="no language 'de'"):
        scaffold(Answers(name="X", language="de"))


def test_texts_that_need_quoting_survive():
    tricky = ["dire « oui » : jamais", "#1 des ventes", "- une liste ?", "yes", "10: 30"]
    data = data_for(may=tricky, name="L'Atelier: Nord #2")
    assert data["autonomy"]["may"] == tricky
    assert data["organization"]["name"] == "L'Atelier: Nord #2"


@settings(max_examples=30, deadline=None)
@given(st.lists(
    st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=140)
    .map(str.strip).filter(bool),
    min_size=1, max_size=4,
))
def test_any_autonomy_text_survives_the_yaml_writer(items):
    """Quoting, folding and flow lists never change what the consultant typed."""
    assert data_for(may=items)["autonomy"]["may"] == items
