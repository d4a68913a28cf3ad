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
        {"id": "twitter", "max_length": 280, "name": "X / Twitter", "expected_response": "30m"},
        {"id": "tiktok", "name": "Tiktok", "expected_response": "4h"},
    ]


def test_referent_answers_change_name_contact_deadline_and_backup():
    data = data_for(referents={
        "service-client": Referent(
            name="Nadia Haddad", respond_within=45, backup="", phone="+33 6 12 34 56 78", on_call=True
        ),
        "marketing": Referent(backup="direction"),
        "juridique": Referent(email=""),
    })
    contacts = {contact["id"]: contact for contact in data["contacts"]}
    assert contacts["service-client"] == {
        "id": "service-client", "name": "Nadia Haddad", "role": "Responsable du service client",
        "email": "julie.martin@example.org",  # kept: a renamed referent's address is asked, never dropped silently
        "phone": "+33 6 12 34 56 78", "respond_within": "45m", "on_call": True,
    }
    assert contacts["marketing"]["backup"] == "direction"
    assert contacts["marketing"]["name"] == "Thomas Roux"  # untouched answers keep the preset's
    assert "email" not in contacts["juridique"]


def test_new_referents_are_added_after_the_presets():
    data = data_for(referents={"avocat": Referent(name="Maître Blanc", respond_within=1440, email="b@blanc.fr")})
    assert data["contacts"][-1] == {"id": "avocat", "name": "Maître Blanc", "email": "b@blanc.fr", "respond_within": "1d"}


def test_removed_referents_hand_over_to_their_backup():
    data = data_for(removed=["juridique", "communication"])
    ids = [contact["id"] for contact in data["contacts"]]
    assert "juridique" not in ids and "communication" not in ids
    topics = {topic["id"]: topic for topic in data["topics"]}
    assert topics["juridique"]["escalate_to"] == "direction"  # juridique → communication → direction
    assert {c["id"]: c.get("backup") for c in data["contacts"]}["marketing"] == "direction"
    with pytest.raises(UsageError, match="il n’y a pas de référent «\xa0nobody\xa0» à retirer"):
        data_for(removed=["nobody"])
    with pytest.raises(UsageError, match="there is no referent 'nobody' to remove"):
        data_for(removed=["nobody"], language="en")


def test_hours_and_document_answers():
    from datetime import date

    data = data_for(timezone="America/Montreal", open_hours={"mon-fri": "08:00-17:00"}, version="0.9",
                    author="Cabinet Morel", approved_by=["direction", "marketing"], date=date(2026, 12, 1))
    assert data["hours"] == {"timezone": "America/Montreal", "open": {"mon-fri": "08:00-17:00"}}
    assert data["document"] == {"version": "0.9", "date": date(2026, 12, 1), "author": "Cabinet Morel",
                                "approved_by": ["direction", "marketing"]}


def test_autonomy_answers_replace_the_lists():
    data = data_for(may=["s'excuser"], must_not=["promettre un remboursement"])
    assert data["autonomy"] == {"may": ["s'excuser"], "must_not": ["promettre un remboursement"]}


def test_a_new_referent_needs_a_name():
    with pytest.raises(UsageError, match="le nouveau référent «\xa0sav\xa0» doit avoir un nom"):
        scaffold(Answers(name="X", language="fr", referents={"sav": Referent(respond_within=60)}))
    with pytest.raises(UsageError, match="new referent 'sav' needs a name"):
        scaffold(Answers(name="X", language="en", referents={"sav": Referent(respond_within=60)}))


def test_answers_that_break_the_playbook_are_refused_before_anything_is_written():
    with pytest.raises(UsageError, match="ne donnent pas une charte valide"):
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
